"""The yearly innovation competition: set-up (pages), entries, jurors, scores, objections.

A CompetitionPage holds its categories, groups, stages, criteria and questions in the page
editor (clusters). Entries, jury assignments, scores and objections are plain rows: they
change every day during a competition and are not content to be published.

Stages follow their dates in Asia/Makassar: the current stage is the one whose window
[starts_at, ends_at) holds the moment asked about. See `ranking.py` for the tie rule.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from core.seo import SeoMixin
from innovations.models import Agency, Award, InnovationPage, Region


class CompetitionIndexPage(SeoMixin, Page):
    """/kompetisi/: every competition, newest year first (the archive)."""

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["competitions.CompetitionPage"]
    max_count = 1
    schema_type = "CollectionPage"

    class Meta:
        verbose_name = _("indeks kompetisi")
        verbose_name_plural = _("indeks kompetisi")

    def competitions(self):
        return (
            CompetitionPage.objects.live()
            .public()
            .child_of(self)
            .prefetch_related("stages")
            .order_by("-year", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context["competitions"] = [
            (competition, competition.current_stage(now)) for competition in self.competitions()
        ]
        return context


class CompetitionPage(SeoMixin, RoutablePageMixin, Page):
    """One yearly competition at /kompetisi/<slug>/, with its public objection form."""

    route_views = {}  # filled by the app's views module when it is imported (layers)

    year = models.PositiveSmallIntegerField(_("tahun"))
    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])
    award = models.ForeignKey(
        Award,
        verbose_name=_("penghargaan"),
        on_delete=models.PROTECT,
        related_name="competitions",
        help_text=_("Penghargaan yang dicatat pada inovasi saat hasil diumumkan."),
    )
    min_implemented_months = models.PositiveSmallIntegerField(
        _("minimal lama penerapan (bulan)"),
        default=12,
        help_text=_("Inovasi harus sudah diterapkan selama ini saat pendaftaran dibuka."),
    )
    require_verified_report = models.BooleanField(
        _("wajib laporan pemantauan terverifikasi"),
        default=True,
        help_text=_("Inovasi harus memiliki laporan pemantauan yang diverifikasi moderator."),
    )
    results_published_at = models.DateTimeField(
        _("hasil diumumkan pada"), null=True, blank=True, editable=False
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("year"), FieldPanel("award")]),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("min_implemented_months"), FieldPanel("require_verified_report")],
            heading=_("Syarat peserta"),
        ),
        InlinePanel("categories", label=_("Kategori"), min_num=1),
        InlinePanel("groups", label=_("Kelompok"), min_num=1),
        InlinePanel("stages", label=_("Tahapan")),
        InlinePanel("criteria", label=_("Kriteria penilaian")),
        InlinePanel("questions", label=_("Pertanyaan untuk peserta")),
    ]
    parent_page_types = ["competitions.CompetitionIndexPage"]
    subpage_types = []
    schema_type = "Event"

    class Meta:
        verbose_name = _("kompetisi")
        verbose_name_plural = _("kompetisi")

    def ordered_stages(self):
        return sorted(self.stages.all(), key=lambda s: (s.starts_at, s.sort_order or 0))

    def current_stage(self, now=None):
        """The stage whose dates hold `now` (None between or outside stages)."""
        now = now or timezone.now()
        for stage in self.ordered_stages():
            if stage.starts_at <= now < stage.ends_at:
                return stage
        return None

    def stage_of_kind(self, kind):
        return next((s for s in self.ordered_stages() if s.kind == kind), None)

    def is_open(self, kind, now=None):
        stage = self.stage_of_kind(kind)
        return stage is not None and stage.is_open(now)

    def scoring_stages(self):
        return [s for s in self.ordered_stages() if s.is_scoring]

    def previous_scoring_stage(self, stage):
        earlier = [s for s in self.scoring_stages() if s.starts_at < stage.starts_at]
        return earlier[-1] if earlier else None

    def final_scoring_stage(self):
        stages = self.scoring_stages()
        return stages[-1] if stages else None

    @path("")
    def overview(self, request):
        return self.route_views["overview"](request, self)

    @path("keberatan/<int:entry_id>/", name="objection")
    def objection(self, request, entry_id):
        return self.route_views["objection"](request, self, entry_id)


class CompetitionCategory(Orderable):
    page = ParentalKey(CompetitionPage, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("nama"), max_length=120)
    description = models.TextField(_("keterangan"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")

    def __str__(self):
        return self.name


class CompetitionGroup(Orderable):
    """Umum, replikasi, or any other group staff define (e.g. a group per government level)."""

    page = ParentalKey(CompetitionPage, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("nama"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60, help_text=_("Misalnya: umum, replikasi."))

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("slug")])]

    class Meta(Orderable.Meta):
        verbose_name = _("kelompok")
        verbose_name_plural = _("kelompok")

    def __str__(self):
        return self.name


class StageKind(models.TextChoices):
    REGISTRATION = "pendaftaran", _("Pendaftaran")
    ADMIN_CHECK = "administrasi", _("Pemeriksaan administrasi")
    DESK = "desk", _("Evaluasi proposal (desk evaluation)")
    PRESENTATION = "presentasi", _("Presentasi dan wawancara")
    FIELD = "lapangan", _("Verifikasi lapangan")
    OBJECTION = "keberatan", _("Masa sanggah publik")
    ANNOUNCEMENT = "pengumuman", _("Pengumuman")


SCORING_KINDS = frozenset({StageKind.DESK, StageKind.PRESENTATION, StageKind.FIELD})


class CompetitionStage(Orderable):
    page = ParentalKey(CompetitionPage, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(_("jenis tahapan"), max_length=16, choices=StageKind.choices)
    starts_at = models.DateTimeField(_("mulai"), help_text=_("Waktu Indonesia Tengah (WITA)."))
    ends_at = models.DateTimeField(_("selesai"), help_text=_("Waktu Indonesia Tengah (WITA)."))
    top_n = models.PositiveIntegerField(
        _("jumlah yang lolos (Top N)"),
        null=True,
        blank=True,
        help_text=_("Untuk tahapan penilaian: berapa peserta yang lolos ke tahap berikutnya."),
    )
    label = models.CharField(
        _("sebutan yang lolos"),
        max_length=60,
        blank=True,
        help_text=_("Misalnya: Top 99, Top 45, Pemenang. Dicatat sebagai peringkat penghargaan."),
    )
    announced = models.BooleanField(
        _("hasil tahapan diumumkan"),
        default=False,
        help_text=_("Peserta yang lolos tahapan ini tampil di halaman publik."),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("top_n"), FieldPanel("label")]),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("announced"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("tahapan")
        verbose_name_plural = _("tahapan")

    def __str__(self):
        return self.get_kind_display()

    @property
    def is_scoring(self):
        return self.kind in SCORING_KINDS

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.starts_at <= now < self.ends_at

    def has_closed(self, now=None):
        return (now or timezone.now()) >= self.ends_at

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Tahapan harus selesai setelah dimulai.")})
        if self.kind in SCORING_KINDS and not self.top_n:
            raise ValidationError({"top_n": _("Tahapan penilaian memerlukan jumlah yang lolos.")})

    def criteria(self):
        return [c for c in self.page.criteria.all() if c.stage_kind == self.kind]


class ScoringCriterion(Orderable):
    """A weighted criterion of one scoring stage (scores are 0-100)."""

    page = ParentalKey(CompetitionPage, on_delete=models.CASCADE, related_name="criteria")
    stage_kind = models.CharField(
        _("tahapan"),
        max_length=16,
        choices=[(k.value, k.label) for k in StageKind if k in SCORING_KINDS],
    )
    name = models.CharField(_("kriteria"), max_length=160)
    weight = models.PositiveSmallIntegerField(
        _("bobot (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    panels = [FieldRowPanel([FieldPanel("stage_kind"), FieldPanel("name"), FieldPanel("weight")])]

    class Meta(Orderable.Meta):
        verbose_name = _("kriteria penilaian")
        verbose_name_plural = _("kriteria penilaian")

    def __str__(self):
        return f"{self.name} ({self.weight}%)"


class CompetitionQuestion(Orderable):
    page = ParentalKey(CompetitionPage, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("pertanyaan"), max_length=300)
    help_text = models.CharField(_("petunjuk"), max_length=300, blank=True)

    panels = [FieldPanel("text"), FieldPanel("help_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("pertanyaan")
        verbose_name_plural = _("pertanyaan")

    def __str__(self):
        return self.text


class Juror(models.Model):
    """A juror's own account and where they come from (for conflicts of interest)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun"),
        on_delete=models.CASCADE,
        related_name="juror",
    )
    institution = models.CharField(_("lembaga asal"), max_length=200, blank=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("instansi asal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text=_("Juri tidak menilai inovasi instansi ini."),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah asal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text=_("Juri tidak menilai inovasi dari wilayah ini."),
    )

    panels = [
        FieldPanel("user"),
        FieldPanel("institution"),
        FieldPanel("agency"),
        FieldPanel("region"),
    ]

    class Meta:
        verbose_name = _("juri")
        verbose_name_plural = _("juri")

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()


class JuryAssignment(models.Model):
    """A juror judges one category of one competition."""

    juror = models.ForeignKey(
        Juror, verbose_name=_("juri"), on_delete=models.CASCADE, related_name="assignments"
    )
    category = models.ForeignKey(
        CompetitionCategory,
        verbose_name=_("kategori"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )

    panels = [FieldPanel("juror"), FieldPanel("category")]

    class Meta:
        verbose_name = _("penugasan juri")
        verbose_name_plural = _("penugasan juri")
        constraints = [
            models.UniqueConstraint(fields=["juror", "category"], name="unique_jury_assignment")
        ]

    def __str__(self):
        return f"{self.juror} · {self.category.page.title} · {self.category}"


class Entry(models.Model):
    """An agency's innovation entered in a competition.

    Flow: draft -> submitted (officer) -> approved by the agency's verifier -> the
    secretariat's administrative check passes or rejects it, with reasons the agency sees.
    """

    class Status(models.TextChoices):
        DRAFT = "draf", _("Draf")
        SUBMITTED = "diajukan", _("Diajukan petugas")
        APPROVED = "disetujui_opd", _("Disetujui verifikator OPD")
        PASSED = "lolos_administrasi", _("Lolos administrasi")
        REJECTED = "tidak_lolos_administrasi", _("Tidak lolos administrasi")

    competition = models.ForeignKey(
        CompetitionPage,
        verbose_name=_("kompetisi"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    innovation = models.ForeignKey(
        InnovationPage,
        verbose_name=_("inovasi"),
        on_delete=models.CASCADE,
        related_name="competition_entries",
    )
    category = models.ForeignKey(
        CompetitionCategory,
        verbose_name=_("kategori"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    group = models.ForeignKey(
        CompetitionGroup,
        verbose_name=_("kelompok"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    video_url = models.URLField(_("tautan video"), blank=True)
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.DRAFT
    )
    check_reason = models.TextField(_("alasan hasil pemeriksaan administrasi"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    disqualified = models.BooleanField(_("didiskualifikasi"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")
        constraints = [
            models.UniqueConstraint(fields=["competition", "innovation"], name="unique_entry")
        ]
        indexes = [models.Index(fields=["competition", "status"], name="entry_competition_status")]

    def __str__(self):
        return f"{self.innovation.title} ({self.competition.title})"

    @property
    def is_editable(self):
        return self.status in {self.Status.DRAFT, self.Status.SUBMITTED}


class EntryDocument(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("dokumen"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("dokumen peserta")

    def __str__(self):
        return str(self.document)


class EntryAnswer(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(CompetitionQuestion, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("jawaban"))

    class Meta:
        verbose_name = _("jawaban")
        constraints = [
            models.UniqueConstraint(fields=["entry", "question"], name="unique_entry_answer")
        ]

    def __str__(self):
        return str(self.question)


class DeclaredConflict(models.Model):
    """A juror's own declaration that they may not judge an entry."""

    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="conflicts")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="conflicts")
    reason = models.CharField(_("alasan"), max_length=300)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("konflik kepentingan")
        verbose_name_plural = _("konflik kepentingan")
        constraints = [
            models.UniqueConstraint(fields=["juror", "entry"], name="unique_declared_conflict")
        ]

    def __str__(self):
        return f"{self.juror} · {self.entry_id}: {self.reason}"


class ScoreSheet(models.Model):
    """One juror's scores of one entry in one scoring stage."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="sheets")
    stage = models.ForeignKey(CompetitionStage, on_delete=models.CASCADE, related_name="sheets")
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="sheets")
    comment = models.TextField(_("catatan juri"), blank=True)
    submitted_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lembar nilai")
        verbose_name_plural = _("lembar nilai")
        constraints = [
            models.UniqueConstraint(fields=["entry", "stage", "juror"], name="unique_score_sheet")
        ]

    def __str__(self):
        return f"{self.juror} · {self.entry_id} · {self.stage}"


class Score(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ScoringCriterion, on_delete=models.CASCADE, related_name="scores")
    value = models.DecimalField(
        _("nilai"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sheet", "criterion"], name="unique_score")]

    def __str__(self):
        return f"{self.criterion_id}: {self.value}"


class ScoreChange(models.Model):
    """The log of every change to a score (who, when, from what to what)."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="changes")
    criterion = models.ForeignKey(ScoringCriterion, on_delete=models.CASCADE, related_name="+")
    old_value = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    new_value = models.DecimalField(max_digits=5, decimal_places=2)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("perubahan nilai")
        verbose_name_plural = _("perubahan nilai")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.criterion_id}: {self.old_value} -> {self.new_value}"


class Advancement(models.Model):
    """A moderator confirmed that an entry passes a scoring stage (it is in its Top N)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="advancements")
    stage = models.ForeignKey(
        CompetitionStage, on_delete=models.CASCADE, related_name="advancements"
    )
    rank = models.PositiveIntegerField(_("peringkat"))
    total = models.DecimalField(_("nilai akhir"), max_digits=6, decimal_places=2)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("peserta lolos")
        verbose_name_plural = _("peserta lolos")
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "stage"], name="unique_advancement")
        ]

    def __str__(self):
        return f"{self.entry_id} · {self.stage} #{self.rank}"


class Objection(models.Model):
    """A public objection to a finalist; the objector's name and contact stay confidential."""

    class Status(models.TextChoices):
        RECEIVED = "diterima", _("Diterima, belum diputuskan")
        UPHELD = "dikabulkan", _("Dikabulkan (peserta didiskualifikasi)")
        DISMISSED = "ditolak", _("Ditolak")

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="objections")
    name = models.CharField(_("nama"), max_length=120)
    contact = models.CharField(_("kontak (surel atau telepon)"), max_length=200)
    text = models.TextField(_("isi keberatan"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    decision_reason = models.TextField(_("alasan keputusan"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.entry} ({self.get_status_display()})"


JURORS_GROUP = "Juri"  # created by migration 0002; a Juror's account joins it
