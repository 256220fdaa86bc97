"""Snippets of the publications app: regulations, partners and the publication taxonomies.

Regulation and Partner are also referenced from innovations and the home page. Both are
translatable (wagtail-localize): the Indonesian row is the record that innovations link to,
lists are made of and search indexes; an English row only carries the translated text, which
`with_translations` puts on the Indonesian rows for a reader of /en/ (docs/english.md).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.choices import ChoiceLabelsMixin
from core.i18n import sources


class TranslatableSnippetQuerySet(models.QuerySet):
    def sources(self):
        """The rows in the default language: the records, whatever language is read."""
        return sources(self)


def with_translations(rows, language=None):
    """`rows` (default-language snippets of one model) as a list, each showing the text of
    its translation into `language` (the active one by default) where that translation has
    it, else its own: one query for any number of rows, none in the default language.

    The rows keep their primary keys, relations and annotations; only the model's
    `translated_fields` change, in memory (never save them)."""
    rows = list(rows)
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if not rows or language == settings.LANGUAGE_CODE:
        return rows
    model = type(rows[0])
    fields = model.translated_fields
    translations = model.objects.filter(
        locale__language_code=language,
        translation_key__in={row.translation_key for row in rows},
    ).only("translation_key", *fields)
    by_key = {row.translation_key: row for row in translations}
    for row in rows:
        translated = by_key.get(row.translation_key)
        for field in fields if translated else ():
            value = getattr(translated, field)
            if value:
                setattr(row, field, value)
    return rows


def unique_in_locale(instance, *field_groups):
    """Errors for the unique-per-language field groups an instance breaks. The form does not
    check these constraints itself: they include the locale, which is not a form field."""
    locale_id = instance.locale_id or Locale.get_default().pk
    others = type(instance).objects.filter(locale_id=locale_id).exclude(pk=instance.pk)
    errors = {}
    for fields in field_groups:
        values = {field: getattr(instance, field) for field in fields}
        complete = all(value not in (None, "") for value in values.values())
        if complete and others.filter(**values).exists():
            errors[fields[-1]] = _("Sudah ada %(model)s dengan %(field)s yang sama.") % {
                "model": instance._meta.verbose_name,
                "field": ", ".join(
                    str(instance._meta.get_field(field).verbose_name) for field in fields
                ),
            }
    if errors:
        raise ValidationError(errors)


class Regulation(ChoiceLabelsMixin, TranslatableMixin, index.Indexed, models.Model):
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
    slug = models.SlugField(_("slug"), max_length=120)
    summary = models.TextField(_("ringkasan"), blank=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
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
    # What a translator translates (wagtail-localize); the rest is the same in every language.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("issuer"),
        TranslatableField("summary"),
        SynchronizedField("kind"),
        SynchronizedField("number"),
        SynchronizedField("year"),
        SynchronizedField("slug"),
        SynchronizedField("document"),
    ]
    translated_fields = ("title", "issuer", "summary")

    objects = TranslatableSnippetQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        ordering = ["kind", "-year", "number"]
        verbose_name = _("regulasi")
        verbose_name_plural = _("regulasi")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number", "year", "locale"], name="unique_regulation"
            ),
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_regulation_slug"),
        ]

    def __str__(self):
        return _("%(kind)s Nomor %(number)s Tahun %(year)s tentang %(title)s") % {
            "kind": self.get_kind_display(),
            "number": self.number,
            "year": self.year,
            "title": self.title,
        }

    def clean(self):
        super().clean()
        unique_in_locale(self, ("slug",), ("kind", "number", "year"))

    @classmethod
    def get_indexed_objects(cls):
        # One search result per regulation: the Indonesian row, shown in both languages.
        return super().get_indexed_objects().sources()

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


class Partner(TranslatableMixin, models.Model):
    """An organisation that supports the network: donors, universities, NGOs, training bodies."""

    class Kind(models.TextChoices):
        DEVELOPMENT = "mitra_pembangunan", _("Mitra pembangunan")
        NGO = "lsm", _("Lembaga swadaya masyarakat")
        UNIVERSITY = "perguruan_tinggi", _("Perguruan tinggi")
        GOVERNMENT = "pemerintah", _("Lembaga pemerintah")
        PRIVATE = "swasta", _("Swasta")

    name = models.CharField(_("nama"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
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
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("kind"),
        SynchronizedField("logo"),
        SynchronizedField("website"),
        SynchronizedField("sort_order"),
    ]
    translated_fields = ("name", "description")

    objects = TranslatableSnippetQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("mitra")
        verbose_name_plural = _("mitra")
        constraints = [
            models.UniqueConstraint(fields=["name", "locale"], name="unique_partner_name"),
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_partner_slug"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        unique_in_locale(self, ("name",), ("slug",))


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
