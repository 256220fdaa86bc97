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
            post_save.connect(invalidate, sender=model, dispatch_uid=f"home-{model}")
            post_delete.connect(invalidate, sender=model, dispatch_uid=f"home-del-{model}")
