"""Paging of the site's listings, with the page number in the Indonesian ?halaman=."""

from django.core.paginator import Paginator

PAGE_PARAMETER = "halaman"


class Listing:
    """A sequence as Django's Paginator reads it: `count()` and one page's `page_rows(slice)`."""

    def count(self):
        raise NotImplementedError

    def page_rows(self, window):
        raise NotImplementedError

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        return self.page_rows(index)


class KeptListing(Listing):
    """A listing's queryset as a paginator reads it (its count, one slice), each answer
    from `keep(name, compute)`: derived data whose key carries the tokens of what the
    listing shows (e.g. news_derived), so a page of a long listing costs no query until the
    next publish. The rows are kept as read: leave out prefetches that change without a
    publish (an image's renditions: Wagtail finds those in its rendition cache)."""

    def __init__(self, queryset, keep, name):
        self.queryset, self.keep, self.name = queryset, keep, name

    def count(self):
        return self.keep(f"{self.name}:count", self.queryset.count)

    def page_rows(self, window):
        rows = self.queryset[window]
        return self.keep(f"{self.name}:{window.start}:{window.stop}", lambda: list(rows))


def paginate(request, queryset, per_page):
    """One page of a listing; a bad or out-of-range ?halaman= gives the nearest valid page."""
    return Paginator(queryset, per_page).get_page(request.GET.get(PAGE_PARAMETER))
