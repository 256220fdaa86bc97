"""The public read API under /api/v2/: router, page, image and document endpoints.

Each app defines its endpoints in its own api.py; this module only registers them.
Innovations are registered before the generic pages endpoint so that links to an
innovation point at /api/v2/innovations/<id>/.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.core.signing import BadSignature
from django.http import Http404
from django.urls import path
from rest_framework import serializers
from rest_framework.fields import Field
from rest_framework.response import Response
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page
from wagtail_headless_preview.models import HeadlessPreviewMixin

from config.api_support import (
    CachedNestedSerializerMixin,
    PublicAPIMixin,
    conditional_get,
    public_pages,
    request_restricted_collection_ids,
)
from innovations.api import (
    NESTED_ONLY as INNOVATION_NESTED,
)
from innovations.api import (
    AgenciesAPIViewSet,
    AwardsAPIViewSet,
    InnovationsAPIViewSet,
    RegionsAPIViewSet,
    SDGsAPIViewSet,
    SectorsAPIViewSet,
)
from publications.api import NESTED_ONLY as PUBLICATION_NESTED
from publications.api import PUBLICATION_ENDPOINTS

PAGE_TYPE = re.compile(r"^[a-z_]+\.[A-Za-z]+$")

# Sizes a front end needs: card thumbnail, content width, full width, social preview.
RENDITIONS = {
    "thumbnail": "fill-400x300",
    "medium": "max-800x600",
    "large": "max-1600x1200",
    "social": "fill-1200x630",
}


class RenditionsField(Field):
    """Image renditions at the sizes in RENDITIONS, from prefetched renditions when loaded."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, image):
        renditions = {}
        try:
            found = image.get_renditions(*RENDITIONS.values())
        except SourceImageIOError:
            return {name: {"error": "SourceImageIOError"} for name in RENDITIONS}
        for name, spec in RENDITIONS.items():
            rendition = found[spec]
            renditions[name] = {
                "url": rendition.url,
                "full_url": rendition.full_url,
                "width": rendition.width,
                "height": rendition.height,
            }
        return renditions


class PrivateCollectionAware:
    """Nested media in a restricted collection are shown as null, never described."""

    def to_representation(self, instance):
        request = self.context["request"]
        if instance.collection_id in request_restricted_collection_ids(request):
            return None
        return super().to_representation(instance)


class PublicImageSerializer(PrivateCollectionAware, CachedNestedSerializerMixin, ImageSerializer):
    pass


class PublicDocumentSerializer(
    PrivateCollectionAware, CachedNestedSerializerMixin, DocumentSerializer
):
    pass


class PublicImagesAPIViewSet(PublicAPIMixin, ImagesAPIViewSet):
    base_serializer_class = PublicImageSerializer
    filter_backends = []
    body_fields = [
        "id",
        "title",
        "width",
        "height",
        APIField("alt", serializers.CharField(source="default_alt_text")),
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

    def listing_view(self, request):
        self.check_query_parameters(None)
        return super().listing_view(request)

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            instance = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
            if instance is None:
                raise Http404("not found")
            self._cached_object = instance
        return self._cached_object


class PublicDocumentsAPIViewSet(PublicAPIMixin, DocumentsAPIViewSet):
    base_serializer_class = PublicDocumentSerializer
    filter_backends = []
    body_fields = ["id", "title"]
    meta_fields = ["type", "detail_url", "download_url", "file_extension"]
    listing_default_fields = ["id", "type", "detail_url", "title", "download_url"]
    nested_default_fields = ["id", "type", "detail_url", "title", "download_url"]

    def get_queryset(self):
        return self.model.objects.exclude(
            collection_id__in=request_restricted_collection_ids(self.request)
        ).order_by("pk")

    def listing_view(self, request):
        self.check_query_parameters(None)
        return super().listing_view(request)

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            instance = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
            if instance is None:
                raise Http404("not found")
            self._cached_object = instance
        return self._cached_object


class PublicPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    """Every public page, for a headless front end: find by path, then read its fields.

    Page types with an endpoint of their own are serialised exactly as that endpoint
    serialises them.
    """

    filter_backends = []
    known_query_parameters = PublicAPIMixin.known_query_parameters | {"type", "child_of"}
    detail_only_fields = []

    def get_base_queryset(self):
        return public_pages(self.request, Page)

    def listing_view(self, request):
        self.check_query_parameters(None)
        if "type" in request.GET and not PAGE_TYPE.match(request.GET["type"]):
            raise BadRequestError("type must be app_label.ModelName, e.g. news.NewsPage")
        queryset = self.get_queryset()
        if "child_of" in request.GET:
            raw = request.GET["child_of"]
            if not raw.isascii() or not raw.isdigit() or len(raw) > 12:
                raise BadRequestError("child_of must be a page id")
            parent = self.get_base_queryset().filter(pk=int(raw)).first()
            if parent is None:
                raise BadRequestError("child_of: no public page has this id")
            queryset = queryset.child_of(parent)
        queryset = queryset.order_by("path")
        items = self.paginate_queryset(queryset)
        serializer = self.get_serializer(items, many=True)
        return self.get_paginated_response(serializer.data)

    def find_view(self, request):
        if set(request.GET) - {"html_path"} or "html_path" not in request.GET:
            raise BadRequestError("find takes exactly one parameter: html_path")
        return super().find_view(request)

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            page = self.get_base_queryset().filter(pk=self.kwargs["pk"]).first()
            if page is None:
                raise Http404("not found")
            self._cached_object = page.specific
        return self._cached_object

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
            path("find/", conditional_get(cls.as_view({"get": "find_view"})), name="find"),
        ]


