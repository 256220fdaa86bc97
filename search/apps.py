from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Pencarian")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published

        from .models import SearchSynonym
        from .signals import page_words_published
        from .synonyms import synonyms_changed

        post_save.connect(synonyms_changed, sender=SearchSynonym, dispatch_uid="search-synonyms")
        post_delete.connect(
            synonyms_changed, sender=SearchSynonym, dispatch_uid="search-synonyms-del"
        )
        page_published.connect(page_words_published, dispatch_uid="search-vocabulary")

        # The catalogue's filters, counts and sorts run on the engine when one is configured.
        from innovations import cache as catalogue_cache

        from .catalogue import engine_for

        catalogue_cache.catalogue_engine = engine_for
