"""What every endpoint of the public API shares.

The public API is anonymous and the same for everybody: it never reads the session or the
user, so a shared cache or CDN can hold its answers. Pages behind any view restriction and
media in any restricted collection are left out for everyone, even for a logged-in editor
who could see them on the site (the admin has its own API).
"""

import functools
import hashlib
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.urls import path
from django.utils.cache import patch_cache_control
from django.utils.decorators import decorator_from_middleware
from django.utils.functional import classproperty
from rest_framework.fields import Field
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api import APIField
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.serializers import (
    BaseSerializer,
    ChildRelationField,
    PageSerializer,
    RelatedField,
)
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.fields import RichTextField
from wagtail.models import Collection, CollectionViewRestriction, Page, Site
from wagtail.rich_text import expand_db_html
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from innovations.cache import generation

# Beyond this an offset is a crawler walking off the end, and very large numbers overflow
# the database's integer type.
MAX_OFFSET = 1_000_000
MAX_SEARCH_LENGTH = 200
MAX_ID = 2**31 - 1
DEFAULT_LIMIT = 20

conditional_get = decorator_from_middleware(ConditionalGetMiddleware)


def response_cache_seconds():
    return settings.API_CACHE_SECONDS


def cached_response(view):
    """Keep successful answers in the shared cache for API_CACHE_SECONDS.

    Keys carry the catalogue's generation token (innovations.cache), which any save of an
    innovation or a taxonomy renews, so edits show at once; anything else (a new view
    restriction, a moved image) shows within API_CACHE_SECONDS, well inside the five
    minutes that Cache-Control already lets clients and CDNs keep an answer.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        seconds = response_cache_seconds()
        if request.method not in ("GET", "HEAD") or not seconds:
            return view(request, *args, **kwargs)
        digest = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode())
        key = f"api:{generation()}:{digest.hexdigest()}"
        hit = cache.get(key)
        if hit is not None:
            content, content_type, cache_control = hit
            response = HttpResponse(content, content_type=content_type)
            response["Cache-Control"] = cache_control
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response.render()
        if response.status_code == 200:
            value = (response.content, response["Content-Type"], response["Cache-Control"])
            cache.set(key, value, seconds)
        return response

    return wrapped


def max_page_size():
    return getattr(settings, "WAGTAILAPI_LIMIT_MAX", 100)


def parse_non_negative_int(request, name, default, maximum, too_big_message):
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not raw.isascii():
        raise BadRequestError(f"{name} must be a non-negative whole number")
    value = int(raw) if len(raw) <= 12 else maximum + 1
    if value > maximum:
        raise BadRequestError(too_big_message)
    return value


class CappedPagination(WagtailPagination):
    """Offset/limit paging with a hard page size cap and an offset ceiling."""

    def paginate_queryset(self, queryset, request, view=None):
        limit_max = max_page_size()
        offset = parse_non_negative_int(
            request, "offset", 0, MAX_OFFSET, f"offset cannot be higher than {MAX_OFFSET}"
        )
        limit = parse_non_negative_int(
            request,
            "limit",
            min(DEFAULT_LIMIT, limit_max),
            limit_max,
            f"limit cannot be higher than {limit_max}",
        )
        self.view = view
        self.total_count = queryset.count()
        return list(queryset[offset : offset + limit])

    def get_paginated_response(self, data):
        return Response(
            OrderedDict(
                [("meta", OrderedDict([("total_count", self.total_count)])), ("items", data)]
            )
        )


def public_pages(request, model):
    """Live pages of `model` on the request's site, outside every private section.

    The site and the view restrictions are looked up once per request, however many
    querysets an endpoint builds from them.
    """
    if not hasattr(request, "_api_public_scope"):
        site = Site.find_for_request(request)
        root = site.root_page if site else None
        request._api_public_scope = (root, Page.objects.all().private_q())
    root, private = request._api_public_scope
    queryset = model._default_manager.live().exclude(private)
    if root is None:
        return queryset.none()
    return queryset.descendant_of(root, inclusive=True)


def restricted_collection_ids():
    """Collections under any view restriction, whoever asks (cached per request by callers)."""
    roots = Collection.objects.filter(
        pk__in=CollectionViewRestriction.objects.values("collection_id")
    ).values_list("path", flat=True)
    condition = Q()
    for root_path in roots:
        condition |= Q(path__startswith=root_path)
    if not condition:
        return frozenset()
    return frozenset(Collection.objects.filter(condition).values_list("pk", flat=True))


def request_restricted_collection_ids(request):
    if not hasattr(request, "_api_restricted_collections"):
        request._api_restricted_collections = restricted_collection_ids()
    return request._api_restricted_collections


class BatchedRichTextField(Field):
    """Rich text as display HTML, expanded from a per-response cache.

    Expanding links one field at a time costs a query per field (wagtail#11484); the
    endpoints expand every rich text value of a response in one pass beforehand.
    """

    def to_representation(self, value):
        cache = self.context.get("rich_text_html")
        if cache is not None and value in cache:
            return cache[value]
        return expand_db_html(value)


# Stored rich text never contains custom elements, so this cannot collide with content.
_RICH_TEXT_SEPARATOR = "<jipp-rich-text-separator></jipp-rich-text-separator>"


def expand_rich_text_values(values):
    """Expand many database-HTML strings with one lookup per link type, not per string."""
    values = [value for value in dict.fromkeys(values) if value]
    if not values:
        return {}
    expanded = expand_db_html(_RICH_TEXT_SEPARATOR.join(values)).split(_RICH_TEXT_SEPARATOR)
    if len(expanded) != len(values):
        return {value: expand_db_html(value) for value in values}
    return dict(zip(values, expanded, strict=True))


class PublicAPIMixin:
    """Read-only, anonymous, strictly validated, cacheable endpoint behaviour."""

    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = [AllowAny]
    pagination_class = CappedPagination
    known_query_parameters = frozenset(["limit", "offset", "fields"])
    detail_query_parameters = frozenset(["fields"])
    cache_max_age = 300

    def initial(self, request, *args, **kwargs):
        # Beyond the database's integer range nothing can match, and SQLite would overflow.
        if kwargs.get("pk", 0) > MAX_ID:
            raise Http404("not found")
        super().initial(request, *args, **kwargs)

    def check_query_parameters(self, queryset):
        allowed = (
            self.known_query_parameters
            if self.action == "listing_view"
            else self.detail_query_parameters
        )
        unknown = set(self.request.GET.keys()) - allowed
        if unknown:
            raise BadRequestError(
                "unknown query parameter: {} (allowed: {})".format(
                    ", ".join(sorted(unknown)), ", ".join(sorted(allowed))
                )
            )

    def requested_fields(self):
        """Parsed ?fields=, with a clear message instead of an exception on bad syntax."""
        if "fields" not in self.request.GET:
            return []
        raw = self.request.GET["fields"]
        if len(raw) > 2000 or "\x00" in raw:
            raise BadRequestError("fields error: parameter too long or malformed")
        try:
            return parse_fields_parameter(raw)
        except (ValueError, IndexError) as e:
            raise BadRequestError(f"fields error: {e}") from e

    def get_serializer_class(self):
        model = (
            self.get_queryset().model if self.action == "listing_view" else type(self.get_object())
        )
        return self._get_serializer_class(
            self.request.wagtailapi_router,
            model,
            self.requested_fields(),
            show_details=self.action != "listing_view",
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["_wagtail_rich_text_format"] = "html"
        return context

    def resolve_rich_text_format(self):
        return "html"

    def detail_view(self, request, pk):
        self.check_query_parameters(self.get_queryset())
        return super().detail_view(request, pk)

    def get_renderer_context(self):
        # Compact JSON: Wagtail indents by four spaces, a third of the bytes of a listing.
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=self.cache_max_age)
        else:
            patch_cache_control(response, no_cache=True)
        return response

    @classmethod
    def get_urlpatterns(cls):
        def view(action):
            return conditional_get(cached_response(cls.as_view({"get": action})))

        return [
            path("", view("listing_view"), name="listing"),
            path("<int:pk>/", view("detail_view"), name="detail"),
        ]


def nested_serializer(context, serializer_class):
    """One nested serializer per class and response, instead of one per related object.

    Wagtail builds a new serializer (and all its fields) for every related object; on a
    page of 100 innovations that was most of the response time.
    """
    cache = context.setdefault("_nested_serializers", {})
    if serializer_class not in cache:
        cache[serializer_class] = serializer_class(context=context)
    return cache[serializer_class]


class CachedRelatedField(RelatedField):
    def to_representation(self, value):
        return nested_serializer(self.context, self.serializer_class).to_representation(value)


class CachedChildRelationField(ChildRelationField):
    def to_representation(self, value):
        serializer = nested_serializer(self.context, self.serializer_class)
        return [serializer.to_representation(child) for child in value.all()]


class CachedNestedSerializerMixin:
    serializer_related_field = CachedRelatedField

    def build_relational_field(self, field_name, relation_info):
        field_class, kwargs = super().build_relational_field(field_name, relation_info)
        if field_class is ChildRelationField:
            field_class = CachedChildRelationField
        return field_class, kwargs


class PublicBaseSerializer(CachedNestedSerializerMixin, BaseSerializer):
    pass


class PageSerializerWithHTML(CachedNestedSerializerMixin, PageSerializer):
    serializer_field_mapping = PageSerializer.serializer_field_mapping.copy()
    serializer_field_mapping[RichTextField] = BatchedRichTextField


class ChoiceWithLabelField(Field):
    """A stored choice value with its Indonesian label: {"value": ..., "label": ...}."""

    def __init__(self, field_name, **kwargs):
        self.model_field_name = field_name
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        value = getattr(instance, self.model_field_name)
        if not value:
            return None
        return {
            "value": value,
            "label": str(getattr(instance, f"get_{self.model_field_name}_display")()),
        }


def choice(name):
    return APIField(name, serializer=ChoiceWithLabelField(name))


def parse_values(request, name, limit=40):
    """Comma-separated and/or repeated values of one parameter, de-duplicated, in order."""
    values = []
    for raw in request.GET.getlist(name):
        values.extend(part.strip() for part in raw.split(","))
    values = list(dict.fromkeys(value for value in values if value))
    if not values:
        raise BadRequestError(f"{name}: give at least one value")
    if len(values) > limit or any(len(value) > 100 or "\x00" in value for value in values):
        raise BadRequestError(f"{name}: at most {limit} values of at most 100 characters")
    return values


class ChoiceFilter:
    """?name=a,b on a field with fixed choices; an unknown value is a 400."""

    def __init__(self, name, field, choices):
        self.name, self.field, self.choices = name, field, choices

    def apply(self, request, queryset):
        values = parse_values(request, self.name)
        unknown = [value for value in values if value not in self.choices.values]
        if unknown:
            raise BadRequestError(
                "unknown {}: {} (allowed: {})".format(
                    self.name, ", ".join(unknown), ", ".join(self.choices.values)
                )
            )
        return queryset.filter(**{f"{self.field}__in": values})

    def allowed_values(self):
        return list(self.choices.values)


class RelatedFilter:
    """?name=slug1,slug2 on a related model found by `key`; an unknown value is a 400."""

    def __init__(self, name, model, key, lookup):
        self.name, self.model, self.key, self.lookup = name, model, key, lookup

    def apply(self, request, queryset):
        values = parse_values(request, self.name)
        found = dict(
            self.model.objects.filter(**{f"{self.key}__in": values}).values_list(self.key, "pk")
        )
        unknown = [value for value in values if value not in found]
        if unknown:
            raise BadRequestError(f"unknown {self.name}: {', '.join(unknown)}")
        matching = queryset.model.objects.filter(**{f"{self.lookup}__in": found.values()})
        return queryset.filter(pk__in=matching.values("pk"))

    def allowed_values(self):
        return list(self.model.objects.values_list(self.key, flat=True))


def search_pages(request, queryset, order):
    """Full-text search over an already filtered queryset, by relevance unless ordered."""
    query = request.GET.get("search", "").strip()
    if not query:
        raise BadRequestError("search must not be empty")
    if len(query) > MAX_SEARCH_LENGTH or "\x00" in query:
        raise BadRequestError(f"search must be at most {MAX_SEARCH_LENGTH} characters")
    ordered = bool(request.GET.get("order"))
    # The search backend cannot filter on many-to-many relations (modelsearch#100):
    # hand it a queryset narrowed by primary key instead of the relation filters.
    model = queryset.model
    narrowed = model.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)))
    if ordered:
        # The search backend sorts by indexed fields only: no primary-key tie-breaker.
        narrowed = order(request, narrowed).order_by(request.GET["order"].strip())
    try:
        return get_search_backend().search(
            query, narrowed, operator="and", order_by_relevance=not ordered
        )
    except (FilterFieldError, OrderByFieldError) as e:
        raise BadRequestError(
            f"search results cannot be ordered by '{request.GET['order']}'"
        ) from e


class PublicPageEndpoint(PublicAPIMixin, PagesAPIViewSet):
    """A listing of one page type with its own fields, filters, ordering and search.

    Relations named in `prefetches` are loaded for the whole page of results at once and
    rich text is expanded in one pass, so the query count does not grow with the limit.
    """

    base_serializer_class = PageSerializerWithHTML
    filter_backends = []
    filters = []
    orderings = ("title", "first_published_at", "last_published_at")
    default_order = ("title",)
    prefetches = {}
    rich_text_fields = ()
    meta_fields = [
        "type",
        "detail_url",
        "html_url",
        "slug",
        "seo_title",
        "search_description",
        "first_published_at",
        "last_published_at",
    ]
    nested_default_fields = ["id", "type", "detail_url", "html_url", "title", "slug"]
    detail_only_fields = []

    @classproperty
    def known_query_parameters(cls):
        return (
            PublicAPIMixin.known_query_parameters
            | {"search", "order"}
            | {page_filter.name for page_filter in cls.filters}
        )

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields(cls.body_fields)

    @classmethod
    def get_meta_fields(cls, model):
        return cls._convert_api_fields(cls.meta_fields)

    @classmethod
    def get_detail_default_fields(cls, model):
        fields = cls.get_available_fields(model)
        return fields

    def get_queryset(self):
        return public_pages(self.request, self.model)

    def get_base_queryset(self):
        return public_pages(self.request, Page)

    def apply_filters(self, queryset):
        for page_filter in self.filters:
            if page_filter.name in self.request.GET:
                queryset = page_filter.apply(self.request, queryset)
        return queryset

    def order(self, request, queryset):
        raw = request.GET.get("order", "").strip()
        if not raw:
            return queryset.order_by(*self.default_order, "pk")
        if raw.removeprefix("-") not in self.orderings:
            raise BadRequestError(
                "cannot order by '{}' (allowed: {}, each optionally prefixed with -)".format(
                    raw, ", ".join(self.orderings)
                )
            )
        return queryset.order_by(raw, "pk")

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.apply_filters(queryset)
        if "search" in request.GET:
            queryset = search_pages(request, queryset, self.order)
        else:
            queryset = self.order(request, queryset)
        serializer_class = self.get_serializer_class()
        items = self.paginate_queryset(queryset)
        self.prepare(items, serializer_class.Meta.fields)
        serializer = serializer_class(items, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            instance = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
            if instance is None:
                raise Http404("not found")
            self._cached_object = instance
        return self._cached_object

    def detail_view(self, request, pk):
        self.check_query_parameters(None)
        instance = self.get_object()
        serializer_class = self.get_serializer_class()
        self.prepare([instance], serializer_class.Meta.fields)
        serializer = serializer_class(instance, context=self.get_serializer_context())
        return Response(serializer.data)

    def get_prefetches(self, field):
        lookups = self.prefetches.get(field, [])
        return [lookup(self.request) if callable(lookup) else lookup for lookup in lookups]

    def prepare(self, items, fields):
        """Load every relation the chosen fields need in a fixed number of queries."""
        lookups = [lookup for field in fields for lookup in self.get_prefetches(field)]
        if items and lookups:
            prefetch_related_objects(items, *lookups)
        values = [
            getattr(item, field)
            for item in items
            for field in self.rich_text_fields
            if field in fields
        ]
        self.rich_text_html = expand_rich_text_values(values)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["rich_text_html"] = getattr(self, "rich_text_html", {})
        return context


def public_pages_prefetch(relation, model):
    """A prefetch of a page relation that keeps only the pages the API may show."""

    def build(request):
        return Prefetch(relation, queryset=public_pages(request, model).order_by("title"))

    return build
