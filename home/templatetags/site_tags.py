from django import template
from django.template.loader import render_to_string
from wagtail.models import Page, Site

from core.cache import CONTENT, derived, rendered_once, tags_digest
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


# The menu is on every page: its pages, in the language being read, are kept until the next
# publish of anything (the key carries the "content" token, which every publish, unpublish,
# move or delete renews, and the global generation), also when whole answers are not cached;
# its HTML is kept in the worker under the same, per current section.
MENU_SECONDS = 24 * 3600
MENU_TEMPLATE = "components/main_navigation.html"


def menu_key(site):
    return f"{site.pk}:{site.root_page_id}:{active_language()}:{tags_digest(CONTENT)}"


def menu_pages(site):
    """The site root's live children shown in menus, in tree order, each in the language
    being read where it is translated."""
    key = f"site:menu:{menu_key(site)}"
    pages = derived.get(key)
    if pages is None:
        children = site.root_page.get_children().live().in_menu().only(*MENU_FIELDS)
        pages = in_reading_language(list(children))
        derived.set(key, pages, MENU_SECONDS)
    return pages


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The header's menu. Its links only change with a publish, so each worker renders it
    once per site, language and section being read (the one marked as current) until the
    next publish: about a tenth of a small page's rendering, on every page."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = context.get("page")
    items = menu_pages(site) if site else []
    values = {"items": items, "current": current, "request": request, "site": site}
    if site is None:
        return render_to_string(MENU_TEMPLATE, values)
    current_id = getattr(current, "id", None)
    shown = current_id if any(item.id == current_id for item in items) else ""
    key = f"site:menu-html:{menu_key(site)}:{shown}"
    return rendered_once(key, lambda: render_to_string(MENU_TEMPLATE, values), MENU_SECONDS)
