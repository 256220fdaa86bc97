"""English analysis on the database search backend (issue 15; docs/english.md).

The database backend has one text-search configuration for every row (`indonesian` on
PostgreSQL, no stemming in SQLite's FTS5), and a per-row configuration would mean forking
modelsearch. Instead the analysis is done here, in Python, the same way for the index and
for the query:

- English pages index one more search field, `english_stems`: their text passed through
  `english_stems()` (possessives dropped, lower case, accents folded, English stop words
  dropped, the Snowball English stemmer), so "vaccination" is indexed as "vaccin" too;
  pages in the default language index nothing there.
- An English reader's query passes through the same function and its stems are ORed into
  the database query (search.service.database_matches), so "vaccinations" meets "vaccin".

The backend then analyses the stems like any other word, in the index and in the query
alike. The engine has its own English analyser (search.conf) and never sees this field
(search.backends drops it from the engine's documents).
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer
from django.conf import settings
from wagtail.search import index

FIELD_NAME = "english_stems"

# Lucene's English stop set (`_english_`), the one the engine's english_stop filter uses.
STOP_WORDS = frozenset(
    (
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into",
        "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then",
        "there", "these", "they", "this", "to", "was", "will", "with",
    )
)  # fmt: skip

# A word, and an English possessive after it ("district's", "citizens’") that is dropped.
_WORD = re.compile(r"(\w+)(?:['\u2019]s?(?!\w))?", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("english")


def _fold(word):
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def english_stems(text, changed_only=False):
    """The English stems of `text`, space-separated, in order (index and query alike).

    `changed_only` keeps only the stems that differ from their word ("vaccin" for
    "vaccination", not "clinic" for "clinic"): the index already holds the words
    themselves, and every extra word lengthens the row, which moves SQLite's BM25 scores
    (its average row length is over every row) for Indonesian pages too."""
    if not text:
        return ""
    words = [_fold(match.group(1).lower()) for match in _WORD.finditer(str(text))]
    words = [word for word in words if word and word not in STOP_WORDS]
    stems = _stemmer().stemWords(words)
    if changed_only:
        stems = [stem for word, stem in zip(words, stems, strict=True) if stem != word]
    return " ".join(stems)


class EnglishStemsField(index.SearchField):
    """A search field on a method of EnglishStemsMixin. modelsearch names a field after the
    class that defines its attribute, which must be a model: here the page model itself."""

    def get_definition_model(self, cls):
        return cls


def search_field():
    """The search field of English stems, for a page model's search_fields."""
    return EnglishStemsField(FIELD_NAME)


_LANGUAGES = {}


def _language_of(locale_id):
    """A locale's language code, from one query for all locales when an id is unknown (an
    index build asks for every page)."""
    if locale_id not in _LANGUAGES:
        from wagtail.models import Locale

        _LANGUAGES.update(Locale.objects.values_list("id", "language_code"))
    return _LANGUAGES.get(locale_id)


def _texts(obj, fields):
    for field in fields:
        if isinstance(field, index.SearchField):
            if field.field_name == FIELD_NAME:
                continue
            value = field.get_value(obj)
            if isinstance(value, list | tuple):
                yield from (str(item) for item in value if item)
            elif isinstance(value, dict):
                yield from (str(item) for item in value.values() if item)
            elif value:
                yield str(value)
        elif isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            if hasattr(related, "all"):
                related = related.all()
            elif callable(related):
                related = [related()]
            else:
                related = [related]
            for item in related:
                yield from _texts(item, field.fields)


class EnglishStemsMixin:
    """A page whose English translation indexes its text's English stems (see above)."""

    def english_stems(self):
        locale = self._state.fields_cache.get("locale")
        language = locale.language_code if locale else _language_of(self.locale_id)
        if language is None or language == settings.LANGUAGE_CODE:
            return ""
        return english_stems(" ".join(_texts(self, self.get_search_fields())), changed_only=True)
