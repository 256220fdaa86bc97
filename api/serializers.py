"""Serializers of the public API: nested objects built once per response, rich text
expanded in one pass, images with renditions, private media shown as null."""

import threading

from django.urls.exceptions import NoReverseMatch
from rest_framework.fields import Field
from wagtail.api.v2.serializers import (
    BaseSerializer,
    ChildRelationField,
    PageSerializer,
    RelatedField,
)
from wagtail.api.v2.serializers import DetailUrlField as WagtailDetailUrlField
from wagtail.api.v2.serializers import PageHtmlUrlField as WagtailPageHtmlUrlField
from wagtail.api.v2.utils import get_object_detail_url
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.fields import RichTextField
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.models import Filter, SourceImageIOError
from wagtail.rich_text import expand_db_html

from core.public_url import public_url

from .access import request_restricted_collection_ids

# Sizes a front end needs: card thumbnail, content width, full width, social preview.
RENDITIONS = {
    "thumbnail": "fill-400x300",
    "medium": "max-800x600",
    "large": "max-1600x1200",
    "social": "fill-1200x630",
}


# Parsed once per process: Wagtail parses a filter spec given as a string on every call,
# about a third of a millisecond per image.
RENDITION_FILTERS = tuple(Filter(spec=spec) for spec in RENDITIONS.values())


class RenditionsField(Field):
    """Image renditions at the sizes in RENDITIONS, from prefetched renditions when loaded."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, image):
        try:
            found = image.get_renditions(*RENDITION_FILTERS)
        except SourceImageIOError:
            return {name: {"error": "SourceImageIOError"} for name in RENDITIONS}
        return {
            name: {
                "url": found[spec].url,
                "full_url": public_url(found[spec].url),
                "width": found[spec].width,
                "height": found[spec].height,
            }
            for name, spec in RENDITIONS.items()
        }


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


_serializers = threading.local()
MAX_KEPT_SERIALIZERS = 512


def nested_serializer(context, serializer_class):
    """A serializer of `serializer_class` for this response's `context`.

    Wagtail builds a new serializer (and all its fields) for every related object, and
    REST framework one per response: binding two dozen fields costs about a millisecond
    per class. The endpoints keep their serializer classes (api.endpoints), so one
    instance per class and thread is kept and handed each response's context (a field
    reads the context from its root serializer at every call, never keeps it).
    """
    kept = getattr(_serializers, "by_class", None)
    if kept is None or len(kept) > MAX_KEPT_SERIALIZERS:
        kept = _serializers.by_class = {}
    serializer = kept.get(serializer_class)
    if serializer is None:
        serializer = kept[serializer_class] = serializer_class(context=context)
    serializer._context = context
    return serializer


def represent(serializer_class, items, context):
    """The representations of `items`, as `serializer_class(items, many=True).data` gives."""
    serializer = nested_serializer(context, serializer_class)
    return [serializer.to_representation(item) for item in items]


def nested_representation(context, serializer_class, value):
    """A related object's representation, made once per response and reused.

    A page of 20 innovations names the same few agencies, regions, sectors and SDGs over
    and over (about eight nested objects per innovation); each is the same object
    serialised by the same class in the same request, so it is serialised once.
    """
    cache = context.setdefault("_nested_representations", {})
    key = (serializer_class, type(value), value.pk)
    if key not in cache:
        cache[key] = nested_serializer(context, serializer_class).to_representation(value)
    return cache[key]


class CachedRelatedField(RelatedField):
    def to_representation(self, value):
        return nested_representation(self.context, self.serializer_class, value)


class CachedChildRelationField(ChildRelationField):
    def to_representation(self, value):
        serializer = nested_serializer(self.context, self.serializer_class)
        return [serializer.to_representation(child) for child in value.all()]


class DetailUrlField(WagtailDetailUrlField):
    """The object's detail URL, reversed once per model and response, not once per object.

    The detail route is `<int:pk>/`, so the URL of any id is the URL of id 0 with the id
    in its place; anything else (no endpoint, another route) takes Wagtail's way."""

    def get_attribute(self, instance):
        prefixes = self.context.setdefault("_detail_url_prefixes", {})
        model = type(instance)
        if model not in prefixes:
            probe = get_object_detail_url(self.context["router"], self.context["request"], model, 0)
            prefixes[model] = probe[:-2] if probe and probe.endswith("/0/") else None
        prefix = prefixes[model]
        if prefix is None or instance.pk is None:
            return super().get_attribute(instance)
        return f"{prefix}{instance.pk}/"


class CachedNestedSerializerMixin:
    serializer_related_field = CachedRelatedField

    def build_relational_field(self, field_name, relation_info):
        field_class, kwargs = super().build_relational_field(field_name, relation_info)
        if field_class is ChildRelationField:
            field_class = CachedChildRelationField
        return field_class, kwargs


class PublicBaseSerializer(CachedNestedSerializerMixin, BaseSerializer):
    detail_url = DetailUrlField(read_only=True)


class PageHtmlUrlField(WagtailPageHtmlUrlField):
    """The page's full URL (Wagtail's html_url), with the site root paths read once per
    response: Wagtail's own field reads them from the cache for every page."""

    def to_representation(self, page):
        try:
            # Wagtail keeps the root paths on the object it is given; a REST framework
            # request is not an HttpRequest, so the choice among sites stays Wagtail's own.
            return page.get_full_url(self.context["request"])
        except NoReverseMatch:
            return None


class PageSerializerWithHTML(CachedNestedSerializerMixin, PageSerializer):
    serializer_field_mapping = PageSerializer.serializer_field_mapping.copy()
    serializer_field_mapping[RichTextField] = BatchedRichTextField
    html_url = PageHtmlUrlField(read_only=True)
    detail_url = DetailUrlField(read_only=True)


class PrivateCollectionAware:
    """Nested media in a restricted collection are shown as null, never described."""

    def to_representation(self, instance):
        request = self.context["request"]
        if instance.collection_id in request_restricted_collection_ids(request):
            return None
        return super().to_representation(instance)


class PublicImageSerializer(PrivateCollectionAware, CachedNestedSerializerMixin, ImageSerializer):
    detail_url = DetailUrlField(read_only=True)


class PublicDocumentSerializer(
    PrivateCollectionAware, CachedNestedSerializerMixin, DocumentSerializer
):
    detail_url = DetailUrlField(read_only=True)
