"""Translations go through the same workflow as their source pages (agencies/ attaches the
moderation workflow to the Indonesian catalogue; its English translation gets it too)."""

from django.conf import settings
from django.db.models.signals import post_save
from wagtail.models import Page, WorkflowPage


def share_workflow(sender, instance, created, raw=False, **kwargs):
    if not created or raw or not isinstance(instance, Page):
        return
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        return
    source_workflow = (
        WorkflowPage.objects.filter(
            page__translation_key=instance.translation_key,
            page__locale__language_code=settings.LANGUAGE_CODE,
        )
        .values_list("workflow_id", flat=True)
        .first()
    )
    if source_workflow is not None:
        WorkflowPage.objects.get_or_create(page=instance, defaults={"workflow_id": source_workflow})


def connect():
    post_save.connect(share_workflow, dispatch_uid="localisation.share_workflow")
