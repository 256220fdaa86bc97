"""Typed component schemas of the OpenAPI document, read from the serializers themselves.

Each endpoint's list item and detail are described from the serializer class the endpoint
builds for them (`_get_serializer_class`, as in a response), field by field: nested
taxonomies, child rows and images become components of their own, and a field that can
be null is marked so. A field added to an endpoint therefore appears in the document
without a second edit; a field of a type this module does not know makes `build` fail
(tests/api/test_openapi_types.py), and every component forbids properties it does not
name, so a response can never carry an undocumented field past the schemathesis checks.
"""

from rest_framework import fields as drf
from rest_framework import relations
from wagtail.api.v2 import serializers as wagtail_fields
from wagtail.documents.api.v2.serializers import DocumentDownloadUrlField
from wagtail.images.api.v2.serializers import ImageDownloadUrlField

from core.serializers import ChoiceWithLabelField
from innovations.api import PrefetchedTagsField

from .serializers import (
    RENDITIONS,
    BatchedRichTextField,
    PrivateCollectionAware,
    RenditionsField,
)

STRING = {"type": "string"}
SCALARS = [
    # (field class, schema); subclasses first where both are listed.
    (drf.BooleanField, {"type": "boolean"}),
    (drf.IntegerField, {"type": "integer"}),
    (drf.FloatField, {"type": "number"}),
    (drf.DecimalField, {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}),
    (drf.DateTimeField, {"type": "string", "format": "date-time"}),
    (drf.DateField, {"type": "string", "format": "date"}),
    (drf.TimeField, {"type": "string", "format": "time"}),
    (drf.DurationField, {"type": "string", "format": "duration"}),
    (drf.UUIDField, {"type": "string", "format": "uuid"}),
    (drf.JSONField, {}),
    (drf.URLField, {"type": "string", "description": "Absolute URL, or empty."}),
    (drf.EmailField, {"type": "string", "description": "E-mail address, or empty."}),
    (drf.CharField, STRING),
    (BatchedRichTextField, {"type": "string", "contentMediaType": "text/html"}),
    (wagtail_fields.PageTypeField, {"type": "string", "examples": ["innovations.InnovationPage"]}),
    (wagtail_fields.TypeField, {"type": "string", "examples": ["wagtailimages.Image"]}),
    (wagtail_fields.DetailUrlField, {"type": "string", "format": "uri"}),
    (wagtail_fields.PageHtmlUrlField, {"type": ["string", "null"], "format": "uri"}),
    (ImageDownloadUrlField, STRING),
    (DocumentDownloadUrlField, {"type": "string", "format": "uri"}),
    (drf.ReadOnlyField, STRING),
    (wagtail_fields.PageLocaleField, {"type": "string", "examples": ["id", "en"]}),
    (PrefetchedTagsField, {"type": "array", "items": STRING}),
    (wagtail_fields.TagsField, {"type": "array", "items": STRING}),
]
STREAM_BLOCK = {
    "type": "object",
    "required": ["type", "value"],
    "properties": {"type": STRING, "value": {}, "id": STRING},
    "description": "A StreamField block: its type and its value (shape depends on type).",
}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema):
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    kinds = schema.get("type")
    if kinds is None or (isinstance(kinds, list) and "null" in kinds):
        return schema
    return {**schema, "type": [*(kinds if isinstance(kinds, list) else [kinds]), "null"]}


def fixed_components():
    return {
        "PageLink": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "id": {"type": "integer"},
                "meta": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "type": STRING,
                        "detail_url": {"type": "string", "format": "uri"},
                        "html_url": {"type": ["string", "null"], "format": "uri"},
                    },
                },
                "title": STRING,
            },
            "description": "A page this one refers to (its parent, the page it is an alias of).",
        },
        "Choice": {
            "type": "object",
            "required": ["value", "label"],
            "additionalProperties": False,
            "properties": {
                "value": {"type": "string", "description": "Identifier used by filters."},
                "label": {"type": "string", "description": "Indonesian label."},
            },
        },
        "Rendition": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "url": STRING,
                "full_url": {"type": "string", "format": "uri"},
                "width": {"type": "integer"},
                "height": {"type": "integer"},
                "error": STRING,
            },
        },
        "Renditions": {
            "type": "object",
            "additionalProperties": False,
            "required": list(RENDITIONS),
            "properties": {name: ref("Rendition") for name in RENDITIONS},
            "description": "Renditions: "
            + ", ".join(f"{name} ({spec})" for name, spec in RENDITIONS.items()),
        },
        "StreamBlock": STREAM_BLOCK,
    }


