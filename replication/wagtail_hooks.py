from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .access import can_use_admin_area


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("replikasi/", include((admin_views, "replication_admin")))]


class ReplicationMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_admin_area(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return ReplicationMenuItem(
        _("Replikasi"), reverse("replication_admin:index"), icon_name="copy", order=260
    )
