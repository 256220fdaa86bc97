"""The moderation workflow of innovations (created by migration agencies/0005)."""

from wagtail.models import Workflow, WorkflowPage

WORKFLOW_NAME = "Moderasi Inovasi"


def moderation_workflow():
    return Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()


def attach_workflow(catalogue):
    """Every innovation under `catalogue` goes through the moderation workflow."""
    workflow = moderation_workflow()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=catalogue, defaults={"workflow": workflow})
