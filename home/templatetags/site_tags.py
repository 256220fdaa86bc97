from django import template
from wagtail.models import Page, Site

from core.i18n import DEFAULT_LANGUAGE, active_language

register = template.Library()

MENU_FIELDS = ("id", "title", "url_path", "path", "depth", "translation_key")


def in_reading_language(pages):
    """Each page replaced by its live translation in the language being read, when it has one
    (one query, and only when reading another language than the default): the English header
    lists the English sections under /en/ and keeps those not translated yet in Indonesian."""
    language = active_language()
    if language == DEFAULT_LANGUAGE or not pages:
        return pages
    translations = {
        page.translation_key: page
        for page in Page.objects.live()
        .filter(
            translation_key__in=[page.translation_key for page in pages],
            locale__language_code=language,
        )
        .only(*MENU_FIELDS)
    }
    return [translations.get(page.translation_key, page) for page in pages]


@register.inclusion_tag("components/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = context.get("page")
    items = []
    if site:
        items = in_reading_language(
            list(site.root_page.get_children().live().in_menu().only(*MENU_FIELDS))
        )
    return {"items": items, "current": current, "request": request, "site": site}
