"""The site's URLs plus bench's bare baseline view; used only with config.settings.bench."""

from django.urls import path

from bench.views import bare
from config import urls as site_urls

# The site's own list, not include(): its public pages sit in i18n_patterns, which Django
# allows only in the root URLconf.
urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    *site_urls.urlpatterns,
]
