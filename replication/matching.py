"""Innovations that fit a problem, ranked, each with the reasons it matches.

Used by "Cari inovasi untuk masalah saya" (a problem described in words, a sector, a budget
band, optionally a region) and by "Inovasi serupa" on a case study (the same question asked
with the case study's own problem, ranked ahead of any visit: replication/similar.py).
Scoring is plain and explainable on purpose: an official must see why an innovation is
proposed, so each point comes with its reason. A reason is kept as a code and its values
(`Reason`), stored as they are and put into words in the language of the page that shows it.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Q, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from innovations.models import BUDGET_BANDS, InnovationPage, Region, Sector

CANDIDATES = 300
RESULTS = 10
MAX_WORDS = 12
# Frequent Indonesian words that say nothing about a problem.
STOP_WORDS = frozenset(
    """yang dan untuk dengan dari dalam pada atau tidak akan oleh karena masih sudah belum
    bisa dapat lebih sangat banyak kami kita saya mereka ini itu juga agar harus antara
    secara tersebut adalah hingga serta setiap warga layanan pelayanan masyarakat daerah
    sering terlalu lama kurang""".split()  # noqa: SIM905 - a word list reads better as text
)
WORD = re.compile(r"[a-z0-9]{4,}")


def words_of(text):
    seen = []
    for word in WORD.findall((text or "").lower()):
        if word not in STOP_WORDS and word not in seen:
            seen.append(word)
    return seen[:MAX_WORDS]


@dataclass
class ProblemQuery:
    text: str = ""
    sector: Sector | None = None
    band: object = None
    region: Region | None = None
    # Only innovations in this locale ("Inovasi serupa": the case study's own language).
    locale_id: int | None = None
    errors: list = field(default_factory=list)

    @classmethod
    def from_params(cls, params):
        query = cls(text=params.get("masalah", "").strip()[:1000])
        sector_slug = params.get("urusan", "")
        if sector_slug:
            query.sector = Sector.objects.filter(slug=sector_slug[:120]).first()
            if query.sector is None:
                query.errors.append(_("Urusan yang dipilih tidak dikenal."))
        band_key = params.get("anggaran", "")
        if band_key:
            query.band = next((b for b in BUDGET_BANDS if b.key == band_key), None)
            if query.band is None:
                query.errors.append(_("Rentang anggaran yang dipilih tidak dikenal."))
        region_code = params.get("wilayah", "")
        if region_code:
            query.region = Region.objects.filter(bps_code=region_code[:8]).first()
        if "masalah" in params and not query.words and not query.sector:
            query.errors.append(_("Ceritakan masalah Anda atau pilih urusannya."))
        return query

    @property
    def words(self):
        return words_of(self.text)

    @property
    def is_complete(self):
        return not self.errors and bool(self.words or self.sector)


@dataclass
class Match:
    innovation: InnovationPage
    score: int
    reasons: list


# A reason: [code, values], JSON as it is stored (replication.models.SimilarInnovations).
SECTOR = "sector"
WORDS = "words"
WITHIN_BUDGET = "within_budget"
UNDER_BUDGET = "under_budget"
PREREQUISITES = "prerequisites"
REGION_KIND = "region_kind"
REPLICATED = "replicated"


def _sector_name(values):
    return (get_language() == "en" and values.get("name_en")) or values["name"]


# Put into words when shown, so a list stored once reads in the language of each page.
REASON_TEXTS = {
    SECTOR: lambda values: _("urusan yang sama: %(sector)s") % {"sector": _sector_name(values)},
    WORDS: lambda values: _("masalah serupa: %(words)s") % {"words": ", ".join(values["words"])},
    WITHIN_BUDGET: lambda values: _("biaya dalam rentang anggaran Anda"),
    UNDER_BUDGET: lambda values: _("biaya di bawah rentang anggaran Anda"),
    PREREQUISITES: lambda values: _("prasyarat replikasi dijelaskan"),
    REGION_KIND: lambda values: (
        _("diterapkan di wilayah sejenis (%(kind)s)")
        % {"kind": str(Region.Kind(values["kind"]).label).lower()}
    ),
    REPLICATED: lambda values: _("sudah direplikasi %(count)s kali") % {"count": values["count"]},
}


def describe(reasons):
    """The reasons in words, in the active language (codes no longer known are left out)."""
    return [REASON_TEXTS[code](values) for code, values in reasons if code in REASON_TEXTS]


def choices():
    return {
        "sectors": Sector.objects.order_by("name"),
        "bands": [band for band in BUDGET_BANDS if not band.unknown],
        "regions": Region.objects.exclude(kind=Region.Kind.PROVINCE),
    }


def _candidates(query, exclude=None):
    """Live innovations whose title, summary or problem holds one of the query's words, or in
    its sector. One case-insensitive regular expression over the three texts joined by a space
    (the words are [a-z0-9]{4,}, so none spans two of them) and the sector as a subquery (no
    join, so no DISTINCT): 36 ILIKEs over a sector join with DISTINCT took 1.1-1.9 s per case
    study at 10,000 innovations on PostgreSQL, this 0.13-0.36 s, same rows."""
    words = query.words
    pages = InnovationPage.objects.live().public()
    if query.locale_id is not None:
        pages = pages.filter(locale_id=query.locale_id)
    condition = Q()
    if words:
        pages = pages.alias(
            _match_text=Concat(
                "title", Value(" "), "summary", Value(" "), "problem", output_field=TextField()
            )
        )
        condition |= Q(_match_text__iregex="(" + "|".join(words) + ")")
    if query.sector:
        condition |= Q(
            pk__in=InnovationPage.sectors.through.objects.filter(sector=query.sector).values(
                "innovationpage_id"
            )
        )
    pages = pages.filter(condition)
    if exclude:
        pages = pages.exclude(pk=exclude)
    return list(
        pages.order_by("-verified_replication_count", "-replication_count", "pk").values(
            "pk",
            "title",
            "summary",
            "problem",
            "cost",
            "verified_replication_count",
            "replication_count",
            "regulation_prerequisites",
            "staff_prerequisites",
            "budget_prerequisites",
            "infrastructure_prerequisites",
        )[:CANDIDATES]
    )


def _relations(ids, query):
    sectors, regions = set(), {}
    if query.sector:
        sectors = set(
            InnovationPage.sectors.through.objects.filter(
                innovationpage_id__in=ids, sector=query.sector
            ).values_list("innovationpage_id", flat=True)
        )
    if query.region:
        for page_id, kind in InnovationPage.regions.through.objects.filter(
            innovationpage_id__in=ids
        ).values_list("innovationpage_id", "region__kind"):
            regions.setdefault(page_id, set()).add(kind)
    return sectors, regions


def _score(row, query, in_sector, region_kinds):
    score, reasons = 0, []
    if in_sector:
        score += 3
        sector = query.sector
        reasons.append([SECTOR, {"name": sector.name, "name_en": sector.name_en}])
    text = f"{row['title']} {row['summary']} {strip_tags(row['problem'])}".lower()
    shared = [word for word in query.words if word in text]
    if shared:
        score += 2 * len(shared)
        reasons.append([WORDS, {"words": shared[:5]}])
    if query.band and row["cost"] is not None:
        if query.band.contains(row["cost"]):
            score += 2
            reasons.append([WITHIN_BUDGET, {}])
        elif query.band.low and row["cost"] < query.band.low:
            score += 2
            reasons.append([UNDER_BUDGET, {}])
    prerequisites = [
        row[name]
        for name in (
            "regulation_prerequisites",
            "staff_prerequisites",
            "budget_prerequisites",
            "infrastructure_prerequisites",
        )
        if row[name]
    ]
    if len(prerequisites) >= 3:
        score += 1
        reasons.append([PREREQUISITES, {}])
    if query.region and query.region.kind in region_kinds:
        score += 1
        reasons.append([REGION_KIND, {"kind": query.region.kind}])
    replicated = row["verified_replication_count"] or row["replication_count"]
    if replicated:
        score += 1
        reasons.append([REPLICATED, {"count": replicated}])
    return score, reasons


def _cards(ids):
    """Live innovations by id with what a card shows, in a constant number of queries."""
    return {
        page.pk: page
        for page in InnovationPage.objects.live()
        .filter(pk__in=ids)
        .defer_streamfields()
        .select_related("agency", "hero_image")
        .prefetch_related("regions", "sectors", "hero_image__renditions")
    }


def ranked_ids(query, exclude=None, limit=RESULTS):
    """[(innovation id, reasons as codes)] best first, only innovations with a real point of
    match."""
    rows = _candidates(query, exclude)
    ids = [row["pk"] for row in rows]
    sectors, regions = _relations(ids, query)
    scored = []
    for row in rows:
        score, reasons = _score(row, query, row["pk"] in sectors, regions.get(row["pk"], ()))
        if score >= 3:
            scored.append((-score, row["title"], row["pk"], reasons))
    scored.sort()
    return [(pk, reasons) for _score_, _title, pk, reasons in scored[:limit]]


def rank(query, exclude=None, limit=RESULTS):
    found = ranked_ids(query, exclude, limit)
    pages = _cards([pk for pk, _r in found])
    return [Match(pages[pk], 0, describe(reasons)) for pk, reasons in found if pk in pages]
