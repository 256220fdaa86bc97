"""Facets with counts and facet filters over a ranked list of matches, on the database path.

Each facet counts the matches that pass every *other* selected facet, so choosing a region
still shows how many matches each other region has. What is counted (each published page's
type, year, regions and sectors) is held in the worker's memory until the next publish
(`page_items`); a regulation's year is read per search. No query depends on the number of
matches.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import OuterRef
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.cache import CONTENT, KEPT_SECONDS, derived, generation_key, held, tags_digest
from core.routing import public
from innovations.models import InnovationPage, Region, Sector
from publications.models import Regulation

FACETS = (
    ("jenis", _("Jenis konten")),
    ("wilayah", _("Wilayah")),
    ("urusan", _("Urusan")),
    ("tahun", _("Tahun")),
)
REGULATION_TYPE = "regulasi"


@dataclass(frozen=True, slots=True)
class Item:
    """What the facets need to know about one match (shared: never changed)."""

    kind: str
    pk: int
    type_key: str = ""
    type_label: str = ""
    year: int | None = None
    regions: tuple = ()
    sectors: tuple = ()


@dataclass
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool


def type_key_for(model):
    return slugify(str(model._meta.verbose_name))


def _page_type(content_type_id, types):
    """(type key, label) of a content type, None for a model that no longer exists."""
    if content_type_id not in types:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        types[content_type_id] = model and (
            type_key_for(model),
            str(model._meta.verbose_name).capitalize(),
        )
    return types[content_type_id]


def _read_page_facts():
    """{pk: (content type id, year, region slugs, sector slugs)} of every published, public
    page: on PostgreSQL in one query, elsewhere with the regions and sectors read from their
    own tables."""
    pages = (
        public(Page.objects.live())
        .annotate(
            year=Coalesce(
                ExtractYear("innovationpage__launched_on"), ExtractYear("first_published_at")
            )
        )
        .order_by()
    )
    through = {
        "regions": (InnovationPage.regions.through.objects, "region_id"),
        "sectors": (InnovationPage.sectors.through.objects, "sector_id"),
    }
    if connections[pages.db].vendor == "postgresql":
        arrays = {
            name: ArraySubquery(
                related.filter(innovationpage_id=OuterRef("pk")).values_list(column, flat=True)
            )
            for name, (related, column) in through.items()
        }
        rows = pages.annotate(**arrays).values_list(
            "pk", "content_type", "year", "regions", "sectors"
        )
    else:
        found = {name: defaultdict(list) for name in through}
        for name, (related, column) in through.items():
            for pk, value in related.values_list("innovationpage_id", column):
                found[name][pk].append(value)
        rows = [
            (pk, content_type_id, year, found["regions"][pk], found["sectors"][pk])
            for pk, content_type_id, year in pages.values_list("pk", "content_type", "year")
        ]
    slugs = {
        "wilayah": dict(Region.objects.values_list("pk", "slug")),
        "urusan": dict(Sector.objects.values_list("pk", "slug")),
    }
    # Pages share their region and sector tuples: thousands of pages, a few hundred sets.
    shared = {}

    def named(ids, names):
        found = tuple(names[pk] for pk in ids if pk in names)
        return shared.setdefault(found, found)

    return {
        pk: (
            content_type_id,
            year,
            named(regions, slugs["wilayah"]),
            named(sectors, slugs["urusan"]),
        )
        for pk, content_type_id, year, regions, sectors in rows
    }


def page_items():
    """{pk: Item} of every published, public page in the language read, held in this
    worker's own memory until the next publish, view restriction or taxonomy edit.

    A broad search describes thousands of matches (the engine holds its documents' facet
    values in memory likewise), and reading them took a query over all their ids, as long
    again as the search itself, then an Item each. Not in the shared cache: unpickling
    thousands of rows would cost what the query does. The tokens are read before the pages,
    so a publish meanwhile leaves these under superseded tokens."""
    key = tags_digest(CONTENT)
    facts = held("search:page-facts", key, _read_page_facts)

    def items():
        types = {}
        found = {}
        for pk, (content_type_id, year, regions, sectors) in facts.items():
            page_type = _page_type(content_type_id, types)
            if page_type is not None:
                found[pk] = Item("page", pk, *page_type, year, regions, sectors)
        return found

    return held(f"search:page-items:{get_language()}", key, items)


def describe(ranked):
    """Item for each (kind, pk) still published and public, in rank order; plus name maps."""
    regulation_ids = [pk for kind, pk in ranked if kind == "regulation"]
    items = {}
    if regulation_ids:
        label = str(Regulation._meta.verbose_name).capitalize()
        for pk, year in Regulation.objects.filter(pk__any=regulation_ids).values_list("pk", "year"):
            items[pk] = Item("regulation", pk, REGULATION_TYPE, label, year)
    pages = page_items() if len(regulation_ids) < len(ranked) else {}
    ordered = []
    for kind, pk in ranked:
        item = (pages if kind == "page" else items).get(pk)
        if item is not None:
            ordered.append(item)
    names = facet_names()
    return ordered, {"wilayah": names["wilayah"], "urusan": names["urusan"]}


def _count(facet, items):
    """{value: items having it} of one facet."""
    if facet == "jenis":
        return dict(Counter(map(attrgetter("type_key"), items)))
    if facet == "wilayah":
        return dict(Counter(chain.from_iterable(map(attrgetter("regions"), items))))
    if facet == "urusan":
        return dict(Counter(chain.from_iterable(map(attrgetter("sectors"), items))))
    years = Counter(map(attrgetter("year"), items))
    return {str(year): count for year, count in years.items() if year}


def _has(item, facet, value):
    """Whether `item` has `value` in `facet`."""
    if facet == "jenis":
        return item.type_key == value
    if facet == "wilayah":
        return value in item.regions
    if facet == "urusan":
        return value in item.sectors
    if facet == "tahun":
        return bool(item.year) and str(item.year) == value
    return False


def count_facets(items, selected):
    """(items passing every selected facet, {facet: {value: count}}) over all `items`.

    Each facet counts the items that pass every *other* selected facet: an item that
    fails one selected facet still counts under that facet, one that fails two counts
    nowhere.
    """
    selected = {facet: value for facet, value in selected.items() if value}
    kept = []
    # The items that fail only this facet's selection.
    failing_only = {facet: [] for facet in selected}
    for item in items:
        failed = [facet for facet, value in selected.items() if not _has(item, facet, value)]
        if not failed:
            kept.append(item)
        elif len(failed) == 1:
            failing_only[failed[0]].append(item)
    counts = {facet: _count(facet, kept + failing_only.get(facet, [])) for facet, _label in FACETS}
    return kept, counts


def _type_labels():
    labels = {REGULATION_TYPE: str(Regulation._meta.verbose_name).capitalize()}
    for model in apps.get_models():
        if issubclass(model, Page):
            labels.setdefault(type_key_for(model), str(model._meta.verbose_name).capitalize())
    return labels


def facet_names():
    """{facet: {key: label}} of every content type, region and sector, in the language read,
    kept per generation: the search page names the values it counts without a query."""

    def read():
        return {
            "jenis": _type_labels(),
            "wilayah": dict(Region.objects.values_list("slug", "name")),
            "urusan": dict(Sector.objects.values_list("slug", "name")),
        }

    key = generation_key("search", "facet-names", get_language())
    return derived.get_or_set(key, read, KEPT_SECONDS)


def build_facets(counts, selected):
    """[(facet, label, [FacetValue])] from counts, named by `facet_names`."""
    names = facet_names()
    facets = []
    for facet, label in FACETS:
        labels = names.get(facet, {})
        values = [
            FacetValue(key, labels.get(key, key), count, selected.get(facet) == key)
            for key, count in counts.get(facet, {}).items()
            if count
        ]
        if facet == "tahun":
            values.sort(key=lambda value: value.key, reverse=True)
        else:
            values.sort(key=lambda value: (-value.count, str(value.label)))
        if values:
            facets.append((facet, label, values))
    return facets


def catalogue_facets():
    """Sectors and regions with published innovations, for the zero-result page."""
    sectors = Sector.objects.filter(innovations__live=True).distinct().order_by("name")[:8]
    regions = Region.objects.filter(innovations__live=True).distinct().order_by("name")[:8]
    return {"sectors": list(sectors), "regions": list(regions)}
