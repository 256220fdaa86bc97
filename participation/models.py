"""Reports (complaints, suggestions, appreciation, information requests) and their handling.

Personal data lives in ReportContact only (name, e-mail, phone), never in the report's own
columns, so that the anonymous mode can keep the report and the contact apart, and retention
can drop one table's row. Internal notes are a model of their own: nothing that renders a
report for its reporter ever queries them.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovations.models import Agency, InnovationPage, Region

from . import deadlines
from .storage import private_storage


class Category(models.TextChoices):
    COMPLAINT = "pengaduan", _("Pengaduan")
    SUGGESTION = "saran", _("Saran")
    APPRECIATION = "apresiasi", _("Apresiasi")
    INFORMATION = "informasi", _("Permintaan informasi")


class Privacy(models.TextChoices):
    PUBLIC = "publik", _("Publik")
    CONFIDENTIAL = "rahasia", _("Rahasia")
    ANONYMOUS = "anonim", _("Anonim")


class Status(models.TextChoices):
    RECEIVED = "diterima", _("Diterima")
    VERIFIED = "diverifikasi", _("Diverifikasi")
    REJECTED = "ditolak", _("Ditolak")
    ROUTED = "diteruskan", _("Diteruskan ke instansi")
    ANSWERED = "dijawab", _("Dijawab")
    CLOSED = "selesai", _("Selesai")


OPEN_STATUSES = (Status.RECEIVED, Status.VERIFIED, Status.ROUTED)


class ReportQuerySet(models.QuerySet):
    def overdue(self, today=None):
        today = today or deadlines.local_date()
        return self.filter(
            models.Q(status=Status.RECEIVED, verify_due__lt=today)
            | models.Q(status=Status.ROUTED, answer_due__lt=today)
        )

    def publicly_listed(self):
        return self.filter(
            privacy=Privacy.PUBLIC,
            listed_publicly=True,
            status__in=(Status.ANSWERED, Status.CLOSED),
            anonymised_at__isnull=True,
        )


class Report(models.Model):
    tracking_code = models.CharField(_("kode pelacakan"), max_length=20, unique=True)
    secret_hash = models.CharField(max_length=64, editable=False)
    category = models.CharField(_("kategori"), max_length=16, choices=Category.choices)
    privacy = models.CharField(_("privasi"), max_length=8, choices=Privacy.choices)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("instansi yang dilaporkan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    innovation = models.ForeignKey(
        InnovationPage,
        verbose_name=_("inovasi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("wilayah"), null=True, blank=True, on_delete=models.SET_NULL
    )
    title = models.CharField(_("judul"), max_length=150)
    description = models.TextField(_("uraian"))
    incident_date = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    incident_place = models.CharField(_("tempat kejadian"), max_length=200, blank=True)
    consented_at = models.DateTimeField(_("persetujuan diberikan"))
    fingerprint = models.CharField(max_length=64, editable=False, db_index=True)

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    routed_agency = models.ForeignKey(
        Agency,
        verbose_name=_("diteruskan ke"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="routed_reports",
    )
    rejection_reason = models.TextField(_("alasan penolakan"), blank=True)
    created_at = models.DateTimeField(_("diterima"), default=timezone.now, db_index=True)
    verified_at = models.DateTimeField(_("diverifikasi"), null=True, blank=True)
    routed_at = models.DateTimeField(_("diteruskan"), null=True, blank=True)
    answered_at = models.DateTimeField(_("dijawab"), null=True, blank=True)
    closed_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    verify_due = models.DateField(_("batas verifikasi"))
    answer_due = models.DateField(_("batas jawaban"), null=True, blank=True)
    answered_on_time = models.BooleanField(_("dijawab tepat waktu"), null=True)
    reopened_count = models.PositiveSmallIntegerField(_("dibuka kembali"), default=0)
    resolved = models.BooleanField(_("tuntas menurut pelapor"), null=True)
    escalated_on = models.DateField(_("eskalasi terakhir"), null=True, blank=True)
    listed_publicly = models.BooleanField(
        _("tampilkan di daftar publik"),
        default=False,
        help_text=_("Hanya laporan publik, setelah dijawab, dengan data pribadi dihapus."),
    )
    public_text = models.TextField(
        _("uraian untuk publik"),
        blank=True,
        help_text=_("Uraian yang sudah dibersihkan dari data pribadi oleh moderator."),
    )
    anonymised_at = models.DateTimeField(_("dianonimkan"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        indexes = [
            models.Index(fields=["status", "verify_due"], name="report_status_verify_due"),
            models.Index(fields=["status", "answer_due"], name="report_status_answer_due"),
            models.Index(fields=["routed_agency", "-created_at"], name="report_agency_created"),
            # The staff listing's order (newest first, id as tie-break) without a sort of
            # every row on PostgreSQL (SQLite's created_at index already ends in the rowid).
            models.Index(fields=["-created_at", "-id"], name="report_newest_first"),
            # The staff listing filtered by status, newest first, read in index order.
            models.Index(fields=["status", "-created_at"], name="report_status_created"),
        ]
        permissions = [("moderate_report", _("Dapat memverifikasi dan meneruskan laporan"))]

    def __str__(self):
        return self.tracking_code

    def save(self, *args, **kwargs):
        if not self.verify_due:
            self.verify_due = deadlines.due_after(self.created_at, deadlines.VERIFY_WORKING_DAYS)
        super().save(*args, **kwargs)

    @property
    def is_overdue(self):
        today = deadlines.local_date()
        if self.status == Status.RECEIVED:
            return self.verify_due < today
        if self.status == Status.ROUTED:
            return bool(self.answer_due and self.answer_due < today)
        return False

    @property
    def current_due(self):
        if self.status == Status.RECEIVED:
            return self.verify_due
        if self.status == Status.ROUTED:
            return self.answer_due
        return None

    @property
    def can_reopen(self):
        return self.status in (Status.ANSWERED, Status.CLOSED) and self.reopened_count < 1

    @property
    def awaits_feedback(self):
        return self.status == Status.ANSWERED and self.resolved is None

    @property
    def is_anonymised(self):
        return self.anonymised_at is not None


class ReportContact(models.Model):
    """Who filed a report. For an anonymous report only an optional way to reach them, which
    moderators see and the agency never does."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(_("nama"), max_length=120, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("kontak pelapor")
        verbose_name_plural = _("kontak pelapor")

    def __str__(self):
        return self.name or self.email or self.phone or "-"


