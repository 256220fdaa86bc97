"""Which languages a page exists in, for the language switcher and hreflang links.

Indonesian is the default language at unprefixed URLs, English lives under /en/
(docs/english.md). A page's translations share its `translation_key`; the answer is kept on
the request so the header's switcher and the head's hreflang links cost one query together.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, Subquery
from django.http import Http404
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from core.cache import CONTENT, KEPT_SECONDS, derived, generation_key, tags_digest
from core.public_url import public_url

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE
REQUEST_ATTRIBUTE = "_core_page_translations"
TRANSLATIONS_SECONDS = 24 * 3600


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
    # The rows are kept until the next publish of anything (the key carries the "content"
    # token and the global generation), also when whole answers are not cached; their URLs
    # are made for this request.
    key = f"core:translations:{page.translation_key}:{tags_digest(CONTENT)}"
    rows = derived.get(key)
    if rows is None:
        rows = list(
            Page.objects.live()
            .public()
            .filter(translation_key=page.translation_key)
            .select_related("locale")
            .only("id", "url_path", "path", "depth", "locale", "locale__language_code")
        )
        derived.set(key, rows, TRANSLATIONS_SECONDS)
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


def active_locale_id():
    """The primary key of the language being read's Locale (0 where it has none), kept per
    generation: a locale's creation or deletion starts one (core.cache.connect)."""
    code = active_language()
    return derived.get_or_set(
        generation_key("locale", code),
        lambda: Locale.objects.filter(language_code=code).values_list("pk", flat=True).first() or 0,
        KEPT_SECONDS,
    )


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
    studies, the English one their English translations (no extra query).

    The locale is a subquery, not a join: wagtailcore_locale has two rows, too few for
    autovacuum ever to analyse it, and with its size unknown PostgreSQL planned the join by
    walking every live page (20 ms per catalogue query at 10,000 innovations, 2-8 ms as a
    subquery).
    """
    locale = Locale.objects.filter(language_code=active_language()).values("pk")[:1]
    return queryset.filter(locale_id=Subquery(locale))


def in_default_language():
    """The condition for rows in the default language (pages or translatable snippets); also a
    `limit_choices_to` for relations that must point at the records, not their translations."""
    return Q(locale__language_code=DEFAULT_LANGUAGE)


def sources(queryset):
    """Pages in the default language: the records that counts and figures are made of."""
    return queryset.filter(in_default_language())


@dataclass(frozen=True)
class ReadableRule:
    """Which pages a search in the active language shows, in terms of the search index's
    filter fields (`locale` and `translation_key` are Page's FilterFields; a lookup through
    the Locale row, such as locale__language_code, is not indexed and raises
    FilterFieldError): every page of `locale_id`, and when reading another language than the
    default, the default-language pages whose `translation_key` is not in `translated_keys`
    (not translated yet: the glossary makes them findable in English)."""

    locale_id: int | None
    default_locale_id: int | None = None
    translated_keys: tuple = ()


# How long a rule stays in the shared cache: its key changes with every publish, so this only
# bounds how long a superseded one takes space.
READABLE_RULE_SECONDS = 24 * 60 * 60


def readable_rule():
    """The ReadableRule of the active language, from the shared cache while no page has been
    published, unpublished, moved or deleted since it was made ("content" and the global
    generation, core.cache): every search and autocomplete needs it, and in English it lists
    the keys of every live translation."""
    language = active_language()
    key = f"core:readable-rule:{language}:{tags_digest(CONTENT)}"
    rule = derived.get(key)
    if rule is None:
        rule = _readable_rule(language)
        derived.set(key, rule, READABLE_RULE_SECONDS)
    return rule


def _readable_rule(language):
    """The ReadableRule of `language` from the database: one query for the locales, one more
    for the keys of the live translations when the language is not the default one."""
    ids = dict(
        Locale.objects.filter(language_code__in={language, DEFAULT_LANGUAGE}).values_list(
            "language_code", "id"
        )
    )
    if language == DEFAULT_LANGUAGE or language not in ids:
        return ReadableRule(locale_id=ids.get(DEFAULT_LANGUAGE))
    keys = Page.objects.live().filter(locale_id=ids[language]).values_list("translation_key")
    return ReadableRule(
        locale_id=ids[language],
        default_locale_id=ids.get(DEFAULT_LANGUAGE),
        translated_keys=tuple(str(key) for (key,) in keys),
    )


def readable_pages(queryset, rule=None):
    """Pages a reader of the active language searches: Indonesian pages in Indonesian; in
    English the English pages and the Indonesian pages not translated yet, never a page and
    its translation both. Only indexed filter fields, so a search backend can filter on it."""
    rule = rule or readable_rule()
    shown = Q(locale_id=rule.locale_id)
    if rule.default_locale_id is not None:
        untranslated = Q(locale_id=rule.default_locale_id)
        if rule.translated_keys:
            untranslated &= ~Q(translation_key__in=rule.translated_keys)
        shown |= untranslated
    return queryset.filter(shown)
