"""Cleaning what people type into the search box.

Anything may arrive: 100 KB of text, query syntax, unbalanced quotes, emoji, control
characters, or bytes that were not UTF-8 (Django decodes those to U+FFFD). The search must
answer quickly and never fail, so the query is reduced to printable text of bounded length.
"""

import re
import unicodedata

MAX_QUERY_LENGTH = 120
MAX_QUERY_WORDS = 12

_WHITESPACE = re.compile(r"\s+")


def clean_query(raw):
    """Return the query as printable, whitespace-normalised text of bounded length."""
    if not raw:
        return ""
    text = raw[: MAX_QUERY_LENGTH * 4]
    text = unicodedata.normalize("NFKC", text)
    kept = []
    for char in text:
        category = unicodedata.category(char)
        # Control, format, surrogate, private-use and unassigned characters, and the
        # replacement character left by undecodable bytes, carry no meaning for search.
        if category[0] == "C" or char == "\ufffd":
            kept.append(" ")
        else:
            kept.append(char)
    text = _WHITESPACE.sub(" ", "".join(kept)).strip()
    words = text.split(" ")[:MAX_QUERY_WORDS]
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


_WORD = re.compile(r"\w+", re.UNICODE)


def query_words(query):
    """The words of a cleaned query, lower-cased, without query-syntax characters."""
    return [word.lower() for word in _WORD.findall(query)]


def plain_query(query):
    """The query as words separated by spaces: safe for every backend's parser."""
    return " ".join(_WORD.findall(query))
