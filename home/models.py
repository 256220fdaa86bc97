"""The home page and the site-wide settings editors manage in the admin."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from core.cache import (
    ALL,
    KEPT_SECONDS,
    SharedCachePageMixin,
    derived,
    generation_key,
    tags_digest,
)
from core.seo import SeoMixin, organisation_data
from publications.models import EventPage, NewsIndexPage, NewsPage, Partner
from publications.models.snippets import with_translations

from .stats import featured_innovations, key_figures
from .templatetags.home_start import first_in_tree

KEY_FIGURES_SECONDS = 24 * 60 * 60
# The settings are kept until the next generation; the timeout only frees a superseded copy.
SITE_SETTINGS_SECONDS = 24 * 60 * 60


class HomePage(SharedCachePageMixin, SeoMixin, Page):
    """The portal's front page: what JIPP Sulsel is, key figures and what is new."""

    lead = models.CharField(
        _("kalimat pembuka"),
        max_length=255,
        help_text=_("Satu kalimat yang menjelaskan JIPP Sulsel kepada pengunjung baru."),
    )
    about = RichTextField(_("tentang JIPP Sulsel"), features=["bold", "italic", "link", "ul"])
    featured_innovations_heading = models.CharField(
        _("judul inovasi unggulan"), max_length=120, default="Inovasi unggulan"
    )

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("about"),
        MultiFieldPanel(
            [
                FieldPanel("featured_innovations_heading"),
                InlinePanel("featured_innovations", label=_("Inovasi unggulan"), max_num=6),
            ],
            heading=_("Inovasi unggulan"),
        ),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    # Key figures and featured innovations, the latest news, the coming events, partners.
    cache_tags = ("catalogue", "news", "events", "partners")

    def publish_tags(self):
        # The home page's title and links show on every page.
        return (ALL,)

    class Meta:
        verbose_name = _("beranda")

    @property
    def social_description(self):
        return self.search_description or self.lead

    def structured_data(self, request=None):
        """The organisation behind the portal describes the home page."""
        return {
            "@context": "https://schema.org",
            **organisation_data(request),
            "description": self.lead,
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Five counts over every live innovation: counted once per catalogue publish, also
        # when whole answers are not cached (the key changes with the catalogue's token, so
        # the timeout only bounds how long a superseded count takes space).
        context["key_figures"] = derived.get_or_set(
            f"home:key-figures:{tags_digest('catalogue')}", key_figures, KEY_FIGURES_SECONDS
        )
        context["featured_innovations"] = featured_innovations(self)
        # Names and links in the language read, kept until a partner or the generation changes.
        context["partners"] = derived.get_or_set(
            f"home:partners:{get_language()}:{tags_digest('partners')}",
            lambda: with_translations(Partner.objects.sources()),
            KEPT_SECONDS,
        )
        context["news_index"] = first_in_tree(NewsIndexPage.objects.live(), "news-index")
        context["latest_news"] = NewsPage.latest(3) if context["news_index"] else []
        context["upcoming_events"] = EventPage.upcoming(3)
        return context


class HomePageFeaturedInnovation(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_innovations")
    innovation = models.ForeignKey(
        "innovations.InnovationPage",
        verbose_name=_("inovasi"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("innovation")]


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """Contact details, social links, navigation and footer, edited by communications staff."""

    organisation_name = models.CharField(
        _("nama organisasi"),
        max_length=200,
        default="Biro Organisasi Setda Provinsi Sulawesi Selatan",
    )
    address = models.TextField(_("alamat"), blank=True)
    email = models.EmailField(_("surel"), blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    footer_text = models.TextField(_("teks kaki halaman"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("address"),
                FieldPanel("email"),
                FieldPanel("phone"),
            ],
            heading=_("Kontak"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("instagram_url"),
                FieldPanel("facebook_url"),
                FieldPanel("youtube_url"),
                FieldPanel("x_url"),
            ],
            heading=_("Media sosial"),
        ),
        InlinePanel("navigation_links", heading=_("Navigasi utama"), label=_("Tautan")),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("pengaturan situs")

    @classmethod
    def for_request(cls, request):
        """The site's settings, read for every page's footer and contact details: kept in
        the shared cache for the content generation, which an edit of the settings or of
        their links starts anew (home/apps.py)."""
        from core.routing import request_site  # it imports Wagtail's views: not at load

        name = cls.get_cache_attr_name()
        site = None if hasattr(request, name) else request_site(request)
        if site is not None:
            key = generation_key("site-settings", site.pk)
            instance = derived.get(key)
            if instance is None:
                instance = cls.for_site(site)
                derived.set(key, instance, SITE_SETTINGS_SECONDS)
            instance._request = request
            setattr(request, name, instance)
        return super().for_request(request)


class NavigationLink(Orderable):
    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="navigation_links")
    label = models.CharField(_("label"), max_length=60)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("halaman"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.CharField(_("URL"), max_length=255, blank=True)

    panels = [FieldPanel("label"), FieldPanel("page"), FieldPanel("url")]

    @property
    def href(self):
        if self.page_id:
            return self.page.url
        return self.url
