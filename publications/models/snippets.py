"""Snippets of the publications app: regulations, partners and the publication taxonomies.

Regulation and Partner are also referenced from innovations and the home page.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index


class Regulation(index.Indexed, models.Model):
    """A law or policy that public-service innovation rests on."""

    class Kind(models.TextChoices):
        UU = "uu", _("Undang-Undang")
        PP = "pp", _("Peraturan Pemerintah")
        PERPRES = "perpres", _("Peraturan Presiden")
        PERMEN = "permen", _("Peraturan Menteri")
        SE = "se", _("Surat Edaran")
        PERGUB = "pergub", _("Peraturan Gubernur")
        PERDA = "perda", _("Peraturan Daerah")
        SK = "sk", _("Surat Keputusan")

    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    number = models.CharField(_("nomor"), max_length=40)
    year = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(1945), MaxValueValidator(2100)]
    )
    issuer = models.CharField(
        _("penerbit"), max_length=160, blank=True, help_text=_("Misalnya: Kementerian PANRB.")
    )
    title = models.CharField(_("tentang"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(_("ringkasan"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("berkas"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("number"), FieldPanel("year")]),
        FieldPanel("issuer"),
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("document"),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("number"),
        index.SearchField("summary"),
        # "Undang-Undang", "Peraturan Menteri"...: people search by the kind of regulation.
        index.SearchField("get_kind_display"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.FilterField("year"),
    ]

    class Meta:
        ordering = ["kind", "-year", "number"]
        verbose_name = _("regulasi")
        verbose_name_plural = _("regulasi")
        constraints = [
            models.UniqueConstraint(fields=["kind", "number", "year"], name="unique_regulation")
        ]

    def __str__(self):
        return _("%(kind)s Nomor %(number)s Tahun %(year)s tentang %(title)s") % {
            "kind": self.get_kind_display(),
            "number": self.number,
            "year": self.year,
            "title": self.title,
        }

    def get_url(self, request=None):
        """The regulation's page under /regulasi/, or None while that list is not published."""
        from .directory import RegulationIndexPage

        return RegulationIndexPage.regulation_url(self, request)

    @property
    def url(self):
        return self.get_url()

    @property
    def citation(self):
        return _("%(kind)s No. %(number)s/%(year)s") % {
            "kind": self.get_kind_display(),
            "number": self.number,
            "year": self.year,
        }


class Partner(models.Model):
    """An organisation that supports the network: donors, universities, NGOs, training bodies."""

    class Kind(models.TextChoices):
        DEVELOPMENT = "mitra_pembangunan", _("Mitra pembangunan")
        NGO = "lsm", _("Lembaga swadaya masyarakat")
        UNIVERSITY = "perguruan_tinggi", _("Perguruan tinggi")
        GOVERNMENT = "pemerintah", _("Lembaga pemerintah")
        PRIVATE = "swasta", _("Swasta")

    name = models.CharField(_("nama"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("situs web"), blank=True)
    description = models.TextField(_("keterangan"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("mitra")
        verbose_name_plural = _("mitra")

    def __str__(self):
        return self.name


class NewsCategory(models.Model):
    """A category of news (e.g. Kegiatan, Penghargaan, Kebijakan), edited by editors."""

    name = models.CharField(_("nama"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("kategori berita")
        verbose_name_plural = _("kategori berita")

    def __str__(self):
        return self.name


class ResourceTopic(models.Model):
    """A topic of the learning-resource library (e.g. Manajemen inovasi, Pelayanan digital)."""

    name = models.CharField(_("nama"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(_("keterangan"), max_length=250, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("topik sumber belajar")
        verbose_name_plural = _("topik sumber belajar")

    def __str__(self):
        return self.name
