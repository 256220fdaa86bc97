from django import template
from wagtail.models import Page, Site

from core.cache import CONTENT, derived, tags_digest
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


# The menu is on every page: its pages are kept until the next publish of anything (the key
# carries the "content" token, which every publish, unpublish, move or delete renews, and the
# global generation), also when whole answers are not cached.
MENU_SECONDS = 24 * 3600


def menu_pages(site):
    """The site root's live children shown in menus, in tree order."""
    key = f"site:menu:{site.pk}:{site.root_page_id}:{tags_digest(CONTENT)}"
    pages = derived.get(key)
    if pages is None:
        pages = list(site.root_page.get_children().live().in_menu().only(*MENU_FIELDS))
        derived.set(key, pages, MENU_SECONDS)
    return pages


@register.inclusion_tag("components/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = context.get("page")
    items = []
    if site:
        items = in_reading_language(menu_pages(site))
    return {"items": items, "current": current, "request": request, "site": site}
