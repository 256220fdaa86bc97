from urllib.parse import urlencode

from django import template
from django.utils.safestring import mark_safe

from core.markup import escaped

register = template.Library()


def _with(params, name, value):
    """The query string of `params` (a QueryDict) with `name` set to `value` (removed when
    empty) and without the page number unless `name` is the page number, in the
    QueryDict's own order. A search page links
    every facet value (a hundred links): copying the QueryDict for each cost more than
    building the string."""
    pairs = []
    for key, values in params.lists():
        if key == name:
            if value:
                pairs.append((key, value))
            continue
        if key == "halaman":
            continue
        pairs.extend((key, item) for item in values)
    if value and name not in params:
        pairs.append((name, value))
    return urlencode(pairs)


@register.simple_tag
def page_query(params, number):
    return _with(params, "halaman", number)


FACET_VALUE = (
    '<li><a class="search-facet__value" href="?{query}">{label}'
    ' <span class="search-facet__count">({count})</span></a></li>'
)
SELECTED_FACET_VALUE = (
    '<li><a class="search-facet__value is-selected" aria-current="true" href="?{query}">'
    '{label} <span class="search-facet__count">({count})</span>'
    ' <span class="visually-hidden">{remove}</span></a></li>'
)


@register.simple_tag
def facet_links(params, facet, values, remove):
    """A search facet's values as links (a search page lists about a hundred): each sets the
    facet to its value from page 1, the selected one removes it (`remove` says so to screen
    readers)."""
    rows = []
    for value in values:
        row = SELECTED_FACET_VALUE if value.selected else FACET_VALUE
        query = _with(params, facet, "" if value.selected else value.key)
        rows.append(
            row.format(
                query=escaped(query),
                label=escaped(value.label),
                count=escaped(value.count),
                remove=escaped(remove),
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every part escaped above
