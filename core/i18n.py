"""Which languages a page exists in, for the language switcher and hreflang links.

Indonesian is the default language at unprefixed URLs, English lives under /en/
(docs/english.md). A page's translations share its `translation_key`; the answer is kept on
the request so the header's switcher and the head's hreflang links cost one query together.
"""

from django.conf import settings
from django.http import Http404
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from core.public_url import public_url

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE
REQUEST_ATTRIBUTE = "_core_page_translations"


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def language_name(code):
    return dict(settings.LANGUAGES)[code]


def page_translations(page, request=None):
    """{language code: URL} of the live, public translations of `page`, its own included."""
    if page is None or not getattr(page, "translation_key", None):
        return {}
    cached = getattr(request, REQUEST_ATTRIBUTE, None)
    if cached is not None and cached[0] == page.pk:
        return cached[1]
    rows = (
        Page.objects.live()
        .public()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
        .only("id", "url_path", "path", "depth", "locale", "locale__language_code")
    )
    urls = {}
    for row in rows:
        url = row.get_url(request)
        if url:
            urls[row.locale.language_code] = url
    if request is not None:
        setattr(request, REQUEST_ATTRIBUTE, (page.pk, urls))
    return urls


def alternates(page, request=None):
    """[(hreflang, absolute URL)] of a page that exists in more than one language, with
    x-default on the Indonesian page; empty for a page in one language only."""
    urls = page_translations(page, request)
    if len(urls) < 2:
        return []
    links = [(code, public_url(urls[code])) for code in language_codes() if code in urls]
    if DEFAULT_LANGUAGE in urls:
        links.append(("x-default", public_url(urls[DEFAULT_LANGUAGE])))
    return links


def switcher_links(page, request):
    """One entry per other language: its code, name and the URL of this page in it, or None
    when the page has no translation in that language yet (`fallback` is then the URL of the
    page in the default language, when the reader is not already on it)."""
    current = translation.get_language() or DEFAULT_LANGUAGE
    links = []
    urls = page_translations(page, request) if page is not None else None
    for code in language_codes():
        if code == current:
            continue
        if urls is None:
            # A view that is not a Wagtail page answers in every language at its own path.
            path = request.get_full_path() if request is not None else "/"
            url = translate_url(path, code)
        else:
            url = urls.get(code)
        fallback = None
        if url is None and current != DEFAULT_LANGUAGE:
            fallback = urls.get(DEFAULT_LANGUAGE) if urls else None
        links.append({"code": code, "name": language_name(code), "url": url, "fallback": fallback})
    return links


def locale_for(code):
    """The Wagtail Locale of a language code, or None."""
    return Locale.objects.filter(language_code=code).first()


def default_language_fallback(request):
    """On an English URL that found nothing: the URL of the same path's live page in the
    default language, if there is one (the page has no translation yet), else None."""
    if request is None or translation.get_language() == DEFAULT_LANGUAGE:
        return None
    path = translate_url(request.path, DEFAULT_LANGUAGE)
    if path == request.path:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [part for part in path.split("/") if part]
    try:
        with translation.override(DEFAULT_LANGUAGE):
            page = site.root_page.specific.route(request, components)[0]
    except Http404:
        return None
    return path if page.live else None


def active_language():
    return translation.get_language() or DEFAULT_LANGUAGE


def in_active_language(queryset):
    """Pages of the language being read: the Indonesian catalogue lists Indonesian case
    studies, the English one their English translations (a join, no extra query)."""
    return queryset.filter(locale__language_code=active_language())


def sources(queryset):
    """Pages in the default language: the records that counts and figures are made of."""
    return queryset.filter(locale__language_code=DEFAULT_LANGUAGE)
