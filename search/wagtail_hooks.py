from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import TopSearchQueriesReport, ZeroResultSearchQueriesReport, search_report_policy
from .models import PopularSearch, SearchSynonym


class SearchReportMenuItem(MenuItem):
    """Shown to those the report views let in (superusers, the "view" permission)."""

    def is_shown(self, request):
        return search_report_policy.user_has_permission(request.user, "view")


report_urls = (
    [
        path("teratas/", TopSearchQueriesReport.as_view(), name="top_queries"),
        path(
            "teratas/hasil/",
            TopSearchQueriesReport.as_view(results_only=True),
            name="top_queries_results",
        ),
        path("tanpa-hasil/", ZeroResultSearchQueriesReport.as_view(), name="zero_results"),
        path(
            "tanpa-hasil/hasil/",
            ZeroResultSearchQueriesReport.as_view(results_only=True),
            name="zero_results_results",
        ),
    ],
    "search_reports",
)


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [path("laporan/pencarian/", include(report_urls))]


@hooks.register("register_reports_menu_item")
def register_top_queries_menu_item():
    return SearchReportMenuItem(
        _("Kata pencarian teratas"),
        reverse("search_reports:top_queries"),
        name="search-top-queries",
        icon_name="search",
        order=1310,
    )


@hooks.register("register_reports_menu_item")
def register_zero_results_menu_item():
    return SearchReportMenuItem(
        _("Pencarian tanpa hasil"),
        reverse("search_reports:zero_results"),
        name="search-zero-results",
        icon_name="warning",
        order=1320,
    )


class SearchSynonymViewSet(SnippetViewSet):
    """Synonyms and spelling variants moderators keep; applied without a reindex."""

    model = SearchSynonym
    icon = "search"
    menu_label = _("Sinonim pencarian")
    menu_name = "search-synonyms"
    add_to_admin_menu = False
    list_display = ["terms", "active", "updated_at"]
    list_filter = ["active"]
    search_fields = ["terms"]


class PopularSearchViewSet(SnippetViewSet):
    """What the search page may show under "Pencarian populer"."""

    model = PopularSearch
    icon = "pick"
    menu_label = _("Pencarian populer")
    menu_name = "search-popular"
    add_to_admin_menu = False
    list_display = ["query_string", "allowed", "pinned", "sort_order"]
    list_filter = ["allowed", "pinned"]
    search_fields = ["query_string"]


register_snippet(SearchSynonymViewSet)
register_snippet(PopularSearchViewSet)


@hooks.register("construct_reports_menu")
def hide_wagtail_search_terms_report(request, menu_items):
    """One query log: the reports above, fed by search/models.py on every search.

    Wagtail's own "Search terms" report (search promotions) reads a second log that only
    `Query.add_hit()` fills; feeding it would write every search twice, and it cannot tell
    which queries found nothing. Its menu item is removed; promoted results still work.
    """
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
