"""Parsing and applying the catalogue's filters, shared by the catalogue, the API and exports.

`CatalogueFilter(request.GET)` reads the query string once. Values it cannot use are
dropped and described in `notices` (shown to people, returned by the API); they never
raise. `apply()` filters a queryset of InnovationPage, `facets()` counts every facet
in a fixed number of grouped queries, and `querystring()` builds shareable URLs.

Within one facet the selected values are alternatives (OR); different facets narrow
the result (AND). A facet's counts ignore that facet's own selection so that people can
see what ticking another value would add.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, Q, Value, When
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.cache import derived, generation_key
from core.i18n import in_active_language

from .models import (
    BUDGET_BANDS,
    Agency,
    Award,
    InnovationAward,
    InnovationPage,
    Region,
    Sector,
    SustainableDevelopmentGoal,
)

MAX_VALUES_PER_PARAMETER = 40
MAX_VALUE_LENGTH = 100
MAX_QUERY_LENGTH = 200
MAX_AGENCY_OPTIONS = 25
MIN_YEAR = 1990
YES, NO = "ya", "tidak"
NEEDS_UPDATE, UP_TO_DATE = "perlu-pembaruan", "terpantau"
PAGE_SIZES = (12, 24, 48)
DEFAULT_PAGE_SIZE = PAGE_SIZES[0]

# A visitor looking for practice to copy wants what is running and checked before ideas:
# implemented with a verified monitoring report, implemented, on trial, then initiatives;
# within each, the most recently verified, then the newest. Migration 0010 indexes this
# expression on PostgreSQL: change both together.
PROVEN_RANK = Case(
    When(stage=InnovationPage.Stage.IMPLEMENTATION, last_verified_on__isnull=False, then=Value(0)),
    When(stage=InnovationPage.Stage.IMPLEMENTATION, then=Value(1)),
    When(stage=InnovationPage.Stage.TRIAL, then=Value(2)),
    default=Value(3),
)


def proven_rank(page):
    """PROVEN_RANK of one innovation, for the engine's copy of the order (search.documents)."""
    if page.stage == InnovationPage.Stage.IMPLEMENTATION:
        return 0 if page.last_verified_on is not None else 1
    return 2 if page.stage == InnovationPage.Stage.TRIAL else 3


SORTS = {
    "terbukti": (
        _("Terbukti lebih dulu"),
        (
            PROVEN_RANK.asc(),
            F("last_verified_on").desc(nulls_last=True),
            F("launched_on").desc(nulls_last=True),
            "-pk",
        ),
    ),
    "terbaru": (_("Terbaru diluncurkan"), ("-launched_on", "-pk")),
    "az": (_("Nama A–Z"), ("title", "pk")),
    "replikasi": (_("Paling banyak direplikasi"), ("-replication_count", "title", "pk")),
    # Counts kept by the replication app (replication/stats.py).
    "diminati": (_("Paling banyak diminta replikasi"), ("-request_count", "title", "pk")),
    "terverifikasi": (
        _("Paling banyak replikasi terverifikasi"),
        ("-verified_replication_count", "title", "pk"),
    ),
    # Pages never published through a revision have no date: last on every database
    # (PostgreSQL would put NULLs first in a descending sort).
    "diperbarui": (
        _("Terakhir diperbarui"),
        (F("last_published_at").desc(nulls_last=True), "-pk"),
    ),
}
DEFAULT_SORT = "terbukti"

BPS_CODE = re.compile(r"^\d{2}(\.\d{2})?$")
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


def printable(value):
    """The value without control and format characters (a NUL byte is an error on PostgreSQL)."""
    if value.isprintable():
        return value
    return "".join(" " if unicodedata.category(char)[0] == "C" else char for char in value)


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)
    limit: int | None = None  # when set, only the top `limit` values are listed

    @property
    def parameter(self):
        """The name of this facet in the public query string."""
        return PUBLIC_NAMES.get(self.name, self.name)

    @property
    def visible_options(self):
        """Values that would find something, and the ticked ones even if they no longer do."""
        return [option for option in self.options if option.count or option.selected]

    @property
    def selected_count(self):
        return sum(1 for option in self.options if option.selected)


def _choice_facet(name, label, choices):
    return {"name": name, "label": label, "choices": dict(choices)}


