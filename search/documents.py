"""Extra fields of every engine document: what facets, filters and sorts need.

The search page's facets (type, region, sector, year) and the catalogue's filters, facet
counts and sorts run on the engine when one is configured, so each document carries them as
keyword, number and date fields (`FACET_MAPPING`). Values are the same identifiers the
database path uses (slugs, primary keys, choice values), so both paths give identical
answers (tests/search/test_catalogue_parity.py).
"""

from django.utils.text import slugify

# /cari/ facets
TYPE, REGIONS, SECTORS, YEAR = "_f_jenis", "_f_wilayah", "_f_urusan", "_f_tahun"
# catalogue facets and sorts (innovations only)
CATALOGUE_FIELDS = {
    "region": "_c_region",
    "agency": "_c_agency",
    "sector": "_c_sector",
    "sdg": "_c_sdg",
    "award": "_c_award",
    "stage": "_c_stage",
    "form": "_c_form",
    "digital": "_c_digital",
    "replicated": "_c_replicated",
    "budget": "_c_budget",
    "status": "_c_status",
}
LAUNCHED, LAUNCH_YEAR, TITLE, REPLICATIONS, UPDATED, PK, TEXT = (
    "_c_launched",
    "_c_launch_year",
    "_c_title",
    "_c_replications",
    "_c_updated",
    "_c_pk",
    "_c_text",
)
# The replication app's counters (replication/stats.py) and the date of the latest verified
# monitoring report (monitoring/signals.py), written outside the editor: whoever writes them
# re-indexes the innovation (innovations.models.reindex_live_fields).
COUNTERS = {
    "request_count": "_c_requests",
    "visit_count": "_c_visits",
    "verified_replication_count": "_c_verified_replications",
}
VERIFIED, PROVEN = "_c_verified", "_c_proven"
TAXONOMY_IDS = {"region", "agency", "sector", "sdg", "award"}

FACET_MAPPING = {
    TYPE: {"type": "keyword"},
    REGIONS: {"type": "keyword"},
    SECTORS: {"type": "keyword"},
    YEAR: {"type": "keyword"},
    **{name: {"type": "keyword"} for name in CATALOGUE_FIELDS.values()},
    LAUNCHED: {"type": "date"},
    LAUNCH_YEAR: {"type": "integer"},
    TITLE: {"type": "keyword"},
    REPLICATIONS: {"type": "integer"},
    UPDATED: {"type": "date"},
    PK: {"type": "long"},
    **{name: {"type": "integer"} for name in COUNTERS.values()},
    VERIFIED: {"type": "date"},
    PROVEN: {"type": "integer"},
    # Lower-cased title, tagline and summary for the catalogue's substring text filter.
    TEXT: {"type": "keyword"},
}
# Lucene refuses terms over 32,766 bytes.
MAX_TEXT_CHARACTERS = 8000


def type_key_for(model):
    return slugify(str(model._meta.verbose_name))


def facet_document(obj):
    """The facet, filter and sort fields of one indexed object."""
    from innovations.models import InnovationPage
    from publications.models import Regulation

    if isinstance(obj, Regulation):
        return {TYPE: "regulasi", YEAR: str(obj.year) if obj.year else None}
    if not hasattr(obj, "first_published_at"):
        return {}
    doc = {TYPE: type_key_for(type(obj))}
    year = None
    if isinstance(obj, InnovationPage):
        year = obj.launched_on.year if obj.launched_on else None
        doc.update(innovation_document(obj))
    elif getattr(obj, "first_published_at", None):
        year = obj.first_published_at.year
    doc[YEAR] = str(year) if year else None
    return doc


def innovation_document(page):
    from innovations.filters import NO, YES, proven_rank

    regions = list(page.regions.all())
    sectors = list(page.sectors.all())
    return {
        REGIONS: [region.slug for region in regions],
        SECTORS: [sector.slug for sector in sectors],
        CATALOGUE_FIELDS["region"]: [str(region.pk) for region in regions],
        CATALOGUE_FIELDS["agency"]: str(page.agency_id) if page.agency_id else None,
        CATALOGUE_FIELDS["sector"]: [str(sector.pk) for sector in sectors],
        CATALOGUE_FIELDS["sdg"]: [str(pk) for pk in page.sdgs.values_list("pk", flat=True)],
        CATALOGUE_FIELDS["award"]: [
            str(pk) for pk in page.awards.values_list("award_id", flat=True).distinct()
        ],
        CATALOGUE_FIELDS["stage"]: page.stage,
        CATALOGUE_FIELDS["form"]: page.form,
        CATALOGUE_FIELDS["digital"]: YES if page.is_digital else NO,
        CATALOGUE_FIELDS["replicated"]: YES if page.replication_count > 0 else NO,
        CATALOGUE_FIELDS["budget"]: page.budget_band.key,
        CATALOGUE_FIELDS["status"]: page.status,
        LAUNCHED: page.launched_on.isoformat() if page.launched_on else None,
        LAUNCH_YEAR: page.launched_on.year if page.launched_on else None,
        TITLE: page.title,
        REPLICATIONS: page.replication_count,
        UPDATED: page.last_published_at.isoformat() if page.last_published_at else None,
        PK: page.pk,
        **{name: getattr(page, counter) for counter, name in COUNTERS.items()},
        VERIFIED: page.last_verified_on.isoformat() if page.last_verified_on else None,
        PROVEN: proven_rank(page),
        TEXT: "\n".join(
            (value or "").lower() for value in (page.title, page.tagline, page.summary)
        )[:MAX_TEXT_CHARACTERS],
    }
