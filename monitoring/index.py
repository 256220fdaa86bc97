"""The innovation index (Indeks Inovasi JIPP), modelled on Kemendagri's IID 2023.

The formula is documented in docs/index-formula.md; this module is its only
implementation. `recompute(years)` reads every input with a fixed number of bulk queries,
computes innovations, agencies and regional governments in Python and replaces the stored
rows of those years in one transaction, so running it twice gives the same rows.
"""

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovations.models import (
    Agency,
    Award,
    InnovationAward,
    InnovationDocument,
    InnovationPage,
    InnovationReplication,
    Region,
)

from . import periods
from .models import (
    IndexScore,
    MonitoringReport,
    ReportEvidence,
    ReportIndicator,
    ReviewAssignment,
    attainment,
    rubric_weights,
)
from .reviews import min_reviews

# Aspect weights of IID 2023: the regional government unit (SPD) and its innovations (SID).
SPD_WEIGHT = Decimal("25.2")
SID_WEIGHT = Decimal("74.8")
MAX_POINTS = SPD_WEIGHT + SID_WEIGHT
# Within SID: the quality of the innovations (scores summed over them and divided by
# max(FLOOR, n)) and a score for how many there are (min(n, FLOOR) / FLOOR).
QUANTITY_SHARE = Decimal("0.1")
FLOOR = {IndexScore.Level.REGION: 10, IndexScore.Level.AGENCY: 3}

# Indicators of one innovation: key -> (label, weight in points; the weights sum to 100).
INNOVATION_INDICATORS = {
    "stage": (_("Tahapan (inisiatif, uji coba, penerapan)"), 10),
    "regulation": (_("Dasar hukum"), 10),
    "running": (_("Masih berjalan menurut laporan terverifikasi"), 10),
    "effectiveness": (_("Capaian indikator terhadap target"), 15),
    "beneficiaries": (_("Penerima manfaat"), 10),
    "replication": (_("Replikasi"), 10),
    "digital": (_("Pemanfaatan teknologi informasi"), 5),
    "evidence": (_("Dokumen bukti"), 10),
    "peer_review": (_("Penilaian sejawat"), 15),
    "awards": (_("Penghargaan"), 5),
}
# Indicators of the unit (agency or regional government): key -> (label, weight in %).
UNIT_INDICATORS = {
    "compliance": (_("Inovasi dengan laporan pemantauan terverifikasi"), 30),
    "timeliness": (_("Laporan diajukan tepat waktu"), 30),
    "review_participation": (_("Penugasan peninjauan sejawat yang diselesaikan"), 15),
    "coverage": (_("Instansi dengan inovasi hidup terverifikasi (One Agency One Innovation)"), 25),
}

STAGE_VALUE = {"inisiatif": Decimal(1) / 3, "uji_coba": Decimal(2) / 3, "penerapan": Decimal(1)}
AWARD_VALUE = {
    Award.Level.INTERNATIONAL: Decimal(1),
    Award.Level.NATIONAL: Decimal(1),
    Award.Level.PROVINCIAL: Decimal("0.6"),
    Award.Level.LOCAL: Decimal("0.3"),
}
REPLICATIONS_FOR_FULL_SCORE = 3
BENEFICIARY_DIGITS_FOR_FULL_SCORE = 4  # 10,000 people
COUNTED_REPLICATIONS = (
    InnovationReplication.Status.IN_PROGRESS,
    InnovationReplication.Status.REPLICATED,
)
SUBMITTED = (
    MonitoringReport.Status.SUBMITTED,
    MonitoringReport.Status.APPROVED,
    MonitoringReport.Status.VERIFIED,
)

PREDICATES = [
    # (lowest score, predicate): IID 2023
    (Decimal("60.01"), _("Sangat Inovatif")),
    (Decimal("35"), _("Inovatif")),
    (Decimal("0.01"), _("Kurang Inovatif")),
]
NOT_ASSESSABLE = _("Tidak Dapat Dinilai")
TWO_PLACES = Decimal("0.01")


def round2(value):
    return Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def predicate(score, names=None):
    """IID's predicate for a score (rounded to two decimals first). `names`: the predicate
    names already translated, as predicate_names() returns them (saves a translation
    lookup per row in a recompute)."""
    names = names or predicate_names()
    score = round2(score)
    for (lowest, _name), translated in zip(PREDICATES, names, strict=False):
        if score >= lowest:
            return translated
    return names[-1]


def predicate_names():
    return [str(name) for _lowest, name in PREDICATES] + [str(NOT_ASSESSABLE)]


