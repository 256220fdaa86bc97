"""The bare baseline view the benchmarks compare every page with."""

from django.http import HttpResponse


def bare(request):
    """The cheapest response Django can give through the full middleware stack."""
    return HttpResponse("ok", content_type="text/plain")
