"""The monitoring app in the Wagtail admin: reports (scoped to agencies), peer-review
assignments, yearly reports, and the moderators' overdue report."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from agencies import access

from . import admin_views
from .admin_forms import (
    AgencyScopedPolicy,
    MonitoringReportForm,
    ReviewAssignmentForm,
    ReviewerPolicy,
)
from .models import MonitoringReport, ReviewAssignment, YearlyReport

MonitoringReport.base_form_class = MonitoringReportForm
ReviewAssignment.base_form_class = ReviewAssignmentForm
register_permission_policy(
    MonitoringReport, AgencyScopedPolicy(MonitoringReport, "innovation__agency")
)
register_permission_policy(ReviewAssignment, ReviewerPolicy(ReviewAssignment))


class InstanceChecked:
    """Wagtail's instance views load any object by id; ours also ask the policy whether
    this user may act on this instance (another agency's report, another's review)."""

    instance_action = "change"

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        policy = self.permission_policy
        if not policy.user_has_permission_for_instance(
            self.request.user, self.instance_action, instance
        ):
            raise PermissionDenied
        return instance


class EditView(InstanceChecked, snippet_views.EditView):
    pass


class DeleteView(InstanceChecked, snippet_views.DeleteView):
    instance_action = "delete"


class HistoryView(InstanceChecked, snippet_views.HistoryView):
    pass


class UsageView(InstanceChecked, snippet_views.UsageView):
    pass


class ScopedViews:
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView


class MonitoringReportViewSet(ScopedViews, SnippetViewSet):
    model = MonitoringReport
    icon = "clipboard-list"
    menu_label = _("Laporan pemantauan")
    list_display = ["innovation", "period_end", "status", "updated_at"]
    list_filter = ["status", "period_end"]
    search_fields = ["innovation__title"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(
            request.user, ["change", "view"]
        ).select_related("innovation")


class ReviewAssignmentViewSet(ScopedViews, SnippetViewSet):
    model = ReviewAssignment
    icon = "group"
    menu_label = _("Peninjauan sejawat")
    list_display = ["innovation", "year", "reviewer", "reviewer_agency", "status"]
    list_filter = ["status", "year"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(
            request.user, ["change"]
        ).select_related("innovation", "reviewer", "reviewer_agency")


class YearlyReportViewSet(SnippetViewSet):
    model = YearlyReport
    icon = "doc-full"
    menu_label = _("Laporan tahunan")
    list_display = ["year", "is_published", "published_at"]
    copy_view_enabled = False


class MonitoringGroup(SnippetViewSetGroup):
    items = (MonitoringReportViewSet, ReviewAssignmentViewSet, YearlyReportViewSet)
    menu_icon = "clipboard-list"
    menu_label = _("Pemantauan")
    menu_name = "pemantauan"


register_snippet(MonitoringGroup)


@hooks.register("register_admin_urls")
def monitoring_admin_urls():
    return [
        path(
            "pemantauan/terlambat/",
            admin_views.overdue_report,
            name="monitoring_overdue",
        )
    ]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_moderator(request.user)


@hooks.register("register_reports_menu_item")
def overdue_menu_item():
    return ModeratorMenuItem(
        _("Laporan pemantauan terlambat"),
        reverse("monitoring_overdue"),
        icon_name="warning",
        order=900,
    )
