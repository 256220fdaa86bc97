"""Offset/limit paging with a hard page-size cap and an offset ceiling."""

from collections import OrderedDict

from django.conf import settings
from rest_framework.response import Response
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

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


class CappedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        offset, limit = self.window(request)
        self.view = view
        self.total_count = queryset.count()
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
