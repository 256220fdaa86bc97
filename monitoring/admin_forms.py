"""Admin forms and permission policies: officers and verifiers see and write only their
agencies' reports, and each role moves a report only along its own steps of the workflow.

Workflow (MonitoringReport.Status):
    officer:   draf -> diajukan
    verifier:  diajukan -> disetujui_opd | dikembalikan
    moderator: any -> diverifikasi | dikembalikan
"""

from django.core.exceptions import PermissionDenied
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies.base import ModelPermissionPolicy

from agencies import access
from innovations.models import InnovationPage

from .models import MonitoringReport, ReviewAssignment

Status = MonitoringReport.Status


def allowed_statuses(user, report=None):
    """The statuses `user` may give a report (its current one is always allowed)."""
    current = {report.status} if report is not None and report.pk else set()
    if access.is_moderator(user):
        return set(Status.values)
    agency_id = report.innovation.agency_id if report is not None and report.pk else None
    allowed = {Status.DRAFT, Status.SUBMITTED}
    if access.is_verifier(user, agency_id):
        allowed |= {Status.APPROVED, Status.RETURNED}
    return allowed | current


class AgencyScopedPolicy(ModelPermissionPolicy):
    """Model permissions, and for scoped people only instances of their agencies."""

    def __init__(self, model, agency_path):
        super().__init__(model)
        self.agency_path = agency_path

    def _agency_id(self, instance):
        target = instance
        for step in self.agency_path.split("__")[:-1]:
            target = getattr(target, step)
        return getattr(target, f"{self.agency_path.split('__')[-1]}_id")

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if not access.is_agency_scoped(user):
            return True
        return access.serves(user, self._agency_id(instance))

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if access.is_agency_scoped(user):
            instances = instances.filter(
                **{f"{self.agency_path}__in": sorted(access.agency_ids_of(user))}
            )
        return instances


class MonitoringReportForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        if for_user is None:
            return
        if access.is_agency_scoped(for_user):
            self.fields["innovation"].queryset = InnovationPage.objects.filter(
                agency__in=sorted(access.agency_ids_of(for_user))
            ).order_by("title")
            if not access.is_moderator(for_user) and "review_note" in self.fields:
                self.fields["review_note"].disabled = not access.is_verifier(for_user)
        allowed = allowed_statuses(for_user, self.instance)
        self.fields["status"].choices = [
            (value, label) for value, label in Status.choices if value in allowed
        ]

    def clean_status(self):
        status = self.cleaned_data["status"]
        if self.for_user is not None and status not in allowed_statuses(
            self.for_user, self.instance
        ):
            raise PermissionDenied
        return status

    def save(self, commit=True):
        report = super().save(commit=False)
        if report.status == Status.VERIFIED and report.verified_by_id is None:
            report.verified_by = self.for_user
        if report.created_by_id is None:
            report.created_by = self.for_user
        if commit:
            report.save()
            self.save_m2m()
        return report


class ReviewAssignmentForm(WagtailAdminModelForm):
    """Moderators assign (innovation, year, reviewer, agency); a reviewer fills the rest."""

    REVIEWER_FIELDS = (
        "status",
        "conflict_statement",
        "decline_reason",
        *ReviewAssignment.CRITERIA,
        "comments",
        "public_summary",
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        if for_user is None or access.is_moderator(for_user):
            return
        for name, field in self.fields.items():
            if name not in self.REVIEWER_FIELDS:
                field.disabled = True
        self.fields["status"].choices = [
            (value, label)
            for value, label in ReviewAssignment.Status.choices
            if value != ReviewAssignment.Status.ASSIGNED or self.instance.status == value
        ]

    def save(self, commit=True):
        from django.utils import timezone

        assignment = super().save(commit=False)
        if assignment.assigned_by_id is None and access.is_moderator(self.for_user):
            assignment.assigned_by = self.for_user
        submitted = assignment.status == ReviewAssignment.Status.SUBMITTED
        if submitted and assignment.submitted_at is None:
            assignment.submitted_at = timezone.now()
        if commit:
            assignment.save()
        return assignment


class ReviewerPolicy(ModelPermissionPolicy):
    """Moderators manage every assignment; a reviewer sees and fills only their own."""

    def user_has_permission(self, user, action):
        if access.is_moderator(user):
            return True
        return action in {"change", "view"} and user.is_authenticated

    def user_has_permission_for_instance(self, user, action, instance):
        if access.is_moderator(user):
            return True
        return action in {"change", "view"} and instance.reviewer_id == user.pk

    def instances_user_has_any_permission_for(self, user, actions):
        instances = self.model.objects.all()
        if access.is_moderator(user):
            return instances
        return instances.filter(reviewer=user)