class PagePreviewAPIViewSet(PublicPagesAPIViewSet):
    """The draft a separate front end renders in a headless preview.

    It is found by the signed, short-lived token the admin handed to the front end, and
    serialised exactly as the page type's own endpoint serialises published pages.
    """

    known_query_parameters = frozenset(["content_type", "token", "fields"])
    cache_max_age = 0

    def listing_view(self, request):
        self.check_query_parameters(None)
        page = self.get_object()
        serializer = self.get_serializer(page)
        return Response(serializer.data)

    def get_object(self):
        if hasattr(self, "_cached_object"):
            return self._cached_object
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
        self._cached_object = page
        return page

    def get_serializer_class(self):
        page = self.get_object()
        return self._get_serializer_class(
            self.request.wagtailapi_router,
            type(page),
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


class PublicAPIRouter(WagtailAPIRouter):
    """A router that also knows how to serialise models that have no URL of their own.

    Inline rows of a page (key figures, replications...) and snippets shown only inside
    pages (regulations) are serialised with their own field lists but never listed.
    """

    def __init__(self, url_namespace, nested_only):
        super().__init__(url_namespace)
        self.nested_only = nested_only

    def get_model_endpoint(self, model):
        found = super().get_model_endpoint(model)
        if found:
            return found
        for nested_model, class_ in self.nested_only.items():
            if issubclass(model, nested_model):
                return None, class_
        return None

    def get_object_detail_urlpath(self, model, pk):
        found = self.get_model_endpoint(model)
        if found and found[0] is None:
            return None
        return super().get_object_detail_urlpath(model, pk)

    def get_model_listing_urlpath(self, model):
        found = self.get_model_endpoint(model)
        if found and found[0] is None:
            return None
        return super().get_model_listing_urlpath(model)


api_router = PublicAPIRouter("wagtailapi", {**INNOVATION_NESTED, **PUBLICATION_NESTED})

ENDPOINTS = [
    ("innovations", InnovationsAPIViewSet),
    *PUBLICATION_ENDPOINTS,
    ("pages", PublicPagesAPIViewSet),
    ("page_preview", PagePreviewAPIViewSet),
    ("images", PublicImagesAPIViewSet),
    ("documents", PublicDocumentsAPIViewSet),
    ("regions", RegionsAPIViewSet),
    ("agencies", AgenciesAPIViewSet),
    ("sectors", SectorsAPIViewSet),
    ("sdgs", SDGsAPIViewSet),
    ("awards", AwardsAPIViewSet),
]
for endpoint_name, endpoint_class in ENDPOINTS:
    api_router.register_endpoint(endpoint_name, endpoint_class)
