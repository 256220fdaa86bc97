"""/api/: the v2 endpoints, the OpenAPI document and its documentation page.

Anything else under /api/ is a JSON 404, never the site's HTML error page.
"""

from django.http import JsonResponse
from django.urls import path, re_path, reverse
from django.views.decorators.http import require_safe

from .openapi import api_docs_view, openapi_schema_view
from .router import api_router


def api_not_found(request, *args, **kwargs):
    return JsonResponse({"message": "not found"}, status=404)


# Internal: answers only with a preview token from the admin.
UNLISTED_ENDPOINTS = {"page_preview"}


@require_safe
def api_index(request):
    """What a client finds at /api/v2/: every endpoint's listing URL and the documentation."""
    endpoints = {
        name: request.build_absolute_uri(reverse(f"{api_router.url_namespace}:{name}:listing"))
        for name in api_router._endpoints
        if name not in UNLISTED_ENDPOINTS
    }
    return JsonResponse(
        {
            "endpoints": endpoints,
            "docs": request.build_absolute_uri(reverse("api_docs")),
            "schema": request.build_absolute_uri(reverse("api_schema")),
        }
    )


urlpatterns = [
    path("v2/", api_index, name="api_index"),
    path("v2/", api_router.urls),
    path("schema/", openapi_schema_view, name="api_schema"),
    path("docs/", api_docs_view, name="api_docs"),
    re_path(r"^", api_not_found),
]
