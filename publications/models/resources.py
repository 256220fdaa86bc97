"""Learning resources: the filterable library at /sumber-belajar/ and the resource page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.fields import StreamField
from core.indexing import PrefetchedIndexMixin
from core.pagination import paginate
from core.preview import HeadlessPreviewModeMixin
from core.seo import SeoMixin
from search.english import EnglishStemsMixin
from search.english import search_field as english_search_field

from .base import (
    demo_flag_field,
    intro_field,
    lead_image_field,
    live_related_innovations,
    related_innovations_field,
)
from .snippets import ResourceTopic

RESOURCES_PER_PAGE = 24


class LearningResourceIndexPage(SeoMixin, Page):
    """The library of learning resources, filtered by type, topic and audience."""

    intro = intro_field()

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["publications.LearningResourcePage"]
    max_count = 1
    schema_type = "CollectionPage"

    class Meta:
        verbose_name = _("pustaka sumber belajar")
        verbose_name_plural = _("pustaka sumber belajar")

    def base_resources(self):
        return LearningResourcePage.objects.live().public().descendant_of(self)

    def resources(self):
        return (
            self.base_resources()
            .select_related("cover_image")
            .prefetch_related("topics", "cover_image__renditions")
            .defer_streamfields()
            .order_by("-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from publications.filters import ResourceFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = ResourceFilterForm(request.GET or None)
        resource_page = paginate(request, form.filter(self.resources()), RESOURCES_PER_PAGE)
        context.update(
            {
                "filter_form": form,
                "facets": form.facets(self.base_resources()),
                "resource_page": resource_page,
                "result_count": resource_page.paginator.count,
                "is_filtered": any(form.selected(name) for name in form.fields),
            }
        )
        return context


class LearningResourcePage(
    EnglishStemsMixin, PrefetchedIndexMixin, HeadlessPreviewModeMixin, SeoMixin, Page
):
    """A guide, toolkit, training module, video, template, report or regulation digest."""

    class ResourceType(models.TextChoices):
        GUIDE = "panduan", _("Panduan")
        TOOLKIT = "perangkat", _("Perangkat kerja (toolkit)")
        TRAINING = "modul", _("Modul pelatihan")
        VIDEO = "video", _("Video")
        TEMPLATE = "templat", _("Templat")
        REPORT = "laporan", _("Laporan")
        REGULATION_DIGEST = "ringkasan_regulasi", _("Ringkasan regulasi")

    class Audience(models.TextChoices):
        FRONT_LINE = "petugas_layanan", _("Petugas layanan garis depan")
        MANAGERS = "pimpinan", _("Pimpinan dan pengelola")
        PUBLIC = "masyarakat", _("Masyarakat umum")
        EVERYONE = "semua", _("Semua kalangan")

    class Level(models.TextChoices):
        BASIC = "dasar", _("Dasar")
        INTERMEDIATE = "menengah", _("Menengah")
        ADVANCED = "lanjutan", _("Lanjutan")

    resource_type = models.CharField(
        _("jenis sumber belajar"), max_length=20, choices=ResourceType.choices
    )
    topics = ParentalManyToManyField(
        ResourceTopic, verbose_name=_("topik"), related_name="resources", blank=True
    )
    audience = models.CharField(
        _("sasaran pembaca"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.EVERYONE,
        help_text=_("Untuk siapa sumber belajar ini terutama ditulis."),
    )
    level = models.CharField(
        _("tingkat"), max_length=10, choices=Level.choices, default=Level.BASIC
    )
    duration_minutes = models.PositiveIntegerField(
        _("durasi (menit)"),
        null=True,
        blank=True,
        help_text=_("Perkiraan waktu untuk membaca, menonton atau menyelesaikan modul."),
    )
    summary = models.TextField(
        _("ringkasan"),
        max_length=500,
        help_text=_("Apa yang dipelajari pembaca, dalam dua atau tiga kalimat."),
    )
    cover_image = lead_image_field(_("gambar sampul"))
    body = StreamField(BodyStreamBlock(), verbose_name=_("isi"), blank=True)
    external_url = models.URLField(
        _("tautan sumber asli"),
        blank=True,
        help_text=_(
            "Bila sumber belajar diterbitkan di situs lain, misalnya video atau e-learning."
        ),
    )
    related_innovations = related_innovations_field("learning_resources")
    is_demo = demo_flag_field()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("resource_type"), FieldPanel("level")]),
                FieldRowPanel([FieldPanel("audience"), FieldPanel("duration_minutes")]),
                FieldPanel("topics"),
            ],
            heading=_("Klasifikasi"),
        ),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        InlinePanel("documents", heading=_("Dokumen unduhan"), label=_("Dokumen")),
        FieldPanel("external_url"),
        FieldPanel("related_innovations"),
        FieldPanel("is_demo"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        english_search_field(),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("resource_type"),
        index.FilterField("audience"),
        index.FilterField("level"),
    ]
    parent_page_types = ["publications.LearningResourceIndexPage"]
    subpage_types = []
    schema_type = "LearningResource"
    og_type = "article"

    class Meta:
        verbose_name = _("sumber belajar")
        verbose_name_plural = _("sumber belajar")
        indexes = [models.Index(fields=["resource_type", "audience"])]

    @property
    def social_image(self):
        return self.cover_image

    @property
    def duration_display(self):
        if not self.duration_minutes:
            return ""
        hours, minutes = divmod(self.duration_minutes, 60)
        parts = []
        if hours:
            parts.append(ngettext("%(n)d jam", "%(n)d jam", hours) % {"n": hours})
        if minutes:
            parts.append(ngettext("%(n)d menit", "%(n)d menit", minutes) % {"n": minutes})
        return " ".join(parts)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["documents"] = list(self.documents.select_related("document"))
        context["related_innovations"] = live_related_innovations(self, request)
        return context

    def structured_data(self, request=None):
        data = super().structured_data(request)
        data.update(
            {
                "learningResourceType": self.get_resource_type_display(),
                "educationalLevel": self.get_level_display(),
                "audience": {"@type": "Audience", "audienceType": self.get_audience_display()},
                "about": [topic.name for topic in self.topics.all()],
            }
        )
        if self.duration_minutes:
            data["timeRequired"] = f"PT{self.duration_minutes}M"
        return data


class LearningResourceDocument(Orderable):
    page = ParentalKey(LearningResourcePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("dokumen"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("judul tautan"),
        max_length=200,
        blank=True,
        help_text=_("Kosongkan untuk memakai judul dokumen."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("dokumen unduhan")
        verbose_name_plural = _("dokumen unduhan")

    @property
    def label(self):
        return self.title or self.document.title
