"""Knowledge-exchange events at /kegiatan/: study visits, discussions, trainings, the Jambore."""

import math
import time
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.cache import ALL, SharedCachePageMixin, derived, tags_digest
from core.fields import StreamField
from core.i18n import sources
from core.pagination import paginate
from core.preview import HeadlessPreviewModeMixin
from core.seo import SeoMixin
from core.throttle import hit_request
from search.english import EnglishStemsMixin
from search.english import search_field as english_search_field

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
# A seat is taken only once the registrant confirms from the mailbox, within this time.
CONFIRMATION_HOURS = 24
CONFIRMATION_SALT = "publications.registration.confirm"
# Registration attempts per client address: 5 in 10 minutes (core.throttle, shared cache).
REGISTRATION_LIMIT = (5, 600)


class BadConfirmation(Exception):
    pass


def _confirmation_mac(pk, issued):
    return salted_hmac(CONFIRMATION_SALT, f"{pk}-{issued}", algorithm="sha256").hexdigest()[:40]


def confirmation_token(pk):
    """``<pk>-<issued, hex seconds>-<mac>``: lower-case letters, digits and hyphens only, the
    characters a routable page's URL segment takes."""
    issued = format(int(time.time()), "x")
    return f"{pk}-{issued}-{_confirmation_mac(pk, issued)}"


def confirmation_pk(token, max_age):
    """The registration a token names; BadConfirmation if forged, TimeoutError if expired."""
    try:
        pk, issued, mac = token.split("-")
        age = time.time() - int(issued, 16)
        pk = int(pk)
    except ValueError as error:
        raise BadConfirmation from error
    if not constant_time_compare(mac, _confirmation_mac(pk, issued)):
        raise BadConfirmation
    if age > max_age:
        raise TimeoutError
    return pk


# At most how long a list of upcoming events is kept; it is read again sooner when one of
# its events ends or any event is published (its key carries the "events" token).
UPCOMING_SECONDS = 60 * 60


def kept_upcoming(name, read):
    """`read()` (events that have not ended, soonest first) as a list, kept in the shared
    cache until the next publish, unpublish or move of an event, a new generation (a view
    restriction, a changed image), or until the first of them ends. Kept without their
    images' renditions: Wagtail finds those in its rendition cache."""
    key = f"events:upcoming:{name}:{tags_digest('events')}"
    now = timezone.now()
    events = derived.get(key)
    if events is None:
        events = list(read())
        first_end = min((event.end for event in events), default=None)
        seconds = UPCOMING_SECONDS
        if first_end is not None:
            seconds = max(1, min(seconds, math.ceil((first_end - now).total_seconds())))
        derived.set(key, events, seconds)
    # A worker's own copy may outlive the end by a moment: never list an event that ended.
    return [event for event in events if event.end >= now]


class RegistrationClosed(Exception):
    """The event cannot take this registration; the message says why, in Indonesian."""


class EventIndexPage(SharedCachePageMixin, SeoMixin, RoutablePageMixin, Page):
    """Upcoming events at /kegiatan/ and past events at /kegiatan/lampau/."""

    cache_tags = ("events",)

    intro = intro_field()

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["publications.EventPage"]
    max_count = 1
    schema_type = "CollectionPage"

    def publish_tags(self):
        # Its title is in every page's navigation.
        return (ALL,)

    class Meta:
        verbose_name = _("indeks kegiatan")
        verbose_name_plural = _("indeks kegiatan")

    def events(self):
        from core.routing import public  # it reads the models

        return (
            # Without Wagtail's query for the restrictions (core.routing.public).
            public(EventPage.objects.live())
            .descendant_of(self)
            .select_related("lead_image")
            .defer_streamfields()
        )

    def upcoming_events(self):
        """The events under this list that have not ended, soonest first (kept_upcoming)."""
        return kept_upcoming(
            f"index:{self.pk}",
            lambda: self.events().filter(end__gte=timezone.now()).order_by("start", "pk"),
        )

    def past_events(self):
        return (
            self.events()
            .prefetch_related("lead_image__renditions")
            .filter(end__lt=timezone.now())
            .order_by("-start", "-pk")
        )

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


