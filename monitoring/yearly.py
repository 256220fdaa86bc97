"""The figures of the yearly feedback report to central government, from the database.

`report_context(year)` gathers everything /laporan/<tahun>/ and its PDF show with a fixed
number of queries; `archive(report)` renders the PDF and keeps it as a Wagtail document.
"""

import datetime

from django.core.files.base import ContentFile
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from innovations.models import InnovationPage, InnovationReplication

from . import periods
from .index import COUNTED_REPLICATIONS, SUBMITTED
from .models import IndexScore, MonitoringReport, ReviewAssignment

BEST_PRACTICES = 10


def innovation_statistics(year):
    end = datetime.date(year, 12, 31)
    live = InnovationPage.objects.live().filter(launched_on__lte=end)
    return live.aggregate(
        total=Count("pk"),
        new=Count("pk", filter=Q(launched_on__year=year)),
        digital=Count("pk", filter=Q(is_digital=True)),
        implemented=Count("pk", filter=Q(stage=InnovationPage.Stage.IMPLEMENTATION)),
        trial=Count("pk", filter=Q(stage=InnovationPage.Stage.TRIAL)),
        initiative=Count("pk", filter=Q(stage=InnovationPage.Stage.INITIATIVE)),
    )


def report_statistics(year):
    reports = MonitoringReport.objects.filter(period_end__year=year)
    return reports.aggregate(
        submitted=Count("pk", filter=Q(status__in=SUBMITTED)),
        verified=Count("pk", filter=Q(status=MonitoringReport.Status.VERIFIED)),
        stopped=Count("pk", filter=Q(status=MonitoringReport.Status.VERIFIED, is_running=False)),
    )


def frequent_problems(year, limit=8):
    """Problem kinds of the year's submitted reports, most frequent first."""
    labels = dict(MonitoringReport.Problem.choices)
    rows = (
        MonitoringReport.objects.filter(period_end__year=year, status__in=SUBMITTED)
        .exclude(problem_kind=MonitoringReport.Problem.NONE)
        .values("problem_kind")
        .annotate(n=Count("pk"))
        .order_by("-n", "problem_kind")[:limit]
    )
    return [{"kind": labels[row["problem_kind"]], "count": row["n"]} for row in rows]


def predicate_counts(year):
    rows = (
        IndexScore.objects.filter(level=IndexScore.Level.REGION, year=year)
        .values("predicate")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    return [(row["predicate"], row["n"]) for row in rows]


def review_statistics(year):
    return ReviewAssignment.objects.filter(year=year).aggregate(
        assigned=Count("pk"),
        submitted=Count("pk", filter=Q(status=ReviewAssignment.Status.SUBMITTED)),
        reviewed=Count(
            "innovation", filter=Q(status=ReviewAssignment.Status.SUBMITTED), distinct=True
        ),
    )


def report_context(year):
    best = list(
        IndexScore.objects.filter(level=IndexScore.Level.INNOVATION, year=year)
        .select_related("innovation", "agency", "region")
        .order_by("rank")[:BEST_PRACTICES]
    )
    regions = list(
        IndexScore.objects.filter(level=IndexScore.Level.REGION, year=year)
        .select_related("region")
        .order_by("rank")
    )
    replications = list(
        InnovationReplication.objects.filter(year=year, status__in=COUNTED_REPLICATIONS)
        .select_related("page", "region", "agency")
        .order_by("page__title", "pk")
    )
    return {
        "year": year,
        "innovations": innovation_statistics(year),
        "reports": report_statistics(year),
        "reviews": review_statistics(year),
        "problems": frequent_problems(year),
        "predicates": predicate_counts(year),
        "best_practices": best,
        "regions": regions,
        "replications": replications,
        "overdue_on": periods.today(),
    }


def render_pdf(report, base_url="/"):
    from weasyprint import HTML

    html = render_to_string(
        "monitoring/yearly_report_pdf.html", {**report_context(report.year), "report": report}
    )
    return HTML(string=html, base_url=base_url).write_pdf()


def archive(report):
    """Keep the published report's PDF as a Wagtail document (replacing an older copy)."""
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    document_model = get_document_model()
    title = _("Laporan tahunan JIPP Sulsel %(year)s") % {"year": report.year}
    document = report.archived_document or document_model(
        title=title, collection=Collection.get_first_root_node()
    )
    document.file.save(
        f"laporan-jipp-sulsel-{report.year}.pdf", ContentFile(render_pdf(report)), save=False
    )
    document.title = title
    document.save()
    type(report).objects.filter(pk=report.pk).update(
        archived_document=document, published_at=report.published_at or timezone.now()
    )
    return document
