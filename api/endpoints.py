"""The endpoints of the public API.

Every endpoint is read-only, anonymous, strictly validated and cacheable
(`PublicAPIMixin`). What an endpoint shows and how it filters is declared by the domain
app that owns the model (`<app>/api.py`: field lists, prefetches, a FilterSet); the
classes here combine those declarations with the shared behaviour.
"""

import functools

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.signing import BadSignature
from django.db.models import Count, Prefetch, Q, QuerySet, TextField, prefetch_related_objects
from django.db.models.constants import LOOKUP_SEP
from django.http import Http404, JsonResponse
from django.urls import path
from django.utils.cache import patch_cache_control
from django.utils.functional import classproperty
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api import APIField
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page
from wagtail_headless_preview.models import HeadlessPreviewMixin

from core.cache import cached_response, conditional_get, depends_on, on_hit
from core.throttle import hit_request
from innovations import api as innovation_fields
from innovations.models import InnovationPage
from publications import api as publication_fields

from .access import public_pages, public_pages_prefetch, request_restricted_collection_ids
from .filters import (
    PAGE_TYPE,
    CatalogueFilterBackend,
    EngineListingBackend,
    FilterSetBackend,
    OrderingBackend,
    PageTreeBackend,
    SearchBackend,
)
from .kept import kept_representations
from .pagination import CappedPagination
from .serializers import (
    PageSerializerWithHTML,
    PublicBaseSerializer,
    PublicDocumentSerializer,
    PublicImageSerializer,
    RenditionsField,
    expand_rich_text_values,
    represent,
)

MAX_ID = 2**31 - 1


def response_cache_seconds():
    return settings.API_CACHE_SECONDS


RATE_LIMIT_HOOK = "api-rate-limit"


def over_rate_limit(request):
    """Count one request of this client; None within API_RATE_LIMIT a minute, else the 429
    (with Retry-After, documented in the OpenAPI document). The count is in the shared
    cache, so every worker and replica counts the same requests."""
    verdict = hit_request(request, "api", settings.API_RATE_LIMIT, 60)
    if verdict.allowed:
        return None
    response = JsonResponse(
        {"message": f"too many requests: retry in {verdict.retry_after} s"}, status=429
    )
    response["Retry-After"] = str(verdict.retry_after)
    response["Cache-Control"] = "no-store"
    return response


def rate_limited(view):
    """The view behind the API's rate limit. Cached answers count too: the limit is about
    one client's share of the site, not the cost of one answer. They are served before
    routing (core.cache.CachedResponseMiddleware), so the answer carries the limit with it
    as a hit hook: a hit counts the request, and a client over its limit gets the 429 there
    as it would here."""

    # wraps() keeps the view's csrf_exempt mark: without it an undeclared method (QUERY,
    # POST) met the CSRF check (403) instead of DRF's 405 (tests/api/test_schemathesis.py).
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        refused = over_rate_limit(request)
        if refused is not None:
            return refused
        on_hit(request, RATE_LIMIT_HOOK)
        return view(request, *args, **kwargs)

    return wrapped


# Serializer classes by endpoint, model and ?fields=: Wagtail builds a class tree per request
# (about 1.5 ms for an innovation listing), the same for the same question. Bounded: ?fields=
# is the client's to vary.
_serializer_classes = {}
MAX_SERIALIZER_CLASSES = 256


def serializer_class_for(endpoint, router, model, fields_config, show_details):
    key = (endpoint, id(router), model, repr(fields_config), show_details)
    found = _serializer_classes.get(key)
    if found is None:
        found = endpoint._get_serializer_class(
            router, model, fields_config, show_details=show_details
        )
        if len(_serializer_classes) >= MAX_SERIALIZER_CLASSES:
            _serializer_classes.clear()
        _serializer_classes[key] = found
    return found


