"""Admin reports: the most frequent search queries and the queries that found nothing."""

from urllib.parse import urlencode

from django.db.models import F, Max, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from core.exports import spreadsheet_safe

from .models import SearchQueryDay

PERIOD_DAYS = 90


def public_search_url(row):
    """What visitors saw for the query on the site."""
    return reverse("search:search") + "?" + urlencode({"q": row["query_string"]})


# Visitors' queries may hold personal data: only superusers and groups given the "view"
# permission on search statistics may read or export them (the view checks it, not only
# the menu).
search_report_policy = ModelPermissionPolicy(SearchQueryDay)


class BaseSearchQueriesReport(ReportView):
    header_icon = "search"
    paginate_by = 50
    permission_policy = search_report_policy
    permission_required = "view"
    any_permission_required = None
    # Queries come from anonymous visitors: a spreadsheet must not run them as formulas.
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        str: {ReportView.FORMAT_CSV: spreadsheet_safe, ReportView.FORMAT_XLSX: spreadsheet_safe},
    }
    columns = [
        TitleColumn("query_string", label=_("Kata pencarian"), get_url=public_search_url),
        NumberColumn("searches", label=_("Jumlah pencarian")),
        NumberColumn("zero_result_searches", label=_("Tanpa hasil")),
        DateColumn("last_searched", label=_("Terakhir dicari")),
    ]
    list_export = ["query_string", "searches", "zero_result_searches", "last_searched"]
    export_headings = {
        "query_string": _("Kata pencarian"),
        "searches": _("Jumlah pencarian"),
        "zero_result_searches": _("Tanpa hasil"),
        "last_searched": _("Terakhir dicari"),
    }

    def base_queryset(self):
        since = timezone.localdate() - timezone.timedelta(days=PERIOD_DAYS)
        return (
            SearchQueryDay.objects.filter(date__gte=since)
            .values("query_string")
            .annotate(
                searches=Sum("searches"),
                zero_result_searches=Sum("zero_result_searches"),
                last_searched=Max("date"),
            )
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["period_days"] = PERIOD_DAYS
        return context


class TopSearchQueriesReport(BaseSearchQueriesReport):
    page_title = _("Kata pencarian teratas")
    index_url_name = "search_reports:top_queries"
    index_results_url_name = "search_reports:top_queries_results"

    def get_queryset(self):
        return self.base_queryset().order_by("-searches", "query_string")


class ZeroResultSearchQueriesReport(BaseSearchQueriesReport):
    page_title = _("Pencarian tanpa hasil")
    index_url_name = "search_reports:zero_results"
    index_results_url_name = "search_reports:zero_results_results"

    def get_queryset(self):
        return (
            self.base_queryset()
            .filter(zero_result_searches__gt=0)
            .order_by(-F("zero_result_searches"), "query_string")
        )
