"""Template tags of core/seo.html."""

from django import template

from core.public_url import public_url
from core.seo import json_ld_script, social_rendition

register = template.Library()


@register.simple_tag(takes_context=True)
def json_ld(context, page):
    """The page's JSON-LD, or the `structured_data` a view of a routable page prepared."""
    data = context.get("structured_data")
    if data is None and hasattr(page, "structured_data"):
        data = page.structured_data(context.get("request"))
    return json_ld_script(data) if data else ""


@register.simple_tag
def social_image(page):
    """The Open Graph image rendition of a page, or None."""
    return social_rendition(getattr(page, "social_image", None))


@register.simple_tag
def absolute_url(url):
    """An absolute URL on the public base URL (Open Graph, canonical links)."""
    return public_url(url) if url else url
