"""Which translations are out of date: the source page was published after its translation.

A translation made in the translation editor is published from the source text as it was
then; when editors publish the Indonesian page again, the English page no longer says what
it says until a translator syncs and publishes it. Comparing the two publish times needs no
bookkeeping of its own and holds for translations made any way (docs/english.md).
Translatable snippets (regulations, partners) have no publish time: they compare the time
each row was last saved (`updated_at`).
"""

from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Page, TranslatableMixin, get_translatable_models

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


@dataclass
class TranslationRow:
    source: Page
    translation: Page | None

    @property
    def out_of_date(self):
        if self.translation is None:
            return False
        published = self.translation.last_published_at
        changed = self.source.last_published_at
        return published is None or (changed is not None and changed > published)


def is_out_of_date(translation):
    """Whether the default-language source of `translation` was published after it."""
    source = (
        Page.objects.filter(
            translation_key=translation.translation_key,
            locale__language_code=DEFAULT_LANGUAGE,
        )
        .only("last_published_at")
        .first()
    )
    return source is not None and TranslationRow(source, translation).out_of_date


def translation_rows(language):
    """Every live source page that has a translation into `language`, with that translation:
    two queries, whatever the number of pages."""
    translations = {
        page.translation_key: page
        for page in Page.objects.filter(locale__language_code=language).only(
            "id", "title", "translation_key", "last_published_at", "live", "depth"
        )
    }
    sources = (
        Page.objects.filter(
            locale__language_code=DEFAULT_LANGUAGE,
            translation_key__in=list(translations),
            depth__gt=1,
        )
        .only("id", "title", "translation_key", "last_published_at", "depth")
        .order_by("path")
    )
    return [TranslationRow(source, translations[source.translation_key]) for source in sources]


def translatable_snippet_models():
    """The translatable non-page models that record when they were last saved."""
    return [
        model
        for model in get_translatable_models()
        if not issubclass(model, Page)
        and any(field.name == "updated_at" for field in model._meta.get_fields())
    ]


@dataclass
class SnippetTranslationRow:
    source: TranslatableMixin
    translation: TranslatableMixin

    @property
    def model_name(self):
        return self.source._meta.verbose_name

    @property
    def out_of_date(self):
        return self.source.updated_at > self.translation.updated_at


def snippet_is_out_of_date(translation):
    """Whether `translation` (a snippet) is older than its default-language source."""
    model = type(translation)
    if model not in translatable_snippet_models() or not translation.pk:
        return False
    source = (
        model.objects.filter(
            translation_key=translation.translation_key,
            locale__language_code=DEFAULT_LANGUAGE,
        )
        .exclude(pk=translation.pk)
        .only("updated_at")
        .first()
    )
    return source is not None and SnippetTranslationRow(source, translation).out_of_date


def snippet_translation_rows(language):
    """Each translatable snippet with a translation into `language`, beside its source: two
    queries per model, whatever the number of rows."""
    rows = []
    for model in translatable_snippet_models():
        translations = {
            row.translation_key: row for row in model.objects.filter(locale__language_code=language)
        }
        sources = model.objects.filter(
            locale__language_code=DEFAULT_LANGUAGE, translation_key__in=list(translations)
        )
        rows += [
            SnippetTranslationRow(source, translations[source.translation_key])
            for source in sources
        ]
    return rows
