from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationsConfig(AppConfig):
    name = "innovations"
    verbose_name = _("Katalog inovasi")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from core.cache import invalidate

        from . import models, views

        # The catalogue page's routes are served by the views module; the models never
        # import it (it imports them).
        models.InnovationIndexPage.route_views.update(
            catalogue=views.catalogue, compare=views.compare, map=views.innovation_map
        )

        # Anything the catalogue, its pages or the API show starts a new cache generation.
        watched = [
            models.InnovationPage,
            models.InnovationAward,
            models.InnovationReplication,
            models.Region,
            models.Agency,
            models.Sector,
            models.SustainableDevelopmentGoal,
            models.Award,
        ]
        for model in watched:
            post_save.connect(invalidate, sender=model, dispatch_uid=f"catalogue-{model}")
            post_delete.connect(invalidate, sender=model, dispatch_uid=f"catalogue-del-{model}")
        for through in (
            models.InnovationPage.regions.through,
            models.InnovationPage.sectors.through,
            models.InnovationPage.sdgs.through,
        ):
            m2m_changed.connect(invalidate, sender=through, dispatch_uid=f"cat-{through}")
