from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Beranda dan pengaturan situs")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.cache import invalidate

        from . import models

        # Navigation and footer show on every page: their edits start a new cache generation.
        for model in (models.SiteSettings, models.NavigationLink):
            post_delete.connect(invalidate, sender=model, dispatch_uid=f"home-del-{model}")
        post_save.connect(invalidate, sender=models.NavigationLink, dispatch_uid="home-nav-save")
        post_save.connect(settings_saved, sender=models.SiteSettings, dispatch_uid="home-settings")


def settings_saved(sender, instance, created=False, **kwargs):
    """An edit of the site settings starts a new cache generation. A row created by
    `for_site()` while a page renders holds only the defaults that page already shows:
    dropping that answer would make the first request after a deploy never cached."""
    from core.cache import invalidate

    if not created:
        invalidate()
