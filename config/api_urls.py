"""/api/: the v2 endpoints, the OpenAPI document and its documentation page."""

from django.urls import path

from .api import api_router
from .openapi import api_docs_view, openapi_schema_view

urlpatterns = [
    path("v2/", api_router.urls),
    path("schema/", openapi_schema_view, name="api_schema"),
    path("docs/", api_docs_view, name="api_docs"),
]