class PublicAPIMixin:
    """Read-only, anonymous, strictly validated, cacheable endpoint behaviour."""

    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = [AllowAny]
    pagination_class = CappedPagination
    filter_backends = []
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

    def object_queryset(self):
        """Where a detail URL's id is looked up: only what the API may show."""
        return self.get_queryset()

    def lookup_object(self):
        instance = self.object_queryset().filter(pk=self.kwargs["pk"]).first()
        if instance is None:
            raise Http404("not found")
        return instance

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            self._cached_object = self.lookup_object()
        return self._cached_object

    def get_serializer_class(self):
        if not hasattr(self, "_serializer_class"):
            model = (
                self.get_queryset().model
                if self.action == "listing_view"
                else type(self.get_object())
            )
            self._serializer_class = serializer_class_for(
                type(self),
                self.request.wagtailapi_router,
                model,
                self.requested_fields(),
                show_details=self.action != "listing_view",
            )
        return self._serializer_class

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["_wagtail_rich_text_format"] = "html"
        return context

    def resolve_rich_text_format(self):
        return "html"

    def listing_view(self, request):
        self.check_query_parameters(None)
        items = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        data = represent(self.get_serializer_class(), items, self.get_serializer_context())
        return self.get_paginated_response(data)

    def detail_view(self, request, pk):
        self.check_query_parameters(None)
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
            # The ETag is made before the answer is stored, so that a hit answered before
            # routing carries it and answers If-None-Match with a 304 (core.cache.lookup).
            return rate_limited(
                cached_response(response_cache_seconds)(
                    conditional_get(cls.as_view({"get": action}))
                )
            )

        return [
            path("", view("listing_view"), name="listing"),
            path("<int:pk>/", view("detail_view"), name="detail"),
        ]


class NestedFieldsViewSet(BaseAPIViewSet):
    """Serialisation settings for a model nested inside another: no URL of its own."""

    base_serializer_class = PublicBaseSerializer
    meta_fields = ["type"]
    nested_default_fields = ["id"]

    @classmethod
    def get_nested_default_fields(cls, model):
        return cls.get_body_fields_names(model)


def joined_prefetches(model, lookups):
    """`lookups` with one query per relation of `model`: the foreign keys behind it come
    in the same query ("replications__region" and "replications__agency__region": one
    query, not three). Prefetch objects are kept as they are."""
    plain = [lookup for lookup in lookups if isinstance(lookup, str)]
    behind = {}  # first relation -> the lookups behind it
    for lookup in plain:
        first, _sep, rest = lookup.partition(LOOKUP_SEP)
        behind.setdefault(first, [])
        if rest:
            behind[first].append(rest)
    merged = []
    for first, rests in behind.items():
        if not rests:
            merged.append(first)
            continue
        related = model._meta.get_field(first).related_model
        joined, prefetched = [], []
        for rest in rests:
            path = forward_path(related, rest)
            if path:
                joined.append(path)
            if path != rest:
                prefetched.append(rest)
        queryset = related._default_manager.select_related(*joined).prefetch_related(*prefetched)
        merged.append(Prefetch(first, queryset=queryset))
    return [*merged, *(lookup for lookup in lookups if not isinstance(lookup, str))]


def forward_path(model, lookup):
    """The leading foreign keys of `lookup` on `model` ("agency__region"; "image" of
    "image__renditions"), which a join can load; "" when it starts with another relation."""
    parts = []
    for name in lookup.split(LOOKUP_SEP):
        field = model._meta.get_field(name)
        if not (field.many_to_one or field.one_to_one) or not field.concrete:
            break
        parts.append(name)
        model = field.related_model
    return LOOKUP_SEP.join(parts)


def nested_only(fields_by_model):
    return {
        model: type(
            f"{model.__name__}NestedFields",
            (NestedFieldsViewSet,),
            {"model": model, "body_fields": ["id", *fields]},
        )
        for model, fields in fields_by_model.items()
    }


