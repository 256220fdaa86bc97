"""Filter backends of the public API (Django REST framework's filter_queryset protocol).

They run in the order an endpoint lists them: the endpoint's own filters (a django-filter
FilterSet declared by the domain app, or the catalogue's filter), then ordering, then
full-text search. The API is strict where the site is forgiving: a value the site would
drop with a notice is a 400 here, so a client never silently gets a wider result.
"""

import re

from django.http import QueryDict
from wagtail.api.v2.utils import BadRequestError
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from core.filters import MAX_VALUE_LENGTH, MAX_VALUES, split_values, values_are_bounded
from innovations.filters import FACET_ORDER, RANGE_PARAMETERS, CatalogueFilter
from search.catalogue import EngineResults, api_listing

from .access import public_scope

MAX_SEARCH_LENGTH = 200
PAGE_TYPE = re.compile(r"^[a-z_]+\.[A-Za-z]+$")
CATALOGUE_PARAMETERS = frozenset([*FACET_ORDER, *RANGE_PARAMETERS])


def bounded_values(request, name):
    values = split_values(request.GET, name)
    if not values_are_bounded(values):
        raise BadRequestError(
            f"{name}: at most {MAX_VALUES} values of at most {MAX_VALUE_LENGTH} characters"
        )
    return values


def filter_error(name, filter_, error):
    if error.code != "invalid_choice":
        return f"{name}: {' '.join(error.messages)}"
    message = f"unknown {name}: {error.params['value']}"
    if "choices" in filter_.extra:
        message += f" (allowed: {', '.join(filter_.allowed_values())})"
    return message


class FilterSetBackend:
    """The endpoint's `filterset_class`, strictly: any invalid value is a 400."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = getattr(view, "filterset_class", None)
        if filterset_class is None:
            return queryset
        for name in filterset_class.base_filters:
            if name in request.GET and not bounded_values(request, name):
                raise BadRequestError(f"{name}: give at least one value")
        filterset = filterset_class(request.GET, queryset=queryset, request=request)
        if not filterset.is_valid():
            messages = [
                filter_error(name, filterset.filters[name], error)
                for name, errors in filterset.form.errors.as_data().items()
                for error in errors
            ]
            raise BadRequestError("; ".join(messages))
        return filterset.qs


class CatalogueFilterBackend:
    """The catalogue's own filter, with its parameter names and identifiers (BPS codes,
    slugs, SDG numbers, stored choice values), strictly: a value it would drop is a 400."""

    parameters = CATALOGUE_PARAMETERS

    def filter_queryset(self, request, queryset, view):
        params = QueryDict(mutable=True)
        for name in CATALOGUE_PARAMETERS:
            if name in request.GET:
                params.setlist(name, bounded_values(request, name))
        selection = CatalogueFilter(params)
        if selection.notices:
            raise BadRequestError(
                "invalid filter, nothing returned: "
                + " ".join(str(notice) for notice in selection.notices)
            )
        view.catalogue_selection = selection  # for EngineListingBackend
        return selection.apply(queryset)


def requested_order(request, view):
    """The validated ?order= value, or '' for the endpoint's default order."""
    raw = request.GET.get("order", "").strip()
    if raw and raw.removeprefix("-") not in view.orderings:
        raise BadRequestError(
            "cannot order by '{}' (allowed: {}, each optionally prefixed with -)".format(
                raw, ", ".join(view.orderings)
            )
        )
    return raw


def ordering(request, view, model):
    """The order_by() arguments of the requested or default order, ties broken by id."""
    raw = requested_order(request, view)
    if raw:
        return (raw, "pk")
    return (*(view.default_order or model._meta.ordering), "pk")


class OrderingBackend:
    """?order=name or -name among the endpoint's `orderings`; ties broken by id."""

    def filter_queryset(self, request, queryset, view):
        return queryset.order_by(*ordering(request, view, queryset.model))


class SearchBackend:
    """?search=: full-text search over the filtered queryset, by relevance unless ordered."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        query = request.GET["search"].strip()
        if not query:
            raise BadRequestError("search must not be empty")
        if len(query) > MAX_SEARCH_LENGTH or "\x00" in query:
            raise BadRequestError(f"search must be at most {MAX_SEARCH_LENGTH} characters")
        order = requested_order(request, view)
        if view.filter_parameters & set(request.GET):
            # The search backend cannot filter on many-to-many relations (modelsearch#100):
            # hand it a queryset narrowed by primary key instead of the relation filters.
            pks = list(queryset.values_list("pk", flat=True))
            narrowed = queryset.model.objects.filter(pk__in=pks)
        else:
            # Only the endpoint's scope (live, the site's tree, no private section): fields
            # every page is indexed with, so the backend filters them itself. Narrowing by
            # the ids of every innovation cost 160 ms at 10,000 of them.
            narrowed = queryset.order_by()
        if order:
            # The search backend sorts by indexed fields only: no primary-key tie-breaker.
            narrowed = narrowed.order_by(order)
        try:
            return get_search_backend().search(
                query, narrowed, operator="and", order_by_relevance=not order
            )
        except (FilterFieldError, OrderByFieldError) as e:
            raise BadRequestError(f"search results cannot be ordered by '{order}'") from e


class EngineListingBackend:
    """Last: the catalogue filter's listing from the search engine when one is configured
    (search.catalogue.api_listing): the requested page of ids in order and the total in one
    request, the items then loaded by id. ?search= and any engine failure are answered by the
    database, with the same ids, order and total (tests/search/test_catalogue_parity.py)."""

    def filter_queryset(self, request, queryset, view):
        selection = getattr(view, "catalogue_selection", None)
        root, private = public_scope(request)
        if "search" in request.GET or selection is None or root is None:
            return queryset
        listing = api_listing(selection, ordering(request, view, queryset.model), root, private)
        if listing is None:
            return queryset
        if getattr(view, "item_tag", None) is None:
            return EngineResults(
                listing,
                load=lambda pages: pages,
                database=lambda: queryset,
                window=view.paginator.window(request),
            )
        # An endpoint that keeps its items' representations pages through ids (api.kept).
        return EngineResults(
            listing,
            load=None,
            rows=lambda ids: {pk: pk for pk in ids},
            database=lambda: queryset.values_list("pk", flat=True),
            window=view.paginator.window(request),
        )


class PageTreeBackend:
    """?child_of=<id> within the public pages, in tree order (Wagtail's queryset reads ?type=)."""

    def filter_queryset(self, request, queryset, view):
        if "child_of" in request.GET:
            raw = request.GET["child_of"]
            if not raw.isascii() or not raw.isdigit() or len(raw) > 12:
                raise BadRequestError("child_of must be a page id")
            parent = view.get_base_queryset().filter(pk=int(raw)).first()
            if parent is None:
                raise BadRequestError("child_of: no public page has this id")
            queryset = queryset.child_of(parent)
        return queryset.order_by("path")
