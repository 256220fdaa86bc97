"""Keep the search vocabulary (search.understanding) up with what is published."""

import logging

logger = logging.getLogger(__name__)


def page_words_published(sender, instance, **kwargs):
    from .understanding import add_to_vocabulary

    texts = [instance.title]
    for name in ("tagline", "summary", "beneficiaries", "search_description"):
        value = getattr(instance, name, "")
        if isinstance(value, str):
            texts.append(value)
    try:
        add_to_vocabulary(texts)
    except Exception:
        # Publishing never fails because of the vocabulary; a rebuild catches up.
        logger.warning("Could not add published words to the search vocabulary", exc_info=True)
