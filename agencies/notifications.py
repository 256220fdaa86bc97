"""E-mail to the people of each workflow step, and only to them.

Wagtail already writes to a GroupApprovalTask's group (the moderators' step) and to the
submitter when a workflow is approved or sent back; its templates are replaced by
Indonesian ones in agencies/templates/wagtailadmin/notifications/. What Wagtail cannot
know is who verifies a page's agency: that notice is sent here, with the same templates.
"""

from django.contrib.auth import get_user_model
from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import TaskState

from . import scoping
from .models import AgencyMembership, AgencyVerificationTask


class VerificationSubmissionNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    def can_handle(self, instance, **kwargs):
        return isinstance(instance, TaskState) and isinstance(
            instance.task.specific, AgencyVerificationTask
        )

    def get_recipient_users(self, task_state, **kwargs):
        page = task_state.workflow_state.content_object
        agency_id = scoping.agency_id_of(page)
        verifiers = get_user_model().objects.filter(
            is_active=True,
            agency_memberships__agency_id=agency_id,
            agency_memberships__role=AgencyMembership.Role.VERIFIER,
        )
        triggering_user = kwargs.get("user")
        if triggering_user is not None:
            verifiers = verifiers.exclude(pk=triggering_user.pk)
        return set(verifiers)


verification_submission_notifier = VerificationSubmissionNotifier()
