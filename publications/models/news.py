"""News: the index at /berita/ (with year archive and feeds) and the article page."""

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.cache import ALL, KEPT_SECONDS, SharedCachePageMixin, derived, tags_digest
from core.fields import StreamField
from core.pagination import KeptListing, paginate
from core.preview import HeadlessPreviewModeMixin
from core.seo import SeoMixin
from search.english import EnglishStemsMixin
from search.english import search_field as english_search_field

from .base import (
    demo_flag_field,
    intro_field,
    lead_image_field,
    live_related_innovations,
    page_digest,
    related_innovations_field,
)
from .snippets import NewsCategory

NEWS_PER_PAGE = 12


NEWS_DERIVED_SECONDS = 24 * 3600


def news_derived(name, compute):
    """`compute()` kept until the next publish, unpublish, move or delete of a news page
    (the key carries the "news" token and the global generation), also when whole answers
    are not cached: what it computes scans the live news pages."""
    return derived.get_or_set(f"news:{name}:{tags_digest('news')}", compute, NEWS_DERIVED_SECONDS)


class NewsIndexPage(SharedCachePageMixin, SeoMixin, RoutablePageMixin, Page):
    """The news list at /berita/, its year archive and its RSS and Atom feeds.

    The feeds are views (publications.feeds); the app config hands them to `feeds` when
    the app is ready, so that models never import views.
    """

    feeds = {}
    cache_tags = ("news",)

    intro = intro_field()

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["publications.NewsPage"]
    max_count = 1
    schema_type = "CollectionPage"

    def publish_tags(self):
        # Its title is in every page's navigation.
        return (ALL,)

    class Meta:
        verbose_name = _("indeks berita")
        verbose_name_plural = _("indeks berita")

    def news_items(self):
        from core.routing import public  # it reads the models

        return (
            # Without Wagtail's query for the restrictions (core.routing.public).
            public(NewsPage.objects.live())
            .descendant_of(self)
            .select_related("category", "lead_image")
            .prefetch_related("lead_image__renditions")
            .defer_streamfields()
            .order_by("-date", "-first_published_at", "-pk")
        )

    def _news_derived(self, name, compute):
        return news_derived(f"{name}:{self.pk}", compute)

    def archive_years(self):
        return self._news_derived(
            "years",
            lambda: [
                d.year
                for d in NewsPage.objects.live()
                .public()
                .descendant_of(self)
                .dates("date", "year", order="DESC")
            ],
        )

    def categories(self):
        """Categories that have live news here, for the category navigation, kept per news
        publish and generation (a category's edit starts a new one: publications.apps)."""

        def read():
            news = NewsPage.objects.live().public().descendant_of(self)
            return list(NewsCategory.objects.filter(news__in=news.values("pk")).distinct())

        return self._news_derived("category-rows", read)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        year = kwargs.get("year")
        items = self.news_items()
        if year:
            items = items.filter(date__year=year)
        categories = list(self.categories())
        slug = request.GET.get("kategori", "")
        category = next((c for c in categories if c.slug == slug), None)
        if category:
            items = items.filter(category=category)
        elif slug:
            context["category_error"] = _(
                "Kategori “%(slug)s” tidak dikenal; semua berita ditampilkan."
            ) % {"slug": slug[:60]}
        context["categories"] = categories
        context["category"] = category
        context["year"] = year
        if year:
            context["canonical_url"] = f"{self.get_full_url(request)}{year}/"
        context["archive_years"] = self.archive_years()
        # Each page of the listing and its count kept per news publish (without renditions).
        listing = KeptListing(
            items.prefetch_related(None),
            self._news_derived,
            f"list:{year or ''}:{category.pk if category else ''}",
        )
        context["news_page"] = paginate(request, listing, NEWS_PER_PAGE)
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("<int:year>/", name="year")
    def year_archive(self, request, year):
        # Years outside what a date can hold would raise inside the date lookup.
        if not 1900 <= year <= 2100:
            raise Http404
        if not NewsPage.objects.live().descendant_of(self).filter(date__year=year).exists():
            raise Http404
        return self.render(request, year=year)

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return self.feeds["rss"](self)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return self.feeds["atom"](self)(request)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        urls += [{"location": f"{base}{year}/"} for year in self.archive_years()]
        return urls