def innovation_score(values):
    """Points out of 100 from indicator values between 0 and 1."""
    return sum(
        Decimal(weight) * Decimal(values.get(key, 0))
        for key, (_label, weight) in INNOVATION_INDICATORS.items()
    )


def unit_index(innovation_scores, unit_values, floor):
    """(IID score 0-100, parts) of a unit from its innovations' scores and SPD values."""
    n = len(innovation_scores)
    if n == 0:
        return Decimal(0), {"spd": 0, "sid": 0, "quality": 0, "quantity": 0, "n": 0}
    quality = sum(innovation_scores, Decimal(0)) / max(floor, n)
    quantity = Decimal(100) * min(n, floor) / floor
    sid = (1 - QUANTITY_SHARE) * quality + QUANTITY_SHARE * quantity
    spd = sum(
        Decimal(weight) * Decimal(unit_values.get(key, 0))
        for key, (_label, weight) in UNIT_INDICATORS.items()
    )
    total = SPD_WEIGHT * spd / 100 + SID_WEIGHT * sid / 100
    parts = {
        "spd": float(round2(spd)),
        "sid": float(round2(sid)),
        "quality": float(round2(quality)),
        "quantity": float(round2(quantity)),
        "n": n,
    }
    return round2(total / MAX_POINTS * 100), parts


def share(part, whole):
    return Decimal(part) / Decimal(whole) if whole else Decimal(0)


@dataclass
class Inputs:
    """Everything the formula reads, loaded with one query per source."""

    innovations: list
    regulated: set
    documents: dict
    awards: dict
    replications: dict
    reports: dict  # (innovation id, year) -> list of report rows
    indicators: dict  # report id -> list of indicator rows
    evidence: dict  # report id -> list of document ids
    reviews: dict  # (innovation id, year) -> list of review rows
    reviews_by_agency: dict  # (agency id, year) -> [submitted, active]
    agencies: list
    regions: dict
    weights: dict = field(default_factory=rubric_weights)
    min_reviews: int = 2
    predicate_names: list = field(default_factory=predicate_names)


def load_inputs(years):
    first, last = min(years), max(years)
    innovations = list(
        InnovationPage.objects.live()
        .filter(launched_on__year__lte=last)
        .values(
            "pk",
            "title",
            "agency_id",
            "agency__region_id",
            "is_digital",
            "launched_on",
            "trial_started_on",
            "implemented_on",
        )
    )
    regulated = set(
        InnovationPage.regulations.through.objects.values_list("innovationpage_id", flat=True)
    )
    documents = defaultdict(list)
    legal = (InnovationDocument.Kind.DECREE, InnovationDocument.Kind.REGULATION)
    for page_id, document_id in InnovationDocument.objects.filter(kind__in=legal).values_list(
        "page_id", "document_id"
    ):
        documents[page_id].append(document_id)
        regulated.add(page_id)
    awards = defaultdict(list)
    for page_id, year, level in InnovationAward.objects.values_list(
        "page_id", "year", "award__level"
    ):
        awards[page_id].append((year, level))
    replications = defaultdict(list)
    for page_id, year in InnovationReplication.objects.filter(
        status__in=COUNTED_REPLICATIONS
    ).values_list("page_id", "year"):
        replications[page_id].append(year)
    reports = defaultdict(list)
    zone = timezone.get_current_timezone()
    due = datetime.timedelta(days=periods.due_days())
    for row in MonitoringReport.objects.filter(
        status__in=SUBMITTED, period_end__year__gte=first, period_end__year__lte=last
    ).values(
        "pk",
        "innovation_id",
        "period_end",
        "status",
        "is_running",
        "stage",
        "beneficiaries",
        "submitted_at",
    ):
        submitted = row["submitted_at"]
        row["on_time"] = bool(submitted) and submitted.astimezone(zone).date() <= (
            row["period_end"] + due
        )
        reports[(row["innovation_id"], row["period_end"].year)].append(row)
    verified_filter = {
        "report__status": MonitoringReport.Status.VERIFIED,
        "report__period_end__year__gte": first,
        "report__period_end__year__lte": last,
    }
    indicators = defaultdict(list)
    for row in ReportIndicator.objects.filter(**verified_filter).values(
        "report_id", "value", "target", "lower_is_better", "evidence_id"
    ):
        indicators[row["report_id"]].append(row)
    evidence = defaultdict(list)
    for report_id, document_id in ReportEvidence.objects.filter(**verified_filter).values_list(
        "report_id", "document_id"
    ):
        evidence[report_id].append(document_id)
    reviews = defaultdict(list)
    open_reviews = set()
    reviews_by_agency = defaultdict(lambda: [0, 0])
    active = (ReviewAssignment.Status.ASSIGNED, ReviewAssignment.Status.SUBMITTED)
    for row in ReviewAssignment.objects.filter(year__in=years, status__in=active).values(
        "pk", "innovation_id", "year", "status", "reviewer_agency_id", *ReviewAssignment.CRITERIA
    ):
        done = row["status"] == ReviewAssignment.Status.SUBMITTED
        counts = reviews_by_agency[(row["reviewer_agency_id"], row["year"])]
        counts[0] += done
        counts[1] += 1
        if done:
            reviews[(row["innovation_id"], row["year"])].append(row)
        else:
            open_reviews.add((row["innovation_id"], row["year"]))
    # Scores count only once every reviewer has submitted: a published score would
    # otherwise show the first reviewers' marks to the one still reviewing.
    for key in open_reviews:
        reviews.pop(key, None)
    agencies = list(Agency.objects.values("pk", "name", "region_id"))
    regions = {row["pk"]: row for row in Region.objects.values("pk", "name", "kind")}
    return Inputs(
        innovations=innovations,
        regulated=regulated,
        documents=documents,
        awards=awards,
        replications=replications,
        reports=reports,
        indicators=indicators,
        evidence=evidence,
        reviews=reviews,
        reviews_by_agency=reviews_by_agency,
        agencies=agencies,
        regions=regions,
        min_reviews=min_reviews(),
    )


