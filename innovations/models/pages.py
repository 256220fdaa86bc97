"""The structured case study of an innovation and the catalogue page that lists them."""

import calendar
import contextlib
import copy
import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images.models import SourceImageIOError
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.cache import (
    ALL,
    Held,
    depends_on,
    derived,
    kept_items,
    serve_cached,
    tags_digest,
    tokens,
)
from core.choices import ChoiceLabelsMixin
from core.i18n import in_default_language
from core.indexing import PrefetchedIndexMixin
from core.preview import HeadlessPreviewModeMixin
from core.seo import SeoMixin
from search.english import EnglishStemsMixin
from search.english import search_field as english_search_field

from ..cache import timeout
from .taxonomies import Agency, Award, Region, Sector, SustainableDevelopmentGoal

# How long a superseded list of related ids may take space (its key changes with every
# catalogue publish).
RELATED_IDS_SECONDS = 24 * 60 * 60

CASE_STUDY_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


def source_language_rows():
    """Translatable snippets an innovation links to: the rows in the default language."""
    return in_default_language()


def year_validators():
    return [MinValueValidator(1990), MaxValueValidator(2100)]


class BudgetBand:
    """A fixed band of yearly cost in rupiah, used by the catalogue's budget facet."""

    def __init__(self, key, label, low=None, high=None, unknown=False):
        self.key, self.label, self.low, self.high, self.unknown = key, label, low, high, unknown

    def contains(self, cost):
        if cost is None:
            return self.unknown
        if self.unknown:
            return False
        return (self.low is None or cost >= self.low) and (self.high is None or cost < self.high)


JUTA = 1_000_000
BUDGET_BANDS = [
    BudgetBand("di-bawah-50-juta", _("Di bawah Rp50 juta"), high=50 * JUTA),
    BudgetBand("50-250-juta", _("Rp50 juta – Rp250 juta"), low=50 * JUTA, high=250 * JUTA),
    BudgetBand("250-juta-1-miliar", _("Rp250 juta – Rp1 miliar"), low=250 * JUTA, high=1000 * JUTA),
    BudgetBand("di-atas-1-miliar", _("Rp1 miliar atau lebih"), low=1000 * JUTA),
    BudgetBand("tidak-diketahui", _("Biaya tidak dicantumkan"), unknown=True),
]


CASE_STUDY_RICH_TEXT_FIELDS = (
    "problem",
    "approach",
    "results",
    "lessons_learned",
    "sustainability",
    "how_to_replicate",
)
# Long text fields a card never shows; loading them for 48 cards is wasted work.
CARD_DEFERRED_FIELDS = (
    *CASE_STUDY_RICH_TEXT_FIELDS,
    "beneficiaries",
    "regulation_prerequisites",
    "staff_prerequisites",
    "budget_prerequisites",
    "infrastructure_prerequisites",
)


def card_queryset(queryset):
    """Everything an innovation card shows, in a constant number of queries."""
    return (
        queryset.defer_streamfields()
        .defer(*CARD_DEFERRED_FIELDS)
        .select_related("agency", "hero_image")
        .prefetch_related("regions", "sectors", "hero_image__renditions")
    )


# The renditions card.html's srcset_image makes of the hero image: made before a card is
# kept, so that the kept card carries them (they would be looked up on every request else).
CARD_RENDITIONS = ("fill-320x200", "fill-640x400")


def make_renditions(images, *specs):
    """Make the `specs` renditions of `images` (None ones skipped) before the rows that
    carry the images are kept, so that the kept images carry them: a kept image without one
    would be looked up, or its file made again, on every view."""
    for image in images:
        if image is not None:
            # Without its file, the template shows the image as not found.
            with contextlib.suppress(SourceImageIOError):
                image.get_renditions(*specs)


def cached_cards(ids):
    """{id: card innovation} for the live ones among `ids`. Each card is kept in the shared
    cache on its own until that innovation is published again (its "innovation:<id>" tag)
    or a new generation starts (a taxonomy edit), as the page's cached body is, so every list
    it appears in (a catalogue page of any filters, an innovation page's related cards)
    shares it: building the cards' model objects is about a quarter of an uncached page."""

    def load(missing):
        queryset = card_queryset(InnovationPage.objects.live().filter(pk__in=missing))
        cards = list(queryset)
        make_renditions((card.hero_image for card in cards), *CARD_RENDITIONS)
        return {card.pk: card for card in cards}

    cards, current = kept_items(
        "innovations:card", ids, "innovation:{}", load, RELATED_IDS_SECONDS, held=True
    )
    return {
        pk: KeptCard(pk, (current[ALL], current[f"innovation:{pk}"]), card)
        for pk, card in cards.items()
    }