# The facets in the order the catalogue shows them. Taxonomy facets resolve their values
# against the database; choice facets against a fixed list.
CHOICE_FACETS = {
    "stage": _choice_facet("stage", _("Tahapan"), InnovationPage.Stage.choices),
    "form": _choice_facet("form", _("Bentuk inovasi"), InnovationPage.Form.choices),
    "digital": _choice_facet(
        "digital", _("Digital"), [(YES, _("Digital")), (NO, _("Non-digital"))]
    ),
    "replicated": _choice_facet(
        "replicated",
        _("Replikasi"),
        [(YES, _("Sudah direplikasi")), (NO, _("Belum direplikasi"))],
    ),
    # Overlapping values (a visited innovation was also asked for): counted apart.
    "minat": _choice_facet(
        "minat",
        _("Minat replikasi"),
        [
            ("diminta", _("Pernah diminta replikasi/kaji tiru")),
            ("dikunjungi", _("Pernah dikunjungi untuk kaji tiru")),
            ("terverifikasi", _("Replikasinya terverifikasi")),
        ],
    ),
    "budget": _choice_facet(
        "budget", _("Biaya per tahun"), [(band.key, band.label) for band in BUDGET_BANDS]
    ),
    "status": _choice_facet("status", _("Status"), InnovationPage.Status.choices),
    # No verified monitoring report for a period plus the grace days (monitoring/).
    "pemantauan": _choice_facet(
        "pemantauan",
        _("Pemantauan"),
        [(NEEDS_UPDATE, _("Perlu pembaruan")), (UP_TO_DATE, _("Terpantau"))],
    ),
}

TAXONOMY_FACETS = {
    # name: (label, model, lookup field, pattern the value must match)
    "region": (_("Wilayah"), Region, "bps_code", BPS_CODE),
    "agency": (_("Instansi"), Agency, "slug", SLUG),
    "sector": (_("Urusan pemerintahan"), Sector, "slug", SLUG),
    "sdg": (_("TPB/SDG"), SustainableDevelopmentGoal, "number", re.compile(r"^\d{1,2}$")),
    "award": (_("Penghargaan"), Award, "slug", SLUG),
}

FACET_ORDER = [
    "region",
    "agency",
    "sector",
    "sdg",
    "stage",
    "form",
    "digital",
    "award",
    "replicated",
    "minat",
    "budget",
    "status",
    "pemantauan",
]
INTEREST_COUNTERS = {
    "diminta": "request_count",
    "dikunjungi": "visit_count",
    "terverifikasi": "verified_replication_count",
}
# The taxonomy facets stored in a many-to-many table: (through model, taxonomy column).
THROUGH = {
    "region": (InnovationPage.regions.through, "region_id"),
    "sector": (InnovationPage.sectors.through, "sector_id"),
    "sdg": (InnovationPage.sdgs.through, "sustainabledevelopmentgoal_id"),
}
TAXONOMY_SECONDS = 24 * 3600
RANGE_PARAMETERS = ("year_from", "year_to")
OTHER_PARAMETERS = ("q", "sort", "page", "per_page")
KNOWN_PARAMETERS = set(FACET_ORDER) | set(RANGE_PARAMETERS) | set(OTHER_PARAMETERS)
# The catalogue's public query parameters are Indonesian; the views answer the old English
# names with a 301 (core/query.py). Inside, and in the API (a documented contract), the
# English names stay.
PUBLIC_NAMES = {
    "region": "wilayah",
    "agency": "instansi",
    "sector": "urusan",
    "sdg": "tpb",
    "stage": "tahap",
    "form": "bentuk",
    "award": "penghargaan",
    "replicated": "direplikasi",
    "budget": "anggaran",
    "year_from": "tahun_dari",
    "year_to": "tahun_sampai",
    "sort": "urutan",
    "page": "halaman",
    "per_page": "per_halaman",
}
INTERNAL_NAMES = {public: name for name, public in PUBLIC_NAMES.items()}


def internal_query(query):
    """A public catalogue query string with the internal parameter names."""
    renamed = QueryDict(mutable=True)
    for name, values in query.lists():
        renamed.setlist(INTERNAL_NAMES.get(name, name), values)
    return renamed


