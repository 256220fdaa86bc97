"""Innovations that fit a problem, ranked, each with the reasons it matches.

Used by "Cari inovasi untuk masalah saya" (a problem described in words, a sector, a budget
band, optionally a region) and by "Inovasi serupa" on a case study (the same question asked
with the case study's own problem). Scoring is plain and explainable on purpose: an official
must see why an innovation is proposed, so each point comes with its reason.
"""

import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Q, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core.cache import generation_key
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
        reasons.append(_("urusan yang sama: %(sector)s") % {"sector": query.sector})
    text = f"{row['title']} {row['summary']} {strip_tags(row['problem'])}".lower()
    shared = [word for word in query.words if word in text]
    if shared:
        score += 2 * len(shared)
        reasons.append(_("masalah serupa: %(words)s") % {"words": ", ".join(shared[:5])})
    if query.band and row["cost"] is not None:
        if query.band.contains(row["cost"]):
            score += 2
            reasons.append(_("biaya dalam rentang anggaran Anda"))
        elif query.band.low and row["cost"] < query.band.low:
            score += 2
            reasons.append(_("biaya di bawah rentang anggaran Anda"))
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
        reasons.append(_("prasyarat replikasi dijelaskan"))
    if query.region and query.region.kind in region_kinds:
        score += 1
        reasons.append(
            _("diterapkan di wilayah sejenis (%(kind)s)")
            % {"kind": query.region.get_kind_display().lower()}
        )
    replicated = row["verified_replication_count"] or row["replication_count"]
    if replicated:
        score += 1
        reasons.append(_("sudah direplikasi %(count)s kali") % {"count": replicated})
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
    """[(innovation id, reasons)] best first, only innovations with a real point of match."""
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
    return [Match(pages[pk], 0, reasons) for pk, reasons in found if pk in pages]


# Ranking the whole catalogue's text for one innovation takes 0.3-7 s at 10,000 innovations:
# the choice is kept a day (a new global generation renews it); the cards themselves are
# read fresh, so a title change or an unpublished innovation shows at once.
SIMILAR_SECONDS = 24 * 3600


def similar(innovation, limit=3):
    """ "Inovasi serupa": innovations that answer the same problem."""
    key = generation_key("replication-similar", innovation.pk, limit)
    found = cache.get(key)
    if found is None:
        sector = innovation.sectors.first()
        query = ProblemQuery(
            text=f"{innovation.title} {innovation.summary}",
            sector=sector,
            band=innovation.budget_band if innovation.cost is not None else None,
            region=innovation.regions.first(),
        )
        found = ranked_ids(query, exclude=innovation.pk, limit=limit)
        cache.set(key, found, SIMILAR_SECONDS)
    if not found:
        return []
    # With the page's related cards in the same query (InnovationPage.card_pages).
    pages = innovation.card_pages([pk for pk, _r in found])
    return [Match(pages[pk], 0, reasons) for pk, reasons in found if pk in pages]
