"""Dashboard panels per role: an officer's innovations with their state, the moderators'
review queue with waiting times, and the audit log of an agency. Each is one or two
queries whatever the number of rows."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

from innovations.models import InnovationPage

from . import access
from .workflow import moderation_workflow

PANEL_ROWS = 50
# An innovation not republished for this long is flagged as stale on the officer's dashboard.
STALE_AFTER = datetime.timedelta(days=365)


class State:
    DRAFT = _("Draf")
    WAITING = _("Menunggu tinjauan")
    CHANGES_REQUESTED = _("Perlu perbaikan")
    LIVE = _("Terbit")
    STALE = _("Perlu diperbarui")


def agency_innovations(agency_ids, limit=PANEL_ROWS):
    """The innovations of the agencies with their workflow state, newest edits first."""
    page_type = ContentType.objects.get_for_model(Page)
    latest_state = WorkflowState.objects.filter(
        base_content_type=page_type, object_id=Cast(OuterRef("pk"), CharField())
    ).order_by("-created_at")
    pages = (
        InnovationPage.objects.filter(agency_id__in=agency_ids)
        .select_related("agency")
        .annotate(
            workflow_status=Subquery(latest_state.values("status")[:1]),
            workflow_task=Subquery(latest_state.values("current_task_state__task__name")[:1]),
        )
        .order_by("-latest_revision_created_at", "title")
        .only(
            "id",
            "title",
            "draft_title",
            "live",
            "has_unpublished_changes",
            "last_published_at",
            "latest_revision_created_at",
            "agency__name",
        )
    )
    rows = list(pages[:limit])
    for page in rows:
        page.state = state_of(page)
    return rows


def state_of(page, now=None):
    now = now or timezone.now()
    if page.workflow_status == WorkflowState.STATUS_IN_PROGRESS:
        return State.WAITING
    if page.workflow_status == WorkflowState.STATUS_NEEDS_CHANGES:
        return State.CHANGES_REQUESTED
    if not page.live:
        return State.DRAFT
    if page.last_published_at and now - page.last_published_at > STALE_AFTER:
        return State.STALE
    return State.LIVE


def review_queue(limit=PANEL_ROWS):
    """Task states waiting in the moderation workflow, oldest first, with their pages."""
    workflow = moderation_workflow()
    if workflow is None:
        return []
    states = list(
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS, workflow_state__workflow=workflow
        )
        .select_related("task", "workflow_state__requested_by")
        .order_by("started_at")[:limit]
    )
    page_ids = [int(state.workflow_state.object_id) for state in states]
    pages = InnovationPage.objects.select_related("agency").in_bulk(page_ids)
    now = timezone.now()
    for state in states:
        state.page = pages.get(int(state.workflow_state.object_id))
        state.waiting = now - state.started_at
    return [state for state in states if state.page is not None]


def agency_log(agency_id, limit=PANEL_ROWS):
    """Wagtail's log entries of an agency's innovations, newest first."""
    return list(
        PageLogEntry.objects.filter(
            page__in=InnovationPage.objects.filter(agency_id=agency_id).values("pk")
        )
        .select_related("user", "page")
        .order_by("-timestamp")[:limit]
    )


class OfficerInnovationsPanel(Component):
    name = "agency_innovations"
    order = 50
    template_name = "agencies/panels/agency_innovations.html"

    def __init__(self, agency_ids):
        self.agency_ids = agency_ids

    def get_context_data(self, parent_context):
        return {"innovations": agency_innovations(self.agency_ids)}


class ReviewQueuePanel(Component):
    name = "review_queue"
    order = 60
    template_name = "agencies/panels/review_queue.html"

    def get_context_data(self, parent_context):
        return {"queue": review_queue()}


def panels_for(user):
    if access.is_moderator(user):
        return [ReviewQueuePanel()]
    agency_ids = access.agency_ids_of(user)
    return [OfficerInnovationsPanel(sorted(agency_ids))] if agency_ids else []
