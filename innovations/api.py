"""What the public API shows of the catalogue: innovation and taxonomy field lists.

Field lists live here rather than as `api_fields` on the models, so the models stay the
catalogue's and the API's shape is read in one place. The endpoints that serve them, and
the filters (the catalogue's own, with the same parameter names and identifiers as the
catalogue's shareable URLs and the exports), are in the `api` app.
"""

from rest_framework.fields import Field
from wagtail.api import APIField

from core.serializers import choice

from .models import (
    CASE_STUDY_RICH_TEXT_FIELDS,
    Agency,
    Award,
    InnovationAward,
    InnovationDocument,
    InnovationGalleryImage,
    InnovationKeyFigure,
    InnovationPage,
    InnovationReplication,
    InnovationStep,
    Region,
    Sector,
    SustainableDevelopmentGoal,
)

# The replication counters are kept by the replication app (replication/stats.py).
REPLICATION_COUNTERS = ("request_count", "visit_count", "verified_replication_count")
ORDERINGS = (
    "title",
    "launched_on",
    "first_published_at",
    "last_published_at",
    "replication_count",
    *REPLICATION_COUNTERS,
)


class PrefetchedTagsField(Field):
    """Tag names, sorted in Python so a prefetched listing makes no query per page."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


# Rich text is expanded for a whole response in one pass (api/serializers.py).
RICH_TEXT_FIELDS = list(CASE_STUDY_RICH_TEXT_FIELDS)

INNOVATION_FIELDS = [
    "tagline",
    "summary",
    "hero_image",
    "agency",
    "regions",
    "sectors",
    "sdgs",
    choice("form"),
    "is_digital",
    choice("initiator"),
    choice("stage"),
    choice("status"),
    "launched_on",
    "trial_started_on",
    "implemented_on",
    "website",
    APIField("tags", serializer=PrefetchedTagsField()),
    "problem",
    "approach",
    "steps",
    "results",
    "key_figures",
    "beneficiaries",
    "beneficiaries_count",
    "lessons_learned",
    "sustainability",
    "regulation_prerequisites",
    "staff_prerequisites",
    "budget_prerequisites",
    "infrastructure_prerequisites",
    "cost",
    choice("budget_source"),
    "how_to_replicate",
    "regulations",
    "replication_count",
    *REPLICATION_COUNTERS,
    "replications",
    "awards",
    "documents",
    "gallery_images",
    "video_url",
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
]

LISTING_FIELDS = [
    "title",
    "html_url",
    "slug",
    "first_published_at",
    "tagline",
    "summary",
    "hero_image",
    "agency",
    "regions",
    "sectors",
    "sdgs",
    "form",
    "is_digital",
    "stage",
    "status",
    "launched_on",
    "replication_count",
    *REPLICATION_COUNTERS,
]

# What to load, in one query each, for every field a response may include.
PREFETCHES = {
    "hero_image": ["hero_image__renditions"],
    "agency": ["agency__region"],
    "regions": ["regions"],
    "sectors": ["sectors"],
    "sdgs": ["sdgs"],
    "tags": ["tags"],
    "steps": ["steps"],
    "key_figures": ["key_figures"],
    "regulations": ["regulations__document"],
    "replications": ["replications__region", "replications__agency__region"],
    "awards": ["awards__award"],
    "documents": ["documents__document"],
    "gallery_images": ["gallery_images__image__renditions"],
}


# Rows shown only inside an innovation: their fields, and no URL of their own.
NESTED_FIELDS = {
    InnovationStep: ["title", "description", "period"],
    InnovationKeyFigure: ["label", "value", "unit", "baseline", "period"],
    InnovationReplication: ["region", "agency", "adopter_name", "year", choice("status"), "note"],
    InnovationAward: ["award", "year", "rank"],
    InnovationDocument: ["document", choice("kind")],
    InnovationGalleryImage: ["image", "caption"],
}


class InnovationFields:
    model = InnovationPage
    body_fields = ["id", "title", *INNOVATION_FIELDS]
    listing_default_fields = ["id", "type", "detail_url", *LISTING_FIELDS]
    orderings = ORDERINGS
    prefetches = PREFETCHES
    rich_text_fields = RICH_TEXT_FIELDS


# Taxonomies: each lists the public innovations attached to an entry through `count_relation`.
# One declaration per endpoint, alike on purpose (the duplicates scan pairs them): each is the
# documented field list of one endpoint, read and changed on its own.
TAXONOMY_ORDERINGS = ("name", "innovation_count")


class RegionFields:
    name = "regions"
    model = Region
    count_relation = "innovations"
    body_fields = ["id", "bps_code", "name", "slug", "kind", "seat", "latitude", "longitude"]
    nested_default_fields = ["id", "bps_code", "name", "kind"]
    orderings = (*TAXONOMY_ORDERINGS, "bps_code")


class AgencyFields:
    name = "agencies"
    model = Agency
    count_relation = "innovations"
    body_fields = ["id", "name", "acronym", "slug", "kind", "region", "website"]
    nested_default_fields = ["id", "name", "acronym", "slug", "region"]
    select_related = ("region",)


class SectorFields:
    name = "sectors"
    model = Sector
    count_relation = "innovations"
    body_fields = ["id", "name", "slug", "description"]
    nested_default_fields = ["id", "name", "slug"]


class SDGFields:
    name = "sdgs"
    model = SustainableDevelopmentGoal
    count_relation = "innovations"
    body_fields = ["id", "number", "name", "name_en", "colour"]
    nested_default_fields = ["id", "number", "name", "colour"]
    orderings = (*TAXONOMY_ORDERINGS, "number")


class AwardFields:
    name = "awards"
    model = Award
    count_relation = "innovation_awards__page"
    body_fields = ["id", "name", "short_name", "slug", "level", "organiser"]
    nested_default_fields = ["id", "name", "short_name", "slug", "level"]


TAXONOMY_FIELDS = [RegionFields, AgencyFields, SectorFields, SDGFields, AwardFields]
