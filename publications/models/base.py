"""Field builders and listing helpers every publications page shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.fields import RichTextField

from core.cache import KEPT_SECONDS, derived, tags_digest
from innovations.models import InnovationPage

INTRO_FEATURES = ["bold", "italic", "link"]


def intro_field():
    return RichTextField(
        _("pengantar"),
        blank=True,
        features=INTRO_FEATURES,
        help_text=_("Satu atau dua kalimat di atas daftar."),
    )


def related_innovations_field(related_name):
    return ParentalManyToManyField(
        "innovations.InnovationPage",
        verbose_name=_("inovasi terkait"),
        related_name=related_name,
        blank=True,
        help_text=_("Inovasi yang dibahas atau menjadi contoh di halaman ini."),
    )


def lead_image_field(verbose_name=None):
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name or _("gambar utama"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Dipakai di kartu daftar dan saat dibagikan ke media sosial."),
    )


def demo_flag_field():
    return models.BooleanField(
        _("konten contoh"),
        default=False,
        help_text=_("Ditandai bila halaman ini dibuat oleh data demo, bukan informasi nyata."),
    )


def live_related_innovations(page, request=None):
    """The live, public innovations a page links to, with their agencies.

    For a page being served (`request`, not a preview), the list is kept in the shared cache
    until the page's own publish or any innovation's (its "page:<pk>" token, the catalogue's)
    or a new generation (a view restriction, an agency renamed). A preview reads the draft's
    own relation, an in-memory FakeQuerySet without `live()`, by primary key.
    """
    if request is not None and page.pk and not getattr(request, "is_preview", False):
        key = f"publications:related-innovations:{page.pk}:{page_digest(page, 'catalogue')}"
        return derived.get_or_set(key, lambda: list(_live_related(page)), KEPT_SECONDS)
    return _live_related(page)


def page_digest(page, *tags):
    """`tags_digest` of the page's own token and `tags`: the key part of what is kept of a
    served page's relations (its publish, unpublish, move or delete renews the token)."""
    return tags_digest(f"page:{page.pk}", *tags)


def _live_related(page):
    ids = [innovation.pk for innovation in page.related_innovations.all()]
    if not ids:
        return InnovationPage.objects.none()
    return (
        InnovationPage.objects.live()
        .public()
        .filter(pk__in=ids)
        .select_related("agency")
        .defer_streamfields()
        .order_by("title")
    )
