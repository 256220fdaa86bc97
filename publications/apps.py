from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = _("Publikasi")

    def ready(self):
        from . import feeds, models

        models.NewsIndexPage.feeds.update(rss=feeds.NewsRssFeed, atom=feeds.NewsAtomFeed)
