"""The site's URLs plus the bare baseline view; used only with config.settings.bench."""

from django.http import HttpResponse
from django.urls import path

from config import urls as site_urls


def bare(request):
    """The cheapest response Django can give through the full middleware stack."""
    return HttpResponse("ok", content_type="text/plain")


# The site's own list, not include(): its public pages sit in i18n_patterns, which Django
# allows only in the root URLconf.
urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    *site_urls.urlpatterns,
]
