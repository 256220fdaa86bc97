"""The bilingual glossary of public-service terms that English search uses.

An English reader asks for "birth certificate"; the case study says "akta kelahiran". Each
entry pairs the English and Indonesian terms; search applies them at query time as synonym
groups (search.understanding.synonym_groups), on the engine and the database backend alike,
so an English query finds Indonesian case studies that have no translation yet, and an edit
here needs no reindex.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from search.models import normalised_group


class GlossaryTerm(index.Indexed, models.Model):
    english = models.CharField(
        _("istilah bahasa Inggris"),
        max_length=120,
        help_text=_("Satu atau beberapa istilah, dipisah koma, misalnya: ID card, identity card."),
    )
    indonesian = models.CharField(
        _("istilah bahasa Indonesia"),
        max_length=120,
        help_text=_("Satu atau beberapa istilah, dipisah koma, misalnya: KTP, KTP elektronik."),
    )
    active = models.BooleanField(_("aktif"), default=True)

    panels = [FieldPanel("english"), FieldPanel("indonesian"), FieldPanel("active")]
    search_fields = [index.SearchField("english"), index.SearchField("indonesian")]

    class Meta:
        verbose_name = _("glosarium dwibahasa")
        verbose_name_plural = _("glosarium dwibahasa")
        ordering = ["english"]
        constraints = [
            models.UniqueConstraint(fields=["english", "indonesian"], name="glossary_pair_unique")
        ]

    def __str__(self):
        return f"{self.english} / {self.indonesian}"

    def phrases(self):
        """The pair as one synonym group: lower-case, distinct phrases."""
        return normalised_group(f"{self.english},{self.indonesian}")


def glossary_groups():
    """Every active entry as a synonym group of two or more phrases."""
    groups = (term.phrases() for term in GlossaryTerm.objects.filter(active=True))
    return [group for group in groups if len(group) >= 2]