class ReportEvent(models.Model):
    """One step of a report's history as its reporter sees it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    note = models.TextField(_("keterangan"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("riwayat laporan")
        verbose_name_plural = _("riwayat laporan")

    def __str__(self):
        return f"{self.report_id} {self.status}"


class ReportMessage(models.Model):
    """Messages the reporter sees: the agency's answers and the reporter's own additions."""

    class Kind(models.TextChoices):
        ANSWER = "jawaban", _("Jawaban")
        ADDITION = "tambahan", _("Tambahan informasi dari pelapor")
        FEEDBACK = "tanggapan", _("Tanggapan pelapor")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    body = models.TextField(_("isi"))
    created_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("pesan laporan")
        verbose_name_plural = _("pesan laporan")

    def __str__(self):
        return f"{self.report_id} {self.kind}"


class InternalNote(models.Model):
    """Staff-only notes: never rendered, exported or e-mailed to the reporter."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="internal_notes")
    body = models.TextField(_("catatan"))
    created_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("catatan internal")
        verbose_name_plural = _("catatan internal")

    def __str__(self):
        return f"{self.report_id} {self.created_at:%Y-%m-%d}"


def attachment_path(instance, filename):
    # The reporter's file name can carry personal data; the stored name is random.
    return f"{instance.report_id}/{filename}"


class ReportAttachment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("berkas"), upload_to=attachment_path, storage=private_storage)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")

    def __str__(self):
        return f"{self.report_id} {self.content_type}"

    @property
    def extension(self):
        return self.file.name.rsplit(".", 1)[-1]


class CollectiveLeave(models.Model):
    """A collective-leave day (cuti bersama) set by joint ministerial decree: not a working day."""

    date = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("keterangan"), max_length=120)

    class Meta:
        ordering = ["date"]
        verbose_name = _("cuti bersama")
        verbose_name_plural = _("cuti bersama")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"