class PublicPageEndpoint(PublicAPIMixin, PagesAPIViewSet):
    """A listing of one page type with its own fields, filters, ordering and search.

    Relations named in `prefetches` are loaded for the whole page of results at once and
    rich text is expanded in one pass, so the query count does not grow with the limit.
    """

    base_serializer_class = PageSerializerWithHTML
    filter_backends = [FilterSetBackend, OrderingBackend, SearchBackend]
    filterset_class = None
    orderings = ("title", "first_published_at", "last_published_at")
    default_order = ("title",)
    detail_query_parameters = PublicAPIMixin.detail_query_parameters | {"locale"}
    prefetches = {}
    rich_text_fields = ()
    # The tag a publish of one item renews ("innovation:{}"): with one, each item's
    # representation is kept between responses (api.kept).
    item_tag = None
    meta_fields = [
        "type",
        "detail_url",
        "html_url",
        "slug",
        "seo_title",
        "search_description",
        "first_published_at",
        "last_published_at",
        # A translation shares its source's translation_key (?locale=en, docs/english.md).
        "locale",
        "translation_key",
    ]
    nested_default_fields = ["id", "type", "detail_url", "html_url", "title", "slug"]
    detail_only_fields = []
    # What the answers show, for the response cache (core.cache): a publish of a page of this
    # type drops them; none named means any publish does.
    cache_tags = ()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        depends_on(request, *self.cache_tags)

    @classproperty
    def filter_parameters(cls):
        return frozenset(cls.filterset_class.base_filters if cls.filterset_class else ())

    @classproperty
    def known_query_parameters(cls):
        return (
            PublicAPIMixin.known_query_parameters
            | {"search", "order", "locale"}
            | cls.filter_parameters
        )

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields(cls.body_fields)

    @classmethod
    def get_meta_fields(cls, model):
        return cls._convert_api_fields(cls.meta_fields)

    @classmethod
    def get_detail_default_fields(cls, model):
        return cls.get_available_fields(model)

    def get_queryset(self):
        return public_pages(self.request, self.model)

    def get_base_queryset(self):
        return public_pages(self.request, Page)

    def listing_view(self, request):
        self.check_query_parameters(None)
        queryset = self.filter_queryset(self.get_queryset())
        if isinstance(queryset, QuerySet):
            queryset = self.only_shown(queryset)
            if self.item_tag is not None:
                # The page's ids only: the items whose representation is kept need nothing
                # else (the engine's listing gives ids too: api.filters).
                queryset = queryset.values_list("pk", flat=True)
        items = self.paginate_queryset(queryset)
        if self.item_tag is None:
            return self.get_paginated_response(self.serialise(items, self.prepare))
        loaded = {item.pk: item for item in items if not isinstance(item, int)}

        def load(missing):
            unread = [pk for pk in missing if pk not in loaded]
            if unread:
                found = self.only_shown(self.get_queryset()).filter(pk__in=unread)
                loaded.update((item.pk, item) for item in found)
            return [loaded[pk] for pk in missing if pk in loaded]

        pks = [getattr(item, "pk", item) for item in items]
        return self.get_paginated_response(self.represent_kept(pks, load, self.prepare))

    def detail_view(self, request, pk):
        self.check_query_parameters(None)
        instance = self.get_object()

        def prepare(items, fields):
            self.prepare_detail(items[0], fields)

        if self.item_tag is None:
            return Response(self.serialise([instance], prepare)[0])
        return Response(self.represent_kept([instance.pk], lambda _pks: [instance], prepare)[0])

    def serialise(self, items, prepare):
        """The items' representations, their relations loaded by `prepare(items, fields)`."""
        serializer_class = self.get_serializer_class()
        prepare(items, serializer_class.Meta.fields)
        return represent(serializer_class, items, self.get_serializer_context())

    def represent_kept(self, pks, load, prepare):
        """The representations of the items `pks`, each kept until that item or the content
        generation changes (api.kept): only the others are loaded (`load(missing pks)`),
        prepared and serialised."""

        def build(missing):
            items = load(missing)
            made = self.serialise(items, prepare)
            return dict(zip((item.pk for item in items), made, strict=True))

        question = f"{type(self).__name__}:{self.action}:{self.requested_fields()!r}"
        return kept_representations(self.request, question, pks, self.item_tag, build)

    def only_shown(self, queryset):
        """`queryset` without the model's own long texts the chosen fields do not show (a
        listing of 20 innovations read every case study's texts before). Relations stay
        prefetched, not joined: with the filters' subqueries, four more joins cost
        PostgreSQL 37 ms of planning for a 6 ms query."""
        fields = set(self.get_serializer_class().Meta.fields)
        unused = [
            field.name
            for field in self.model._meta.concrete_fields
            if field.model is self.model
            and isinstance(field, TextField)
            and field.name not in fields
        ]
        return queryset.defer(*unused) if unused else queryset

    def get_prefetches(self, field):
        """The lookups of `field`; a (relation, page model) pair keeps only public pages."""
        return [
            public_pages_prefetch(*lookup)(self.request) if isinstance(lookup, tuple) else lookup
            for lookup in self.prefetches.get(field, [])
        ]

    def prepare_detail(self, instance, fields):
        """`prepare` for the one object of a detail view."""
        self.prepare([instance], fields)

    def prepare(self, items, fields):
        """Load every relation the chosen fields need in a fixed number of queries."""
        lookups = [lookup for field in fields for lookup in self.get_prefetches(field)]
        if "locale" in fields:
            # The meta field reads page.locale: one query for the page, not one per item.
            lookups.append("locale")
        if items and lookups:
            prefetch_related_objects(items, *joined_prefetches(type(items[0]), lookups))
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


