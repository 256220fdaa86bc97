from django import template

register = template.Library()


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
