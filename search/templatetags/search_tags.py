from django import template

register = template.Library()


@register.simple_tag
def facet_query(params, facet, value):
    """The query string with one facet set (or removed when value is empty), from page 1."""
    params = params.copy()
    params.pop("halaman", None)
    if value:
        params[facet] = value
    else:
        params.pop(facet, None)
    return params.urlencode()


@register.simple_tag
def page_query(params, number):
    params = params.copy()
    params["halaman"] = number
    return params.urlencode()
