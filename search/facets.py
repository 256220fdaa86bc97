"""Facets with counts and facet filters over a ranked list of matches, in the database.

Each facet counts the matches that pass every *other* selected facet, so choosing a region
still shows how many matches each other region has. The number of queries does not depend on
the number of matches.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.cache import KEPT_SECONDS, derived, generation_key
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


@dataclass
class Item:
    """What the facets need to know about one match."""

    kind: str
    pk: int
    type_key: str = ""
    type_label: str = ""
    year: int | None = None
    regions: set = field(default_factory=set)
    sectors: set = field(default_factory=set)


@dataclass
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool


def type_key_for(model):
    return slugify(str(model._meta.verbose_name))


def describe(ranked):
    """Item for each (kind, pk) still published and public, in rank order; plus name maps."""
    page_ids = [pk for kind, pk in ranked if kind == "page"]
    regulation_ids = [pk for kind, pk in ranked if kind == "regulation"]
    items = {}
    if page_ids:
        rows = (
            public(Page.objects.live())
            .filter(pk__any=page_ids)
            .annotate(
                year=Coalesce(
                    ExtractYear("innovationpage__launched_on"), ExtractYear("first_published_at")
                )
            )
            .values_list("pk", "content_type", "year")
        )
        from django.contrib.contenttypes.models import ContentType

        types = {}
        for pk, content_type_id, year in rows:
            if content_type_id not in types:
                model = ContentType.objects.get_for_id(content_type_id).model_class()
                types[content_type_id] = model and (
                    type_key_for(model),
                    str(model._meta.verbose_name).capitalize(),
                )
            if types[content_type_id] is None:
                continue
            items[("page", pk)] = Item("page", pk, *types[content_type_id], year)
        through_regions = InnovationPage.regions.through.objects.filter(
            innovationpage_id__any=page_ids
        ).values_list("innovationpage_id", "region__slug", "region__name")
        region_names = {}
        for pk, slug, name in through_regions:
            if ("page", pk) in items:
                items[("page", pk)].regions.add(slug)
                region_names[slug] = name
        through_sectors = InnovationPage.sectors.through.objects.filter(
            innovationpage_id__any=page_ids
        ).values_list("innovationpage_id", "sector__slug", "sector__name")
        sector_names = {}
        for pk, slug, name in through_sectors:
            if ("page", pk) in items:
                items[("page", pk)].sectors.add(slug)
                sector_names[slug] = name
    else:
        region_names, sector_names = {}, {}
    if regulation_ids:
        label = str(Regulation._meta.verbose_name).capitalize()
        for pk, year in Regulation.objects.filter(pk__any=regulation_ids).values_list("pk", "year"):
            items[("regulation", pk)] = Item("regulation", pk, REGULATION_TYPE, label, year)
    ordered = [items[key] for key in ranked if key in items]
    return ordered, {"wilayah": region_names, "urusan": sector_names}


def _values(item, facet):
    if facet == "jenis":
        return {item.type_key}
    if facet == "wilayah":
        return item.regions
    if facet == "urusan":
        return item.sectors
    if facet == "tahun":
        return {str(item.year)} if item.year else set()
    return set()


def _passes(item, selected, skip=None):
    for facet, value in selected.items():
        if facet != skip and value and value not in _values(item, facet):
            return False
    return True


def count_facets(items, selected):
    """(items passing every selected facet, {facet: {value: count}}) over all `items`.

    Each facet counts the items that pass every *other* selected facet.
    """
    kept = [item for item in items if _passes(item, selected)]
    counts = {}
    for facet, _label in FACETS:
        counter = Counter()
        for item in items:
            if _passes(item, selected, skip=facet):
                counter.update(_values(item, facet))
        counts[facet] = dict(counter)
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
