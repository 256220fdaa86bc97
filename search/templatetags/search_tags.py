from urllib.parse import urlencode

from django import template

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
def facet_query(params, facet, value):
    """The query string with one facet set (or removed when value is empty), from page 1."""
    return _with(params, facet, value)


@register.simple_tag
def page_query(params, number):
    return _with(params, "halaman", number)
