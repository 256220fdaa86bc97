"""Every filter, facet and sort of the catalogue and the API has its engine form, so the
engine answers any catalogue state and any API listing (search.catalogue): a facet or sort
added to innovations.filters or innovations.api without one fails here, not in production."""

from innovations.api import ORDERINGS
from innovations.filters import FACET_ORDER, SORTS
from search.catalogue import API_SORT_FIELDS, CONDITION_FACETS, ENGINE_SORTS, PAGE_FILTER_FIELDS
from search.documents import CATALOGUE_FIELDS


def test_every_catalogue_facet_is_indexed():
    assert set(FACET_ORDER) == set(CATALOGUE_FIELDS) | set(CONDITION_FACETS)


def test_every_catalogue_sort_has_an_engine_order():
    assert set(ENGINE_SORTS) == set(SORTS)


def test_every_api_order_has_an_engine_field():
    assert set(ORDERINGS) <= set(API_SORT_FIELDS) | set(PAGE_FILTER_FIELDS)
