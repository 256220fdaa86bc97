"""/api/: the v2 endpoints, the OpenAPI document and its documentation page.

Anything else under /api/ is a JSON 404, never the site's HTML error page.
"""

from django.http import JsonResponse
from django.urls import path, re_path

from .openapi import api_docs_view, openapi_schema_view
from .router import api_router


def api_not_found(request, *args, **kwargs):
    return JsonResponse({"message": "not found"}, status=404)


urlpatterns = [
    path("v2/", api_router.urls),
    path("schema/", openapi_schema_view, name="api_schema"),
    path("docs/", api_docs_view, name="api_docs"),
    re_path(r"^", api_not_found),
]
