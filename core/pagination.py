"""Paging of the site's listings, with the page number in the Indonesian ?halaman=."""

from django.core.paginator import Paginator

PAGE_PARAMETER = "halaman"


def paginate(request, queryset, per_page):
    """One page of a listing; a bad or out-of-range ?halaman= gives the nearest valid page."""
    return Paginator(queryset, per_page).get_page(request.GET.get(PAGE_PARAMETER))
