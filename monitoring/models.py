"""Monitoring reports, peer reviews, the stored innovation index and the yearly report.

A monitoring report is written per innovation and period by the officers of the
innovation's agency, approved by the agency's verifier and verified by a moderator
(`Status`). Peer reviews are assignments of a reviewer from another agency to an
innovation for a year. `IndexScore` holds the computed index (monitoring/index.py), never
edited by hand. `YearlyReport` carries what staff write for the feedback report.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from innovations.models import Agency, InnovationPage, Region

from . import periods


class MonitoringReport(ClusterableModel):
    """What an innovation achieved in one monitoring period, with its evidence."""

    class Status(models.TextChoices):
        DRAFT = "draf", _("Draf")
        SUBMITTED = "diajukan", _("Diajukan petugas")
        APPROVED = "disetujui_opd", _("Disetujui verifikator OPD")
        RETURNED = "dikembalikan", _("Dikembalikan untuk diperbaiki")
        VERIFIED = "diverifikasi", _("Diverifikasi moderator")

    class Problem(models.TextChoices):
        NONE = "tidak_ada", _("Tidak ada kendala berarti")
        BUDGET = "anggaran", _("Anggaran")
        STAFF = "sdm", _("Sumber daya manusia")
        REGULATION = "regulasi", _("Regulasi")
        INFRASTRUCTURE = "infrastruktur", _("Sarana, prasarana dan jaringan")
        DATA = "data", _("Data dan sistem informasi")
        PARTICIPATION = "partisipasi", _("Partisipasi masyarakat")
        COORDINATION = "koordinasi", _("Koordinasi antarinstansi")
        LEADERSHIP = "pimpinan", _("Pergantian pimpinan atau kebijakan")

    innovation = models.ForeignKey(
        InnovationPage,
        verbose_name=_("inovasi"),
        on_delete=models.CASCADE,
        related_name="monitoring_reports",
    )
    period_start = models.DateField(_("awal periode"))
    period_end = models.DateField(_("akhir periode"))
    is_running = models.BooleanField(
        _("masih berjalan"), default=True, help_text=_("Hapus centang bila inovasi berhenti.")
    )
    stop_reason = models.TextField(_("alasan berhenti"), blank=True)
    stage = models.CharField(
        _("tahapan yang dicapai"), max_length=12, choices=InnovationPage.Stage.choices
    )
    beneficiaries = models.PositiveIntegerField(_("penerima manfaat dalam periode"), default=0)
    budget_spent = models.PositiveBigIntegerField(
        _("anggaran terpakai (Rp)"), default=0, help_text=_("Dalam rupiah, tanpa titik.")
    )
    problem_kind = models.CharField(
        _("kendala utama"), max_length=16, choices=Problem.choices, default=Problem.NONE
    )
    problems = models.TextField(_("kendala yang dihadapi"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    review_note = models.TextField(
        _("catatan verifikasi"), blank=True, help_text=_("Alasan bila laporan dikembalikan.")
    )
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diverifikasi oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    panels = [
        FieldPanel("innovation"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        MultiFieldPanel(
            [FieldPanel("is_running"), FieldPanel("stop_reason"), FieldPanel("stage")],
            heading=_("Keberlangsungan"),
        ),
        InlinePanel("indicators", heading=_("Indikator dan target"), label=_("Indikator")),
        FieldRowPanel([FieldPanel("beneficiaries"), FieldPanel("budget_spent")]),
        MultiFieldPanel([FieldPanel("problem_kind"), FieldPanel("problems")], heading=_("Kendala")),
        InlinePanel("evidence", heading=_("Dokumen bukti"), label=_("Dokumen")),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("review_note")], heading=_("Alur verifikasi")
        ),
    ]

    class Meta:
        verbose_name = _("laporan pemantauan")
        verbose_name_plural = _("laporan pemantauan")
        ordering = ["-period_end", "innovation__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["innovation", "period_start"], name="unique_report_per_period"
            )
        ]
        indexes = [models.Index(fields=["status", "period_end"], name="report_status_period")]

    def __str__(self):
        return f"{self.innovation.title} ({self.period})"

    @property
    def period(self):
        return periods.Period(self.period_start, self.period_end)

    @property
    def due_on(self):
        return self.period.due_on

    @property
    def is_submitted(self):
        return self.status in {self.Status.SUBMITTED, self.Status.APPROVED, self.Status.VERIFIED}

    def clean(self):
        super().clean()
        errors = {}
        if self.period_start and self.period_end:
            expected = periods.period_containing(self.period_start)
            if (self.period_start, self.period_end) != (expected.start, expected.end):
                errors["period_end"] = _(
                    "Periode laporan harus satu periode pemantauan penuh: %(start)s sampai %(end)s."
                ) % {"start": expected.start, "end": expected.end}
            elif self.period_end > periods.today() and self.status != self.Status.DRAFT:
                errors["status"] = _("Periode belum berakhir; laporan hanya dapat disimpan draf.")
        if not self.is_running and not self.stop_reason.strip():
            errors["stop_reason"] = _("Tuliskan alasan inovasi berhenti.")
        if self.problem_kind != self.Problem.NONE and not self.problems.strip():
            errors["problems"] = _("Uraikan kendala yang dipilih.")
        if self.status == self.Status.RETURNED and not self.review_note.strip():
            errors["review_note"] = _("Tuliskan alasan laporan dikembalikan.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        now = timezone.now()
        if self.is_submitted and self.submitted_at is None:
            self.submitted_at = now
        if self.status == self.Status.VERIFIED and self.verified_at is None:
            self.verified_at = now
        if self.status != self.Status.VERIFIED:
            self.verified_at = None
        super().save(*args, **kwargs)


class ReportIndicator(Orderable):
    """One indicator measured against its target, with where the number comes from."""

    report = ParentalKey(MonitoringReport, on_delete=models.CASCADE, related_name="indicators")
    label = models.CharField(_("indikator"), max_length=160)
    value = models.DecimalField(_("capaian"), max_digits=14, decimal_places=2)
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("satuan"), max_length=40, blank=True)
    period = models.CharField(_("periode pengukuran"), max_length=60, blank=True)
    source = models.CharField(
        _("sumber data"), max_length=200, help_text=_("Misalnya: aplikasi SIMPUS, BPS, survei.")
    )
    lower_is_better = models.BooleanField(
        _("makin kecil makin baik"),
        default=False,
        help_text=_("Centang untuk indikator seperti waktu tunggu atau angka ketidakhadiran."),
    )
    evidence = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("dokumen bukti"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("value"), FieldPanel("target"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("period"), FieldPanel("source")]),
        FieldPanel("lower_is_better"),
        FieldPanel("evidence"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("indikator laporan")

    def __str__(self):
        return self.label

    @property
    def attainment(self):
        return attainment(self.value, self.target, self.lower_is_better)


def attainment(value, target, lower_is_better=False):
    """How far a value reached its target, between 0 and 1 (None without a target)."""
    if target is None:
        return None
    value, target = Decimal(value), Decimal(target)
    if lower_is_better:
        if value <= target:
            return Decimal(1)
        return max(Decimal(0), min(Decimal(1), target / value)) if value else Decimal(1)
    if target <= 0:
        return Decimal(1)
    return max(Decimal(0), min(Decimal(1), value / target))


class ReportEvidence(Orderable):
    report = ParentalKey(MonitoringReport, on_delete=models.CASCADE, related_name="evidence")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("dokumen"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    description = models.CharField(_("keterangan"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("dokumen bukti")


class ReminderLog(models.Model):
    """A reminder already sent, so that running the command twice sends nothing twice."""

    class Kind(models.TextChoices):
        BEFORE = "sebelum", _("Sebelum jatuh tempo")
        AFTER = "sesudah", _("Sesudah jatuh tempo")

    innovation = models.ForeignKey(InnovationPage, on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    sent_on = models.DateField()

    class Meta:
        verbose_name = _("catatan pengingat")
        indexes = [models.Index(fields=["innovation", "period_start", "kind"])]

    def __str__(self):
        return f"{self.innovation_id} {self.period_start} {self.kind} {self.sent_on}"


def rubric_weights():
    """Criterion -> weight (the weights sum to 100)."""
    return getattr(settings, "PEER_REVIEW_WEIGHTS", DEFAULT_WEIGHTS)


DEFAULT_WEIGHTS = {
    "novelty": 20,
    "effectiveness": 30,
    "sustainability": 20,
    "replicability": 15,
    "citizen_benefit": 15,
}
SCORE_MAX = 5
score_validators = [MinValueValidator(1), MaxValueValidator(SCORE_MAX)]


class ReviewAssignment(models.Model):
    """A reviewer from another agency asked by a moderator to review an innovation."""

    class Status(models.TextChoices):
        ASSIGNED = "ditugaskan", _("Ditugaskan")
        DECLINED = "ditolak", _("Ditolak peninjau")
        CONFLICT = "konflik", _("Konflik kepentingan")
        SUBMITTED = "dikirim", _("Penilaian dikirim")

    innovation = models.ForeignKey(
        InnovationPage,
        verbose_name=_("inovasi"),
        on_delete=models.CASCADE,
        related_name="review_assignments",
    )
    year = models.PositiveSmallIntegerField(_("tahun penilaian"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("peninjau"),
        on_delete=models.CASCADE,
        related_name="review_assignments",
    )
    reviewer_agency = models.ForeignKey(
        Agency,
        verbose_name=_("instansi peninjau"),
        on_delete=models.PROTECT,
        related_name="reviews_given",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditugaskan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ASSIGNED
    )
    conflict_statement = models.TextField(
        _("pernyataan konflik kepentingan"),
        blank=True,
        help_text=_("Hubungan dengan instansi atau inovasi yang dinilai, bila ada."),
    )
    decline_reason = models.TextField(_("alasan menolak"), blank=True)
    novelty = models.PositiveSmallIntegerField(
        _("kebaruan"), null=True, blank=True, validators=score_validators
    )
    effectiveness = models.PositiveSmallIntegerField(
        _("efektivitas (dengan bukti)"), null=True, blank=True, validators=score_validators
    )
    sustainability = models.PositiveSmallIntegerField(
        _("keberlanjutan"), null=True, blank=True, validators=score_validators
    )
    replicability = models.PositiveSmallIntegerField(
        _("kemudahan direplikasi"), null=True, blank=True, validators=score_validators
    )
    citizen_benefit = models.PositiveSmallIntegerField(
        _("manfaat bagi warga"), null=True, blank=True, validators=score_validators
    )
    comments = models.TextField(_("komentar untuk instansi"), blank=True)
    public_summary = models.CharField(
        _("ringkasan publik"), max_length=300, blank=True, help_text=_("Satu atau dua kalimat.")
    )
    assigned_at = models.DateTimeField(_("ditugaskan pada"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)

    CRITERIA = ("novelty", "effectiveness", "sustainability", "replicability", "citizen_benefit")

    class Meta:
        verbose_name = _("penugasan peninjauan sejawat")
        verbose_name_plural = _("peninjauan sejawat")
        ordering = ["-year", "innovation__title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["innovation", "year", "reviewer"], name="unique_reviewer_per_innovation"
            )
        ]

    def __str__(self):
        return f"{self.innovation.title} ({self.year}): {self.reviewer}"

    @property
    def weighted_score(self):
        """The weighted mean of the criteria on the 1-5 scale, or None until complete."""
        return weighted_score({name: getattr(self, name) for name in self.CRITERIA})

    def clean(self):
        super().clean()
        from .reviews import assignment_errors

        errors = assignment_errors(self)
        if errors:
            raise ValidationError(errors)


def weighted_score(scores):
    weights = rubric_weights()
    if any(scores.get(name) is None for name in weights):
        return None
    total = sum(Decimal(scores[name]) * weight for name, weight in weights.items())
    return (total / sum(weights.values())).quantize(Decimal("0.01"))


class IndexScore(models.Model):
    """One computed index value: an innovation, an agency or a region, in a year.

    Rows are replaced as a whole by monitoring.index.recompute(); `details` keeps every
    indicator's score with the ids of its evidence so that the dashboard can link to it.
    """

    class Level(models.TextChoices):
        INNOVATION = "inovasi", _("Inovasi")
        AGENCY = "instansi", _("Instansi")
        REGION = "wilayah", _("Pemerintah daerah")

    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    year = models.PositiveSmallIntegerField(_("tahun"))
    innovation = models.ForeignKey(
        InnovationPage, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("nama"), max_length=255)
    score = models.DecimalField(_("indeks"), max_digits=6, decimal_places=2)
    predicate = models.CharField(_("predikat"), max_length=24)
    rank = models.PositiveIntegerField(_("peringkat"))
    previous_score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    innovation_count = models.PositiveIntegerField(default=0)
    agency_count = models.PositiveIntegerField(default=0)
    covered_agency_count = models.PositiveIntegerField(default=0)
    details = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("nilai indeks")
        verbose_name_plural = _("nilai indeks")
        ordering = ["level", "-year", "rank"]
        indexes = [
            models.Index(fields=["level", "year", "rank"], name="index_level_year_rank"),
            models.Index(fields=["innovation", "year"], name="index_innovation_year"),
        ]

    def __str__(self):
        return f"{self.name} {self.year}: {self.score}"

    @property
    def change(self):
        if self.previous_score is None:
            return None
        return self.score - self.previous_score

    @property
    def coverage(self):
        """Share of agencies with at least one live, verified innovation (0-100)."""
        if not self.agency_count:
            return None
        return round(100 * self.covered_agency_count / self.agency_count, 1)


class YearlyReport(models.Model):
    """The yearly feedback report to central government: what staff write, and its archive."""

    year = models.PositiveSmallIntegerField(
        _("tahun"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    introduction = RichTextField(
        _("pengantar"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    recommendations = RichTextField(
        _("rekomendasi"),
        features=["h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_("Rekomendasi kepada KemenPAN-RB, Kemendagri dan LAN."),
    )
    is_published = models.BooleanField(
        _("terbitkan"),
        default=False,
        help_text=_("Laporan terbit di /laporan/<tahun>/ dan PDF-nya diarsipkan sebagai dokumen."),
    )
    published_at = models.DateTimeField(_("diterbitkan pada"), null=True, blank=True)
    archived_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("arsip PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("year"),
        FieldPanel("introduction"),
        FieldPanel("recommendations"),
        FieldPanel("is_published"),
    ]

    class Meta:
        verbose_name = _("laporan tahunan")
        verbose_name_plural = _("laporan tahunan")
        ordering = ["-year"]

    def __str__(self):
        return _("Laporan tahunan %(year)s") % {"year": self.year}