class CatalogueFilter:
    """The state of one catalogue view: selected facet values, year range, text, sort, page."""

    def __init__(self, params=None, names=None):
        params = params if params is not None else QueryDict()
        self.names = names or {}  # parameter names as the notices show them
        self.notices = []
        self.selected = {}  # facet name -> list of string values, in request order
        self._ids = {}  # taxonomy facet name -> list of primary keys
        self._labels = {}  # taxonomy facet name -> {value: label}
        self._base = None
        self._counted = None  # (facets, year counts), once counted
        self._matches = {}  # the facet left out (None: none) -> queryset of the other filters
        self._taxonomy_options = None
        unknown = sorted(key for key in params if key not in KNOWN_PARAMETERS)
        if unknown:
            self.notice(_("Parameter tidak dikenal diabaikan: %(names)s."), names=unknown)
        for name in FACET_ORDER:
            values = self._values(params, name)
            if not values:
                continue
            if name in TAXONOMY_FACETS:
                self._parse_taxonomy(name, values)
            else:
                self._parse_choices(name, values)
        self.year_from = self._year(params, "year_from")
        self.year_to = self._year(params, "year_to")
        if self.year_from and self.year_to and self.year_from > self.year_to:
            self.notice(
                _("Tahun awal %(start)s lebih besar dari tahun akhir %(end)s; keduanya ditukar."),
                start=self.year_from,
                end=self.year_to,
            )
            self.year_from, self.year_to = self.year_to, self.year_from
        self.q = self._single(params, "q", MAX_QUERY_LENGTH)
        self.sort = self._single(params, "sort", MAX_VALUE_LENGTH) or DEFAULT_SORT
        if self.sort not in SORTS:
            self.notice(
                _("Urutan “%(value)s” tidak dikenal; memakai urutan bawaan."), value=self.sort
            )
            self.sort = DEFAULT_SORT
        self.per_page = DEFAULT_PAGE_SIZE
        per_page = self._single(params, "per_page", 4)
        if per_page:
            if per_page.isdigit() and int(per_page) in PAGE_SIZES:
                self.per_page = int(per_page)
            else:
                self.notice(
                    _("Jumlah per halaman “%(value)s” tidak tersedia; memakai %(size)s."),
                    value=per_page,
                    size=DEFAULT_PAGE_SIZE,
                )
        self.page = self._single(params, "page", 12) or "1"

    # Parsing

    @classmethod
    def from_query(cls, query):
        """The state of a public catalogue URL (Indonesian parameter names)."""
        return cls(internal_query(query), names=PUBLIC_NAMES)

    def notice(self, message, **values):
        if "name" in values:
            values["name"] = self.names.get(values["name"], values["name"])
        if values:
            values = {
                key: ", ".join(str(item) for item in value) if isinstance(value, list) else value
                for key, value in values.items()
            }
            message = message % values
        if message not in self.notices:
            self.notices.append(str(message))

    def _values(self, params, name):
        raw = params.getlist(name)
        if len(raw) > MAX_VALUES_PER_PARAMETER:
            self.notice(
                _("Terlalu banyak nilai untuk “%(name)s”; hanya %(limit)s yang pertama dipakai."),
                name=name,
                limit=MAX_VALUES_PER_PARAMETER,
            )
            raw = raw[:MAX_VALUES_PER_PARAMETER]
        values = []
        for value in raw:
            value = printable(value).strip()
            if value and value not in values:
                values.append(value[: MAX_VALUE_LENGTH + 1])
        return values

    def _single(self, params, name, max_length):
        values = params.getlist(name)
        if len(values) > 1:
            self.notice(
                _("“%(name)s” diberikan lebih dari sekali; yang pertama dipakai."), name=name
            )
        value = " ".join(printable(values[0] if values else "").split())
        if len(value) > max_length:
            self.notice(_("Nilai “%(name)s” terlalu panjang dan dipotong."), name=name)
            value = value[:max_length]
        return value

    def _parse_choices(self, name, values):
        choices = CHOICE_FACETS[name]["choices"]
        valid = [value for value in values if value in choices]
        invalid = [value for value in values if value not in choices]
        if invalid:
            self._invalid(name, invalid)
        if valid:
            self.selected[name] = valid

    def _parse_taxonomy(self, name, values):
        pattern = TAXONOMY_FACETS[name][3]
        well_formed = {value for value in values if pattern.match(value)}
        found = {}
        if well_formed:
            # Every row of the taxonomies, kept per generation and language: the facets
            # counted below read them too.
            if self._taxonomy_options is None:
                self._taxonomy_options = taxonomy_options()
            found = {
                value: (pk, label)
                for pk, value, label in self._taxonomy_options[name]
                if value in well_formed
            }
        valid = [value for value in values if value in found]
        invalid = [value for value in values if value not in found]
        if invalid:
            self._invalid(name, invalid)
        if valid:
            self.selected[name] = valid
            self._ids[name] = [found[value][0] for value in valid]
            self._labels[name] = {value: found[value][1] for value in valid}

    def _invalid(self, name, values):
        shown = [value if len(value) <= 40 else value[:40] + "…" for value in values[:5]]
        self.notice(
            _("Nilai filter “%(name)s” tidak dikenal dan diabaikan: %(values)s."),
            name=name,
            values=shown,
        )

    def _year(self, params, name):
        value = self._single(params, name, 8)
        if not value:
            return None
        this_year = datetime.date.today().year
        if value.isdigit() and MIN_YEAR <= int(value) <= this_year:
            return int(value)
        self.notice(
            _("Tahun “%(value)s” tidak valid (%(low)s–%(high)s) dan diabaikan."),
            value=value,
            low=MIN_YEAR,
            high=this_year,
        )
        return None

    # State

    @property
    def is_filtered(self):
        return bool(self.selected or self.year_from or self.year_to or self.q)

    def label_for(self, name, value):
        if name in TAXONOMY_FACETS:
            return self._labels.get(name, {}).get(value, value)
        return str(CHOICE_FACETS[name]["choices"].get(value, value))

    def active_filters(self):
        """(label, URL without that value) for every active filter, for the 'remove' links."""
        active = []
        for name in FACET_ORDER:
            for value in self.selected.get(name, []):
                remaining = [other for other in self.selected[name] if other != value]
                active.append((self.label_for(name, value), self.querystring(**{name: remaining})))
        if self.year_from:
            label = _("Sejak %(year)s") % {"year": self.year_from}
            active.append((label, self.querystring(year_from=None)))
        if self.year_to:
            label = _("Sampai %(year)s") % {"year": self.year_to}
            active.append((label, self.querystring(year_to=None)))
        if self.q:
            active.append((f"“{self.q}”", self.querystring(q=None)))
        return active

    def params(self, include_sort=True):
        """The normalised state as (name, value) pairs, in a stable order."""
        pairs = []
        for name in FACET_ORDER:
            pairs += [(name, value) for value in self.selected.get(name, [])]
        if self.year_from:
            pairs.append(("year_from", str(self.year_from)))
        if self.year_to:
            pairs.append(("year_to", str(self.year_to)))
        if self.q:
            pairs.append(("q", self.q))
        if include_sort:
            if self.sort != DEFAULT_SORT:
                pairs.append(("sort", self.sort))
            if self.per_page != DEFAULT_PAGE_SIZE:
                pairs.append(("per_page", str(self.per_page)))
        return pairs

    def querystring(self, **changes):
        """A query string ('?…' or '') for this state with some parameters replaced.

        A change to anything but the page number starts again at page one.
        """
        pairs = [(name, value) for name, value in self.params() if name not in changes]
        for name, value in changes.items():
            if value is None:
                continue
            values = value if isinstance(value, list | tuple) else [value]
            pairs += [(name, str(item)) for item in values]
        encoded = urlencode([(PUBLIC_NAMES.get(name, name), value) for name, value in pairs])
        return f"?{encoded}" if encoded else "?"

    # Querying

    def base_queryset(self):
        # public() reads the view restrictions with a query; do it once per request.
        if self._base is None:
            self._base = in_active_language(InnovationPage.objects.live().public())
        return self._base

    def apply(self, queryset=None, exclude=None):
        """Filter by every selected facet except `exclude`, by year range and by text."""
        queryset = self.base_queryset() if queryset is None else queryset
        for name in FACET_ORDER:
            values = self.selected.get(name)
            if not values or name == exclude:
                continue
            if name in THROUGH:
                model, column = THROUGH[name]
                pages = model.objects.filter(**{f"{column}__in": self._ids[name]})
                queryset = queryset.filter(pk__in=pages.values("innovationpage_id"))
            elif name == "agency":
                queryset = queryset.filter(agency_id__in=self._ids[name])
            elif name == "award":
                pages = InnovationAward.objects.filter(award_id__in=self._ids[name])
                queryset = queryset.filter(pk__in=pages.values("page_id"))
            elif name == "digital":
                if len(values) == 1:
                    queryset = queryset.filter(is_digital=values[0] == YES)
            elif name == "replicated":
                if len(values) == 1:
                    condition = Q(replication_count__gt=0)
                    queryset = queryset.filter(condition if values[0] == YES else ~condition)
            elif name == "minat":
                condition = Q(pk__in=[])
                for value in values:
                    condition |= Q(**{f"{INTEREST_COUNTERS[value]}__gt": 0})
                queryset = queryset.filter(condition)
            elif name == "pemantauan":
                if len(values) == 1:
                    stale = InnovationPage.needs_update_q()
                    queryset = queryset.filter(stale if values[0] == NEEDS_UPDATE else ~stale)
            elif name == "budget":
                queryset = queryset.filter(self._budget_q(values))
            else:
                queryset = queryset.filter(**{f"{name}__in": values})
        if exclude != "year":
            if self.year_from:
                queryset = queryset.filter(launched_on__gte=datetime.date(self.year_from, 1, 1))
            if self.year_to:
                queryset = queryset.filter(launched_on__lte=datetime.date(self.year_to, 12, 31))
        if self.q:
            for word in self.q.split()[:8]:
                queryset = queryset.filter(
                    Q(title__icontains=word)
                    | Q(tagline__icontains=word)
                    | Q(summary__icontains=word)
                )
        return queryset

    @staticmethod
    def _budget_q(values):
        condition = Q(pk__in=[])
        for band in BUDGET_BANDS:
            if band.key not in values:
                continue
            if band.unknown:
                condition |= Q(cost__isnull=True)
                continue
            band_q = Q(cost__isnull=False)
            if band.low is not None:
                band_q &= Q(cost__gte=band.low)
            if band.high is not None:
                band_q &= Q(cost__lt=band.high)
            condition |= band_q
        return condition

    def ordered(self, queryset):
        return queryset.order_by(*SORTS[self.sort][1])

    def sort_options(self):
        return [(key, label, key == self.sort) for key, (label, _ordering) in SORTS.items()]

    # Facet counts: a fixed number of grouped queries, whatever the number of innovations

    def facets(self):
        """Every facet with its counts, each counted under the other facets' selections."""
        return self._all_counts()[0]

    def year_counts(self):
        """Launch years present under the other filters, with counts, oldest first."""
        return self._all_counts()[1]

    def _all_counts(self):
        if self._counted is None:
            if self.q:
                # A text search is counted by the database (facet_index holds no text).
                self._counted = self.counts(FACET_ORDER)
            else:
                from .facet_index import held_index

                self._counted = held_index(self).counts(self)
        return self._counted

    def counts(self, names, years=True):
        """(the facets `names`, in that order, and the year counts, or None without `years`).

        The choice facets nobody ticked share the same matches (every filter applies), so
        they are counted together, per launch year, in one query that gives the year counts
        too; each ticked facet is counted in its own query under the other filters; each
        taxonomy facet in one grouped query of its ids. The taxonomies' own rows are kept
        per generation (taxonomy_options).
        """
        shared = [name for name in names if name in CHOICE_FACETS and name not in self.selected]
        by_year, shared_counts = self._counts_by_year(shared) if shared or years else ([], {})
        facets = []
        for name in names:
            if name in TAXONOMY_FACETS:
                facets.append(self.taxonomy_facet(name, self._taxonomy_counts(name)))
            elif name in shared:
                facets.append(self.choice_facet(name, shared_counts[name]))
            else:
                facets.append(self.choice_facet(name, self._choice_counts(name)))
        return facets, by_year if years else None

    def _matches_without(self, name):
        """apply(exclude=name), built once for all the facets (and the years) that have no
        selection of their own: they all count the matches of every filter."""
        ticked = name in self.selected or (name == "year" and (self.year_from or self.year_to))
        key = name if ticked else None
        if key not in self._matches:
            self._matches[key] = self.apply(exclude=key)
        return self._matches[key]

    def _taxonomy_counts(self, name):
        """{taxonomy pk: matches} under every selected filter but this facet's."""
        filtered = self._matches_without(name)
        if name == "agency":
            grouped = filtered.values_list("agency_id").annotate(n=Count("pk"))
        elif name == "award":
            # An innovation can hold the same award in several years: count it once.
            grouped = (
                InnovationAward.objects.filter(page_id__in=filtered.values("pk"))
                .values_list("award_id")
                .annotate(n=Count("page_id", distinct=True))
            )
        else:
            model, column = THROUGH[name]
            grouped = (
                model.objects.filter(innovationpage_id__in=filtered.values("pk"))
                .values_list(column)
                .annotate(n=Count("pk"))
            )
        return dict(grouped.order_by())

    def taxonomy_facet(self, name, counts):
        """A taxonomy facet from its counts ({pk: matches}): every value, or for agencies the
        ticked ones and those with most matches."""
        label = TAXONOMY_FACETS[name][0]
        selected = self.selected.get(name, [])
        facet = Facet(name, label)
        if self._taxonomy_options is None:
            self._taxonomy_options = taxonomy_options()
        options = list(self._taxonomy_options[name])
        if name == "agency":
            # Hundreds of agencies: list the ticked ones and those with most matches.
            ticked = set(self._ids.get(name, []))
            options = [option for option in options if counts.get(option[0]) or option[0] in ticked]
            options.sort(
                key=lambda option: (-(option[0] in ticked), -counts.get(option[0], 0), option[2])
            )
            options = options[:MAX_AGENCY_OPTIONS]
            facet.limit = MAX_AGENCY_OPTIONS
        for pk, value, text in options:
            facet.options.append(FacetOption(value, text, counts.get(pk, 0), value in selected))
        return facet

    def _choice_counts(self, name):
        """{value: matches} of one choice facet under every selected filter but its own."""
        conditions = value_conditions(name)
        aliases = {f"c{number}": value for number, value in enumerate(conditions)}
        totals = self._matches_without(name).aggregate(
            **{alias: Count("pk", filter=conditions[value]) for alias, value in aliases.items()}
        )
        return {value: totals[alias] for alias, value in aliases.items()}

    def _counts_by_year(self, names):
        """([(launch year, matches)] under every filter but the year range, {facet: {value:
        matches}} of the choice facets `names` under every filter), in one grouped query."""
        columns = {}
        for name in names:
            for value, condition in value_conditions(name).items():
                columns[f"c{len(columns)}"] = (name, value, condition)
        rows = (
            self._matches_without("year")
            .annotate(year=ExtractYear("launched_on"))
            .values("year")
            .annotate(
                n=Count("pk"),
                **{
                    alias: Count("pk", filter=condition)
                    for alias, (_name, _value, condition) in columns.items()
                },
            )
            .order_by("year")
        )
        by_year, counts = [], {name: {} for name in names}
        for row in rows:
            by_year.append((row["year"], row["n"]))
            if self._in_year_range(row["year"]):
                for alias, (name, value, _condition) in columns.items():
                    counts[name][value] = counts[name].get(value, 0) + row[alias]
        return by_year, counts

    def matches_in(self, year_counts):
        """How many innovations pass every filter, from the year counts (`year_counts()`:
        every match under every filter but the year range, once, by launch year)."""
        return sum(count for year, count in year_counts if self._in_year_range(year))

    def _in_year_range(self, year):
        """Whether innovations launched in `year` pass the year range (see apply)."""
        if not (self.year_from or self.year_to):
            return True
        return (
            year is not None
            and (not self.year_from or year >= self.year_from)
            and (not self.year_to or year <= self.year_to)
        )

    def choice_facet(self, name, counts):
        spec = CHOICE_FACETS[name]
        selected = self.selected.get(name, [])
        facet = Facet(name, spec["label"])
        for value, label in spec["choices"].items():
            facet.options.append(
                FacetOption(value, str(label), counts.get(value, 0), value in selected)
            )
        return facet


