from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import health, sitemaps
from monitoring import views as monitoring_views
from participation import views as participation_views
from publications.views import robots_txt

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumen/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # Aggregated complaint statistics (no personal data) beside the Wagtail API routes.
    path(
        "api/v2/pengaduan/statistik/",
        participation_views.statistics_json,
        name="participation_statistics_api",
    ),
    # The innovation index as JSON beside the Wagtail API routes (monitoring/).
    path("api/v2/indeks/", monitoring_views.index_json, name="monitoring_index_api"),
    path("api/", include("api.urls")),
]

# Public pages in both languages: Indonesian unprefixed, English under /en/ (docs/english.md).
# The admin, the API, documents, the sitemap and robots.txt above stay unprefixed.
PUBLIC_PATTERNS = [
    path("", include("innovations.urls")),
    path("cari/", include("search.urls")),
    path("pengaduan/", include("participation.urls")),
    path("replikasi/", include("replication.urls")),
    path("undangan/", include("agencies.urls")),
    path("", include("monitoring.urls")),
    path("data-terbuka/", include("innovations.open_data")),
]

# Django's own admin is a second login form with nothing editors need: development only.
if settings.DJANGO_ADMIN_ENABLED:
    urlpatterns.insert(0, path("django-admin/", admin.site.urls))

if settings.DEBUG:
    from core.media import development_media_urls

    urlpatterns += development_media_urls()

urlpatterns += i18n_patterns(
    *PUBLIC_PATTERNS, path("", include(wagtail_urls)), prefix_default_language=False
)
