"""The regulations list at /regulasi/ (with a page per regulation) and the partners page."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from core.i18n import DEFAULT_LANGUAGE, active_language, readable_pages
from core.seo import SeoMixin, organisation_data

from .base import intro_field
from .snippets import Partner, Regulation, with_translations


class RegulationIndexPage(SeoMixin, RoutablePageMixin, Page):
    """Laws and policies grouped by type, each linked to the innovations that rest on it."""

    intro = intro_field()

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    schema_type = "CollectionPage"

    class Meta:
        verbose_name = _("daftar regulasi")
        verbose_name_plural = _("daftar regulasi")

    @classmethod
    def for_active_language(cls):
        """The live regulations page of the language read, or the default language's while
        that one has no translation; None while neither is published. One query."""
        language = active_language()
        pages = {
            page.locale.language_code: page
            for page in cls.objects.live()
            .filter(locale__language_code__in={language, DEFAULT_LANGUAGE})
            .select_related("locale")
        }
        return pages.get(language) or pages.get(DEFAULT_LANGUAGE)

    @classmethod
    def regulation_url(cls, regulation, request=None):
        """The public URL of a regulation, or None while no regulations page is published."""
        index = cls.for_active_language()
        if index is None:
            return None
        return index.get_url(request) + index.reverse_subpage("regulation", args=[regulation.slug])

    def grouped_regulations(self):
        """[(kind label, [regulation, ...]), ...] in the order of the hierarchy of laws."""
        order = [kind for kind, _label in Regulation.Kind.choices]
        groups = {}
        regulations = (
            Regulation.objects.sources()
            .select_related("document")
            .annotate(
                # Records, not pages: an English translation links the same regulation.
                innovation_count=Count(
                    "innovations",
                    filter=Q(
                        innovations__live=True,
                        innovations__locale__language_code=DEFAULT_LANGUAGE,
                    ),
                )
            )
            .order_by("-year", "number")
        )
        for regulation in with_translations(regulations):
            groups.setdefault(regulation.kind, []).append(regulation)
        return [
            (kind, Regulation.Kind(kind).label, groups[kind]) for kind in order if kind in groups
        ]

    @path("")
    def index(self, request):
        return self.render(request, context_overrides={"groups": self.grouped_regulations()})

    @path("<slug:slug>/", name="regulation")
    def regulation(self, request, slug):
        from innovations.models import InnovationPage

        innovations = (
            InnovationPage.objects.live()
            .public()
            .select_related("agency")
            .defer_streamfields()
            .order_by("title")
        )
        regulation = (
            Regulation.objects.sources()
            .select_related("document")
            .prefetch_related(Prefetch("innovations", queryset=readable_pages(innovations)))
            .filter(slug=slug)
            .first()
        )
        if regulation is None:
            raise Http404
        [regulation] = with_translations([regulation])
        url = self.get_full_url(request) + self.reverse_subpage("regulation", args=[slug])
        return self.render(
            request,
            template="publications/regulation_detail.html",
            context_overrides={
                "regulation": regulation,
                "innovations": regulation.innovations.all(),
                "canonical_url": url,
                "og_title": str(regulation),
                "seo_description": regulation.summary or regulation.title,
                "structured_data": self.regulation_data(regulation, url, request),
            },
        )

    def regulation_data(self, regulation, url, request=None):
        data = {
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": str(regulation),
            "legislationIdentifier": regulation.citation,
            "legislationType": regulation.get_kind_display(),
            "url": url,
            "inLanguage": active_language(),
            "isPartOf": {"@type": "CollectionPage", "url": self.get_full_url(request)},
            "publisher": organisation_data(request),
        }
        if regulation.summary:
            data["abstract"] = regulation.summary
        if regulation.issuer:
            data["legislationPassedBy"] = {"@type": "Organization", "name": regulation.issuer}
        return data

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        urls += [
            {"location": f"{base}{slug}/"}
            for slug in Regulation.objects.sources().values_list("slug", flat=True)
        ]
        return urls


class PartnersPage(SeoMixin, Page):
    """The organisations that support the network, with logo, kind, link and description."""

    intro = intro_field()

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("halaman mitra")
        verbose_name_plural = _("halaman mitra")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partners"] = with_translations(
            Partner.objects.sources().select_related("logo").prefetch_related("logo__renditions")
        )
        return context

    def structured_data(self, request=None):
        data = super().structured_data(request)
        data["mentions"] = [
            {"@type": "Organization", "name": partner.name, "url": partner.website or None}
            for partner in with_translations(Partner.objects.sources())
        ]
        return data
