"""The catalogue's facet counts on the database path, from sets of innovation ids held in
each worker's memory.

Counting thirteen facets under the other facets' selections took eight grouped queries per
uncached catalogue page, each re-filtering every innovation (about 20 ms of PostgreSQL and
10 ms of building queries at 10,000 innovations). The engine answers them from the values
it holds in memory; without an engine, this module holds the same: for each facet value the
set of the ids of the innovations that have it, read in a few queries once per publish (the
"catalogue" tag), view restriction or taxonomy edit (the generation), per language and per
day (whether an innovation needs an update depends on the date). A catalogue page then
counts with set intersections and runs no counting query.

The value sets come from the very conditions the queries filter and count with
(`filters.value_conditions`, evaluated by the database), so a count is what a click finds;
tests/innovations/test_facet_index.py compares both ways over many filter states. A text
search (`q`) is still counted by the database.
"""

from django.db.models import BooleanField, ExpressionWrapper
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import get_language

from core.cache import held, tags_digest

from .filters import CHOICE_FACETS, FACET_ORDER, TAXONOMY_FACETS, THROUGH, value_conditions
from .models import InnovationAward

EMPTY = frozenset()
# The facets that filter only when exactly one of their two values is ticked (filters.apply).
ONE_VALUE_FILTERS = frozenset({"digital", "replicated", "pemantauan"})
YEAR = "year"


class FacetIndex:
    """{facet: {value: frozenset of innovation ids}} of the innovations a state lists
    (`CatalogueFilter.base_queryset`): taxonomy values by primary key, choice values by
    their value, launch years by year."""

    def __init__(self, everything, values):
        self.all = everything
        self.values = values

    @classmethod
    def read(cls, state):
        base = state.base_queryset().order_by()
        flags = {}
        for name in CHOICE_FACETS:
            for value, condition in value_conditions(name).items():
                flags[(name, value)] = ExpressionWrapper(condition, output_field=BooleanField())
        aliases = {f"c{number}": key for number, key in enumerate(flags)}
        rows = base.annotate(
            launch_year=ExtractYear("launched_on"),
            **{alias: flags[key] for alias, key in aliases.items()},
        ).values_list("pk", "agency_id", "launch_year", *aliases)
        found = {name: {} for name in (*FACET_ORDER, YEAR)}
        # One int object per id, shared by every set it is in.
        ids = {}
        for pk, agency_id, year, *flagged in rows:
            ids[pk] = pk
            found["agency"].setdefault(agency_id, set()).add(pk)
            found[YEAR].setdefault(year, set()).add(pk)
            for (name, value), flag in zip(aliases.values(), flagged, strict=True):
                if flag:
                    found[name].setdefault(value, set()).add(pk)
        listed = base.values("pk")
        related = {
            name: model.objects.filter(innovationpage_id__in=listed).values_list(
                "innovationpage_id", column
            )
            for name, (model, column) in THROUGH.items()
        }
        related["award"] = InnovationAward.objects.filter(page_id__in=listed).values_list(
            "page_id", "award_id"
        )
        for name, pairs in related.items():
            for pk, value in pairs:
                if pk in ids:
                    found[name].setdefault(value, set()).add(ids[pk])
        values = {
            name: {value: frozenset(members) for value, members in by_value.items()}
            for name, by_value in found.items()
        }
        return cls(frozenset(ids), values)

    def _union(self, name, values):
        sets = self.values[name]
        chosen = [sets.get(value, EMPTY) for value in values]
        return frozenset().union(*chosen)

    def _passing(self, state):
        """{filter: the ids that pass it} of each filter `state` applies (filters.apply)."""
        passing = {}
        for name in FACET_ORDER:
            values = state.selected.get(name)
            if not values:
                continue
            if name in TAXONOMY_FACETS:
                passing[name] = self._union(name, state._ids.get(name, []))
            elif name in ONE_VALUE_FILTERS:
                if len(values) == 1:
                    passing[name] = self.values[name].get(values[0], EMPTY)
            else:
                passing[name] = self._union(name, values)
        if state.year_from or state.year_to:
            years = [year for year in self.values[YEAR] if state._in_year_range(year)]
            passing[YEAR] = self._union(YEAR, years)
        return passing

    def counts(self, state):
        """(facets, year counts) as `CatalogueFilter.counts(FACET_ORDER)` gives them: each
        facet counted under every filter but its own, the years under every filter but the
        year range."""
        passing = self._passing(state)
        matches = {}

        def without(name):
            key = name if name in passing else None
            if key not in matches:
                others = sorted((ids for other, ids in passing.items() if other != key), key=len)
                matches[key] = others[0].intersection(*others[1:]) if others else self.all
            return matches[key]

        facets = []
        for name in FACET_ORDER:
            listed = without(name)
            sets = self.values[name]
            if name in TAXONOMY_FACETS:
                counts = {pk: len(ids & listed) for pk, ids in sets.items()}
                facets.append(state.taxonomy_facet(name, counts))
            else:
                choices = CHOICE_FACETS[name]["choices"]
                counts = {value: len(sets.get(value, EMPTY) & listed) for value in choices}
                facets.append(state.choice_facet(name, counts))
        listed = without(YEAR)
        by_year = [(year, len(ids & listed)) for year, ids in sorted(self.values[YEAR].items())]
        return facets, [(year, count) for year, count in by_year if count]


def held_index(state):
    """The FacetIndex of the language read, held in this worker's memory until the next
    publish, view restriction or taxonomy edit, or the next day (core.cache.held)."""
    key = (tags_digest("catalogue"), timezone.localdate())
    return held(f"catalogue:facet-index:{get_language()}", key, lambda: FacetIndex.read(state))
