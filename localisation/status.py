"""Which translations are out of date: the source page was published after its translation.

A translation made in the translation editor is published from the source text as it was
then; when editors publish the Indonesian page again, the English page no longer says what
it says until a translator syncs and publishes it. Comparing the two publish times needs no
bookkeeping of its own and holds for translations made any way (docs/english.md).
"""

from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Page

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
