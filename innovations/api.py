"""The innovations endpoint of the public API and the taxonomy endpoints it links to.

Field lists live here rather than as `api_fields` on the models, so the models stay the
catalogue's and the API's shape is read in one place. Filters are the catalogue's own
(innovations.filters.CatalogueFilter), with the same parameter names and identifiers as
the catalogue's shareable URLs and the exports: BPS codes for regions, slugs for agencies,
sectors and awards, numbers for SDGs, stored choice values for stage, form and status.
The API is strict where the catalogue is forgiving: a value the catalogue would drop with
a notice is a 400 here, so a client never silently gets a wider result than it asked for.
"""

from django.db.models import Count, Q
from django.http import Http404, QueryDict
from django.utils.functional import classproperty
from rest_framework import serializers
from rest_framework.fields import Field
from wagtail.api import APIField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from config.api_support import (
    PublicAPIMixin,
    PublicBaseSerializer,
    PublicPageEndpoint,
    choice,
    public_pages,
)

from .filters import FACET_ORDER, RANGE_PARAMETERS, CatalogueFilter
from .models import (
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

FILTER_PARAMETERS = frozenset([*FACET_ORDER, *RANGE_PARAMETERS])
ORDERINGS = ("title", "launched_on", "first_published_at", "last_published_at", "replication_count")


class PrefetchedTagsField(Field):
    """Tag names, sorted in Python so a prefetched listing makes no query per page."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


RICH_TEXT_FIELDS = [
    "problem",
    "approach",
    "results",
    "lessons_learned",
    "sustainability",
    "how_to_replicate",
]

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


class NestedFieldsViewSet(BaseAPIViewSet):
    """Serialisation settings for a model nested inside another: no URL of its own."""

    base_serializer_class = PublicBaseSerializer
    meta_fields = ["type"]
    nested_default_fields = ["id"]

    @classmethod
    def get_nested_default_fields(cls, model):
        return cls.get_body_fields_names(model)


def nested(model_class, fields):
    return type(
        f"{model_class.__name__}NestedFields",
        (NestedFieldsViewSet,),
        {"model": model_class, "body_fields": ["id", *fields]},
    )


NESTED_ONLY = {
    InnovationStep: nested(InnovationStep, ["title", "description", "period"]),
    InnovationKeyFigure: nested(
        InnovationKeyFigure, ["label", "value", "unit", "baseline", "period"]
    ),
    InnovationReplication: nested(
        InnovationReplication,
        ["region", "agency", "adopter_name", "year", choice("status"), "note"],
    ),
    InnovationAward: nested(InnovationAward, ["award", "year", "rank"]),
    InnovationDocument: nested(InnovationDocument, ["document", choice("kind")]),
    InnovationGalleryImage: nested(InnovationGalleryImage, ["image", "caption"]),
}


def catalogue_filter(request):
    """The catalogue's own filter, strict: a value it would drop is a 400 here.

    Accepts repeated parameters like the catalogue (region=73.71&region=73.02) and, for
    API clients, comma-separated lists (region=73.71,73.02); no identifier has a comma.
    """
    params = QueryDict(mutable=True)
    for name in FILTER_PARAMETERS:
        for raw in request.GET.getlist(name):
            for part in raw.split(","):
                if "\x00" in part:
                    raise BadRequestError(f"{name}: malformed value")
                params.appendlist(name, part)
    selection = CatalogueFilter(params)
    if selection.notices:
        raise BadRequestError(
            "invalid filter, nothing returned: "
            + " ".join(str(notice) for notice in selection.notices)
        )
    return selection


class InnovationsAPIViewSet(PublicPageEndpoint):
    """Published, public innovations with every structured field of the case study."""

    name = "innovations"
    model = InnovationPage
    body_fields = ["id", "title", *INNOVATION_FIELDS]
    listing_default_fields = ["id", "type", "detail_url", *LISTING_FIELDS]
    orderings = ORDERINGS
    prefetches = PREFETCHES
    rich_text_fields = RICH_TEXT_FIELDS

    @classproperty
    def known_query_parameters(cls):
        return PublicAPIMixin.known_query_parameters | FILTER_PARAMETERS | {"search", "order"}

    def apply_filters(self, queryset):
        return catalogue_filter(self.request).apply(queryset)


class TaxonomyAPIViewSet(PublicAPIMixin, BaseAPIViewSet):
    """Reference data with the number of public innovations attached to each entry."""

    base_serializer_class = PublicBaseSerializer
    count_relation = None  # path from the taxonomy model to InnovationPage
    orderings = {"name": ("name",), "innovation_count": ("innovation_count",)}
    known_query_parameters = PublicAPIMixin.known_query_parameters | {"order"}

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields(
            [*cls.body_fields, APIField("innovation_count", serializer=serializers.IntegerField())]
        )

    @classmethod
    def get_listing_default_fields(cls, model):
        return cls.get_available_fields(model)

    def get_queryset(self):
        public_ids = public_pages(self.request, InnovationPage).values("pk")
        return self.model.objects.annotate(
            innovation_count=Count(
                self.count_relation,
                filter=Q(**{f"{self.count_relation}__in": public_ids}),
                distinct=True,
            )
        ).select_related(*self.select_related)

    select_related = ()

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        raw = request.GET.get("order", "").strip()
        if raw:
            name = raw.lstrip("-")
            if name not in self.orderings:
                raise BadRequestError(
                    "cannot order by '{}' (allowed: {}, each optionally prefixed with -)".format(
                        raw, ", ".join(self.orderings)
                    )
                )
            prefix = "-" if raw.startswith("-") else ""
            queryset = queryset.order_by(*(prefix + f for f in self.orderings[name]), "pk")
        else:
            queryset = queryset.order_by(*self.model._meta.ordering, "pk")
        items = self.paginate_queryset(queryset)
        serializer = self.get_serializer(items, many=True)
        return self.get_paginated_response(serializer.data)

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            instance = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
            if instance is None:
                raise Http404("not found")
            self._cached_object = instance
        return self._cached_object


class RegionsAPIViewSet(TaxonomyAPIViewSet):
    name = "regions"
    model = Region
    count_relation = "innovations"
    body_fields = ["id", "bps_code", "name", "slug", "kind", "seat", "latitude", "longitude"]
    nested_default_fields = ["id", "bps_code", "name", "kind"]
    orderings = {**TaxonomyAPIViewSet.orderings, "bps_code": ("bps_code",)}


class AgenciesAPIViewSet(TaxonomyAPIViewSet):
    name = "agencies"
    model = Agency
    count_relation = "innovations"
    body_fields = ["id", "name", "acronym", "slug", "kind", "region", "website"]
    nested_default_fields = ["id", "name", "acronym", "slug", "region"]
    select_related = ("region",)


class SectorsAPIViewSet(TaxonomyAPIViewSet):
    name = "sectors"
    model = Sector
    count_relation = "innovations"
    body_fields = ["id", "name", "slug", "description"]
    nested_default_fields = ["id", "name", "slug"]


class SDGsAPIViewSet(TaxonomyAPIViewSet):
    name = "sdgs"
    model = SustainableDevelopmentGoal
    count_relation = "innovations"
    body_fields = ["id", "number", "name", "name_en", "colour"]
    nested_default_fields = ["id", "number", "name", "colour"]
    orderings = {**TaxonomyAPIViewSet.orderings, "number": ("number",)}


class AwardsAPIViewSet(TaxonomyAPIViewSet):
    name = "awards"
    model = Award
    count_relation = "innovation_awards__page"
    body_fields = ["id", "name", "short_name", "slug", "level", "organiser"]
    nested_default_fields = ["id", "name", "short_name", "slug", "level"]