class KeptCard:
    """A card from `cached_cards`: the innovation's id, the tokens its card was read under
    (its rendered HTML is kept in the worker under the same: innovation_tags.innovation_card)
    and its page with what the card shows, read when that HTML is not kept. Unpickling a
    card's page and its relations costs a tenth of a millisecond; a catalogue page shows
    twelve."""

    __slots__ = ("pk", "tokens", "_page")

    def __init__(self, pk, tokens, page):
        self.pk = pk
        self.tokens = tokens
        self._page = page

    def page(self):
        """The live innovation, or None if it was unpublished since its card was listed."""
        if isinstance(self._page, Held):
            self._page = self._page.read()
        return self._page


class InnovationIndexPage(SeoMixin, RoutablePageMixin, Page):
    """The public catalogue at /inovasi/: facets, sorting, compare and map.

    The exports live at fixed Django URLs (innovations/urls.py) because Wagtail's page
    URLs cannot carry a file extension. The routes' views live in innovations.views;
    the app config hands them to `route_views` when the app is ready, so that this
    module never imports the views module (which imports the models).
    """

    schema_type = "CollectionPage"
    route_views = {}

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["innovations.InnovationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("katalog inovasi")
        verbose_name_plural = _("katalog inovasi")

    @path("")
    def catalogue(self, request):
        return self.route_views["catalogue"](request, self)

    @path("bandingkan/")
    def compare(self, request):
        return self.route_views["compare"](request, self)

    @path("peta/")
    def map(self, request):
        return self.route_views["map"](request, self)


class InnovationPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "innovations.InnovationPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class InnovationPage(
    ChoiceLabelsMixin,
    EnglishStemsMixin,
    PrefetchedIndexMixin,
    HeadlessPreviewModeMixin,
    SeoMixin,
    Page,
):
    """A public-service innovation documented as a structured, replicable case study."""

    schema_type = "GovernmentService"
    og_type = "article"

    class Form(models.TextChoices):
        GOVERNANCE = "tata_kelola", _("Inovasi tata kelola pemerintahan")
        PUBLIC_SERVICE = "pelayanan_publik", _("Inovasi pelayanan publik")
        OTHER = "lainnya", _("Inovasi lainnya")

    class Initiator(models.TextChoices):
        HEAD_OF_REGION = "kepala_daerah", _("Kepala daerah")
        DPRD = "dprd", _("Anggota DPRD")
        OPD = "opd", _("OPD")
        ASN = "asn", _("ASN")
        COMMUNITY = "masyarakat", _("Masyarakat")

    class Stage(models.TextChoices):
        INITIATIVE = "inisiatif", _("Inisiatif")
        TRIAL = "uji_coba", _("Uji coba")
        IMPLEMENTATION = "penerapan", _("Penerapan")

    class Status(models.TextChoices):
        ACTIVE = "aktif", _("Aktif")
        PAUSED = "terhenti_sementara", _("Terhenti sementara")
        DISCONTINUED = "dihentikan", _("Dihentikan")

    class BudgetSource(models.TextChoices):
        APBD = "apbd", _("APBD")
        APBN = "apbn", _("APBN")
        APBDES = "apbdes", _("APB Desa")
        BLUD = "blud", _("BLUD")
        CSR = "csr", _("CSR/swasta")
        PARTNER = "mitra", _("Mitra pembangunan/hibah")
        COMMUNITY = "swadaya", _("Swadaya masyarakat")
        NONE = "tanpa_biaya", _("Tanpa biaya khusus")

    # Identity
    tagline = models.CharField(_("slogan"), max_length=160, blank=True)
    summary = models.TextField(
        _("ringkasan"),
        max_length=600,
        help_text=_("Dua atau tiga kalimat: masalah apa yang diatasi dan bagaimana."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("gambar utama"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("instansi pengelola"),
        on_delete=models.PROTECT,
        related_name="innovations",
    )
    regions = ParentalManyToManyField(
        Region,
        verbose_name=_("wilayah penerapan"),
        related_name="innovations",
        help_text=_("Kabupaten/kota tempat inovasi diterapkan."),
    )
    sectors = ParentalManyToManyField(
        Sector, verbose_name=_("urusan pemerintahan"), related_name="innovations"
    )
    sdgs = ParentalManyToManyField(
        SustainableDevelopmentGoal,
        verbose_name=_("TPB/SDG"),
        related_name="innovations",
        blank=True,
    )
    form = models.CharField(_("bentuk inovasi"), max_length=20, choices=Form.choices)
    is_digital = models.BooleanField(
        _("inovasi digital"),
        default=False,
        help_text=_("Centang bila inovasi berbasis aplikasi atau TIK."),
    )
    initiator = models.CharField(_("inisiator"), max_length=20, choices=Initiator.choices)
    stage = models.CharField(_("tahapan"), max_length=12, choices=Stage.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    launched_on = models.DateField(
        _("tanggal diluncurkan"), help_text=_("Tanggal inovasi pertama kali dicetuskan.")
    )
    trial_started_on = models.DateField(_("tanggal uji coba"), null=True, blank=True)
    implemented_on = models.DateField(_("tanggal penerapan"), null=True, blank=True)
    website = models.URLField(_("situs atau aplikasi"), blank=True)
    tags = ClusterTaggableManager(
        through=InnovationPageTag, blank=True, verbose_name=_("kata kunci")
    )

    # Case study
    problem = RichTextField(
        _("permasalahan"), features=CASE_STUDY_FEATURES, help_text=_("Kondisi sebelum inovasi.")
    )
    approach = RichTextField(
        _("pendekatan"), features=CASE_STUDY_FEATURES, help_text=_("Gagasan utama inovasi.")
    )
    results = RichTextField(_("hasil"), features=CASE_STUDY_FEATURES, blank=True)
    beneficiaries = models.TextField(
        _("penerima manfaat"), blank=True, help_text=_("Siapa yang terlayani, dan berapa banyak.")
    )
    beneficiaries_count = models.PositiveIntegerField(
        _("jumlah penerima manfaat"), null=True, blank=True
    )
    lessons_learned = RichTextField(_("pelajaran"), features=CASE_STUDY_FEATURES, blank=True)
    sustainability = RichTextField(_("keberlanjutan"), features=CASE_STUDY_FEATURES, blank=True)

    # Replication
    regulation_prerequisites = models.TextField(_("prasyarat regulasi"), blank=True)
    staff_prerequisites = models.TextField(_("prasyarat SDM"), blank=True)
    budget_prerequisites = models.TextField(_("prasyarat anggaran"), blank=True)
    infrastructure_prerequisites = models.TextField(_("prasyarat sarana dan prasarana"), blank=True)
    cost = models.PositiveBigIntegerField(
        _("biaya (Rp)"),
        null=True,
        blank=True,
        help_text=_("Perkiraan biaya penerapan per tahun, dalam rupiah, tanpa titik."),
    )
    budget_source = models.CharField(
        _("sumber anggaran"), max_length=16, choices=BudgetSource.choices, blank=True
    )
    how_to_replicate = RichTextField(
        _("cara mereplikasi"), features=CASE_STUDY_FEATURES, blank=True
    )
    regulations = ParentalManyToManyField(
        "publications.Regulation",
        verbose_name=_("dasar hukum"),
        related_name="innovations",
        blank=True,
        # The Indonesian row is the record; its English translation only overlays the text.
        limit_choices_to=source_language_rows,
    )
    replication_count = models.PositiveIntegerField(
        _("jumlah replikasi"),
        default=0,
        editable=False,
        help_text=_("Dihitung dari catatan replikasi yang sedang berjalan atau sudah diterapkan."),
    )
    replicated_from = models.ForeignKey(
        "self",
        verbose_name=_("replikasi dari"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="derived_replications",
        help_text=_("Isi bila inovasi ini adalah replikasi dari inovasi lain di katalog."),
    )
    # Kept by the replication app (replication/stats.py) from its requests; never edited here.
    request_count = models.PositiveIntegerField(
        _("jumlah permintaan replikasi"), default=0, editable=False
    )
    visit_count = models.PositiveIntegerField(_("jumlah kaji tiru"), default=0, editable=False)
    verified_replication_count = models.PositiveIntegerField(
        _("jumlah replikasi terverifikasi"), default=0, editable=False
    )

    # Media and contact
    video_url = models.URLField(
        _("video"), blank=True, help_text=_("Tautan video (YouTube atau Vimeo).")
    )
    contact_name = models.CharField(_("nama narahubung"), max_length=120, blank=True)
    contact_role = models.CharField(_("jabatan narahubung"), max_length=120, blank=True)
    contact_email = models.EmailField(_("surel narahubung"), blank=True)
    contact_phone = models.CharField(_("telepon narahubung"), max_length=32, blank=True)

    last_verified_on = models.DateField(
        _("terakhir diverifikasi"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Tanggal laporan pemantauan terakhir diverifikasi moderator."),
    )

    is_demo = models.BooleanField(
        _("data contoh"),
        default=False,
        help_text=_("Ditandai bila konten ini dibuat oleh data demo, bukan data nyata."),
    )

    identity_panels = Page.content_panels + [
        FieldPanel("tagline"),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldPanel("agency"),
                # Checkboxes: a multi-select box needs Ctrl-click and says nothing of it.
                FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
                FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Pengelola dan klasifikasi"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("form"), FieldPanel("initiator")]),
                FieldRowPanel([FieldPanel("stage"), FieldPanel("status")]),
                FieldPanel("is_digital"),
            ],
            heading=_("Jenis dan tahapan"),
        ),
        FieldRowPanel(
            [
                FieldPanel(
                    "launched_on",
                    help_text=_("Tanggal inovasi mulai diluncurkan kepada penerima manfaat."),
                ),
                FieldPanel("trial_started_on"),
                FieldPanel("implemented_on"),
            ],
            heading=_("Tanggal"),
        ),
        FieldPanel("website"),
        FieldPanel("tags"),
    ]
    case_study_panels = [
        FieldPanel("problem"),
        FieldPanel("approach"),
        InlinePanel("steps", heading=_("Langkah penerapan"), label=_("Langkah")),
        FieldPanel("results"),
        InlinePanel("key_figures", heading=_("Angka kunci"), label=_("Angka kunci")),
        MultiFieldPanel(
            [FieldPanel("beneficiaries"), FieldPanel("beneficiaries_count")],
            heading=_("Penerima manfaat"),
        ),
        FieldPanel("lessons_learned"),
        FieldPanel("sustainability"),
    ]
    replication_panels = [
        MultiFieldPanel(
            [
                FieldPanel("regulation_prerequisites"),
                FieldPanel("staff_prerequisites"),
                FieldPanel("budget_prerequisites"),
                FieldPanel("infrastructure_prerequisites"),
            ],
            heading=_("Prasyarat"),
        ),
        FieldRowPanel([FieldPanel("cost"), FieldPanel("budget_source")], heading=_("Biaya")),
        FieldPanel("how_to_replicate"),
        FieldPanel("regulations"),
        FieldPanel("replicated_from"),
        InlinePanel("replications", heading=_("Catatan replikasi"), label=_("Replikasi")),
    ]
    recognition_panels = [
        InlinePanel("awards", heading=_("Penghargaan"), label=_("Penghargaan")),
        InlinePanel("documents", heading=_("Dokumen"), label=_("Dokumen")),
        InlinePanel("gallery_images", heading=_("Galeri"), label=_("Gambar")),
        FieldPanel("video_url"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_role"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Narahubung"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(identity_panels, heading=_("Identitas")),
            ObjectList(case_study_panels, heading=_("Studi kasus")),
            ObjectList(replication_panels, heading=_("Replikasi")),
            ObjectList(recognition_panels, heading=_("Pengakuan dan kontak")),
            ObjectList(Page.promote_panels, heading=_("Promosi")),
            ObjectList(Page.settings_panels, heading=_("Pengaturan")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("tagline", boost=3),
        index.AutocompleteField("tagline"),
        index.SearchField("summary", boost=2),
        index.SearchField("problem"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.SearchField("beneficiaries"),
        index.SearchField("how_to_replicate"),
        english_search_field(),
        index.RelatedFields("agency", [index.SearchField("name"), index.SearchField("acronym")]),
        index.RelatedFields("regions", [index.SearchField("name")]),
        index.RelatedFields("sectors", [index.SearchField("name")]),
        index.RelatedFields("sdgs", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("agency"),
        index.FilterField("stage"),
        index.FilterField("form"),
        index.FilterField("is_digital"),
        index.FilterField("status"),
        index.FilterField("launched_on"),
    ]

    parent_page_types = ["innovations.InnovationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("inovasi")
        verbose_name_plural = _("inovasi")
        indexes = [
            models.Index(fields=["stage"]),
            models.Index(fields=["launched_on"]),
            models.Index(fields=["replication_count"]),
        ]

    @property
    def launched_year(self):
        return self.launched_on.year if self.launched_on else None

    def clean(self):
        super().clean()
        errors = {}
        today = timezone.localdate()
        for field in ("launched_on", "trial_started_on", "implemented_on"):
            value = getattr(self, field)
            if value and value > today:
                errors[field] = _("Tanggal tidak boleh di masa depan.")
        if self.launched_on and self.trial_started_on and self.trial_started_on < self.launched_on:
            errors.setdefault(
                "trial_started_on", _("Uji coba tidak boleh sebelum inovasi diluncurkan.")
            )
        if (
            self.trial_started_on
            and self.implemented_on
            and self.implemented_on < self.trial_started_on
        ):
            errors.setdefault(
                "implemented_on", _("Penerapan tidak boleh sebelum uji coba dimulai.")
            )
        if self.launched_on and self.implemented_on and self.implemented_on < self.launched_on:
            errors.setdefault(
                "implemented_on", _("Penerapan tidak boleh sebelum inovasi diluncurkan.")
            )
        if self.stage == self.Stage.TRIAL and not self.trial_started_on:
            errors.setdefault(
                "trial_started_on", _("Inovasi pada tahap uji coba memerlukan tanggal uji coba.")
            )
        if self.stage == self.Stage.IMPLEMENTATION and not self.implemented_on:
            errors.setdefault(
                "implemented_on", _("Inovasi pada tahap penerapan memerlukan tanggal penerapan.")
            )
        if self.stage == self.Stage.INITIATIVE and self.implemented_on:
            errors.setdefault(
                "stage",
                _("Inovasi yang sudah memiliki tanggal penerapan tidak lagi pada tahap inisiatif."),
            )
        elif self.stage == self.Stage.INITIATIVE and self.trial_started_on:
            errors.setdefault(
                "stage",
                _("Inovasi yang sudah memiliki tanggal uji coba tidak lagi pada tahap inisiatif."),
            )
        if self.stage == self.Stage.TRIAL and self.implemented_on:
            errors.setdefault(
                "stage",
                _(
                    "Inovasi yang sudah memiliki tanggal penerapan berada pada tahap penerapan, "
                    "bukan uji coba."
                ),
            )
        if self.cost is not None and self.cost > 0 and not self.budget_source:
            errors.setdefault("budget_source", _("Pilih sumber anggaran untuk biaya yang diisi."))
        if errors:
            raise ValidationError(errors)

    @property
    def budget_band(self):
        return next(band for band in BUDGET_BANDS if band.contains(self.cost))

    def serve(self, request, *args, **kwargs):
        # Anonymous visitors share one cached copy per URL until the content changes.
        return serve_cached(
            request, lambda: super(InnovationPage, self).serve(request, *args, **kwargs), timeout()
        )

    def publish_tags(self):
        """What a publish of this innovation drops from the response cache (core.cache): its
        page, the pages of the innovations it is now related to (they list it back), the
        catalogue views and counts, the API's innovations; no other page. Pages that show
        it as a related card depend on its tag themselves (get_context)."""
        related = (f"innovation:{pk}" for pk in self.related_ids(cached=False))
        return (f"innovation:{self.pk}", *related, "catalogue", "api:innovations")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from replication.similar import stored_matches

        # The tokens its similar list and its related ids are kept under, read in one round
        # trip (each is read once per request: core.cache.request_scope).
        tokens([f"innovation:{self.pk}", "catalogue"])
        # The page shows itself and the cards of its related and similar innovations: a
        # publish of any of them drops this page's cached answer and its cached fragments,
        # nothing else does (a new similar list renews this page's own tag).
        similar_ids = [pk for pk, _reasons in stored_matches(self) or ()]
        shown = dict.fromkeys((self.pk, *self.related_ids(), *similar_ids))
        tags = [f"innovation:{pk}" for pk in shown]
        depends_on(request, *tags)
        context["catalogue_generation"] = tags_digest(*tags)
        context["cache_seconds"] = timeout()
        # A preview shows the draft's own rows, never the live ones kept for everyone.
        self.prefetch_for_display(shared=not getattr(request, "is_preview", False))
        return context

    @property
    def social_image(self):
        return self.hero_image

    def structured_data(self, request=None):
        """schema.org description of the innovation as a government service."""
        self.prefetch_for_display()
        data = super().structured_data(request)
        data.update(
            {
                "description": self.summary,
                "serviceType": self.get_form_display(),
                "provider": {"@type": "GovernmentOrganization", "name": self.agency.name},
                "areaServed": [
                    {
                        "@type": "AdministrativeArea",
                        "name": str(region),
                        "identifier": region.bps_code,
                    }
                    for region in self.regions.all()
                ],
                "category": [sector.name for sector in self.sectors.all()],
                "dateCreated": self.launched_on.isoformat() if self.launched_on else None,
                "dateModified": (
                    self.last_published_at.isoformat() if self.last_published_at else None
                ),
                "slogan": self.tagline,
                "award": [str(award) for award in self.awards.all()],
            }
        )
        if self.agency.acronym:
            data["provider"]["alternateName"] = self.agency.acronym
        return {key: value for key, value in data.items() if value not in (None, [], "")}

    def prefetch_for_display(self, shared=False):
        """Load every relation the page shows at once, so that the page costs a fixed
        number of queries however many figures, steps or replications it has. Once per page
        object: the JSON-LD and the body both ask for it. `shared` (the live page, not a
        preview): the relations whose every change renews the innovation's publish token
        or the generation are kept in the shared cache under them."""
        if not self.pk or self.__dict__.get("_display_prefetched"):
            return
        self._display_prefetched = True
        if shared:
            self.prefetch_kept_relations(page=True)
        else:
            prefetch_related_objects([self], *display_kept(), *display_read())
        from publications.models.snippets import with_translations

        # The regulations' own text in the language read (one query, on English pages).
        with_translations(self.regulations.all())

    def prefetch_kept_relations(self, page=False):
        """The relations of `display_kept()` (taxonomies, steps, figures, awards,
        replications) of the live page, from the shared cache while the innovation's token
        and the generation are those they were kept under, else read and kept: the case
        study and the API's detail share them. `page`: those of `display_read()` too
        (regulations, documents, gallery), kept apart, for the case study's page only: the
        API leaves out what a private collection holds when it reads them itself."""
        current = tokens([ALL, f"innovation:{self.pk}"])
        version = f"{self.pk}:{current[ALL]}:{current[f'innovation:{self.pk}']}"
        wanted = {"innovations:display": (display_kept(), True)}
        if page:
            wanted["innovations:display-read"] = (display_read(), False)
        parts = {f"{prefix}:{version}": part for prefix, part in wanted.items()}
        found = derived.get_many(list(parts))
        for kept in found.values():
            self._restore_prefetched(kept)
        missing = {key: part for key, part in parts.items() if key not in found}
        if not missing:
            return
        prefetch_related_objects(
            [self], *(lookup for part in missing.values() for lookup in part[0])
        )
        if page:
            gallery = self.gallery_images.all()
            make_renditions((item.image for item in gallery), GALLERY_RENDITION)
        derived.set_many(
            {key: self._kept_prefetched(*part) for key, part in missing.items()},
            RELATED_IDS_SECONDS,
        )

    def _kept_prefetched(self, lookups, with_agency):
        """{relation: its rows} of the prefetched `lookups`, without the rows' link back to
        this page (restored on reading); `with_agency`: the agency (with its region) too, an
        agency's edit starts a new generation."""
        kept = {}
        if with_agency:
            agency = None
            if self.agency_id is not None:
                agency = Agency.objects.select_related("region").filter(pk=self.agency_id).first()
            kept[AGENCY] = agency
        for lookup in lookups:
            name = getattr(lookup, "prefetch_through", lookup)
            rows = [copy.copy(row) for row in getattr(self, name).all()]
            for row in rows:
                row._state.fields_cache.pop("page", None)
            kept[name] = rows
        return kept

    def _restore_prefetched(self, kept):
        """Hand the kept rows to the relations' managers as a prefetch would."""
        kept = dict(kept)
        agency = kept.pop(AGENCY, None)
        if agency is not None and agency.pk == self.agency_id:
            self._state.fields_cache.setdefault("agency", agency)
        for name, rows in kept.items():
            manager = getattr(self, name)
            if name in CHILD_RELATIONS:
                for row in rows:
                    row.page = self
            queryset = manager.get_queryset()
            queryset._result_cache, queryset._prefetch_done = rows, True
            self.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset

    def similar_innovations(self, limit=3):
        """Live innovations that share a sector or a region with this one, most replicated
        first.

        Finding them scans the catalogue (about 40 ms at 10,000 innovations on SQLite), so
        their ids are cached for the current content generation; the cards then cost one
        query by primary key plus the card prefetches.
        """
        ids = self.related_ids(limit)
        if not ids:
            return []
        found = self.card_pages(ids)
        return [found[pk] for pk in ids if pk in found]

    def card_pages(self, ids):
        """{id: live innovation with what a card shows} for `ids`. The page shows two card
        lists (the replication matching's similar innovations and the related ones): the
        first call reads the related ids' cards with it, so both cost one card query and
        its prefetches per request."""
        memo = self.__dict__.setdefault("_card_pages", {})
        wanted = [pk for pk in dict.fromkeys([*ids, *self.related_ids()]) if pk not in memo]
        if wanted:
            memo.update(dict.fromkeys(wanted))
            memo.update(cached_cards(wanted))
        return {pk: memo[pk] for pk in ids if memo.get(pk) is not None}

    def related_ids(self, limit=3, cached=True):
        """Ids of `similar_innovations`, cached until the next publish in the catalogue, also
        when whole answers are not cached (the key carries the catalogue's token); read once
        per page object (the page, its two card lists and its cache tags ask for them)."""
        memo = self.__dict__.setdefault("_related_ids", {})
        if cached and limit in memo:
            return memo[limit]
        key = f"innovations:related:{self.pk}:{limit}:{tags_digest('catalogue')}"
        ids = derived.get(key) if cached else None
        if ids is None:
            sectors = InnovationPage.sectors.through.objects.filter(innovationpage_id=self.pk)
            regions = InnovationPage.regions.through.objects.filter(innovationpage_id=self.pk)
            sector_matches = InnovationPage.sectors.through.objects.filter(
                sector_id__in=sectors.values("sector_id")
            ).values("innovationpage_id")
            region_matches = InnovationPage.regions.through.objects.filter(
                region_id__in=regions.values("region_id")
            ).values("innovationpage_id")
            ids = list(
                InnovationPage.objects.live()
                .public()
                .filter(Q(pk__in=sector_matches) | Q(pk__in=region_matches))
                .exclude(pk=self.pk)
                .order_by("-replication_count", "-launched_on", "pk")
                .values_list("pk", flat=True)[:limit]
            )
            derived.set(key, ids, RELATED_IDS_SECONDS)
        if cached:
            memo[limit] = ids
        return ids

    @staticmethod
    def monitoring_cutoff(today=None):
        """The oldest verification date that still counts as current: one monitoring period
        (MONITORING_PERIOD_MONTHS, yearly by default) plus a grace period
        (MONITORING_GRACE_DAYS) before `today` in Asia/Makassar."""
        today = today or timezone.localdate()
        months = getattr(settings, "MONITORING_PERIOD_MONTHS", 12)
        grace = getattr(settings, "MONITORING_GRACE_DAYS", 60)
        year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
        day = min(today.day, calendar.monthrange(year, month + 1)[1])
        return datetime.date(year, month + 1, day) - datetime.timedelta(days=grace)

    @classmethod
    def needs_update_q(cls, today=None):
        """Running innovations older than the cutoff with no verification since it
        ("perlu pembaruan")."""
        cutoff = cls.monitoring_cutoff(today)
        stale = models.Q(last_verified_on__isnull=True) | models.Q(last_verified_on__lt=cutoff)
        return stale & models.Q(launched_on__lt=cutoff) & ~models.Q(status=cls.Status.DISCONTINUED)

    @property
    def needs_update(self):
        if self.status == self.Status.DISCONTINUED:
            return False
        cutoff = self.monitoring_cutoff()
        if self.launched_on and self.launched_on >= cutoff:
            return False
        return self.last_verified_on is None or self.last_verified_on < cutoff

    def ordered_key_figures(self):
        """Achieved figures before targets, each group in editor order."""
        figures = list(self.key_figures.all())
        return sorted(figures, key=lambda figure: figure.kind == InnovationKeyFigure.Kind.TARGET)

    # Written outside the editor (moderators' verification of a monitoring report; the
    # replication app's counters, replication/stats.py): publishing an older revision must
    # not roll them back.
    LIVE_FIELDS = ("last_verified_on", "request_count", "visit_count", "verified_replication_count")

    @classmethod
    def reindex(cls, ids):
        """Queue the search-index update of innovations whose LIVE_FIELDS were written with
        update() (no save, no signal): the engine filters, counts and sorts on them."""
        from wagtail.search.tasks import insert_or_update_object_task

        for pk in ids:
            insert_or_update_object_task.enqueue(cls._meta.app_label, cls._meta.model_name, str(pk))

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for field in self.LIVE_FIELDS:
            setattr(obj, field, getattr(self, field))
        return obj

    def count_replications(self):
        counted = {
            InnovationReplication.Status.IN_PROGRESS,
            InnovationReplication.Status.REPLICATED,
        }
        return sum(1 for record in self.replications.all() if record.status in counted)

    def save(self, *args, **kwargs):
        self.replication_count = self.count_replications()
        super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        # Drafts and moderation requests carry the count too, so previews show it.
        self.replication_count = self.count_replications()
        return super().save_revision(*args, **kwargs)


class InnovationStep(Orderable):
    page = ParentalKey(InnovationPage, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("judul langkah"), max_length=160)
    description = models.TextField(_("uraian"), blank=True)
    period = models.CharField(
        _("waktu"), max_length=60, blank=True, help_text=_("Misalnya: Jan–Mar 2020.")
    )

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("period")]

    class Meta(Orderable.Meta):
        verbose_name = _("langkah penerapan")


class InnovationKeyFigure(Orderable):
    """A result against a baseline over a period: achieved (measured) or a target, and
    whether a verified monitoring report backs it."""

    page = ParentalKey(InnovationPage, on_delete=models.CASCADE, related_name="key_figures")
    label = models.CharField(_("indikator"), max_length=120)
    value = models.DecimalField(_("nilai"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("satuan"), max_length=40, blank=True)
    baseline = models.DecimalField(
        _("nilai awal"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    period = models.CharField(_("periode"), max_length=60, blank=True)

    class Kind(models.TextChoices):
        ACHIEVED = "capaian", _("Capaian")
        TARGET = "target", _("Target")

    class Verification(models.TextChoices):
        UNVERIFIED = "belum", _("Belum diverifikasi")
        VERIFIED = "terverifikasi", _("Terverifikasi")

    kind = models.CharField(
        _("jenis angka"),
        max_length=12,
        choices=Kind.choices,
        default=Kind.ACHIEVED,
        help_text=_("Capaian yang sudah diukur, atau target yang ingin dicapai."),
    )
    verification = models.CharField(
        _("status verifikasi"),
        max_length=16,
        choices=Verification.choices,
        default=Verification.UNVERIFIED,
    )
    verified_on = models.DateField(_("tanggal verifikasi"), null=True, blank=True)

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("value"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("baseline"), FieldPanel("period")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("verification"), FieldPanel("verified_on")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("angka kunci")

    def __str__(self):
        return f"{self.label}: {self.value} {self.unit}".strip()


class InnovationReplication(ChoiceLabelsMixin, Orderable):
    """Another region or agency that adopted the innovation."""

    class Status(models.TextChoices):
        PLANNED = "direncanakan", _("Direncanakan")
        IN_PROGRESS = "berjalan", _("Sedang direplikasi")
        REPLICATED = "diterapkan", _("Sudah diterapkan")
        DISCONTINUED = "dihentikan", _("Dihentikan")

    page = ParentalKey(InnovationPage, on_delete=models.CASCADE, related_name="replications")
    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="+",
        # Empty for an adopter outside South Sulawesi (named in adopter_name).
        null=True,
        blank=True,
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("instansi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replications",
    )
    adopter_name = models.CharField(
        _("nama pereplikasi"),
        max_length=200,
        blank=True,
        help_text=_("Isi bila pereplikasi bukan instansi di Sulawesi Selatan."),
    )
    year = models.PositiveSmallIntegerField(_("tahun"), validators=year_validators())
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    note = models.CharField(_("catatan"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("region"), FieldPanel("agency")]),
        FieldPanel("adopter_name"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("status")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("replikasi")

    def clean(self):
        super().clean()
        errors = {}
        if self.year and self.year > datetime.date.today().year + 1:
            errors["year"] = _("Tahun replikasi terlalu jauh di masa depan.")
        if not self.agency_id and not self.adopter_name.strip():
            errors["adopter_name"] = _("Pilih instansi pereplikasi atau tuliskan namanya.")
        if errors:
            raise ValidationError(errors)


class InnovationAward(Orderable):
    page = ParentalKey(InnovationPage, on_delete=models.CASCADE, related_name="awards")
    award = models.ForeignKey(
        Award,
        verbose_name=_("penghargaan"),
        on_delete=models.PROTECT,
        related_name="innovation_awards",
    )
    year = models.PositiveSmallIntegerField(_("tahun"), validators=year_validators())
    rank = models.CharField(
        _("peringkat"), max_length=60, blank=True, help_text=_("Misalnya: Top 99, Top 45, Juara I.")
    )

    panels = [FieldPanel("award"), FieldRowPanel([FieldPanel("year"), FieldPanel("rank")])]

    class Meta(Orderable.Meta):
        verbose_name = _("penghargaan inovasi")

    def clean(self):
        super().clean()
        if self.year and self.year > timezone.localdate().year:
            raise ValidationError({"year": _("Tahun penghargaan tidak boleh di masa depan.")})

    def __str__(self):
        return " ".join(str(part) for part in (self.award, self.rank, self.year) if part)


class InnovationDocument(ChoiceLabelsMixin, Orderable):
    class Kind(models.TextChoices):
        SOP = "sop", _("SOP")
        DECREE = "sk", _("Surat keputusan")
        REGULATION = "regulasi", _("Peraturan")
        REPORT = "laporan", _("Laporan")
        PRESENTATION = "presentasi", _("Bahan paparan")
        OTHER = "lainnya", _("Lainnya")

    page = ParentalKey(InnovationPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("dokumen"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices, default=Kind.OTHER)

    panels = [FieldPanel("document"), FieldPanel("kind")]

    class Meta(Orderable.Meta):
        verbose_name = _("dokumen inovasi")


class InnovationGalleryImage(Orderable):
    page = ParentalKey(InnovationPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("gambar"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("keterangan"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("gambar galeri")

    def clean(self):
        # The page shows the image's description as its text alternative (never the title,
        # which an upload fills with the file name); with neither a description nor a
        # caption, a gallery photo would reach screen-reader users as mere decoration.
        super().clean()
        if self.image_id and not self.caption and not self.image.description:
            raise ValidationError(
                {
                    "caption": _(
                        "Tulis keterangan gambar, atau isi deskripsi gambar (teks alternatif) "
                        "di pustaka Gambar."
                    )
                }
            )


# What the innovation page shows of its own relations (InnovationPage.prefetch_for_display).
# Kept in the shared cache: the rows whose every change renews the innovation's publish token
# (its taxonomies, edited in the page, and its child rows, saved by a publish or by signals;
# core.cache, innovations.apps). Read on every request: the regulations, documents and images
# it links to, edited outside the page.
CHILD_RELATIONS = (
    "steps",
    "key_figures",
    "awards",
    "replications",
    "documents",
    "gallery_images",
)


# The key of the innovation's agency among its kept relations.
AGENCY = "_agency"


def display_kept():
    return (
        "regions",
        "sectors",
        "sdgs",
        "steps",
        "key_figures",
        Prefetch("awards", queryset=InnovationAward.objects.select_related("award")),
        Prefetch(
            "replications",
            # The agency's region too: the API's replications name it.
            queryset=InnovationReplication.objects.select_related("region", "agency__region"),
        ),
    )


def display_read():
    """What the case study's page shows besides `display_kept()`, the gallery's images with
    their renditions."""
    images = InnovationGalleryImage.objects.select_related("image")
    return (
        "regulations",
        Prefetch("documents", queryset=InnovationDocument.objects.select_related("document")),
        Prefetch("gallery_images", queryset=images.prefetch_related("image__renditions")),
    )


# The rendition the case study's gallery shows (innovation_tags.kept_image).
GALLERY_RENDITION = "fill-480x320"
