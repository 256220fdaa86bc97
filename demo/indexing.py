"""Saving many pages without indexing each save, then indexing each page once.

A published demo page is saved three times (add_child, the revision, publish) and each
save re-indexes it for search and re-scans it for the reference index; the reference
index also re-scans every child row. Deferring both and indexing once at the end makes
load_demo about three times faster and leaves the same index behind.
"""

from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch.index import insert_or_update_object
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update


@contextmanager
def search_index_paused(*models):
    """Save rows of `models` without the per-save search indexing."""
    paused = [
        model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        yield
    finally:
        for model in paused:
            post_save.connect(post_save_signal_handler, sender=model)


@contextmanager
def indexing_deferred(*models):
    """Collect objects in the yielded list; they are indexed once each when the block ends."""
    created = []
    with search_index_paused(*models), disable_reference_index_auto_update():
        yield created
    for instance in created:
        insert_or_update_object(instance)
        ReferenceIndex.create_or_update_for_object(instance)
