"""Publications in the public API: news, learning resources and events.

Bodies are StreamFields, served as structured JSON on the detail endpoint only (their
rich text is expanded block by block, which would cost queries per item in a listing).
Related innovations are limited to the ones the API may show. Event registrations are
personal data and never leave the admin.
"""

from config.api_support import ChoiceFilter, PublicPageEndpoint, RelatedFilter, choice
from config.api_support import public_pages_prefetch as public_innovations
from innovations.api import nested
from innovations.models import InnovationPage

from .models import (
    EventPage,
    LearningResourceDocument,
    LearningResourcePage,
    NewsCategory,
    NewsPage,
    NewsPageAuthor,
    Regulation,
    ResourceTopic,
)

RELATED_INNOVATIONS = [public_innovations("related_innovations", InnovationPage)]

NESTED_ONLY = {
    Regulation: nested(
        Regulation, ["kind", "number", "year", "issuer", "title", "slug", "document"]
    ),
    NewsCategory: nested(NewsCategory, ["name", "slug"]),
    NewsPageAuthor: nested(NewsPageAuthor, ["name", "role"]),
    ResourceTopic: nested(ResourceTopic, ["name", "slug"]),
    LearningResourceDocument: nested(LearningResourceDocument, ["title", "document"]),
}


class NewsAPIViewSet(PublicPageEndpoint):
    name = "news"
    model = NewsPage
    body_fields = [
        "id",
        "title",
        "date",
        "category",
        "summary",
        "lead_image",
        "lead_image_caption",
        "authors",
        "body",
        "related_innovations",
    ]
    listing_default_fields = [
        "id",
        "type",
        "detail_url",
        "html_url",
        "slug",
        "title",
        "date",
        "category",
        "summary",
        "lead_image",
    ]
    detail_only_fields = ["body"]
    filters = [RelatedFilter("category", NewsCategory, "slug", "category")]
    orderings = ("date", "title", "first_published_at", "last_published_at")
    default_order = ("-date",)
    prefetches = {
        "category": ["category"],
        "lead_image": ["lead_image__renditions"],
        "authors": ["authors"],
        "related_innovations": RELATED_INNOVATIONS,
    }


class LearningResourcesAPIViewSet(PublicPageEndpoint):
    name = "learning-resources"
    model = LearningResourcePage
    body_fields = [
        "id",
        "title",
        choice("resource_type"),
        "topics",
        choice("audience"),
        choice("level"),
        "duration_minutes",
        "summary",
        "cover_image",
        "external_url",
        "documents",
        "body",
        "related_innovations",
    ]
    listing_default_fields = [
        "id",
        "type",
        "detail_url",
        "html_url",
        "slug",
        "title",
        "resource_type",
        "topics",
        "audience",
        "level",
        "summary",
        "cover_image",
    ]
    detail_only_fields = ["body"]
    filters = [
        ChoiceFilter("resource_type", "resource_type", LearningResourcePage.ResourceType),
        ChoiceFilter("audience", "audience", LearningResourcePage.Audience),
        ChoiceFilter("level", "level", LearningResourcePage.Level),
        RelatedFilter("topic", ResourceTopic, "slug", "topics"),
    ]
    prefetches = {
        "topics": ["topics"],
        "cover_image": ["cover_image__renditions"],
        "documents": ["documents__document"],
        "related_innovations": RELATED_INNOVATIONS,
    }


class EventsAPIViewSet(PublicPageEndpoint):
    name = "events"
    model = EventPage
    body_fields = [
        "id",
        "title",
        choice("event_type"),
        "start",
        "end",
        "venue",
        "address",
        "online_url",
        "organiser",
        "summary",
        "lead_image",
        "registration_enabled",
        "capacity",
        "registration_deadline",
        "body",
        "related_innovations",
    ]
    listing_default_fields = [
        "id",
        "type",
        "detail_url",
        "html_url",
        "slug",
        "title",
        "event_type",
        "start",
        "end",
        "venue",
        "online_url",
        "summary",
        "lead_image",
    ]
    detail_only_fields = ["body"]
    filters = [ChoiceFilter("event_type", "event_type", EventPage.EventType)]
    orderings = ("start", "end", "title", "first_published_at", "last_published_at")
    default_order = ("-start",)
    prefetches = {
        "lead_image": ["lead_image__renditions"],
        "related_innovations": RELATED_INNOVATIONS,
    }


PUBLICATION_ENDPOINTS = [
    ("news", NewsAPIViewSet),
    ("learning-resources", LearningResourcesAPIViewSet),
    ("events", EventsAPIViewSet),
]