class NewsPage(EnglishStemsMixin, SharedCachePageMixin, HeadlessPreviewModeMixin, SeoMixin, Page):
    """A news article: an event, an award, a policy or a story about an innovation."""

    cache_tags = ("news",)

    date = models.DateField(
        _("tanggal berita"),
        default=timezone.localdate,
        help_text=_("Tanggal yang ditampilkan; urutan berita mengikuti tanggal ini."),
    )
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("kategori"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news",
    )
    summary = models.TextField(
        _("ringkasan"),
        max_length=400,
        help_text=_("Satu atau dua kalimat yang tampil di daftar berita dan di umpan RSS."),
    )
    lead_image = lead_image_field()
    lead_image_caption = models.CharField(_("keterangan gambar utama"), max_length=250, blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("isi berita"))
    related_innovations = related_innovations_field("news")
    is_demo = demo_flag_field()

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_caption")],
            heading=_("Gambar utama"),
        ),
        InlinePanel("authors", heading=_("Penulis"), label=_("Penulis")),
        FieldPanel("body"),
        FieldPanel("related_innovations"),
        FieldPanel("is_demo"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        english_search_field(),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.FilterField("date"),
        index.FilterField("category"),
    ]
    parent_page_types = ["publications.NewsIndexPage"]
    subpage_types = []
    schema_type = "NewsArticle"
    og_type = "article"

    class Meta:
        verbose_name = _("berita")
        verbose_name_plural = _("berita")
        indexes = [models.Index(fields=["date"])]

    @property
    def social_description(self):
        return self.search_description or self.summary

    @classmethod
    def latest(cls, limit):
        """The newest live news with what a card shows, for the home page: kept until the
        next news publish or a new generation (by_ids without renditions)."""
        return news_derived(
            f"latest-cards:{limit}",
            lambda: cls.by_ids(
                cls.objects.live()
                .public()
                .order_by("-date", "-pk")
                .values_list("pk", flat=True)[:limit],
                renditions=False,
            ),
        )

    @classmethod
    def by_ids(cls, ids, renditions=True):
        """The news `ids` in that order, with what a card shows (category, image). Without
        `renditions` (pages to be kept), Wagtail finds the images' renditions in its
        rendition cache: kept ones would miss a rendition made after they were kept."""
        ids = list(ids)
        if not ids:
            return []
        found = cls.objects.filter(pk__in=ids).select_related("category", "lead_image")
        if renditions:
            found = found.prefetch_related("lead_image__renditions")
        found = found.defer_streamfields().in_bulk()
        return [found[pk] for pk in ids if pk in found]

    def related_news(self, limit=3):
        """Recent news of the same category, then recent news, never this article. Which
        ones, with what their cards show, is kept until the next news publish (the "news"
        token) or a new generation."""
        return news_derived(
            f"related-cards:{self.pk}:{limit}",
            lambda: NewsPage.by_ids(self._related_news_ids(limit), renditions=False),
        )

    def _related_news_ids(self, limit):
        siblings = (
            NewsPage.objects.live()
            .public()
            .sibling_of(self, inclusive=False)
            .order_by("-date", "-pk")
            .values_list("pk", flat=True)
        )
        related = []
        if self.category_id:
            related = list(siblings.filter(category_id=self.category_id)[:limit])
        if len(related) < limit:
            related += list(siblings.exclude(pk__in=related)[: limit - len(related)])
        return related

    @cached_property
    def author_list(self):
        """The authors, read once for the byline and the JSON-LD."""
        return list(self.authors.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):
            # Served: kept until the page's next publish (a preview shows the draft's own).
            key = f"news:authors:{self.pk}:{page_digest(self)}"
            self.author_list = derived.get_or_set(
                key, lambda: list(self.authors.all()), KEPT_SECONDS
            )
        context["authors"] = self.author_list
        context["related_news"] = self.related_news()
        context["related_innovations"] = live_related_innovations(self, request)
        return context

    def structured_data(self, request=None):
        data = super().structured_data(request)
        data.update(
            {
                "headline": self.title[:110],
                "datePublished": self.date.isoformat(),
                "dateModified": (self.last_published_at or timezone.now()).isoformat(),
                "mainEntityOfPage": self.get_full_url(request),
                "author": [{"@type": "Person", "name": author.name} for author in self.author_list]
                or data["publisher"],
            }
        )
        if self.category_id:
            data["articleSection"] = self.category.name
        return data


class NewsPageAuthor(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("nama penulis"), max_length=120)
    role = models.CharField(_("jabatan atau instansi"), max_length=160, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("penulis")
        verbose_name_plural = _("penulis")

    def __str__(self):
        return self.name
