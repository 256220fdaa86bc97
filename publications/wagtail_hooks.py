import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page, Revision
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from agencies.access import agencies_of, is_moderator
from core.exports import spreadsheet_safe
from core.i18n import sources
from innovations.models import InnovationPage

from .models import (
    EventPage,
    EventRegistration,
    LearningResourcePage,
    NewsCategory,
    NewsPage,
    Partner,
    Regulation,
    ResourceTopic,
)

UPCOMING_DAYS = 60


class RegulationViewSet(SnippetViewSet):
    model = Regulation
    icon = "doc-full"
    list_display = ["title", "kind", "number", "year"]
    list_filter = ["kind", "year"]
    search_fields = ["title", "number"]
    # The database search backend knows only the model's index, not these columns
    # (500 "no such column"); the ORM searches them directly and needs no index rows.
    search_backend_name = None


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    list_display = ["name", "kind", "sort_order"]
    list_filter = ["kind"]


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    list_display = ["name", "slug"]


class ResourceTopicViewSet(SnippetViewSet):
    model = ResourceTopic
    icon = "tag"
    list_display = ["name", "description"]


class PublicationSnippets(SnippetViewSetGroup):
    items = [RegulationViewSet, PartnerViewSet, NewsCategoryViewSet, ResourceTopicViewSet]
    menu_label = _("Publikasi")
    menu_icon = "doc-full-inverse"
    menu_name = "publications"


def local_minute(value):
    """An aware time as the admin shows it: WITA, to the minute, no zone offset."""
    return timezone.localtime(value).replace(second=0, microsecond=0, tzinfo=None)


class RegistrationIndexView(IndexView):
    # Times in the export as in the admin (local time, to the minute; the headings name the
    # zone), not UTC with microseconds.
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        datetime.datetime: {
            IndexView.FORMAT_CSV: lambda value: local_minute(value).strftime("%Y-%m-%d %H:%M"),
            IndexView.FORMAT_XLSX: local_minute,
        },
        str: {IndexView.FORMAT_CSV: spreadsheet_safe, IndexView.FORMAT_XLSX: spreadsheet_safe},
    }

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event")


class EventRegistrationViewSet(ModelViewSet):
    """Registrations, read and exported (CSV/XLSX) by staff with the view permission."""

    model = EventRegistration
    index_view_class = RegistrationIndexView
    icon = "group"
    menu_label = _("Pendaftaran kegiatan")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "agency", "email", "phone", "event", "created_at", "confirmed_at"]
    list_filter = ["event", "confirmed_at"]
    list_export = [
        "event.title",
        "event.start",
        "name",
        "agency",
        "email",
        "phone",
        "created_at",
        "confirmed_at",
    ]
    export_headings = {
        "event.title": _("Kegiatan"),
        "event.start": _("Mulai (WITA)"),
        "created_at": _("Waktu mendaftar (WITA)"),
        "confirmed_at": _("Dikonfirmasi (WITA)"),
    }
    export_filename = "pendaftaran-kegiatan"
    search_fields = ["name", "agency", "email"]
    form_fields = ["event", "name", "agency", "email", "phone"]
    inspect_view_enabled = True


class PublicationsDuePanel(Component):
    """What editors should act on: drafts, scheduled publications, events nobody joined.

    Innovation drafts are listed too (an abandoned autosaved innovation must be findable), but
    only those of the agencies a non-moderator serves.
    """

    name = "publications_due"
    order = 150
    template_name = "publications/admin/publications_due_panel.html"
    limit = 8

    def hidden_innovations(self, user):
        """Innovations of agencies the user does not serve (none for moderators)."""
        if is_moderator(user):
            return InnovationPage.objects.none()
        return InnovationPage.objects.exclude(agency__in=agencies_of(user))

    def get_context_data(self, parent_context=None):
        now = timezone.now()
        user = parent_context["request"].user
        content_types = ContentType.objects.get_for_models(
            InnovationPage, NewsPage, LearningResourcePage, EventPage
        ).values()
        hidden = self.hidden_innovations(user)
        scheduled_revisions = (
            Revision.page_revisions.filter(
                approved_go_live_at__isnull=False, content_type__in=content_types
            )
            .exclude(object_id__in=hidden.values_list(Cast("pk", CharField()), flat=True))
            .order_by("approved_go_live_at")
        )
        scheduled_ids = scheduled_revisions.values("object_id")
        drafts = (
            Page.objects.filter(content_type__in=content_types)
            .exclude(pk__in=hidden.values("pk"))
            .filter(Q(live=False) | Q(has_unpublished_changes=True))
            .exclude(pk__in=[int(pk) for pk in scheduled_ids.values_list("object_id", flat=True)])
            .order_by("-latest_revision_created_at")
        )
        scheduled = list(scheduled_revisions[: self.limit])
        pages = Page.objects.in_bulk([int(revision.object_id) for revision in scheduled])
        lonely_events = (
            # Registrations are kept on the default-language page of an event.
            sources(EventPage.objects.live())
            .filter(registration_enabled=True, start__gte=now)
            .filter(start__lte=now + datetime.timedelta(days=UPCOMING_DAYS))
            .annotate(
                registration_total=Count(
                    "registrations", filter=Q(registrations__confirmed_at__isnull=False)
                )
            )
            .filter(registration_total=0)
            .order_by("start")
        )
        return {
            "drafts": drafts[: self.limit],
            "draft_count": drafts.count(),
            "scheduled": [
                (revision.approved_go_live_at, pages[int(revision.object_id)])
                for revision in scheduled
                if int(revision.object_id) in pages
            ],
            "lonely_events": lonely_events[: self.limit],
            "upcoming_days": UPCOMING_DAYS,
        }


register_snippet(PublicationSnippets)


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return EventRegistrationViewSet("pendaftaran_kegiatan", url_prefix="pendaftaran-kegiatan")


@hooks.register("construct_homepage_panels")
def add_publications_due_panel(request, panels):
    if request.user.has_perm("wagtailadmin.access_admin"):
        panels.append(PublicationsDuePanel())
