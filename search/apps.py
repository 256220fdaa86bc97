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

        # Searches answered from the response cache are counted too (search.log).
        from core.cache import register_hit_hook

        from .log import search_log

        register_hit_hook("search-log", search_log.record)

        # What the search page shows besides pages: a change drops its cached answers (they
        # depend on "content", which invalidate_tags renews).
        from wagtail.contrib.search_promotions.models import Query, SearchPromotion

        from core.cache import invalidate_tags
        from publications.models import Regulation

        from .models import PopularSearch

        def search_content_changed(**kwargs):
            invalidate_tags()

        for model in (SearchSynonym, SearchPromotion, Query, PopularSearch, Regulation):
            for signal in (post_save, post_delete):
                signal.connect(
                    search_content_changed,
                    sender=model,
                    weak=False,
                    dispatch_uid=f"search-cache-{model.__name__}-{id(signal)}",
                )

        # The catalogue's filters, counts and sorts run on the engine when one is configured.
        from innovations import cache as catalogue_cache

        from .catalogue import engine_for

        catalogue_cache.catalogue_engine = engine_for
