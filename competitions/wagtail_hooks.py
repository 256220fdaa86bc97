"""The competition in the Wagtail admin: menu items per audience, the admin URLs, and the
moderators' snippets of jurors and jury assignments."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from agencies import access

from . import admin_views
from .models import Juror, JuryAssignment

urls = [
    path("entri/", admin_views.entry_index, name="competitions_entries"),
    path("<int:competition_id>/daftar/", admin_views.entry_form, name="competitions_entry_new"),
    path("entri/<int:entry_id>/", admin_views.entry_form, name="competitions_entry_edit"),
    path(
        "entri/<int:entry_id>/setujui/",
        admin_views.entry_approve,
        name="competitions_entry_approve",
    ),
    path("sekretariat/", admin_views.competition_index, name="competitions_index"),
    path("<int:competition_id>/", admin_views.competition_desk, name="competitions_desk"),
    path("entri/<int:entry_id>/periksa/", admin_views.entry_check, name="competitions_entry_check"),
    path(
        "tahap/<int:stage_id>/konfirmasi/",
        admin_views.stage_confirm,
        name="competitions_stage_confirm",
    ),
    path(
        "keberatan/<int:objection_id>/",
        admin_views.objection_decide,
        name="competitions_objection_decide",
    ),
    path("<int:competition_id>/umumkan/", admin_views.publish, name="competitions_publish"),
    path(
        "<int:competition_id>/peserta.csv",
        admin_views.export_entries,
        name="competitions_export_entries",
    ),
    path(
        "<int:competition_id>/nilai.csv",
        admin_views.export_scores,
        name="competitions_export_scores",
    ),
    path(
        "<int:competition_id>/peringkat.csv",
        admin_views.export_rankings,
        name="competitions_export_rankings",
    ),
    path("juri/", admin_views.juror_index, name="competitions_juror"),
    path(
        "juri/<int:stage_id>/<int:entry_id>/",
        admin_views.juror_entry,
        name="competitions_juror_entry",
    ),
    path(
        "juri/<int:stage_id>/<int:entry_id>/konflik/",
        admin_views.juror_conflict,
        name="competitions_juror_conflict",
    ),
    path("juri/nilai.csv", admin_views.juror_export, name="competitions_juror_export"),
    path("juri/api.json", admin_views.juror_api, name="competitions_juror_api"),
]


@hooks.register("register_admin_urls")
def competition_admin_urls():
    from django.urls import include

    return [path("kompetisi/", include(urls))]


class ModeratorPolicy(ModelPermissionPolicy):
    """Jurors and their assignments are the secretariat's: moderators only."""

    def user_has_permission(self, user, action):
        return access.is_moderator(user)

    def user_has_any_permission(self, user, actions):
        return access.is_moderator(user)


register_permission_policy(Juror, ModeratorPolicy(Juror))
register_permission_policy(JuryAssignment, ModeratorPolicy(JuryAssignment))


class JurorViewSet(SnippetViewSet):
    model = Juror
    icon = "user"
    menu_label = _("Juri")
    list_display = ["__str__", "institution", "agency", "region"]
    copy_view_enabled = False


class JuryAssignmentViewSet(SnippetViewSet):
    model = JuryAssignment
    icon = "group"
    menu_label = _("Penugasan juri")
    list_display = ["juror", "category"]
    copy_view_enabled = False


class JuryGroup(SnippetViewSetGroup):
    items = (JurorViewSet, JuryAssignmentViewSet)
    menu_icon = "group"
    menu_label = _("Juri kompetisi")
    menu_name = "juri-kompetisi"


register_snippet(JuryGroup)


class ShownTo(MenuItem):
    def __init__(self, *args, test, **kwargs):
        super().__init__(*args, **kwargs)
        self.test = test

    def is_shown(self, request):
        return self.test(request.user)


def _is_juror(user):
    return Juror.objects.filter(user_id=user.pk).exists()


@hooks.register("register_admin_menu_item")
def entries_menu_item():
    return ShownTo(
        _("Kompetisi: entri instansi"),
        reverse("competitions_entries"),
        icon_name="pick",
        order=260,
        test=lambda user: bool(access.agency_ids_of(user)),
    )


@hooks.register("register_admin_menu_item")
def desk_menu_item():
    return ShownTo(
        _("Kompetisi: sekretariat"),
        reverse("competitions_index"),
        icon_name="pick",
        order=261,
        test=access.is_moderator,
    )


@hooks.register("register_admin_menu_item")
def juror_menu_item():
    return ShownTo(
        _("Kompetisi: penilaian juri"),
        reverse("competitions_juror"),
        icon_name="pick",
        order=262,
        test=_is_juror,
    )
