"""What the public API shows of publications: news, learning resources and events.

Field lists and filters only; the endpoints are in the `api` app. Bodies are StreamFields,
served as structured JSON on the detail endpoint only (their rich text is expanded block
by block, which would cost queries per item in a listing). Related innovations are
limited to the ones the API may show (RELATED_INNOVATIONS). Event registrations are
personal data and never leave the admin.
"""

import django_filters

from core.filters import ChoiceValuesFilter, RelatedValuesFilter
from core.serializers import choice
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

# A (relation, page model) pair is prefetched with only the pages the API may show.
RELATED_INNOVATIONS = [("related_innovations", InnovationPage)]

# What every publication listing starts with.
LISTING_IDENTITY = ["id", "type", "detail_url", "html_url", "slug", "title"]

# Rows and snippets shown only inside a publication: their fields, no URL of their own.
NESTED_FIELDS = {
    Regulation: ["kind", "number", "year", "issuer", "title", "slug", "document"],
    NewsCategory: ["name", "slug"],
    NewsPageAuthor: ["name", "role"],
    ResourceTopic: ["name", "slug"],
    LearningResourceDocument: ["title", "document"],
}


class NewsFilter(django_filters.FilterSet):
    category = RelatedValuesFilter(
        field_name="category__slug", to_field_name="slug", queryset=NewsCategory.objects.all()
    )


class LearningResourceFilter(django_filters.FilterSet):
    resource_type = ChoiceValuesFilter(choices=LearningResourcePage.ResourceType.choices)
    audience = ChoiceValuesFilter(choices=LearningResourcePage.Audience.choices)
    level = ChoiceValuesFilter(choices=LearningResourcePage.Level.choices)
    topic = RelatedValuesFilter(
        field_name="topics__slug", to_field_name="slug", queryset=ResourceTopic.objects.all()
    )


class EventFilter(django_filters.FilterSet):
    event_type = ChoiceValuesFilter(choices=EventPage.EventType.choices)


class NewsFields:
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
        *LISTING_IDENTITY,
        "date",
        "category",
        "summary",
        "lead_image",
    ]
    detail_only_fields = ["body"]
    filterset_class = NewsFilter
    orderings = ("date", "title", "first_published_at", "last_published_at")
    default_order = ("-date",)
    prefetches = {
        "category": ["category"],
        "lead_image": ["lead_image__renditions"],
        "authors": ["authors"],
        "related_innovations": RELATED_INNOVATIONS,
    }


class LearningResourceFields:
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
        *LISTING_IDENTITY,
        "resource_type",
        "topics",
        "audience",
        "level",
        "summary",
        "cover_image",
    ]
    detail_only_fields = ["body"]
    filterset_class = LearningResourceFilter
    prefetches = {
        "topics": ["topics"],
        "cover_image": ["cover_image__renditions"],
        "documents": ["documents__document"],
        "related_innovations": RELATED_INNOVATIONS,
    }


class EventFields:
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
        *LISTING_IDENTITY,
        "event_type",
        "start",
        "end",
        "venue",
        "online_url",
        "summary",
        "lead_image",
    ]
    detail_only_fields = ["body"]
    filterset_class = EventFilter
    orderings = ("start", "end", "title", "first_published_at", "last_published_at")
    default_order = ("-start",)
    prefetches = {
        "lead_image": ["lead_image__renditions"],
        "related_innovations": RELATED_INNOVATIONS,
    }