class InnovationsAPIViewSet(innovation_fields.InnovationFields, PublicPageEndpoint):
    """Published, public innovations with every structured field of the case study."""

    name = "innovations"
    cache_tags = ("api:innovations",)
    item_tag = "innovation:{}"
    filter_backends = [CatalogueFilterBackend, OrderingBackend, SearchBackend, EngineListingBackend]
    filter_parameters = CatalogueFilterBackend.parameters
    # The relations the case study's page keeps in the shared cache per publish.
    kept_fields = frozenset(
        {"regions", "sectors", "sdgs", "steps", "key_figures", "awards", "replications"}
    )

    def prepare_detail(self, instance, fields):
        # One published case study: the relations its page keeps are shared (the
        # prefetches of `prepare` skip what it already holds).
        if self.kept_fields & set(fields):
            instance.prefetch_kept_relations()
        super().prepare_detail(instance, fields)


class NewsAPIViewSet(publication_fields.NewsFields, PublicPageEndpoint):
    name = "news"
    cache_tags = ("news",)


class LearningResourcesAPIViewSet(publication_fields.LearningResourceFields, PublicPageEndpoint):
    name = "learning-resources"


class EventsAPIViewSet(publication_fields.EventFields, PublicPageEndpoint):
    name = "events"
    cache_tags = ("events",)


class TaxonomyAPIViewSet(PublicAPIMixin, BaseAPIViewSet):
    """Reference data with the number of public innovations attached to each entry."""

    base_serializer_class = PublicBaseSerializer
    filter_backends = [OrderingBackend]
    count_relation = None  # path from the taxonomy model to InnovationPage
    orderings = ("name", "innovation_count")
    default_order = None  # the model's own ordering
    select_related = ()
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


def taxonomy_endpoint(fields):
    return type(f"{fields.model.__name__}APIViewSet", (fields, TaxonomyAPIViewSet), {})


class PublicImagesAPIViewSet(PublicAPIMixin, ImagesAPIViewSet):
    base_serializer_class = PublicImageSerializer
    body_fields = [
        "id",
        "title",
        "width",
        "height",
        # The editor's description, never the title (which is the uploaded file's name).
        APIField("alt", serializers.CharField(source="description")),
        APIField("renditions", RenditionsField()),
    ]
    meta_fields = ["type", "detail_url", "download_url"]
    listing_default_fields = ["id", "type", "detail_url", "title", "width", "height", "renditions"]
    nested_default_fields = ["id", "type", "detail_url", "title", "alt", "renditions"]

    def get_queryset(self):
        return (
            self.model.objects.exclude(
                collection_id__in=request_restricted_collection_ids(self.request)
            )
            .prefetch_related("renditions")
            .order_by("pk")
        )


class PublicDocumentsAPIViewSet(PublicAPIMixin, DocumentsAPIViewSet):
    base_serializer_class = PublicDocumentSerializer
    body_fields = ["id", "title"]
    meta_fields = ["type", "detail_url", "download_url", "file_extension"]
    listing_default_fields = ["id", "type", "detail_url", "title", "download_url"]
    nested_default_fields = ["id", "type", "detail_url", "title", "download_url"]

    def get_queryset(self):
        return self.model.objects.exclude(
            collection_id__in=request_restricted_collection_ids(self.request)
        ).order_by("pk")


class PublicPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    """Every public page, for a headless front end: find by path, then read its fields.

    Page types with an endpoint of their own are serialised exactly as that endpoint
    serialises them.
    """

    filter_backends = [PageTreeBackend]
    known_query_parameters = PublicAPIMixin.known_query_parameters | {
        "type",
        "child_of",
        "locale",
    }
    detail_query_parameters = PublicAPIMixin.detail_query_parameters | {"locale"}
    detail_only_fields = []

    def get_base_queryset(self):
        return public_pages(self.request, Page)

    def object_queryset(self):
        return self.get_base_queryset().specific()

    def own_endpoint(self, model):
        """The endpoint class of a page type that has its own (innovations, news...)."""
        found = self.request.wagtailapi_router.get_model_endpoint(model)
        if found and found[0] and issubclass(found[1], PublicPageEndpoint):
            return found[1]
        return None

    def listing_view(self, request):
        """?type= of a page type with its own endpoint is answered by that endpoint's query
        path (its queryset, prefetches and batched rich text), only in tree order and with
        ?child_of=: the generic path costs several times more per item."""
        endpoint = self.own_endpoint(self.get_queryset().model) if "type" in request.GET else None
        if endpoint is None:
            return super().listing_view(request)
        self.check_query_parameters(None)
        own = endpoint(request=request, args=self.args, kwargs=self.kwargs, action=self.action)
        own.format_kwarg = self.format_kwarg
        serializer_class = own.get_serializer_class()
        items = self.paginate_queryset(own.only_shown(self.filter_queryset(own.get_queryset())))
        own.prepare(items, serializer_class.Meta.fields)
        return self.get_paginated_response(
            represent(serializer_class, items, own.get_serializer_context())
        )

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        raw_type = self.request.GET.get("type")
        if raw_type is not None and not PAGE_TYPE.match(raw_type):
            raise BadRequestError("type must be app_label.ModelName, e.g. news.NewsPage")

    def find_view(self, request):
        if set(request.GET) - {"html_path"} or "html_path" not in request.GET:
            raise BadRequestError("find takes exactly one parameter: html_path")
        return super().find_view(request)

    @classmethod
    def _get_serializer_class(cls, router, model, fields_config, show_details=False, nested=False):
        own = router.get_model_endpoint(model)
        if own and own[1] is not cls and not issubclass(cls, own[1]):
            return own[1]._get_serializer_class(
                router, model, fields_config, show_details=show_details, nested=nested
            )
        return super()._get_serializer_class(
            router, model, fields_config, show_details=show_details, nested=nested
        )

    @classmethod
    def get_urlpatterns(cls):
        return [
            *super().get_urlpatterns(),
            path(
                "find/",
                rate_limited(conditional_get(cls.as_view({"get": "find_view"}))),
                name="find",
            ),
        ]


class PagePreviewAPIViewSet(PublicPagesAPIViewSet):
    """The draft a separate front end renders in a headless preview (core.preview).

    It is found by the signed, short-lived token the admin handed to the front end, and
    serialised exactly as the page type's own endpoint serialises published pages.
    """

    known_query_parameters = frozenset(["content_type", "token", "fields"])
    cache_max_age = 0

    def listing_view(self, request):
        self.check_query_parameters(None)
        return Response(self.get_serializer(self.get_object()).data)

    def lookup_object(self):
        content_type = self.request.GET.get("content_type", "")
        token = self.request.GET.get("token", "")
        if not content_type or not token:
            raise BadRequestError("content_type and token are required")
        app_label, _dot, model_name = content_type.partition(".")
        try:
            model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
        except ContentType.DoesNotExist as e:
            raise BadRequestError("unknown content_type") from e
        if model is None or not issubclass(model, HeadlessPreviewMixin):
            raise BadRequestError("unknown content_type")
        try:
            page = model.get_page_from_preview_token(token)
        except BadSignature as e:
            raise BadRequestError("invalid token") from e
        if page is None:
            raise Http404("preview not found")
        return page

    def get_serializer_class(self):
        return self._get_serializer_class(
            self.request.wagtailapi_router,
            type(self.get_object()),
            self.requested_fields(),
            show_details=True,
        )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]
