"""The language switcher of the header and the hreflang links of the head (core/i18n.py)."""

from django import template

from core import i18n

register = template.Library()


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context.get("request")
    page = context.get("page")
    if page is not None and not hasattr(page, "translation_key"):
        page = None
    return {"languages": i18n.switcher_links(page, request)}


@register.simple_tag(takes_context=True)
def hreflang_links(context, page):
    return i18n.alternates(page, context.get("request"))


@register.simple_tag(takes_context=True)
def default_language_fallback(context):
    """The default-language URL of a page not yet translated, for the 404 page."""
    return i18n.default_language_fallback(context.get("request"))
