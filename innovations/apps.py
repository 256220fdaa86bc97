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

        # A taxonomy shows on every page of the catalogue: its edits start a new generation.
        for model in (
            models.Region,
            models.Agency,
            models.Sector,
            models.SustainableDevelopmentGoal,
            models.Award,
        ):
            post_save.connect(invalidate, sender=model, dispatch_uid=f"catalogue-{model}")
            post_delete.connect(invalidate, sender=model, dispatch_uid=f"catalogue-del-{model}")
        # An innovation's own rows drop only what shows that innovation (core.cache tags).
        post_save.connect(innovation_saved, sender=models.InnovationPage, dispatch_uid="inn-save")
        for model in (models.InnovationAward, models.InnovationReplication):
            post_save.connect(innovation_row_changed, sender=model, dispatch_uid=f"inn-{model}")
            post_delete.connect(innovation_row_changed, sender=model, dispatch_uid=f"inn-d-{model}")
        for through in (
            models.InnovationPage.regions.through,
            models.InnovationPage.sectors.through,
            models.InnovationPage.sdgs.through,
        ):
            m2m_changed.connect(innovation_m2m_changed, sender=through, dispatch_uid=f"c-{through}")


# Wagtail writes these on every draft and autosave; the public pages show none of them.
REVISION_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def innovation_saved(sender, instance, update_fields=None, **kwargs):
    from core.cache import invalidate_tags

    if update_fields is not None and set(update_fields) <= REVISION_FIELDS:
        return
    invalidate_tags(*instance.publish_tags())


def innovation_row_changed(sender, instance, **kwargs):
    from core.cache import invalidate_tags

    invalidate_tags(f"innovation:{instance.page_id}", "catalogue", "api:innovations")


def innovation_m2m_changed(sender, instance, reverse=False, **kwargs):
    from core.cache import invalidate, invalidate_tags

    if reverse:
        invalidate()
    else:
        invalidate_tags(*instance.publish_tags())
