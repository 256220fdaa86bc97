"""Replication requests: from "we want to copy this" to a verified copy with its own results.

A request is followed by its requester through a private link (the unguessable `token`), and
answered by the innovation's agency in the Wagtail admin. States change only through
replication/workflow.py, which validates every transition in one table.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innovations.models import Agency, InnovationPage, Region

SOUTH_SULAWESI = "Sulawesi Selatan"


def new_token():
    return secrets.token_urlsafe(24)


class ReplicationRequest(models.Model):
    class Kind(models.TextChoices):
        REPLICATE = "replikasi", _("Replikasi")
        VISIT = "kaji_tiru", _("Kaji tiru (kunjungan)")

    class State(models.TextChoices):
        REQUESTED = "diajukan", _("Diajukan")
        ACCEPTED = "diterima", _("Diterima")
        VISITED = "dikunjungi", _("Kunjungan selesai")
        ADAPTING = "adaptasi", _("Sedang diadaptasi")
        IMPLEMENTED = "diterapkan", _("Sudah diterapkan")
        DECLINED = "ditolak", _("Ditolak")
        ABANDONED = "dibatalkan", _("Dihentikan")

    innovation = models.ForeignKey(
        InnovationPage,
        verbose_name=_("inovasi"),
        on_delete=models.CASCADE,
        related_name="replication_requests",
    )
    kind = models.CharField(_("jenis permintaan"), max_length=12, choices=Kind.choices)
    state = models.CharField(
        _("status"), max_length=12, choices=State.choices, default=State.REQUESTED
    )

    # Who asks: private, shown only to the innovation's agency and moderators.
    requester_name = models.CharField(_("nama"), max_length=120)
    institution = models.CharField(_("instansi"), max_length=200)
    region = models.ForeignKey(
        Region,
        verbose_name=_("kabupaten/kota di Sulawesi Selatan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    province = models.CharField(_("provinsi"), max_length=80, default=SOUTH_SULAWESI)
    role = models.CharField(_("jabatan"), max_length=120)
    email = models.EmailField(_("surel"))
    phone = models.CharField(_("telepon"), max_length=32, blank=True)
    purpose = models.TextField(_("tujuan"), max_length=3000)
    visit_start = models.DateField(_("usulan tanggal mulai kunjungan"), null=True, blank=True)
    visit_end = models.DateField(_("usulan tanggal selesai kunjungan"), null=True, blank=True)

    # What the agency answers.
    agreed_start = models.DateField(_("tanggal kunjungan dari instansi"), null=True, blank=True)
    agreed_end = models.DateField(_("sampai tanggal"), null=True, blank=True)
    decline_reason = models.TextField(_("alasan penolakan"), blank=True)
    abandon_reason = models.TextField(_("alasan dihentikan"), blank=True)
    visited_on = models.DateField(_("tanggal kunjungan"), null=True, blank=True)

    # What the requester reports once implemented.
    copied = models.TextField(_("yang ditiru"), blank=True)
    changed = models.TextField(_("yang diubah"), blank=True)
    cost = models.PositiveBigIntegerField(_("biaya (Rp)"), null=True, blank=True)
    implemented_on = models.DateField(_("tanggal penerapan"), null=True, blank=True)
    first_results = models.TextField(_("hasil awal"), blank=True)

    # The moderator's verification.
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diverifikasi oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("instansi pereplikasi di katalog"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    case_study = models.ForeignKey(
        InnovationPage,
        verbose_name=_("studi kasus replikasi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("diajukan pada"), auto_now_add=True)
    state_changed_at = models.DateTimeField(_("status berubah pada"), auto_now_add=True)
    # The requester's last sign of life; reminders count from it.
    requester_news_at = models.DateTimeField(_("kabar terakhir pemohon"), auto_now_add=True)
    reminders_sent = models.PositiveSmallIntegerField(
        _("pengingat terkirim"), default=0, validators=[MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("permintaan replikasi")
        verbose_name_plural = _("permintaan replikasi")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["innovation", "state"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.institution} → {self.innovation.title}"

    def get_tracking_url(self):
        return reverse("replication:track", args=[self.token])

    def get_admin_url(self):
        return reverse("replication_admin:detail", args=[self.pk])

    @property
    def is_visit(self):
        return self.kind == self.Kind.VISIT

    @property
    def in_south_sulawesi(self):
        return self.province == SOUTH_SULAWESI

    @property
    def place(self):
        if self.region_id:
            return f"{self.region}, {self.province}"
        return self.province

    @property
    def is_open(self):
        return self.state not in (self.State.DECLINED, self.State.ABANDONED) and not (
            self.verified_at
        )


class ReplicationMessage(models.Model):
    """One entry of a request's thread: a message or the record of a step."""

    class Author(models.TextChoices):
        REQUESTER = "pemohon", _("Pemohon")
        AGENCY = "instansi", _("Instansi inovator")
        MODERATOR = "moderator", _("Moderator")

    request = models.ForeignKey(
        ReplicationRequest, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.CharField(_("pengirim"), max_length=12, choices=Author.choices)
    author_name = models.CharField(_("nama pengirim"), max_length=150, blank=True)
    action = models.CharField(_("langkah"), max_length=24, blank=True)
    body = models.TextField(_("pesan"), blank=True)
    created_at = models.DateTimeField(_("dikirim pada"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("pesan replikasi")
        verbose_name_plural = _("pesan replikasi")

    def __str__(self):
        return f"{self.get_author_display()} {self.created_at:%Y-%m-%d %H:%M}"


class InnovatorMessage(models.Model):
    """A message to an innovator, relayed by e-mail so the innovator's address stays private.

    Kept so moderators can answer abuse reports and see that relayed mail went out."""

    innovation = models.ForeignKey(
        InnovationPage,
        verbose_name=_("inovasi"),
        on_delete=models.CASCADE,
        related_name="innovator_messages",
    )
    sender_name = models.CharField(_("nama"), max_length=120)
    institution = models.CharField(_("instansi"), max_length=200, blank=True)
    email = models.EmailField(_("surel"))
    phone = models.CharField(_("telepon"), max_length=32, blank=True)
    body = models.TextField(_("pesan"), max_length=3000)
    created_at = models.DateTimeField(_("dikirim pada"), auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(
        _("jumlah penerima"), default=0, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pesan untuk inovator")
        verbose_name_plural = _("pesan untuk inovator")

    def __str__(self):
        return f"{self.sender_name} → {self.innovation_id}"


class SimilarInnovations(models.Model):
    """The "Inovasi serupa" of one case study, ranked ahead of any visit (replication/similar.py):
    ranking takes about half a second at 10,000 innovations, so the page only reads this row."""

    innovation = models.OneToOneField(
        InnovationPage,
        verbose_name=_("inovasi"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    # [[innovation id, [[reason code, values], ...]], ...] best first (matching.ranked_ids).
    matches = models.JSONField(_("inovasi serupa"), default=list)
    computed_at = models.DateTimeField(_("dihitung pada"), db_index=True)

    class Meta:
        verbose_name = _("daftar inovasi serupa")
        verbose_name_plural = _("daftar inovasi serupa")

    def __str__(self):
        return f"{self.innovation_id}: {len(self.matches)}"
