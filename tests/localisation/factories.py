"""English translations of pages, made the way the translation editor makes them (a copy in
the English locale with the same translation_key), then given English text and published."""

from wagtail.models import Locale


def english():
    return Locale.objects.get_or_create(language_code="en")[0]


def translate(page, **fields):
    """The published English translation of `page` (its parent must be translated first)."""
    copy = page.specific.copy_for_translation(english())
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def translate_snippet(snippet, **fields):
    """The English translation of a translatable snippet (a copy in the English locale with
    the same translation_key), given English text."""
    copy = snippet.copy_for_translation(english())
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy


def translated_section(home_page, factory, title):
    """A section made by `factory` under the home page, the two translated into English (the
    section as `title`): the parents an English page needs."""
    section = factory(parent=home_page)
    translate(home_page, title="Home")
    translate(section, title=title)
    return section