def value_conditions(name):
    """{value: condition} of a choice facet: the innovations that ticking that value alone
    keeps (the same conditions as CatalogueFilter.apply, so a count is what a click finds)."""
    if name == "digital":
        return {YES: Q(is_digital=True), NO: Q(is_digital=False)}
    if name == "replicated":
        replicated = Q(replication_count__gt=0)
        return {YES: replicated, NO: ~replicated}
    if name == "minat":
        return {value: Q(**{f"{counter}__gt": 0}) for value, counter in INTEREST_COUNTERS.items()}
    if name == "pemantauan":
        stale = InnovationPage.needs_update_q()
        return {NEEDS_UPDATE: stale, UP_TO_DATE: ~stale}
    if name == "budget":
        return {band.key: CatalogueFilter._budget_q([band.key]) for band in BUDGET_BANDS}
    return {value: Q(**{name: value}) for value in CHOICE_FACETS[name]["choices"]}


def taxonomy_options():
    """{facet: [(pk, value, label)]} of every row of the taxonomy facets, in each taxonomy's
    order and the active language. Kept per generation: a taxonomy edit starts a new one
    (innovations.apps), an innovation's publish does not, so counting after a publish reads
    no taxonomy rows."""
    key = generation_key("catalogue-taxonomies", get_language())
    options = derived.get(key)
    if options is None:
        options = {}
        for facet, (_label, model, lookup, _pattern) in TAXONOMY_FACETS.items():
            options[facet] = [
                (row.pk, str(getattr(row, lookup)), str(row)) for row in model.objects.all()
            ]
        derived.set(key, options, TAXONOMY_SECONDS)
    return options
