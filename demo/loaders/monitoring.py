"""Several years of monitoring reports, peer reviews and a published yearly report, from
demo/data/monitoring.yaml, then the index computed once.

Numbers are derived from each innovation's key figures and a hash of its title and year,
so every run makes the same reports; rows that exist are left alone. Reports and reviews
are bulk-inserted (no per-row signals), so the index is recomputed once at the end instead
of once per row.
"""

import datetime
import hashlib
import io
import textwrap
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PillowImage
from PIL import ImageDraw

from agencies import roles
from agencies.models import AgencyMembership
from core.cache import invalidate
from demo import datafiles
from demo.media import demo_collection, font, get_or_create_document
from innovations.models import Agency, InnovationKeyFigure, InnovationPage
from monitoring import periods
from monitoring.index import recompute
from monitoring.models import (
    MonitoringReport,
    ReportEvidence,
    ReportIndicator,
    ReviewAssignment,
    YearlyReport,
)

Status = MonitoringReport.Status
# Years for which the verified reports carry a drawn evidence document.
EVIDENCE_YEARS = 2


def pick(text, modulo):
    """A stable number in range(modulo) for `text`."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) % modulo


def load(stdout):
    data = datafiles.read("monitoring")
    last = periods.last_completed_period()
    years = list(range(last.year - data["years"] + 1, last.year + 1))
    pages = list(
        InnovationPage.objects.filter(is_demo=True, locale__language_code="id")
        .select_related("agency")
        .prefetch_related("key_figures")
        .order_by("title")
    )
    if not pages:
        stdout.write("monitoring: no demo innovations, nothing to do\n")
        return
    reports = make_reports(pages, years, data)
    reviews = make_reviews(pages, years[-2:], data)
    report = make_yearly_report(last.year, data)
    refresh_verification_dates(pages)
    rows = recompute(years)
    invalidate()
    stdout.write(
        f"monitoring: {reports} reports, {reviews} reviews, yearly report {last.year}"
        f"{' created' if report else ''}, {rows} index rows for {years[0]}-{years[-1]}\n"
    )


def period_of(year):
    return periods.period_containing(datetime.date(year, 12, 31))


def report_status(page, year, data, last_year):
    lapsed = data["lapsed"].get(page.title)
    if lapsed is not None and year > lapsed:
        return None
    if year == last_year and page.title in data["pending"]:
        return data["pending"][page.title]
    return Status.VERIFIED


def make_reports(pages, years, data):
    existing = set(
        MonitoringReport.objects.filter(period_end__year__in=years).values_list(
            "innovation_id", "period_start"
        )
    )
    new_reports, indicator_rows = [], []
    for page in pages:
        for year in years:
            period = period_of(year)
            if page.launched_on > period.end or (page.pk, period.start) in existing:
                continue
            status = report_status(page, year, data, years[-1])
            if status is None:
                continue
            report = build_report(page, year, period, status, data, years)
            new_reports.append(report)
            indicator_rows.append(build_indicators(page, year, years))
    MonitoringReport.objects.bulk_create(new_reports)
    if new_reports and new_reports[0].pk is None:
        # Backends that do not return ids from bulk inserts (none of ours today).
        lookup = {
            (r.innovation_id, r.period_start): r.pk
            for r in MonitoringReport.objects.filter(period_end__year__in=years)
        }
        for report in new_reports:
            report.pk = lookup[(report.innovation_id, report.period_start)]
    indicators, evidence = [], []
    collection = demo_collection()
    for report, rows in zip(new_reports, indicator_rows, strict=True):
        for row in rows:
            row.report_id = report.pk
            indicators.append(row)
        if report.status == Status.VERIFIED and report.period_end.year > years[-1] - EVIDENCE_YEARS:
            evidence.append(
                ReportEvidence(
                    report_id=report.pk,
                    document=evidence_document(report, collection),
                    description="Rekap capaian dan daftar hadir kegiatan",
                    sort_order=0,
                )
            )
    ReportIndicator.objects.bulk_create(indicators)
    ReportEvidence.objects.bulk_create(evidence)
    return len(new_reports)


def progress(page, year):
    """How far the innovation has come towards its figures, between 0.3 and 1."""
    running = year - page.launched_on.year + 1
    return min(Decimal(1), Decimal("0.3") + Decimal("0.25") * running)


def build_report(page, year, period, status, data, years):
    stop = data["stopped"].get(page.title)
    stopped = stop is not None and year >= stop["year"]
    kinds = list(data["problems"])
    choice = pick(f"{page.title}:{year}:kendala", len(kinds) + 3)
    problem_kind = kinds[choice] if choice < len(kinds) else MonitoringReport.Problem.NONE
    problems = ""
    if problem_kind != MonitoringReport.Problem.NONE:
        sentences = data["problems"][problem_kind]
        problems = sentences[pick(f"{page.title}:{year}", len(sentences))]
    submitted = timezone.make_aware(
        datetime.datetime(year + 1, 1, 5 + pick(f"{page.title}:{year}:kirim", 40) % 24, 10)
    )
    verified = submitted + datetime.timedelta(days=10 + pick(f"{page.title}{year}", 30))
    share = progress(page, year)
    return MonitoringReport(
        innovation=page,
        period_start=period.start,
        period_end=period.end,
        is_running=not stopped,
        stop_reason=stop["reason"] if stopped else "",
        stage=stage_in(page, year),
        beneficiaries=int((page.beneficiaries_count or 0) * share),
        budget_spent=int((page.cost or 0) * (Decimal("0.8") + Decimal(pick(page.title, 30)) / 100)),
        problem_kind=problem_kind,
        problems=problems,
        status=status,
        submitted_at=None if status == Status.DRAFT else submitted,
        verified_at=verified if status == Status.VERIFIED else None,
    )


def stage_in(page, year):
    if page.implemented_on and page.implemented_on.year <= year:
        return InnovationPage.Stage.IMPLEMENTATION
    if page.trial_started_on and page.trial_started_on.year <= year:
        return InnovationPage.Stage.TRIAL
    return InnovationPage.Stage.INITIATIVE


def build_indicators(page, year, years):
    rows = []
    share = progress(page, year)
    for order, figure in enumerate(page.key_figures.all()):
        if figure.baseline is None:
            continue
        target = figure.value
        if figure.kind == InnovationKeyFigure.Kind.TARGET:
            share = min(share, Decimal("0.5"))
        reached = figure.baseline + (figure.value - figure.baseline) * share
        rows.append(
            ReportIndicator(
                label=figure.label,
                value=reached.quantize(Decimal("0.01")),
                target=target,
                unit=figure.unit,
                period=str(year),
                source=f"Rekap layanan {page.agency.acronym or page.agency.name}",
                lower_is_better=figure.value < figure.baseline,
                sort_order=order,
            )
        )
    return rows


def evidence_document(report, collection):
    title = f"Bukti pemantauan {report.innovation.title} {report.period_end.year}"
    return get_or_create_document(
        title,
        collection,
        lambda: draw_evidence_pdf(report),
        f"bukti-{slugify(report.innovation.title)[:40]}-{report.period_end.year}.pdf",
    )


def draw_evidence_pdf(report):
    """A one-page recap as a real PDF, drawn with Pillow (nothing downloaded)."""
    page = PillowImage.new("L", (827, 1169), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle((50, 50, 777, 150), outline=0, width=3)
    draw.text((70, 65), "REKAP CAPAIAN INOVASI", font=font(28), fill=0)
    draw.text((70, 105), report.innovation.agency.name[:60], font=font(18), fill=0)
    y = 190
    for line in textwrap.wrap(f"{report.innovation.title} — periode {report.period}", 50):
        draw.text((60, y), line, font=font(24), fill=0)
        y += 34
    draw.text((60, y + 20), f"Penerima manfaat: {report.beneficiaries}", font=font(18), fill=0)
    draw.text((60, 1090), "Dokumen contoh JIPP Sulsel.", font=font(16), fill=0)
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=100.0)
    return buffer.getvalue()


def reviewers(data):
    """(user, agency) of each reviewing agency: an existing officer, or a demo account."""
    User = get_user_model()
    found = []
    for agency in Agency.objects.filter(acronym__in=data["reviewer_agencies"]).order_by("pk"):
        membership = (
            AgencyMembership.objects.filter(agency=agency, role=AgencyMembership.Role.OFFICER)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership:
            found.append((membership.user, agency))
            continue
        username = f"peninjau.{slugify(agency.acronym)}"
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@demo.jipp-sulsel.id", "first_name": "Peninjau"},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        roles.assign(user, agency, AgencyMembership.Role.OFFICER)
        found.append((user, agency))
    return found


def make_reviews(pages, years, data):
    people = reviewers(data)
    existing = set(
        ReviewAssignment.objects.filter(year__in=years).values_list(
            "innovation_id", "year", "reviewer_id"
        )
    )
    new = []
    for year in years:
        eligible = [p for p in pages if p.launched_on.year <= year]
        eligible.sort(key=lambda p: pick(f"{p.title}:{year}:tinjau", 10_000))
        for number, page in enumerate(eligible[: data["innovations_per_year"]]):
            others = [
                (user, agency)
                for user, agency in people
                if agency.region_id != page.agency.region_id and agency.pk != page.agency_id
            ]
            for index, (user, agency) in enumerate(others[: 2 + number % 2]):
                if (page.pk, year, user.pk) in existing:
                    continue
                new.append(build_review(page, year, user, agency, number, index, data))
    ReviewAssignment.objects.bulk_create(new)
    return len(new)


def build_review(page, year, user, agency, number, index, data):
    review = ReviewAssignment(innovation=page, year=year, reviewer=user, reviewer_agency=agency)
    # A few assignments show the other states: a conflict, a decline, one still open.
    if number == 3 and index == 2:
        review.status = ReviewAssignment.Status.CONFLICT
        review.conflict_statement = data["conflict_statement"]
        return review
    if number == 5 and index == 2:
        review.status = ReviewAssignment.Status.DECLINED
        review.decline_reason = data["decline_reason"]
        return review
    if number == 7 and index == 1 and year == periods.last_completed_period().year:
        return review
    base = 2 + pick(f"{page.title}:{year}", 3)  # 2, 3 or 4
    # Reviewers of every fourth innovation disagree by two points.
    spread = 2 if number % 4 == 0 and index == 1 else 0
    for name in ReviewAssignment.CRITERIA:
        value = base + spread + (pick(f"{page.title}:{name}:{index}", 3) - 1)
        setattr(review, name, max(1, min(5, value)))
    comments, summaries = data["review_comments"], data["public_summaries"]
    review.comments = comments[pick(f"{page.title}:{year}:{index}", len(comments))]
    review.public_summary = summaries[pick(f"{page.title}:{year}", len(summaries))]
    review.status = ReviewAssignment.Status.SUBMITTED
    review.submitted_at = timezone.make_aware(datetime.datetime(year + 1, 3, 1 + index, 9))
    return review


def make_yearly_report(year, data):
    if YearlyReport.objects.filter(year=year).exists():
        return None
    text = data["yearly_report"]
    # Saved normally: publishing archives its PDF once the demo's transaction commits.
    return YearlyReport.objects.create(
        year=year,
        introduction=text["introduction"],
        recommendations=text["recommendations"],
        is_published=True,
        published_at=timezone.now(),
    )


def refresh_verification_dates(pages):
    latest = dict(
        MonitoringReport.objects.filter(status=Status.VERIFIED)
        .values("innovation_id")
        .annotate(latest=Max("verified_at"))
        .values_list("innovation_id", "latest")
    )
    changed = []
    for page in pages:
        verified_on = timezone.localdate(latest[page.pk]) if page.pk in latest else None
        if page.last_verified_on != verified_on:
            InnovationPage.objects.filter(pk=page.pk).update(last_verified_on=verified_on)
            changed.append(page.pk)
    InnovationPage.reindex(changed)
