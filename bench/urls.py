"""The site's URLs plus the bare baseline view; used only with config.settings.bench."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    """The cheapest response Django can give through the full middleware stack."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("", include("config.urls")),
]
