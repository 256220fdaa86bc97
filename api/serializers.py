"""Serializers of the public API: nested objects built once per response, rich text
expanded in one pass, images with renditions, private media shown as null."""

from rest_framework.fields import Field
from wagtail.api.v2.serializers import (
    BaseSerializer,
    ChildRelationField,
    PageSerializer,
    RelatedField,
)
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.fields import RichTextField
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.models import SourceImageIOError
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


class RenditionsField(Field):
    """Image renditions at the sizes in RENDITIONS, from prefetched renditions when loaded."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, image):
        try:
            found = image.get_renditions(*RENDITIONS.values())
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