def stage_at_end_of(row, year, verified_reports):
    if verified_reports:
        return verified_reports[-1]["stage"]
    implemented, trial = row["implemented_on"], row["trial_started_on"]
    if implemented and implemented.year <= year:
        return "penerapan"
    if trial and trial.year <= year:
        return "uji_coba"
    return "inisiatif"


def innovation_values(row, year, inputs):
    """(indicator values between 0 and 1, evidence) of one innovation in one year."""
    pk = row["pk"]
    reports = sorted(inputs.reports.get((pk, year), []), key=lambda r: r["period_end"])
    verified = [r for r in reports if r["status"] == MonitoringReport.Status.VERIFIED]
    attainments, documents = [], []
    for report in verified:
        for indicator in inputs.indicators.get(report["pk"], []):
            reached = attainment(
                indicator["value"], indicator["target"], indicator["lower_is_better"]
            )
            if reached is not None:
                attainments.append(reached)
            if indicator["evidence_id"]:
                documents.append(indicator["evidence_id"])
        documents += inputs.evidence.get(report["pk"], [])
    beneficiaries = sum(report["beneficiaries"] for report in verified)
    replications = sum(1 for replicated in inputs.replications.get(pk, []) if replicated <= year)
    award_levels = [level for won, level in inputs.awards.get(pk, []) if won <= year]
    weights = inputs.weights
    review_scores = [
        sum(Decimal(r[name]) * weight for name, weight in weights.items()) / sum(weights.values())
        for r in inputs.reviews.get((pk, year), [])
    ]
    values = {
        "stage": STAGE_VALUE[stage_at_end_of(row, year, verified)],
        "regulation": Decimal(1) if pk in inputs.regulated else Decimal(0),
        "running": Decimal(1) if verified and verified[-1]["is_running"] else Decimal(0),
        "effectiveness": sum(attainments) / len(attainments) if attainments else Decimal(0),
        "beneficiaries": min(
            Decimal(1),
            Decimal(math.log10(1 + beneficiaries)) / BENEFICIARY_DIGITS_FOR_FULL_SCORE,
        ),
        "replication": min(Decimal(1), Decimal(replications) / REPLICATIONS_FOR_FULL_SCORE),
        "digital": Decimal(1) if row["is_digital"] else Decimal("0.5"),
        "evidence": Decimal(1) if documents else Decimal(0),
        "peer_review": (
            (sum(review_scores) / len(review_scores) - 1) / 4
            if len(review_scores) >= inputs.min_reviews
            else Decimal(0)
        ),
        "awards": max((AWARD_VALUE[level] for level in award_levels), default=Decimal(0)),
    }
    evidence = {
        "reports": [report["pk"] for report in verified],
        "documents": sorted(set(documents)),
        "legal_documents": inputs.documents.get(pk, []),
        "reviews": len(review_scores),
    }
    return values, evidence


@dataclass
class Unit:
    level: str
    name: str
    region_id: int
    agency_id: int | None = None
    scores: list = field(default_factory=list)
    innovations: int = 0
    verified: int = 0
    on_time: int = 0
    agency_ids: set = field(default_factory=set)
    covered: set = field(default_factory=set)
    reviews_done: int = 0
    reviews_active: int = 0


