"""Offset/limit paging with a hard page-size cap and an offset ceiling."""

import hashlib
from collections import OrderedDict

from django.conf import settings
from django.db.models import QuerySet
from rest_framework.response import Response
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

from core.cache import CONTENT, derived, tags_digest

# Beyond this an offset is a crawler walking off the end, and very large numbers overflow
# the database's integer type.
MAX_OFFSET = 1_000_000
DEFAULT_LIMIT = 20
# ?fields=* asks for every field of every item (nested taxonomies, renditions, rich text):
# a page of those costs several times a default page, so it is capped lower.
ALL_FIELDS_LIMIT_MAX = 20


def max_page_size(request=None):
    limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 100)
    if request is not None and "*" in request.GET.get("fields", ""):
        return min(limit_max, ALL_FIELDS_LIMIT_MAX)
    return limit_max


def parse_non_negative_int(request, name, default, maximum, too_big_message):
    raw = request.GET.get(name)
    if raw is None:
        return default
    # An empty value is not a number: a 400, as the OpenAPI document's integer type says.
    if not raw.isdigit() or not raw.isascii():
        raise BadRequestError(f"{name} must be a non-negative whole number")
    value = int(raw) if len(raw) <= 12 else maximum + 1
    if value > maximum:
        raise BadRequestError(too_big_message)
    return value


def total_count(queryset, view):
    """The number of results, counted once per filter set while what the endpoint shows
    is unchanged.

    A client paging through a listing asks the same count with every page, and counting
    every innovation took longer than loading a page of them (7-22 ms of a 60 ms listing
    at 10,000 innovations). The key is the count's own SQL (filters, scope, language) under
    the tokens of the endpoint's cache tags (core.cache): a publish of a page it lists, or
    any change every answer depends on, starts a new count. Endpoints without tags, counts
    from the search engine and full-text searches are counted every time.
    """
    tags = getattr(view, "cache_tags", None)
    seconds = getattr(settings, "API_COUNT_CACHE_SECONDS", 0)
    if tags is None or not seconds or not isinstance(queryset, QuerySet):
        return queryset.count()
    sql, params = queryset.order_by().query.sql_with_params()
    digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()[:32]
    key = f"api:count:{tags_digest(*(tags or (CONTENT,)))}:{digest}"
    found = derived.get(key)
    if found is None:
        found = queryset.count()
        derived.set(key, found, seconds)
    return found


class CappedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        offset, limit = self.window(request)
        self.view = view
        self.total_count = total_count(queryset, view)
        return list(queryset[offset : offset + limit])

    @staticmethod
    def window(request):
        """(offset, limit) of the requested page, validated."""
        limit_max = max_page_size(request)
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
        return offset, limit

    def get_paginated_response(self, data):
        return Response(
            OrderedDict(
                [("meta", OrderedDict([("total_count", self.total_count)])), ("items", data)]
            )
        )
