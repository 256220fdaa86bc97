"""Public views: the index dashboard (/indeks/), its CSV and JSON, the evidence behind an
innovation's score, and the yearly report (/laporan/<tahun>/, HTML and PDF).

Everything here reads stored IndexScore rows (monitoring/index.py computes them when
inputs change), with a fixed number of queries whatever the number of rows.
"""

import csv

from django.db.models import Avg, Count
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.documents import get_document_model

from agencies import access
from core.exports import spreadsheet_safe
from innovations.models import InnovationPage

from . import charts, reviews
from .index import INNOVATION_INDICATORS, UNIT_INDICATORS
from .models import IndexScore, MonitoringReport, ReviewAssignment, YearlyReport
from .yearly import render_pdf, report_context

LEVELS = {
    "wilayah": IndexScore.Level.REGION,
    "instansi": IndexScore.Level.AGENCY,
    "inovasi": IndexScore.Level.INNOVATION,
}
TOP_AGENCIES = 25
TOP_INNOVATIONS = 10
API_LIMIT_MAX = 500


def available_years():
    return list(
        IndexScore.objects.filter(level=IndexScore.Level.REGION)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def chosen_year(request, years):
    """(year, notice): the ?tahun= asked for if it has an index, else the latest."""
    raw = request.GET.get("tahun", "").strip()
    latest = years[0] if years else None
    if not raw:
        return latest, None
    if raw.isdigit() and int(raw) in years:
        return int(raw), None
    notice = _("Indeks tahun “%(value)s” tidak tersedia; menampilkan tahun %(year)s.") % {
        "value": raw[:10],
        "year": latest,
    }
    return latest, notice


def trend(years):
    """Mean regional index and predicate counts per year, oldest first (one query)."""
    rows = (
        IndexScore.objects.filter(level=IndexScore.Level.REGION, innovation_count__gt=0)
        .values("year")
        .annotate(mean=Avg("score"), regions=Count("pk"))
        .order_by("year")
    )
    return [(row["year"], round(row["mean"], 2), row["regions"]) for row in rows]


@require_safe
def dashboard(request):
    years = available_years()
    year, notice = chosen_year(request, years)
    context = {"years": years, "year": year, "notice": notice}
    if year is None:
        return render(request, "monitoring/dashboard.html", context)
    regions = list(
        IndexScore.objects.filter(level=IndexScore.Level.REGION, year=year)
        .select_related("region")
        .order_by("rank")
    )
    agencies = list(
        IndexScore.objects.filter(level=IndexScore.Level.AGENCY, year=year, innovation_count__gt=0)
        .select_related("region")
        .order_by("rank")[:TOP_AGENCIES]
    )
    innovations = list(
        IndexScore.objects.filter(level=IndexScore.Level.INNOVATION, year=year)
        .select_related("agency")
        .order_by("rank")[:TOP_INNOVATIONS]
    )
    trend_rows = trend(years)
    covered = sum(row.covered_agency_count for row in regions)
    agency_total = sum(row.agency_count for row in regions)
    context.update(
        {
            "regions": regions,
            "agencies": agencies,
            "innovations": innovations,
            "region_chart": charts.bar_chart(regions),
            "agency_chart": charts.bar_chart(agencies),
            "coverage_chart": charts.bar_chart(
                regions, value=lambda row: row.coverage or 0, maximum=100
            ),
            "map": charts.dot_map(regions),
            "trend": trend_rows,
            "trend_chart": charts.line_chart([(y, mean) for y, mean, _n in trend_rows]),
            "coverage_total": round(100 * covered / agency_total, 1) if agency_total else None,
            "predicates": predicate_legend(),
            "unit_indicators": [
                (key, label, weight) for key, (label, weight) in UNIT_INDICATORS.items()
            ],
        }
    )
    return render(request, "monitoring/dashboard.html", context)


def predicate_legend():
    return [
        ("sangat-inovatif", _("Sangat Inovatif"), "60,01–100"),
        ("inovatif", _("Inovatif"), "35–60"),
        ("kurang-inovatif", _("Kurang Inovatif"), "0,01–34,99"),
        ("tidak-dapat-dinilai", _("Tidak Dapat Dinilai"), "0"),
    ]


def level_rows(request, level):
    years = available_years()
    year, _notice = chosen_year(request, years)
    if year is None:
        return None, []
    rows = (
        IndexScore.objects.filter(level=LEVELS[level], year=year)
        .select_related("region")
        .order_by("rank")
    )
    return year, rows


CSV_COLUMNS = [
    ("rank", _("peringkat")),
    ("name", _("nama")),
    ("region", _("wilayah")),
    ("score", _("indeks")),
    ("predicate", _("predikat")),
    ("previous_score", _("indeks tahun sebelumnya")),
    ("change", _("perubahan")),
    ("innovation_count", _("jumlah inovasi")),
    ("coverage", _("cakupan satu instansi satu inovasi (%)")),
]


def row_values(row):
    return {
        "rank": row.rank,
        "name": row.name,
        "region": row.region.name,
        "score": row.score,
        "predicate": row.predicate,
        "previous_score": row.previous_score,
        "change": row.change,
        "innovation_count": row.innovation_count,
        "coverage": row.coverage,
    }


@require_safe
def download_csv(request, level):
    if level not in LEVELS:
        raise Http404
    year, rows = level_rows(request, level)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="indeks-{level}-{year}.csv"'
    writer = csv.writer(response)
    writer.writerow(["tahun"] + [str(label) for _key, label in CSV_COLUMNS])
    for row in rows.iterator(chunk_size=2000) if year else []:
        values = row_values(row)
        writer.writerow(
            [year]
            + [
                spreadsheet_safe("" if values[key] is None else values[key])
                for key, _label in CSV_COLUMNS
            ]
        )
    return response


@require_safe
def index_json(request):
    """GET /api/v2/indeks/?tahun=&tingkat=wilayah|instansi|inovasi&limit=&offset="""
    level = request.GET.get("tingkat", "wilayah")
    if level not in LEVELS:
        return JsonResponse(
            {
                "message": _("tingkat harus salah satu dari: %(names)s")
                % {"names": ", ".join(LEVELS)}
            },
            status=400,
        )
    years = available_years()
    raw_year = request.GET.get("tahun")
    if raw_year and not (raw_year.isdigit() and int(raw_year) in years):
        return JsonResponse(
            {"message": _("Indeks tahun itu tidak tersedia."), "years": years}, status=400
        )
    try:
        limit = min(int(request.GET.get("limit", 100)), API_LIMIT_MAX)
        offset = max(int(request.GET.get("offset", 0)), 0)
    except ValueError:
        return JsonResponse({"message": _("limit dan offset harus bilangan bulat.")}, status=400)
    year, rows = level_rows(request, level)
    total = rows.count() if year else 0
    items = []
    for row in rows[offset : offset + max(limit, 0)] if year else []:
        values = row_values(row)
        item = {key: float(v) if hasattr(v, "as_tuple") else v for key, v in values.items()}
        item["indicators"] = row.details.get("values", {})
        if row.innovation_id:
            item["innovation_id"] = row.innovation_id
        if row.agency_id:
            item["agency_id"] = row.agency_id
        item["predicate_class"] = charts.predicate_class(row.predicate)
        item["region_bps_code"] = row.region.bps_code
        items.append(item)
    predicates = [
        {"class": css, "name": str(name), "band": band} for css, name, band in predicate_legend()
    ]
    response = JsonResponse(
        {
            "year": year,
            "years": years,
            "level": level,
            "count": total,
            "predicates": predicates,
            "items": items,
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def innovation_evidence(request, pk):
    """Every indicator of one innovation's index in a year, each linked to its evidence."""
    innovation = get_object_or_404(
        InnovationPage.objects.live().public().select_related("agency"), pk=pk
    )
    scores = list(
        IndexScore.objects.filter(
            level=IndexScore.Level.INNOVATION, innovation=innovation
        ).order_by("-year")
    )
    years = [score.year for score in scores]
    year, notice = chosen_year(request, years)
    score = next((s for s in scores if s.year == year), None)
    context = {
        "innovation": innovation,
        "years": years,
        "year": year,
        "notice": notice,
        "score": score,
    }
    if score:
        evidence = score.details.get("evidence", {})
        document_ids = evidence.get("documents", []) + evidence.get("legal_documents", [])
        documents = get_document_model().objects.in_bulk(document_ids)
        values = score.details.get("values", {})
        context["indicators"] = [
            {
                "key": key,
                "label": label,
                "weight": weight,
                "value": values.get(key, 0),
                "points": round(values.get(key, 0) * weight, 2),
            }
            for key, (label, weight) in INNOVATION_INDICATORS.items()
        ]
        context["reports"] = list(
            MonitoringReport.objects.filter(pk__in=evidence.get("reports", [])).prefetch_related(
                "indicators__evidence", "evidence__document"
            )
        )
        context["documents"] = [documents[pk] for pk in document_ids if pk in documents]
        assignments = list(
            ReviewAssignment.objects.filter(innovation=innovation, year=year).select_related(
                "reviewer_agency"
            )
        )
        revealed = reviews.scores_revealed(assignments)
        # Nothing of the scores is public while a reviewer is still at work.
        context["review_summary"] = reviews.summary(assignments if revealed else [])
        context["reviews_open"] = bool(assignments) and not revealed
        context["public_summaries"] = [
            a.public_summary
            for a in assignments
            if revealed and a.status == ReviewAssignment.Status.SUBMITTED and a.public_summary
        ]
        # The agency sees the reviewers' comments once every reviewer has submitted.
        involved = access.is_moderator(request.user) or access.serves(
            request.user, innovation.agency_id
        )
        # A reviewer sees their own scores, and the others' once everyone has submitted.
        if any(a.reviewer_id == request.user.pk for a in assignments):
            context["reviewer_view"] = reviews.visible_reviews(request.user, innovation, year)
        if involved and revealed:
            context["comments"] = [
                a for a in assignments if a.status == ReviewAssignment.Status.SUBMITTED
            ]
    return render(request, "monitoring/innovation_evidence.html", context)


def published_report(request, year):
    report = YearlyReport.objects.filter(year=year).first()
    staff = access.is_moderator(request.user) or access.is_administrator(request.user)
    if report is None or not (report.is_published or staff):
        raise Http404
    return report


@require_safe
def yearly_report(request, year):
    report = published_report(request, year)
    context = {**report_context(year), "report": report}
    return render(request, "monitoring/yearly_report.html", context)


@require_safe
def yearly_report_pdf(request, year):
    report = published_report(request, year)
    if report.is_published and report.archived_document_id:
        document = report.archived_document
        with document.file.open("rb") as handle:
            content = handle.read()
    else:
        content = render_pdf(report, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="laporan-jipp-sulsel-{year}.pdf"'
    return response
