"""A safe server-side highlighter, used when the engine gives no highlight (database backend).

Text is stripped of HTML and escaped; only the <mark> elements added here are markup.
Words match by prefix and by a rough Indonesian stem, so that "layanan" marks "pelayanan".
"""

import html
import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

_TOKEN = re.compile(r"\w+", re.UNICODE)
_PREFIXES = ("memper", "menge", "meng", "meny", "mem", "men", "me", "peng", "peny", "pem", "pen")
_PREFIXES += ("per", "pe", "ber", "be", "di", "ke", "se", "ter")
_SUFFIXES = ("nya", "kan", "an", "i")


# A result page highlights twenty titles and snippets with the same few hundred words:
# folding and stemming each word once per worker, not once per occurrence.
@lru_cache(maxsize=8192)
def fold(text):
    """Lower case without accents: "Café" -> "cafe"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=8192)
def rough_stem(word):
    """A crude Indonesian stem: enough to relate "pelayanan" to "layanan", not a stemmer."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            return word[len(prefix) :]
    return word


def _matcher(words):
    folded = [fold(word) for word in words if word]
    stems = {rough_stem(word) for word in folded if len(word) >= 4}

    answers = {}

    def matches(token):
        # A text repeats its words, and highlight() asks again of the excerpt's: once each.
        if token not in answers:
            key = fold(token)
            answers[token] = any(key.startswith(word) for word in folded if len(word) >= 2) or (
                len(key) >= 4 and rough_stem(key) in stems
            )
        return answers[token]

    return matches


def plain_text(value):
    """Text of a possibly rich-text value, without tags or entities."""
    text = str(value or "")
    if "<" in text or "&" in text:
        # Django's strip_tags parses the text: only for text that may hold markup (a
        # result page's titles and kept snippet sources mostly hold none).
        text = html.unescape(strip_tags(text))
    return " ".join(text.split())


def highlight(text, words, max_length=220):
    """Return an escaped excerpt of `text` around the first match, matches in <mark>."""
    text = plain_text(text)
    if not text:
        return ""
    matches = _matcher(words)
    first = next((token for token in _TOKEN.finditer(text) if matches(token.group())), None)
    start = 0
    if first is not None and first.start() > max_length // 3:
        start = text.rfind(" ", 0, first.start() - max_length // 4) + 1
    end = min(len(text), start + max_length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    excerpt = text[start:end]
    parts = []
    position = 0
    for token in _TOKEN.finditer(excerpt):
        if matches(token.group()):
            parts.append(escape(excerpt[position : token.start()]))
            parts.append(f"<mark>{escape(token.group())}</mark>")
            position = token.end()
    parts.append(escape(excerpt[position:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every piece escaped above


def clean_engine_fragment(fragment):
    """An engine fragment, built with the HTML encoder: text escaped, only <mark> added.

    The fields highlighted may hold rich text, whose tags arrive escaped; drop them, and keep
    nothing but escaped text and the highlighter's own <mark> pairs.
    """
    pieces = re.split(r"(<mark>|</mark>)", fragment)
    cleaned = []
    for piece in pieces:
        if piece in ("<mark>", "</mark>"):
            cleaned.append(piece)
        else:
            cleaned.append(escape(re.sub(r"\s+", " ", strip_tags(html.unescape(piece)))))
    return mark_safe("".join(cleaned).strip())  # noqa: S308 - text escaped above
