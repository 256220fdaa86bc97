"""Agency scoping plugged into the Wagtail admin: policies, page-type registration, hooks.

The image and document policies are registered for their exact classes: that entry wins
over the ones wagtail.images and wagtail.documents register in their ready(), whichever
runs first (Wagtail imports wagtail_hooks modules from wagtail.snippets' ready()).
"""

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import AbstractPage
from wagtail.permissions import register_permission_policy

from innovations.models import InnovationPage

from . import access, scoping
from .bulk_actions import SCOPED_BULK_ACTIONS
from .permissions import (
    AgencyCollectionPermissionPolicy,
    AgencyPagePermissionPolicy,
    scoped_form_class,
)

register_permission_policy(AbstractPage, AgencyPagePermissionPolicy())
register_permission_policy(
    get_image_model(),
    AgencyCollectionPermissionPolicy(
        get_image_model(), auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"
    ),
    exact_class=True,
)
register_permission_policy(
    get_document_model(),
    AgencyCollectionPermissionPolicy(
        get_document_model(),
        auth_model="wagtaildocs.Document",
        owner_field_name="uploaded_by_user",
    ),
    exact_class=True,
)

scoping.register(InnovationPage, "agency")
InnovationPage.base_form_class = scoped_form_class(
    getattr(InnovationPage, "base_form_class", None) or WagtailAdminPageForm
)


@hooks.register("construct_explorer_page_queryset")
def explorer_shows_own_agency_pages(parent_page, pages, request):
    if access.is_agency_scoped(request.user):
        pages = pages.filter(scoping.visible_q(request.user))
    return pages


@hooks.register("construct_page_chooser_queryset")
def chooser_shows_public_and_own_pages(pages, request):
    # Linking to a published innovation of another agency is what the public can do too;
    # one with a pending draft is left out, since the chooser shows the draft's title.
    if access.is_agency_scoped(request.user):
        from django.db.models import Q

        pages = pages.filter(Q(live=True) | scoping.visible_q(request.user)).exclude(
            pk__in=scoping.foreign_pending_ids(request.user)
        )
    return pages


class AgencyPagesSummaryItem(PagesSummaryItem):
    """The dashboard's page count of a scoped person: only the pages they may open."""

    def get_context_data(self, parent_context):
        from wagtail.models import Page
        from wagtail.permissions import policy_registry

        context = super().get_context_data(parent_context)
        root_page = context["root_page"]
        if root_page is not None:
            context["total_pages"] = (
                policy_registry.get_by_type(Page)
                .explorable_instances(self.request.user)
                .descendant_of(root_page, inclusive=True)
                .exclude(depth=1)
                .count()
            )
        return context


@hooks.register("construct_homepage_summary_items", order=100)
def count_only_own_pages(request, items):
    if access.is_agency_scoped(request.user):
        items[:] = [
            AgencyPagesSummaryItem(request) if type(item) is PagesSummaryItem else item
            for item in items
        ]


# Registered after Wagtail's own (higher order), so these replace them in the registry.
for _bulk_action in SCOPED_BULK_ACTIONS:
    hooks.register("register_bulk_action", _bulk_action, order=100)


@hooks.register("register_admin_urls")
def onboarding_urls():
    from django.urls import include, path

    from . import views

    patterns = [
        path("undang/", views.invite, name="invite"),
        path("log/", views.agency_log, name="log"),
    ]
    return [path("instansi/", include((patterns, "agencies_admin"), namespace="agencies_admin"))]


@hooks.register("register_settings_menu_item")
def invite_menu_item():
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.menu import MenuItem

    class AdministratorsMenuItem(MenuItem):
        def is_shown(self, request):
            return access.is_administrator(request.user)

    return AdministratorsMenuItem(
        _("Undang petugas"), reverse("agencies_admin:invite"), icon_name="user", order=610
    )


@hooks.register("register_log_actions")
def onboarding_log_actions(actions):
    from django.utils.translation import gettext_lazy as _

    actions.register_action("agencies.invite", _("Undangan dikirim"), _("Undangan dikirim"))
    actions.register_action(
        "agencies.accept_invitation", _("Undangan diterima"), _("Undangan diterima")
    )


@hooks.register("construct_homepage_panels")
def role_panels(request, panels):
    from .dashboard import panels_for

    panels.extend(panels_for(request.user))


@hooks.register("register_reports_menu_item")
def agency_log_menu_item():
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.menu import MenuItem

    return MenuItem(
        _("Log aktivitas instansi"), reverse("agencies_admin:log"), icon_name="history", order=900
    )
