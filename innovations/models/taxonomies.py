"""Reference data that classifies innovations: regions, agencies, sectors, SDGs, awards.

Each is a snippet editable by communications staff; data migrations load the real
reference data (regions of South Sulawesi, government affairs, the 17 SDGs).
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.choices import ChoiceLabelsMixin

hex_colour_validator = RegexValidator(
    r"^#[0-9A-Fa-f]{6}$", _("Gunakan kode warna heksadesimal, misalnya #E5243B.")
)


class Region(ChoiceLabelsMixin, index.Indexed, models.Model):
    """The province or one of its kabupaten/kota, identified by its BPS code."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Provinsi")
        REGENCY = "kabupaten", _("Kabupaten")
        CITY = "kota", _("Kota")

    bps_code = models.CharField(
        _("kode BPS"),
        max_length=8,
        unique=True,
        validators=[RegexValidator(r"^\d{2}(\.\d{2})?$", _("Format kode BPS: 73 atau 73.01."))],
        help_text=_("Kode wilayah Badan Pusat Statistik, misalnya 73.71 untuk Kota Makassar."),
    )
    name = models.CharField(_("nama"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    seat = models.CharField(_("ibu kota"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("lintang"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("bps_code"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("seat"),
        FieldPanel("latitude"),
        FieldPanel("longitude"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("seat"),
    ]

    class Meta:
        ordering = ["bps_code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self):
        if self.kind == self.Kind.PROVINCE:
            return self.name
        return f"{self.get_kind_display()} {self.name}"


class Agency(ChoiceLabelsMixin, index.Indexed, models.Model):
    """A government body that runs innovations (OPD, UPT, puskesmas, school, BUMD...)."""

    class Kind(models.TextChoices):
        PROVINCIAL_OPD = "opd_provinsi", _("OPD provinsi")
        LOCAL_OPD = "opd_kabkota", _("OPD kabupaten/kota")
        UPT = "upt", _("Unit pelaksana teknis (UPT)")
        HOSPITAL = "rsud", _("Rumah sakit daerah")
        PUSKESMAS = "puskesmas", _("Puskesmas")
        SCHOOL = "sekolah", _("Sekolah")
        SUBDISTRICT = "kecamatan", _("Kecamatan/kelurahan")
        VILLAGE = "desa", _("Desa")
        BUMD = "bumd", _("BUMD")
        VERTICAL = "instansi_vertikal", _("Instansi vertikal")

    name = models.CharField(_("nama"), max_length=200)
    acronym = models.CharField(_("singkatan"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("jenis"), max_length=24, choices=Kind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="agencies"
    )
    website = models.URLField(_("situs web"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("region"),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("acronym"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("region_id"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        constraints = [
            models.UniqueConstraint(fields=["name", "region"], name="unique_agency_name_per_region")
        ]

    def __str__(self):
        return self.name


def localised_name(taxonomy):
    """The English name on English pages when there is one, else the Indonesian name."""
    if get_language() == "en" and taxonomy.name_en:
        return taxonomy.name_en
    return taxonomy.name


class Sector(index.Indexed, models.Model):
    """A government affair (urusan pemerintahan) such as health or education."""

    name = models.CharField(_("nama"), max_length=120, unique=True)
    # One row per sector in both languages (docs/english.md): the catalogue's facets, filters
    # and shareable URLs stay the same in English.
    name_en = models.CharField(_("nama (Inggris)"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("keterangan"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("name_en"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("urusan pemerintahan")
        verbose_name_plural = _("urusan pemerintahan")

    def __str__(self):
        return localised_name(self)


class SustainableDevelopmentGoal(models.Model):
    """One of the 17 Sustainable Development Goals, with its official colour."""

    number = models.PositiveSmallIntegerField(_("nomor"), unique=True)
    name = models.CharField(_("nama"), max_length=120)
    name_en = models.CharField(_("nama (Inggris)"), max_length=120, blank=True)
    colour = models.CharField(_("warna"), max_length=7, validators=[hex_colour_validator])

    panels = [FieldPanel("number"), FieldPanel("name"), FieldPanel("name_en"), FieldPanel("colour")]

    class Meta:
        ordering = ["number"]
        verbose_name = _("tujuan pembangunan berkelanjutan (TPB/SDG)")
        verbose_name_plural = _("tujuan pembangunan berkelanjutan (TPB/SDG)")

    def __str__(self):
        return f"{self.number}. {localised_name(self)}"


class Award(ChoiceLabelsMixin, models.Model):
    """A recognition programme, e.g. KIPP by KemenPAN-RB; innovations record year and rank."""

    class Level(models.TextChoices):
        INTERNATIONAL = "internasional", _("Internasional")
        NATIONAL = "nasional", _("Nasional")
        PROVINCIAL = "provinsi", _("Provinsi")
        LOCAL = "kabkota", _("Kabupaten/kota")

    name = models.CharField(_("nama"), max_length=200, unique=True)
    short_name = models.CharField(_("nama singkat"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    level = models.CharField(_("tingkat"), max_length=16, choices=Level.choices)
    organiser = models.CharField(_("penyelenggara"), max_length=200, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("slug"),
        FieldPanel("level"),
        FieldPanel("organiser"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("penghargaan")
        verbose_name_plural = _("penghargaan")

    def __str__(self):
        return self.short_name or self.name
