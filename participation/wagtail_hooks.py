"""Admin menu, URLs and the collective-leave snippet of the complaints workflow."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import access
from .models import CollectiveLeave
from .views_admin import admin_urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "pengaduan/",
            include((admin_urls(), "participation_admin"), namespace="participation_admin"),
        )
    ]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_use_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(
        _("Pengaduan"), reverse("participation_admin:index"), icon_name="mail", order=250
    )


class CollectiveLeaveViewSet(SnippetViewSet):
    model = CollectiveLeave
    icon = "date"
    menu_label = _("Cuti bersama")
    list_display = ["date", "name"]
    ordering = ["-date"]


register_snippet(CollectiveLeaveViewSet)