def compute_year(year, inputs):
    """The IndexScore rows (unsaved) of one year."""
    agencies = {row["pk"]: row for row in inputs.agencies}
    agency_units = {
        pk: Unit(IndexScore.Level.AGENCY, row["name"], row["region_id"], agency_id=pk)
        for pk, row in agencies.items()
    }
    region_units = {
        pk: Unit(IndexScore.Level.REGION, row["name"], pk) for pk, row in inputs.regions.items()
    }
    for pk, row in agencies.items():
        agency_units[pk].agency_ids.add(pk)
        region_units[row["region_id"]].agency_ids.add(pk)
        done, active = inputs.reviews_by_agency.get((pk, year), (0, 0))
        for unit in (agency_units[pk], region_units[row["region_id"]]):
            unit.reviews_done += done
            unit.reviews_active += active
    rows = []
    for row in inputs.innovations:
        if row["launched_on"].year > year:
            continue
        values, evidence = innovation_values(row, year, inputs)
        score = round2(innovation_score(values))
        reports = inputs.reports.get((row["pk"], year), [])
        is_verified = bool(evidence["reports"])
        on_time = any(r["on_time"] for r in reports)
        for unit in (agency_units[row["agency_id"]], region_units[row["agency__region_id"]]):
            unit.scores.append(score)
            unit.innovations += 1
            unit.verified += is_verified
            unit.on_time += on_time
            if is_verified:
                unit.covered.add(row["agency_id"])
        rows.append(
            IndexScore(
                level=IndexScore.Level.INNOVATION,
                year=year,
                innovation_id=row["pk"],
                agency_id=row["agency_id"],
                region_id=row["agency__region_id"],
                name=row["title"],
                score=score,
                predicate=predicate(score, inputs.predicate_names),
                rank=0,
                innovation_count=1,
                details={
                    "values": {key: round(float(value), 4) for key, value in values.items()},
                    "evidence": evidence,
                },
            )
        )
    for units in (agency_units, region_units):
        for unit in units.values():
            rows.append(unit_row(unit, year))
    return rows


def unit_row(unit, year):
    values = {
        "compliance": share(unit.verified, unit.innovations),
        "timeliness": share(unit.on_time, unit.innovations),
        "review_participation": share(unit.reviews_done, unit.reviews_active),
        "coverage": share(len(unit.covered), len(unit.agency_ids)),
    }
    score, parts = unit_index(unit.scores, values, FLOOR[unit.level])
    return IndexScore(
        level=unit.level,
        year=year,
        agency_id=unit.agency_id,
        region_id=unit.region_id,
        name=unit.name,
        score=score,
        predicate=predicate(score),
        rank=0,
        innovation_count=unit.innovations,
        agency_count=len(unit.agency_ids),
        covered_agency_count=len(unit.covered),
        details={"values": {k: round(float(v), 4) for k, v in values.items()}, **parts},
    )


def row_key(row):
    return (row.level, row.innovation_id, row.agency_id, row.region_id)


def rank_rows(rows):
    by_level = defaultdict(list)
    for row in rows:
        by_level[row.level].append(row)
    for level_rows in by_level.values():
        level_rows.sort(key=lambda r: (-r.score, r.name))
        for position, row in enumerate(level_rows, start=1):
            row.rank = position


def default_years():
    """Every year with a submitted report or review, and the last completed period's year."""
    years = {periods.last_completed_period().year}
    years.update(
        MonitoringReport.objects.filter(status__in=SUBMITTED)
        .values_list("period_end__year", flat=True)
        .distinct()
    )
    years.update(ReviewAssignment.objects.values_list("year", flat=True).distinct())
    return sorted(years)


def recompute(years=None):
    """Replace the stored index of `years` (default_years() when None); returns rows stored."""
    years = sorted(set(years or default_years()))
    inputs = load_inputs(years)
    all_rows = []
    previous = {
        (row.level, row.innovation_id, row.agency_id, row.region_id, row.year): row.score
        for row in IndexScore.objects.filter(year__in=[y - 1 for y in years]).exclude(
            year__in=years
        )
    }
    for year in years:
        rows = compute_year(year, inputs)
        rank_rows(rows)
        for row in rows:
            row.previous_score = previous.get((*row_key(row), year - 1))
        previous.update({(*row_key(row), year): row.score for row in rows})
        all_rows += rows
    with transaction.atomic():
        IndexScore.objects.filter(year__in=years).delete()
        IndexScore.objects.bulk_create(all_rows, batch_size=2000)
    return len(all_rows)