ALL_FIELDS = [("*", False, None)]


class SchemaBuilder:
    """Collects component schemas while describing serializer classes."""

    def __init__(self, router):
        self.router = router
        self.components = fixed_components()

    def all_fields(self, endpoint, model, **kwargs):
        """The serializer class of `model` with every field a `fields=*` request shows."""
        return endpoint._get_serializer_class(self.router, model, ALL_FIELDS, **kwargs)

    def endpoint_schemas(self, name, endpoint, strict=True):
        """(list item, detail) references of an endpoint."""
        model = endpoint.model
        item = self.serializer_schema(
            self.all_fields(endpoint, model), f"{name}ListItem", strict=strict
        )
        detail = self.serializer_schema(
            self.all_fields(endpoint, model, show_details=True), f"{name}Detail", strict=strict
        )
        return item, detail

    def serializer_schema(self, serializer_class, name, strict=True):
        """The component `name` for `serializer_class`; returns a $ref to it."""
        if name in self.components:
            return ref(name)
        self.components[name] = {}  # placeholder against recursion
        serializer = serializer_class(context={})
        meta_names = set(serializer_class.meta_fields)
        properties, meta = {}, {}
        for field_name, field in serializer.fields.items():
            target = meta if field_name in meta_names else properties
            target[field_name] = self.field_schema(field, f"{name}_{field_name}")
        schema = {"type": "object", "additionalProperties": not strict, "properties": properties}
        if meta:
            schema["properties"] = {
                "id": properties.pop("id", {"type": "integer"}),
                "meta": {"type": "object", "additionalProperties": not strict, "properties": meta},
                **properties,
            }
        self.components[name] = schema
        return ref(name)

    def nested(self, serializer_class):
        """A $ref to the nested component of the serializer's model: every field that
        `fields=relation(*)` can show, not only the nested defaults."""
        model = serializer_class.Meta.model
        found = self.router.get_model_endpoint(model)
        if found:
            serializer_class = self.all_fields(found[1], model, nested=True)
        return self.serializer_schema(serializer_class, model.__name__ + "Nested")

    def field_schema(self, field, path):
        if isinstance(field, relations.ManyRelatedField):
            return {"type": "array", "items": self.field_schema(field.child_relation, path)}
        if isinstance(field, wagtail_fields.ChildRelationField):
            return {"type": "array", "items": self.nested(field.serializer_class)}
        if isinstance(field, wagtail_fields.RelatedField):
            schema = self.nested(field.serializer_class)
            private = issubclass(field.serializer_class, PrivateCollectionAware)
            return nullable(schema) if field.allow_null or private else schema
        if isinstance(field, (wagtail_fields.PageParentField, wagtail_fields.PageAliasOfField)):
            return nullable(ref("PageLink"))
        if isinstance(field, ChoiceWithLabelField):
            return nullable(ref("Choice"))
        if isinstance(field, RenditionsField):
            return ref("Renditions")
        if isinstance(field, wagtail_fields.StreamField):
            return {"type": "array", "items": ref("StreamBlock")}
        if isinstance(field, drf.ChoiceField):
            values = [str(value) for value in field.choices]
            schema = {"type": "string", "enum": values + ([""] if field.allow_blank else [])}
            return nullable(schema) if field.allow_null else schema
        for field_class, schema in SCALARS:
            if isinstance(field, field_class):
                return nullable(dict(schema)) if field.allow_null else dict(schema)
        raise TypeError(f"{path}: no schema for {type(field).__name__}; add it to SCALARS")
