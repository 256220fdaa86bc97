"""Admin: the bilingual glossary, the translation status report, and a warning in the
editor of an out-of-date translation (localisation/status.py)."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, status
from .models import GlossaryTerm


@hooks.register("register_admin_urls")
def localisation_admin_urls():
    return [
        path("terjemahan/", admin_views.translation_report, name="localisation_report"),
    ]


@hooks.register("register_reports_menu_item")
def translation_report_menu_item():
    return MenuItem(
        _("Status terjemahan"), reverse("localisation_report"), icon_name="globe", order=910
    )


@hooks.register("before_edit_page")
def warn_out_of_date_translation(request, page):
    if request.method == "GET" and status.is_out_of_date(page):
        messages.warning(
            request,
            _(
                "Terjemahan ini usang: halaman sumbernya diterbitkan lagi setelah terjemahan "
                "ini. Sinkronkan dan perbarui terjemahannya."
            ),
        )


# Before wagtail-localize's own hook, which answers with its translation editor.
@hooks.register("before_edit_snippet", order=-1)
def warn_out_of_date_snippet_translation(request, instance):
    if request.method == "GET" and status.snippet_is_out_of_date(instance):
        messages.warning(
            request,
            _(
                "Terjemahan ini usang: sumbernya diubah setelah terjemahan ini disimpan. "
                "Sinkronkan dan perbarui terjemahannya."
            ),
        )


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "globe"
    menu_label = _("Glosarium dwibahasa")
    list_display = ["english", "indonesian", "active"]
    list_filter = ["active"]
    search_fields = ["english", "indonesian"]
    add_to_admin_menu = True
    menu_order = 450


register_snippet(GlossaryViewSet)
