from django import template

from core.cache import CONTENT, derived, tags_digest

register = template.Library()

# Kept until the next publish of anything (the key carries the content token); the timeout
# only frees a superseded list.
ANCESTORS_SECONDS = 24 * 3600


@register.simple_tag
def breadcrumb_ancestors(page):
    """The pages above `page` below the tree root, home first, for the breadcrumbs: kept
    per publish of anything, since any publish may rename or move one of them."""
    return derived.get_or_set(
        f"publications:ancestors:{page.pk}:{tags_digest(CONTENT)}",
        lambda: list(page.get_ancestors().select_related("locale"))[1:],
        ANCESTORS_SECONDS,
    )


@register.simple_tag(takes_context=True)
def query_without(context, name, value=None):
    """The current query string without one filter value (or a whole parameter), for chips."""
    request = context["request"]
    query = request.GET.copy()
    query.pop("halaman", None)
    if value is None:
        query.pop(name, None)
    else:
        query.setlist(name, [v for v in query.getlist(name) if v != str(value)])
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """The current query string pointing at another page of results."""
    query = context["request"].GET.copy()
    query["halaman"] = number
    return f"?{query.urlencode()}"
