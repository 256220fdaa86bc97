"""Knowledge-exchange events at /kegiatan/: study visits, discussions, trainings, the Jambore."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.fields import StreamField
from core.pagination import paginate
from core.preview import HeadlessPreviewModeMixin
from core.seo import SeoMixin

from ..ical import calendar_response
from .base import (
    demo_flag_field,
    intro_field,
    lead_image_field,
    live_related_innovations,
    related_innovations_field,
)

EVENT_TIME_ZONE = zoneinfo.ZoneInfo("Asia/Makassar")
PAST_EVENTS_PER_PAGE = 20
SESSION_KEY = "publications.registrations"


class RegistrationClosed(Exception):
    """The event cannot take this registration; the message says why, in Indonesian."""


class EventIndexPage(SeoMixin, RoutablePageMixin, Page):
    """Upcoming events at /kegiatan/ and past events at /kegiatan/lampau/."""

    intro = intro_field()

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["publications.EventPage"]
    max_count = 1
    schema_type = "CollectionPage"

    class Meta:
        verbose_name = _("indeks kegiatan")
        verbose_name_plural = _("indeks kegiatan")

    def events(self):
        return (
            EventPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("lead_image")
            .prefetch_related("lead_image__renditions")
            .defer_streamfields()
        )

    def upcoming_events(self):
        return self.events().filter(end__gte=timezone.now()).order_by("start", "pk")

    def past_events(self):
        return self.events().filter(end__lt=timezone.now()).order_by("-start", "-pk")

    @path("")
    def upcoming(self, request):
        return self.render(
            request,
            context_overrides={"events": self.upcoming_events(), "showing_past": False},
        )

    @path("lampau/", name="past")
    def past(self, request):
        return self.render(
            request,
            context_overrides={
                "events_page": paginate(request, self.past_events(), PAST_EVENTS_PER_PAGE),
                "showing_past": True,
                "canonical_url": self.get_full_url(request) + self.reverse_subpage("past"),
            },
        )

    @path("kalender/", name="ical")
    def ical(self, request):
        return calendar_response(
            request, list(self.upcoming_events()), filename="kegiatan-jipp-sulsel.ics"
        )

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        urls.append({"location": self.get_full_url(request) + "lampau/"})
        return urls


class EventPage(HeadlessPreviewModeMixin, SeoMixin, RoutablePageMixin, Page):
    """An event with its time in WITA, its place or online link, and a registration form."""

    class EventType(models.TextChoices):
        STUDY_VISIT = "kaji_tiru", _("Kaji tiru (kunjungan belajar)")
        DISCUSSION = "diskusi", _("Diskusi/webinar")
        STAFF_EXCHANGE = "pertukaran_pegawai", _("Pertukaran pegawai")
        TRAINING = "bimtek", _("Bimbingan teknis/pelatihan")
        JAMBOREE = "jambore", _("Jambore Inovasi")
        AWARD = "penganugerahan", _("Penganugerahan")

    event_type = models.CharField(_("jenis kegiatan"), max_length=20, choices=EventType.choices)
    start = models.DateTimeField(
        _("mulai"), help_text=_("Tanggal dan jam mulai, dalam WITA (Asia/Makassar).")
    )
    end = models.DateTimeField(
        _("selesai"), help_text=_("Tanggal dan jam selesai, dalam WITA (Asia/Makassar).")
    )
    venue = models.CharField(
        _("tempat"),
        max_length=200,
        blank=True,
        help_text=_("Nama gedung atau ruangan. Kosongkan bila kegiatan hanya daring."),
    )
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    online_url = models.URLField(
        _("tautan daring"),
        blank=True,
        help_text=_("Tautan Zoom, YouTube atau platform lain untuk kegiatan daring."),
    )
    organiser = models.CharField(
        _("penyelenggara"),
        max_length=200,
        default="Biro Organisasi Setda Provinsi Sulawesi Selatan",
    )
    summary = models.TextField(
        _("ringkasan"),
        max_length=500,
        help_text=_("Apa yang terjadi di kegiatan ini dan siapa yang sebaiknya hadir."),
    )
    lead_image = lead_image_field()
    body = StreamField(BodyStreamBlock(), verbose_name=_("uraian"), blank=True)
    registration_enabled = models.BooleanField(
        _("buka pendaftaran"),
        default=True,
        help_text=_("Tampilkan formulir pendaftaran di halaman kegiatan."),
    )
    capacity = models.PositiveIntegerField(
        _("kuota peserta"),
        null=True,
        blank=True,
        help_text=_("Jumlah peserta maksimum. Kosongkan bila tidak dibatasi."),
    )
    registration_deadline = models.DateTimeField(
        _("batas pendaftaran"),
        null=True,
        blank=True,
        help_text=_("Kosongkan agar pendaftaran ditutup saat kegiatan dimulai."),
    )
    related_innovations = related_innovations_field("events")
    is_demo = demo_flag_field()

    content_panels = Page.content_panels + [
        FieldPanel("event_type"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Waktu (WITA)")),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("address"), FieldPanel("online_url")],
            heading=_("Tempat"),
        ),
        FieldPanel("organiser"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
                HelpPanel(template="publications/admin/registrations_panel.html"),
            ],
            heading=_("Pendaftaran"),
        ),
        FieldPanel("related_innovations"),
        FieldPanel("is_demo"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.FilterField("event_type"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]
    parent_page_types = ["publications.EventIndexPage"]
    subpage_types = []
    schema_type = "Event"
    og_type = "website"

    class Meta:
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        indexes = [models.Index(fields=["start"]), models.Index(fields=["end"])]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("Waktu selesai tidak boleh sebelum waktu mulai.")
        if not self.venue and not self.online_url:
            errors["venue"] = _("Isi tempat kegiatan atau tautan daring (atau keduanya).")
        if self.registration_deadline and self.end and self.registration_deadline > self.end:
            errors["registration_deadline"] = _(
                "Batas pendaftaran tidak boleh setelah kegiatan selesai."
            )
        if errors:
            raise ValidationError(errors)

    @classmethod
    def upcoming(cls, limit):
        """The next live events that have not ended, for the home page."""
        return list(
            cls.objects.live()
            .public()
            .filter(end__gte=timezone.now())
            .select_related("lead_image")
            .defer_streamfields()
            .order_by("start", "pk")[:limit]
        )

    # Times and places, as a reader sees them

    @property
    def local_start(self):
        return timezone.localtime(self.start, EVENT_TIME_ZONE)

    @property
    def local_end(self):
        return timezone.localtime(self.end, EVENT_TIME_ZONE)

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def is_online(self):
        return bool(self.online_url)

    @property
    def attendance_mode(self):
        if self.online_url and self.venue:
            return "MixedEventAttendanceMode"
        if self.online_url:
            return "OnlineEventAttendanceMode"
        return "OfflineEventAttendanceMode"

    # Registration

    @property
    def registration_closes_at(self):
        return self.registration_deadline or self.start

    def registration_count(self):
        return self.registrations.count()

    def seats_left(self, count=None):
        if self.capacity is None:
            return None
        count = self.registration_count() if count is None else count
        return max(self.capacity - count, 0)

    def closed_reason(self, count=None):
        """Why registration is closed now, or None when it is open."""
        if not self.registration_enabled:
            return _("Kegiatan ini tidak membuka pendaftaran daring.")
        if timezone.now() >= self.registration_closes_at:
            return _("Pendaftaran untuk kegiatan ini sudah ditutup.")
        if self.capacity is not None and self.seats_left(count) == 0:
            return _("Kuota peserta sudah penuh. Terima kasih atas minat Anda.")
        return None

    def register(self, *, name, agency, email, phone):
        """Store a registration, or raise RegistrationClosed with a reason for the reader.

        The UPDATE on this event's row comes first so that concurrent registrations for
        the same event queue behind it: PostgreSQL takes a row lock and SQLite its write
        lock, so the count below cannot be overtaken before the insert commits.
        """
        email = email.strip().lower()
        with transaction.atomic():
            EventPage.objects.filter(pk=self.pk).update(capacity=F("capacity"))
            if self.registrations.filter(email=email).exists():
                raise RegistrationClosed(
                    _("Alamat surel %(email)s sudah terdaftar untuk kegiatan ini.")
                    % {"email": email}
                )
            reason = self.closed_reason()
            if reason:
                raise RegistrationClosed(reason)
            try:
                with transaction.atomic():
                    return self.registrations.create(
                        name=name.strip(), agency=agency.strip(), email=email, phone=phone
                    )
            except IntegrityError as error:
                raise RegistrationClosed(
                    _("Alamat surel %(email)s sudah terdaftar untuk kegiatan ini.")
                    % {"email": email}
                ) from error

    # Views

    def get_context(self, request, *args, **kwargs):
        from publications.forms import EventRegistrationForm

        context = super().get_context(request, *args, **kwargs)
        count = self.registration_count()
        context["registration_count"] = count
        context["seats_left"] = self.seats_left(count)
        context["closed_reason"] = self.closed_reason(count)
        context.setdefault("form", EventRegistrationForm())
        context["related_innovations"] = live_related_innovations(self)
        return context

    @path("")
    def event(self, request):
        from publications.forms import EventRegistrationForm

        form = EventRegistrationForm()
        if request.method == "POST":
            form = EventRegistrationForm(request.POST)
            if form.is_valid():
                try:
                    registration = self.register(**form.cleaned_data)
                except RegistrationClosed as reason:
                    form.add_error(None, str(reason))
                else:
                    request.session[SESSION_KEY] = {
                        **request.session.get(SESSION_KEY, {}),
                        str(self.pk): registration.pk,
                    }
                    # The form posts to #registration-heading so errors show in view; an
                    # explicit fragment keeps the browser from carrying that one over.
                    return HttpResponseRedirect(
                        self.get_url(request)
                        + self.reverse_subpage("registered")
                        + "#pendaftaran-berhasil"
                    )
        response = self.render(request, context_overrides={"form": form})
        # The page carries a CSRF token: a shared cache must never store it.
        add_never_cache_headers(response)
        response["Cache-Control"] += ", private"
        return response

    @path("terdaftar/", name="registered")
    def registered(self, request):
        registration_pk = request.session.get(SESSION_KEY, {}).get(str(self.pk))
        registration = self.registrations.filter(pk=registration_pk).first()
        if registration is None:
            return redirect(self.get_url(request))
        response = self.render(
            request,
            template="publications/event_registered.html",
            context_overrides={"registration": registration},
        )
        add_never_cache_headers(response)
        response["Cache-Control"] += ", private"
        return response

    @path("kalender/", name="ical")
    def ical(self, request):
        return calendar_response(request, [self], filename=f"{self.slug}.ics")

    def structured_data(self, request=None):
        data = super().structured_data(request)
        locations = []
        if self.venue:
            locations.append(
                {
                    "@type": "Place",
                    "name": self.venue,
                    "address": self.address or self.venue,
                }
            )
        if self.online_url:
            locations.append({"@type": "VirtualLocation", "url": self.online_url})
        data.update(
            {
                "startDate": self.local_start.isoformat(),
                "endDate": self.local_end.isoformat(),
                "eventStatus": "https://schema.org/EventScheduled",
                "eventAttendanceMode": f"https://schema.org/{self.attendance_mode}",
                "location": locations[0] if len(locations) == 1 else locations,
                "organizer": {"@type": "Organization", "name": self.organiser},
            }
        )
        if self.capacity:
            data["maximumAttendeeCapacity"] = self.capacity
        return data


class EventRegistration(models.Model):
    """One person registered for one event; one registration per e-mail address and event."""

    event = models.ForeignKey(
        EventPage,
        verbose_name=_("kegiatan"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("nama lengkap"), max_length=120)
    agency = models.CharField(_("instansi"), max_length=200)
    email = models.EmailField(_("surel"))
    phone = models.CharField(_("telepon/WhatsApp"), max_length=20)
    created_at = models.DateTimeField(_("waktu mendaftar"), auto_now_add=True)

    class Meta:
        ordering = ["event", "created_at"]
        verbose_name = _("pendaftaran kegiatan")
        verbose_name_plural = _("pendaftaran kegiatan")
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="unique_registration_per_email")
        ]

    def __str__(self):
        return f"{self.name} ({self.agency})"
