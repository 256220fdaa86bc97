from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = _("Publikasi")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.cache import invalidate

        from . import feeds, models

        models.NewsIndexPage.feeds.update(rss=feeds.NewsRssFeed, atom=feeds.NewsAtomFeed)
        # Partners are listed on the home page (core.cache tag "partners").
        post_save.connect(partners_changed, sender=models.Partner, dispatch_uid="partners")
        post_delete.connect(partners_changed, sender=models.Partner, dispatch_uid="partners-d")
        # A regulation is named on the case studies that rest on it (kept with each one's
        # relations, innovations.models) and in the API: its edits start a new generation.
        post_save.connect(invalidate, sender=models.Regulation, dispatch_uid="regulations")
        post_delete.connect(invalidate, sender=models.Regulation, dispatch_uid="regulations-d")
        # A category is named on the news cards kept per news publish (news_derived).
        post_save.connect(invalidate, sender=models.NewsCategory, dispatch_uid="news-category")
        post_delete.connect(invalidate, sender=models.NewsCategory, dispatch_uid="news-cat-d")


def partners_changed(**kwargs):
    from core.cache import invalidate_tags

    invalidate_tags("partners")