class EventPage(EnglishStemsMixin, HeadlessPreviewModeMixin, SeoMixin, RoutablePageMixin, Page):
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
        english_search_field(),
        index.FilterField("event_type"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]
    parent_page_types = ["publications.EventIndexPage"]
    subpage_types = []
    schema_type = "Event"
    og_type = "website"

    def publish_tags(self):
        # Not cached itself (its registration form carries a CSRF token); shown in the
        # event listings and on the home page.
        return (f"page:{self.pk}", "events")

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
        """The next live events that have not ended, for the home page (kept_upcoming), each
        with its list page read (the link to all events)."""

        def read():
            events = list(
                cls.objects.live()
                .public()
                .filter(end__gte=timezone.now())
                .select_related("lead_image")
                .defer_streamfields()
                .order_by("start", "pk")[:limit]
            )
            for event in events:
                event.get_parent()  # treebeard keeps it on the page
            return events

        return kept_upcoming(f"next:{limit}", read)

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

    # Registration. The pages of one event in every language (one translation_key) share
    # its seats: registrations are kept on the default-language page, which decides whether
    # seats are left, and counted over the translation_key.

    @property
    def registration_closes_at(self):
        return self.registration_deadline or self.start

    def registration_count(self):
        """Seats taken in every language of the event: only registrations confirmed from the
        registrant's mailbox count."""
        return EventRegistration.objects.filter(
            event__translation_key=self.translation_key, confirmed_at__isnull=False
        ).count()

    def seat_event(self):
        """The page that holds the event's registrations: its default-language page (the
        source of its translations), or this page when there is none."""
        if self.locale_id is None:
            return self
        source = (
            sources(EventPage.objects.filter(translation_key=self.translation_key))
            .exclude(pk=self.pk)
            .first()
        )
        return source or self

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

    def _lock(self):
        """Queue concurrent registrations of this event behind one row lock.

        The UPDATE takes PostgreSQL's row lock (SQLite its write lock), so a count read after
        it cannot be overtaken before the transaction commits.
        """
        EventPage.objects.filter(pk=self.pk).update(capacity=F("capacity"))

    def register(self, *, name, agency, email, phone, confirm_url):
        """Hold a registration until it is confirmed, and mail the registrant.

        The answer (and the time it takes) does not depend on whether the address is already
        registered: a new address gets a confirmation link, a pending one gets a fresh link,
        a confirmed one is told by e-mail that it is registered. Only the registrant's mailbox
        learns which. ``confirm_url(token)`` builds the absolute confirmation link. Raises
        RegistrationClosed only for what anyone may read on the page (closed, full).
        """
        email = email.strip().lower()
        details = {"name": name.strip(), "agency": agency.strip(), "phone": phone}
        holder = self.seat_event()
        with transaction.atomic():
            holder._lock()
            reason = holder.closed_reason()
            if reason:
                raise RegistrationClosed(reason)
            registration = holder.registrations.filter(email=email).first()
            if registration is None:
                try:
                    with transaction.atomic():
                        registration = holder.registrations.create(email=email, **details)
                except IntegrityError:
                    registration = holder.registrations.get(email=email)
            elif registration.confirmed_at is None:
                holder.registrations.filter(pk=registration.pk).update(
                    created_at=timezone.now(), **details
                )
        if registration.confirmed_at:
            self._mail(registration, "already_registered", {})
        else:
            token = confirmation_token(registration.pk)
            self._mail(registration, "confirm_registration", {"confirm_url": confirm_url(token)})

    def _mail(self, registration, template, context):
        """Mail the registrant in the language of the page they registered on."""
        context = {
            **context,
            "event": self,
            "registration": registration,
            "hours": CONFIRMATION_HOURS,
        }
        with translation.override(self.locale.language_code):
            subject, _blank, body = render_to_string(
                f"publications/email/{template}.txt", context
            ).partition("\n\n")
        send_mail(subject.strip(), body.strip() + "\n", None, [registration.email])

    def confirm(self, token):
        """Count the registration a confirmation link names; RegistrationClosed says why not."""
        try:
            registration_pk = confirmation_pk(token, max_age=CONFIRMATION_HOURS * 3600)
        except TimeoutError as error:
            raise RegistrationClosed(
                _(
                    "Tautan konfirmasi sudah kedaluwarsa (berlaku %(hours)d jam). "
                    "Silakan mendaftar lagi."
                )
                % {"hours": CONFIRMATION_HOURS}
            ) from error
        except BadConfirmation as error:
            raise RegistrationClosed(_("Tautan konfirmasi tidak sah.")) from error
        holder = self.seat_event()
        with transaction.atomic():
            holder._lock()
            registration = holder.registrations.filter(pk=registration_pk).first()
            if registration is None:
                raise RegistrationClosed(_("Tautan konfirmasi tidak sah."))
            if registration.confirmed_at is None:
                reason = holder.closed_reason()
                if reason:
                    raise RegistrationClosed(reason)
                registration.confirmed_at = timezone.now()
                registration.save(update_fields=["confirmed_at"])
        return registration

    # Views

    def get_context(self, request, *args, **kwargs):
        from publications.forms import EventRegistrationForm

        context = super().get_context(request, *args, **kwargs)
        count = self.registration_count()
        context["registration_count"] = count
        context["seats_left"] = self.seats_left(count)
        context["closed_reason"] = self.closed_reason(count)
        context.setdefault("form", EventRegistrationForm())
        context["related_innovations"] = live_related_innovations(self, request)
        return context

    def _private(self, response):
        # The page carries a CSRF token or a registrant's details: never in a shared cache.
        add_never_cache_headers(response)
        response["Cache-Control"] += ", private"
        return response

    @path("")
    def event(self, request):
        from publications.forms import EventRegistrationForm

        form = EventRegistrationForm()
        status = 200
        context = {}
        if request.method == "POST":
            form = EventRegistrationForm(request.POST)
            verdict = hit_request(request, "publications.registration", *REGISTRATION_LIMIT)
            if not verdict.allowed:
                status = 429
                minutes = max(1, -(-verdict.retry_after // 60))
                context["throttled"] = _(
                    "Terlalu banyak pendaftaran dari jaringan Anda. "
                    "Silakan coba lagi dalam %(minutes)d menit."
                ) % {"minutes": minutes}
            elif form.is_valid():
                data = {key: form.cleaned_data[key] for key in ("name", "agency", "email", "phone")}
                base_url = self.get_full_url(request)
                try:
                    self.register(
                        **data,
                        confirm_url=lambda token: (
                            base_url + self.reverse_subpage("confirm", args=[token])
                        ),
                    )
                except RegistrationClosed as reason:
                    form.add_error(None, str(reason))
                else:
                    request.session[SESSION_KEY] = {
                        **request.session.get(SESSION_KEY, {}),
                        str(self.pk): True,
                    }
                    # The form posts to #registration-heading so errors show in view; an
                    # explicit fragment keeps the browser from carrying that one over.
                    return HttpResponseRedirect(
                        self.get_url(request)
                        + self.reverse_subpage("registered")
                        + "#periksa-surel"
                    )
            elif form.is_spam:
                status = 400
        response = self.render(request, context_overrides={"form": form, **context})
        response.status_code = status
        if status == 429:
            response["Retry-After"] = str(verdict.retry_after)
        return self._private(response)

    @path("terdaftar/", name="registered")
    def registered(self, request):
        """The "check your mailbox" page: the same whatever the address was."""
        if not request.session.get(SESSION_KEY, {}).get(str(self.pk)):
            return redirect(self.get_url(request))
        response = self.render(
            request,
            template="publications/event_registered.html",
            context_overrides={"hours": CONFIRMATION_HOURS},
        )
        return self._private(response)

    @path("konfirmasi/<str:token>/", name="confirm")
    def confirm_view(self, request, token):
        """GET shows a button, POST confirms: mail scanners that follow links take no seat."""
        context = {"token": token, "hours": CONFIRMATION_HOURS}
        status = 200
        if request.method == "POST":
            try:
                context["registration"] = self.confirm(token)
            except RegistrationClosed as reason:
                context["refused"] = str(reason)
                status = 409
        response = self.render(
            request, template="publications/event_confirm.html", context_overrides=context
        )
        response.status_code = status
        return self._private(response)

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
    confirmed_at = models.DateTimeField(
        _("dikonfirmasi"),
        null=True,
        blank=True,
        help_text=_(
            "Diisi saat pendaftar membuka tautan konfirmasi di surelnya. Hanya pendaftaran "
            "yang dikonfirmasi mengisi kuota."
        ),
    )

    class Meta:
        ordering = ["event", "created_at"]
        verbose_name = _("pendaftaran kegiatan")
        verbose_name_plural = _("pendaftaran kegiatan")
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="unique_registration_per_email")
        ]

    def __str__(self):
        return f"{self.name} ({self.agency})"
