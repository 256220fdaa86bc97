"""Each item's representation, kept between responses until that item changes.

The response cache keeps whole answers, and one publish of an innovation drops every
innovation answer (a listing of any filter, order or page may show it). The answers built
again after it show mostly the same innovations: each item's representation is therefore
kept on its own, under the item's publish token and the content generation (taxonomies,
images, counters, view restrictions: what an item shows of the rest of the site), so a
rebuilt listing serialises only the items that changed. Serialising an innovation with its
nested agency, regions, sectors, goals and image is about a millisecond of Python.
"""

import hashlib

from django.utils.translation import get_language

from core.cache import kept_items

# As long as the cards of the same innovations (innovations.models.cached_cards).
KEPT_SECONDS = 6 * 60 * 60


def question_digest(request, question):
    """What besides the item shapes its representation: the fields asked for (`question`),
    the language, and the scheme and host the absolute URLs are built on."""
    raw = f"{question}|{get_language()}|{request.scheme}|{request.get_host()}"
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def kept_representations(request, question, pks, item_tag, build):
    """The representations of the items `pks` in their order: those kept under the current
    tokens from the cache, the others made by `build(missing pks)` ({pk: representation};
    an item gone in the meantime is left out) and kept. `item_tag` names the tag a publish
    of one item renews ("innovation:{}")."""
    if not pks:
        return []
    prefix = f"api:item:{question_digest(request, question)}"
    found, _tokens = kept_items(prefix, pks, item_tag, build, KEPT_SECONDS)
    return [found[pk] for pk in pks if pk in found]
