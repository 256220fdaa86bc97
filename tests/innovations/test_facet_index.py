"""The catalogue's facet counts from the ids held in memory (innovations.facet_index) are
the counts the database gives (CatalogueFilter.counts), and follow every change."""

import datetime
import itertools
import random

import pytest
from django.utils import timezone

from innovations import facet_index
from innovations.filters import FACET_ORDER
from innovations.models import InnovationPage, SustainableDevelopmentGoal
from replication import stats
from tests.innovations.factories import (
    AgencyFactory,
    AwardItemFactory,
    InnovationPageFactory,
    ReplicationFactory,
    region,
    sector,
)
from tests.innovations.test_catalogue import filter_state

pytestmark = pytest.mark.django_db

REGIONS = ("73.71", "73.02", "73.11")
SECTORS = ("kesehatan", "pendidikan", "kependudukan")
# Values of every facet, and a value no innovation has, to tick in the states compared.
CHOICES = {
    "region": [*REGIONS, "73.13"],
    "sector": [*SECTORS, "pariwisata"],
    "sdg": ["3", "4", "16"],
    "award": ["kipp"],
    "stage": ["inisiatif", "uji_coba", "penerapan"],
    "form": ["pelayanan_publik", "tata_kelola", "lainnya"],
    "digital": ["ya", "tidak"],
    "replicated": ["ya", "tidak"],
    "minat": ["diminta", "dikunjungi", "terverifikasi"],
    "budget": ["di-bawah-50-juta", "50-250-juta", "250-juta-1-miliar", "tidak-diketahui"],
    "status": ["aktif", "terhenti_sementara", "dihentikan"],
    "pemantauan": ["perlu-pembaruan", "terpantau"],
}


@pytest.fixture
def many(catalogue):
    """Eighteen innovations that differ in every facet, some with counters and awards."""
    goals = list(SustainableDevelopmentGoal.objects.filter(number__in=[3, 4, 16]))
    stages = list(InnovationPage.Stage)
    forms = list(InnovationPage.Form)
    statuses = list(InnovationPage.Status)
    agencies = [AgencyFactory(region=region(code)) for code in REGIONS]
    pages = []
    for number in range(18):
        launched = datetime.date(2015 + number % 9, 1 + number % 12, 1)
        stage = stages[number % len(stages)]
        cost = [None, 10_000_000, 200_000_000, 900_000_000][number % 4]
        page = InnovationPageFactory(
            parent=catalogue,
            title=f"Inovasi {number}",
            agency=agencies[number % 3],
            regions=[region(code) for code in REGIONS[: 1 + number % 3]],
            sectors=[sector(SECTORS[number % 3]), sector(SECTORS[(number + 1) % 3])][
                : 1 + number % 2
            ],
            sdgs=goals[: number % 4],
            stage=stage,
            form=forms[number % len(forms)],
            status=statuses[number % len(statuses)],
            is_digital=number % 2 == 0,
            cost=cost,
            budget_source=InnovationPage.BudgetSource.APBD if cost else "",
            launched_on=launched,
            trial_started_on=None
            if stage == InnovationPage.Stage.INITIATIVE
            else launched + datetime.timedelta(days=30),
            implemented_on=launched + datetime.timedelta(days=90)
            if stage == InnovationPage.Stage.IMPLEMENTATION
            else None,
            last_verified_on=launched if number % 5 == 0 else None,
        )
        if number % 4 == 0:
            ReplicationFactory(page=page)
        if number % 3 == 0:
            AwardItemFactory(page=page)
        pages.append(page)
    InnovationPage.objects.filter(pk__in=[page.pk for page in pages[::5]]).update(
        request_count=3, visit_count=1
    )
    InnovationPage.objects.filter(pk=pages[2].pk).update(verified_replication_count=1)
    return pages


def counted(state):
    """(facets, years) as plain values, to compare."""
    facets, years = state
    return [
        (facet.name, [(o.value, o.count, o.selected) for o in facet.options]) for facet in facets
    ], list(years)


def from_both(params):
    held = filter_state(params)
    assert not held.notices, held.notices  # every value ticked is a valid one
    facets = facet_index.held_index(held).counts(held)
    database = filter_state(params)
    return counted(facets), counted(database.counts(FACET_ORDER))


def states():
    """Filter states: no filter, each facet value alone, year ranges, and random mixes."""
    found = [
        {},
        {"year_from": "2018"},
        {"year_to": "2019"},
        {"year_from": "2017", "year_to": "2020"},
    ]
    for name, values in CHOICES.items():
        found += [{name: value} for value in values]
        found.append({name: values[:2]})
    picker = random.Random(20)
    for _number in range(60):
        names = picker.sample(sorted(CHOICES), picker.randint(2, 4))
        params = {
            name: picker.sample(CHOICES[name], min(len(CHOICES[name]), picker.randint(1, 2)))
            for name in names
        }
        if picker.random() < 0.3:
            params["year_from"] = str(picker.randint(2015, 2023))
        found.append(params)
    return found


def test_held_counts_are_the_database_counts(many):
    for params in states():
        held, database = from_both(params)
        assert held == database, params


def test_held_counts_follow_publishes_counters_and_the_date(many, monkeypatch):
    params = {"region": "73.11", "digital": "ya"}
    before, _database = from_both(params)

    page = many[1]
    page.regions = [region("73.11")]
    page.is_digital = True
    page.save_revision().publish()
    after, database = from_both(params)
    assert after == database and after != before

    many[4].unpublish()
    after_unpublish, database = from_both(params)
    assert after_unpublish == database and after_unpublish != after

    # The replication app writes its counters with update() and starts a new generation.
    ReplicationFactory(page=many[7])
    stats.refresh([many[7].pk])
    held, database = from_both({"minat": "diminta"})
    assert held == database

    # Whether an innovation needs an update depends on the date: a new day, a new index.
    later = timezone.localdate() + datetime.timedelta(days=3 * 366)
    monkeypatch.setattr(timezone, "localdate", lambda *args: later)
    for value in CHOICES["pemantauan"]:
        held, database = from_both({"pemantauan": value})
        assert held == database


def test_counting_from_the_held_index_runs_no_query(many, django_assert_num_queries):
    params = {"region": "73.71", "sector": ["kesehatan", "pendidikan"], "minat": "diminta"}
    filter_state(params).facets()  # reads the index (and the taxonomies' rows)
    for combination in itertools.islice(states(), 20):
        state = filter_state({**combination})
        with django_assert_num_queries(0):
            state.facets(), state.year_counts()
