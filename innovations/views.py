"""Public views of the catalogue: listing with facets, compare, map and exports.

The catalogue, compare and map are routes of InnovationIndexPage (so they follow the
page wherever editors put it); the exports are plain Django URLs because Wagtail page
URLs cannot end in a file extension.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Prefetch, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.cache import depends_on, serve_cached
from core.conditional import validated
from core.pagination import Listing
from core.query import minimal_parameters, renamed_parameters

from .cache import engine_for, facets_and_years, state_key, timeout
from .exports import export_response, export_validators
from .filters import DEFAULT_SORT, PUBLIC_NAMES, CatalogueFilter
from .models import InnovationAward, InnovationPage, Region, cached_cards, card_queryset

MAX_COMPARED = 4


def cached_html(view):
    """Serve `view(request, index_page)` through the shared response cache (core.cache).

    Catalogue, compare, map and innovation pages carry no form with a CSRF token and
    nothing personal for anonymous visitors, so the same HTML serves everyone asking for
    the same URL until the content changes. Links with the old English parameter names
    are redirected (301) to the Indonesian ones first.
    """

    @wraps(view)
    def wrapper(request, index_page):
        def render():
            # Any publish in the catalogue drops these views; news or events do not.
            depends_on(request, "catalogue")
            return view(request, index_page)

        return serve_cached(request, render, timeout())

    # Old names first (301 to the new ones), then empty and default values (301 to the
    # shortest URL): a shared catalogue URL carries only what was chosen.
    minimal = minimal_parameters({"urutan": DEFAULT_SORT, "halaman": "1"})
    return renamed_parameters(PUBLIC_NAMES)(minimal(wrapper))


@cached_html
def catalogue(request, index_page):
    state = CatalogueFilter.from_query(request.GET)
    engine = engine_for(state)
    counted = None
    if engine is not None:
        results = engine.results(card_queryset, state.per_page, state.page, rows=cached_cards)
    else:
        counted = facets_and_years(state)
        # The year counts hold every match once: their sum is the total, without a COUNT.
        results = CardsById(state.ordered(state.apply()), total=state.matches_in(counted[1]))
    paginator = Paginator(results, state.per_page)
    try:
        page = paginator.page(state.page)
    except PageNotAnInteger:
        state.notice(
            _("Nomor halaman “%(value)s” tidak valid; menampilkan halaman 1."), value=state.page
        )
        page = paginator.page(1)
    except EmptyPage:
        state.notice(
            _("Halaman %(value)s tidak ada; menampilkan halaman terakhir."), value=state.page
        )
        page = paginator.page(paginator.num_pages)
    facets, years = counted or facets_and_years(state)
    context = {
        "state": state,
        "innovations": page,
        "paginator": paginator,
        "facets": facets,
        "facets_by_name": {facet.name: facet for facet in facets},
        "years": years,
        # The filter form is the same for everybody with the same filters (GET, no CSRF
        # token), so its HTML is cached too: per language, as its labels and action are.
        "filters_cache_key": f"{get_language()}:{state_key(state, include_sort=True)}",
        "filters_cache_seconds": timeout(),
        "page_links": page_links(state, page),
        "previous_url": state.querystring(page=page.previous_page_number())
        if page.has_previous()
        else None,
        "next_url": state.querystring(page=page.next_page_number()) if page.has_next() else None,
        "export_query": state.querystring(sort=None, per_page=None),
    }
    return index_page.render(
        request,
        template="innovations/innovation_index_page.html",
        context_overrides=context,
    )


class CardsById(Listing):
    """An ordered queryset of innovations for a Paginator: the page shown is read as ids and
    its cards come from the per-innovation cache (cached_cards), as on the engine path."""

    def __init__(self, queryset, total=None):
        self.queryset = queryset
        self.total = total

    def count(self):
        return self.queryset.count() if self.total is None else self.total

    def page_rows(self, window):
        ids = list(self.queryset.values_list("pk", flat=True)[window])
        cards = cached_cards(ids)
        return [cards[pk] for pk in ids if pk in cards]


def page_links(state, page):
    """Numbered links around the current page: first, last and two either side."""
    if page.paginator.num_pages <= 1:
        return []
    shown = {1, page.paginator.num_pages}
    shown |= set(range(max(1, page.number - 2), min(page.paginator.num_pages, page.number + 2) + 1))
    links, previous = [], 0
    for number in sorted(shown):
        if number - previous > 1:
            links.append(None)
        links.append((number, state.querystring(page=number), number == page.number))
        previous = number
    return links


@cached_html
def compare(request, index_page):
    notices = []
    raw_ids = request.GET.getlist("id")
    ids = []
    for value in raw_ids[:100]:
        value = value.strip()
        if value.isdigit() and len(value) < 12:
            if int(value) not in ids:
                ids.append(int(value))
        else:
            notices.append(_("“%(value)s” bukan nomor inovasi yang valid.") % {"value": value[:40]})
    if len(ids) > MAX_COMPARED:
        notices.append(
            _(
                "Paling banyak %(limit)s inovasi dapat dibandingkan; "
                "yang ditampilkan %(limit)s pilihan pertama."
            )
            % {"limit": MAX_COMPARED}
        )
        ids = ids[:MAX_COMPARED]
    found = {
        page.pk: page
        for page in InnovationPage.objects.live()
        .public()
        .filter(pk__in=ids)
        .defer_streamfields()
        .select_related("agency", "hero_image")
        .prefetch_related(
            "regions",
            "sectors",
            "key_figures",
            Prefetch("awards", queryset=InnovationAward.objects.select_related("award")),
        )
    }
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        notices.append(
            _("Inovasi dengan nomor %(ids)s tidak ditemukan.") % {"ids": ", ".join(missing)}
        )
    innovations = [found[pk] for pk in ids if pk in found]
    if len(innovations) < 2:
        notices.append(_("Pilih dua sampai empat inovasi di katalog untuk dibandingkan."))
    return index_page.render(
        request,
        template="innovations/compare.html",
        context_overrides={"innovations": innovations, "notices": notices},
    )


def region_counts(state):
    """Regions with coordinates and the number of innovations the filters leave in each
    (cached for the catalogue generation, like the facet counts)."""
    key = f"innovations:map:{state_key(state)}"
    regions = cache.get(key)
    if regions is None:
        pages = state.apply().values("pk")
        regions = list(
            Region.objects.filter(latitude__isnull=False, longitude__isnull=False)
            .annotate(matches=Count("innovations", filter=Q(innovations__in=pages), distinct=True))
            .order_by("bps_code")
        )
        if timeout():
            cache.set(key, regions, timeout())
    return regions


@cached_html
def innovation_map(request, index_page):
    state = CatalogueFilter.from_query(request.GET)
    regions = region_counts(state)
    catalogue_url = index_page.get_url(request)
    for region in regions:
        region.catalogue_url = f"{catalogue_url}{state.querystring(region=region.bps_code)}"
    markers = [
        {
            "name": str(region),
            "code": region.bps_code,
            "lat": float(region.latitude),
            "lon": float(region.longitude),
            "count": region.matches,
            "url": region.catalogue_url,
        }
        for region in regions
        if region.matches
    ]
    return index_page.render(
        request,
        template="innovations/map.html",
        context_overrides={
            "state": state,
            "regions": regions,
            "markers": markers,
            "total": sum(region.matches for region in regions),
            "map_text": {
                "zoomIn": _("Perbesar"),
                "zoomOut": _("Perkecil"),
                "mode": _("Tampilan"),
                "bySize": _("Ukuran lingkaran"),
                "byColour": _("Warna menurut jumlah"),
                # {year}: the year of the innovation index the markers then show.
                "byIndex": _("Indeks inovasi daerah {year}"),
                "noIndex": _("belum dinilai"),
            },
            "tile_url": getattr(settings, "MAP_TILE_URL", ""),
            "tile_attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", ""),
        },
    )


@require_safe
@renamed_parameters(PUBLIC_NAMES)
@validated(export_validators)
def export(request, fmt):
    state = CatalogueFilter.from_query(request.GET)
    return export_response(state, fmt)
