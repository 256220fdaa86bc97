"""The moderation workflow of innovations: the agency's verifier, then a moderator.

Attached to the catalogues that exist; a catalogue created later gets it from
agencies.signals. Names are Indonesian because editors read them in the admin.
"""

from django.db import migrations

WORKFLOW = "Moderasi Inovasi"
VERIFICATION = "Verifikasi OPD"
MODERATION = "Persetujuan Moderator"


def content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def create_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    AgencyVerificationTask = apps.get_model("agencies", "AgencyVerificationTask")
    InnovationIndexPage = apps.get_model("innovations", "InnovationIndexPage")

    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW)
    if created:
        verification = AgencyVerificationTask.objects.create(
            name=VERIFICATION,
            content_type=content_type(apps, "agencies", "agencyverificationtask"),
        )
        moderation = GroupApprovalTask.objects.create(
            name=MODERATION,
            content_type=content_type(apps, "wagtailcore", "groupapprovaltask"),
        )
        moderation.groups.set(Group.objects.filter(name="Moderator"))
        WorkflowTask.objects.create(workflow=workflow, task_id=verification.pk, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task_id=moderation.pk, sort_order=1)
    for catalogue in InnovationIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(page_id=catalogue.pk, defaults={"workflow": workflow})


def delete_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()


class Migration(migrations.Migration):
    dependencies = [("agencies", "0004_verification_task")]

    operations = [migrations.RunPython(create_workflow, delete_workflow)]
