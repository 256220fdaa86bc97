"""The OpenAPI 3 document of the public API, and a readable page generated from it.

The document is built from the same tables the endpoints use (field lists, filter
parameters, orderings, the page size cap) and from the reference data in the database,
so the allowed filter values it lists are the ones the server accepts.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.api.utils import get_base_url
from wagtail.models import get_page_models
from wagtail_headless_preview.models import HeadlessPreviewMixin

from core.cache import conditional_get
from core.filters import MAX_VALUE_LENGTH, MAX_VALUES, RelatedValuesFilter
from innovations.api import ORDERINGS
from innovations.filters import BUDGET_BANDS, CHOICE_FACETS, MIN_YEAR

from .endpoints import PublicPageEndpoint, TaxonomyAPIViewSet
from .pagination import ALL_FIELDS_LIMIT_MAX, MAX_OFFSET, max_page_size
from .router import ENDPOINTS, api_router
from .schema_types import SchemaBuilder

JSON = "application/json"


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def response(description, schema=None, headers=None):
    result = {"description": description}
    if schema is not None:
        result["content"] = {JSON: {"schema": schema}}
    if headers:
        result["headers"] = headers
    return result


CACHE_HEADERS = {
    "ETag": {"schema": {"type": "string"}, "description": "Validator for If-None-Match."},
    "Cache-Control": {"schema": {"type": "string"}},
}
ERRORS = {
    "304": {"description": "Not modified since the ETag given in If-None-Match."},
    "400": response("Bad parameter: the message says which and why.", ref("Error")),
    "429": response(
        "Too many requests from this client (API_RATE_LIMIT a minute); retry after the "
        "number of seconds in Retry-After.",
        ref("Error"),
        {"Retry-After": {"schema": {"type": "integer", "minimum": 1}}},
    ),
}


def query(name, schema, description, explode=None):
    parameter = {"name": name, "in": "query", "required": False, "schema": schema}
    parameter["description"] = description
    if explode is not None:
        parameter["style"] = "form"
        parameter["explode"] = explode
    return parameter


def fields_parameter(names):
    """?fields= as the server parses it: known names, '-name', '*', '_', nested '(...)'."""
    name = "(?:{})".format("|".join(sorted(names, key=len, reverse=True))) if names else "[a-z_]+"
    item = rf"(?:\*|_|-?{name}(?:\([-a-z0-9_*,()]*\))?)"
    return query(
        "fields",
        {"type": "string", "maxLength": 2000, "pattern": rf"^(?:{item}(?:,{item})*)?$"},
        "Comma-separated fields to add; '-name' removes one, '*' all, '_' none; "
        "nested: 'agency(name,region)'. An unknown field is a 400.",
    )


def field_names(component):
    properties = component["properties"]
    meta = properties.get("meta", {}).get("properties", {})
    return [name for name in properties if name != "meta"] + list(meta)


def paging_parameters(names=()):
    return [
        query(
            "limit",
            {"type": "integer", "minimum": 0, "maximum": max_page_size(), "default": 20},
            f"Items per page, at most {max_page_size()} ({ALL_FIELDS_LIMIT_MAX} with fields=*).",
        ),
        query(
            "offset",
            {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
            "Items to skip.",
        ),
        fields_parameter(names),
    ]


def multi(name, values, description):
    return query(
        name,
        {"type": "array", "items": {"type": "string", "enum": values}, "minItems": 1},
        description + " Repeat the parameter or separate values with commas.",
        explode=True,
    )


SLUG = r"^[-a-zA-Z0-9_]+$"
BPS_CODE = r"^[0-9]{2}(\.[0-9]{2})?$"


def open_values(name, pattern, description, taxonomy):
    """A filter on an open vocabulary (entries are added in the admin): strings of a
    pattern, with the endpoint that lists the current values, never a frozen enum."""
    return query(
        name,
        {
            "type": "array",
            "items": {"type": "string", "pattern": pattern, "maxLength": MAX_VALUE_LENGTH},
            "minItems": 1,
            "maxItems": MAX_VALUES,
        },
        f"{description} Current values: {taxonomy}; an unknown value is a 400. "
        "Repeat the parameter or separate values with commas.",
        explode=True,
    )


def innovation_filter_parameters():
    year = {"type": "integer", "minimum": MIN_YEAR}
    choice_values = {name: list(spec["choices"]) for name, spec in CHOICE_FACETS.items()}
    return [
        open_values(
            "region",
            BPS_CODE,
            "BPS code of a region where the innovation is applied.",
            "/api/v2/regions/",
        ),
        open_values("agency", SLUG, "Agency slug.", "/api/v2/agencies/"),
        open_values("sector", SLUG, "Sector slug.", "/api/v2/sectors/"),
        multi("sdg", [str(number) for number in range(1, 18)], "SDG number."),
        open_values("award", SLUG, "Award slug.", "/api/v2/awards/"),
        multi("stage", choice_values["stage"], "Stage."),
        multi("form", choice_values["form"], "Form of innovation."),
        multi("status", choice_values["status"], "Status."),
        multi("budget", [band.key for band in BUDGET_BANDS], "Yearly cost band."),
        query("digital", {"type": "string", "enum": ["ya", "tidak"]}, "Digital or not."),
        query(
            "replicated",
            {"type": "string", "enum": ["ya", "tidak"]},
            "Replicated elsewhere at least once, or not.",
        ),
        multi(
            "minat",
            choice_values["minat"],
            "Replication interest: asked for (diminta), visited (dikunjungi), verified copy "
            "(terverifikasi).",
        ),
        multi(
            "pemantauan",
            choice_values["pemantauan"],
            "Monitoring: a verified report is due (perlu-pembaruan) or up to date (terpantau).",
        ),
        query("year_from", year, "Launched in this year or later (not after this year)."),
        query(
            "year_to",
            year,
            "Launched in this year or earlier (not before year_from; a year after the current "
            "one is a 400).",
        ),
        SEARCH,
        order_parameter(ORDERINGS),
    ]


ERROR = {
    "type": "object",
    "required": ["message"],
    "properties": {"message": {"type": "string"}},
}


def listing_schema(item):
    return {
        "type": "object",
        "required": ["meta", "items"],
        "additionalProperties": False,
        "properties": {
            "meta": {
                "type": "object",
                "required": ["total_count"],
                "additionalProperties": False,
                "properties": {"total_count": {"type": "integer", "minimum": 0}},
            },
            "items": {"type": "array", "items": item},
        },
    }


def component_name(segment):
    return "".join(part.title() for part in segment.replace("-", "_").split("_"))


def typed_schemas():
    """{segment: (listing ref, detail ref)} and the components, from the serializers."""
    builder = SchemaBuilder(api_router)
    builder.components["Error"] = ERROR
    refs = {}
    for segment, endpoint in ENDPOINTS:
        if segment == "page_preview":
            continue
        name = component_name(segment)
        # The generic pages endpoint shows any page type's own fields as well.
        item, detail = builder.endpoint_schemas(name, endpoint, strict=segment != "pages")
        builder.components[f"{name}Listing"] = listing_schema(item)
        refs[segment] = (ref(f"{name}Listing"), detail)
    return refs, builder.components


SUMMARIES = {
    "innovations": "Published public innovations (structured case studies).",
    "news": "Published news.",
    "learning-resources": "Learning resources: guides, toolkits, modules, videos, templates.",
    "events": "Knowledge-exchange events.",
    "pages": "Every published public page, for a headless front end.",
    "images": "Images outside private collections, with renditions.",
    "documents": "Documents outside private collections.",
    "regions": "The province and its kabupaten/kota, with innovation counts.",
    "agencies": "Agencies, with innovation counts.",
    "sectors": "Government affairs (urusan), with innovation counts.",
    "sdgs": "The 17 SDGs, with innovation counts.",
    "awards": "Award programmes, with innovation counts.",
}


def order_parameter(names):
    return query(
        "order",
        {"type": "string", "enum": [p + name for name in names for p in ("", "-")]},
        "Sort field, '-' for descending.",
    )


SEARCH = query(
    "search",
    {"type": "string", "minLength": 1, "maxLength": 200, "pattern": r"\S"},
    "Full-text search; all words must match. Results by relevance unless order is set.",
)


def locale_parameters(endpoint):
    """?locale= where the endpoint reads it (page endpoints: docs/english.md)."""
    if "locale" not in getattr(endpoint, "detail_query_parameters", ()):
        return []
    return [
        query(
            "locale",
            {"type": "string", "enum": [code for code, _name in settings.LANGUAGES]},
            "Language of the pages: 'id' (default, the source language) or a translation's; "
            "meta.translation_key links a translation to its source.",
        )
    ]


def filter_parameter(name, filter_):
    if isinstance(filter_, RelatedValuesFilter):
        return open_values(name, SLUG, f"Filter on {name}.", "the slugs the items show")
    return multi(name, filter_.allowed_values(), f"Filter on {name}.")


def extra_parameters(name, endpoint):
    if name == "innovations":
        return innovation_filter_parameters()
    if issubclass(endpoint, PublicPageEndpoint):
        filters = endpoint.filterset_class.base_filters if endpoint.filterset_class else {}
        return [
            *(filter_parameter(name, f) for name, f in filters.items()),
            SEARCH,
            order_parameter(endpoint.orderings),
        ]
    if issubclass(endpoint, TaxonomyAPIViewSet):
        return [order_parameter(endpoint.orderings)]
    if name == "pages":
        return [
            query(
                "type",
                {"type": "string", "pattern": r"^[a-z_]+\.[A-Za-z]+$", "maxLength": 100},
                "Page type as app_label.ModelName, e.g. innovations.InnovationPage.",
            ),
            query("child_of", {"type": "integer", "minimum": 1}, "Only children of this page."),
        ]
    return []


def preview_content_types():
    """app_label.modelname of the page types a separate front end can preview."""
    return sorted(
        f"{model._meta.app_label}.{model._meta.model_name}"
        for model in get_page_models()
        if issubclass(model, HeadlessPreviewMixin)
    )


def build_schema(base_url=""):
    paths = {}
    refs, components = typed_schemas()
    for segment, endpoint in ENDPOINTS:
        if segment == "page_preview":
            continue
        tag = segment
        # The generic pages endpoint also takes the fields of the page type asked for.
        names = (
            ()
            if segment == "pages"
            else field_names(components[component_name(segment) + "Detail"])
        )
        listing = {
            "get": {
                "tags": [tag],
                "summary": SUMMARIES[segment],
                "operationId": f"list_{segment.replace('-', '_')}",
                "parameters": paging_parameters(names)
                + extra_parameters(segment, endpoint)
                + locale_parameters(endpoint),
                "responses": {
                    "200": response("A page of items.", refs[segment][0], CACHE_HEADERS),
                    **ERRORS,
                },
            }
        }
        detail = {
            "get": {
                "tags": [tag],
                "summary": f"One item of /{segment}/ with all its fields.",
                "operationId": f"get_{segment.replace('-', '_')}",
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
                    },
                    fields_parameter(names),
                    *locale_parameters(endpoint),
                ],
                "responses": {
                    "200": response("The item.", refs[segment][1], CACHE_HEADERS),
                    **ERRORS,
                    "404": response("No such public item.", ref("Error")),
                },
            }
        }
        paths[f"/api/v2/{segment}/"] = listing
        paths[f"/api/v2/{segment}/{{id}}/"] = detail
    paths["/api/v2/pages/find/"] = {
        "get": {
            "tags": ["pages"],
            "summary": "Redirect to the page at a site path (for a headless front end).",
            "operationId": "find_page",
            "parameters": [
                {
                    "name": "html_path",
                    "in": "query",
                    "required": True,
                    "schema": {"type": "string", "maxLength": 500},
                }
            ],
            "responses": {
                "302": {"description": "Location of the page's detail URL."},
                **ERRORS,
                "404": response("No public page at that path.", ref("Error")),
            },
        }
    }
    paths["/api/v2/page_preview/"] = {
        "get": {
            "tags": ["pages"],
            "summary": "A draft for a headless preview, by the token the admin gave the front end.",
            "operationId": "page_preview",
            "parameters": [
                {
                    "name": "content_type",
                    "in": "query",
                    "required": True,
                    "schema": {"type": "string", "enum": preview_content_types()},
                },
                {
                    "name": "token",
                    "in": "query",
                    "required": True,
                    "schema": {"type": "string", "minLength": 1, "maxLength": 500},
                },
            ],
            "responses": {
                "200": response("The draft page.", refs["pages"][1]),
                "400": response("Missing or invalid content_type or token.", ref("Error")),
                "404": response("The preview has expired.", ref("Error")),
            },
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "JIPP Sulsel API",
            "version": "2",
            "description": _(
                "Data terbuka inovasi pelayanan publik Sulawesi Selatan. Hanya baca, tanpa "
                "autentikasi. Lisensi data: CC BY 4.0."
            ),
            "license": {
                "name": "CC BY 4.0",
                "url": "https://creativecommons.org/licenses/by/4.0/",
            },
        },
        "servers": [{"url": base_url or "/"}],
        "paths": paths,
        "components": {"schemas": components},
    }


@require_safe
@conditional_get
def openapi_schema_view(request):
    response = JsonResponse(
        build_schema(get_base_url(request) or ""),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    patch_cache_control(response, public=True, max_age=300)
    return response


@require_safe
def api_docs_view(request):
    schema = build_schema()
    operations = []
    for path_name, methods in schema["paths"].items():
        for method, operation in methods.items():
            operations.append({"path": path_name, "method": method.upper(), **operation})
    return render(
        request,
        "api/docs.html",
        {
            "schema": schema,
            "operations": operations,
            "max_page_size": max_page_size(),
            "base_url": get_base_url(request) or "",
        },
    )
