from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "competitions"
    verbose_name = _("Kompetisi inovasi")

    def ready(self):
        from . import models, views

        # The page's routes are served by the views module; models never import views.
        models.CompetitionPage.route_views.update(
            overview=views.overview, objection=views.objection
        )
