"""The router of the public API under /api/v2/: which endpoint answers at which URL."""

from wagtail.api.v2.router import WagtailAPIRouter

from innovations import api as innovation_fields
from publications import api as publication_fields

from .endpoints import (
    EventsAPIViewSet,
    InnovationsAPIViewSet,
    LearningResourcesAPIViewSet,
    NewsAPIViewSet,
    PagePreviewAPIViewSet,
    PublicDocumentsAPIViewSet,
    PublicImagesAPIViewSet,
    PublicPagesAPIViewSet,
    nested_only,
    taxonomy_endpoint,
)


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


api_router = PublicAPIRouter(
    "wagtailapi",
    nested_only({**innovation_fields.NESTED_FIELDS, **publication_fields.NESTED_FIELDS}),
)

# Innovations come before the generic pages endpoint, so that links to an innovation
# point at /api/v2/innovations/<id>/.
ENDPOINTS = [
    ("innovations", InnovationsAPIViewSet),
    ("news", NewsAPIViewSet),
    ("learning-resources", LearningResourcesAPIViewSet),
    ("events", EventsAPIViewSet),
    ("pages", PublicPagesAPIViewSet),
    ("page_preview", PagePreviewAPIViewSet),
    ("images", PublicImagesAPIViewSet),
    ("documents", PublicDocumentsAPIViewSet),
    *((fields.name, taxonomy_endpoint(fields)) for fields in innovation_fields.TAXONOMY_FIELDS),
]
for endpoint_name, endpoint_class in ENDPOINTS:
    api_router.register_endpoint(endpoint_name, endpoint_class)
