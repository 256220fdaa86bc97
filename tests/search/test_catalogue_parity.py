"""The catalogue and the API on the engine and on the database give identical answers
(`-m engine`).

Many random filter combinations (seeded, so a failure can be replayed) over innovations with
random regions, sectors, agencies, goals, awards, forms, statuses, costs, launch years and
replications: the same ids in the same order, the same facet counts and the same year counts
in the catalogue; the same items, order and total_count, for as many queries, in the API.
The replication counters and verification dates are written as their apps write them (an
update(), then InnovationPage.reindex), so the engine's copy of them is checked too.
"""

import datetime
import logging
import random

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import translation

import api.filters
import search.catalogue
from innovations.api import ORDERINGS
from innovations.filters import CHOICE_FACETS, CatalogueFilter
from innovations.models import Award, InnovationPage, SustainableDevelopmentGoal
from search.catalogue import ENGINE_SORTS, api_listing, engine_for
from tests.innovations.factories import (
    AgencyFactory,
    AwardItemFactory,
    InnovationPageFactory,
    ReplicationFactory,
    region,
    sector,
)
from tests.localisation.factories import translate

from .test_engine import engine  # noqa: F401 - the engine fixture (autouse there)

pytestmark = [pytest.mark.engine, pytest.mark.django_db]

REGIONS = ["73.71", "73.02", "73.72", "73.08"]
SECTORS = ["kesehatan", "pendidikan", "kependudukan"]
WORDS = ["antrean", "desa", "jembatan", "sekolah", "obat", "pasar", "air", "sampah"]
COMBINATIONS = 80
API_COMBINATIONS = 50


@pytest.fixture
def random_catalogue(catalogue):
    rng = random.Random(16)
    agencies = [AgencyFactory(name=f"dinas uji {letter}") for letter in "abc"]
    goals = list(SustainableDevelopmentGoal.objects.order_by("number")[:4])
    awards = list(Award.objects.all()[:2])
    pages = []
    for number in range(36):
        year = rng.randint(2015, 2023)
        words = rng.sample(WORDS, 3)
        page = InnovationPageFactory(
            parent=catalogue,
            title=f"{words[0]} {words[1]} nomor {number:02d}",
            slug=f"acak-{number}",
            summary=f"Layanan {words[2]} untuk warga.",
            agency=rng.choice(agencies),
            regions=[region(code) for code in rng.sample(REGIONS, rng.randint(1, 2))],
            sectors=[sector(slug) for slug in rng.sample(SECTORS, rng.randint(1, 2))],
            sdgs=rng.sample(goals, rng.randint(0, 2)),
            form=rng.choice(list(InnovationPage.Form.values)),
            **random_stage(rng, year),
            status=rng.choice(list(InnovationPage.Status.values)),
            is_digital=rng.random() < 0.5,
            cost=rng.choice([None, 0, 10_000_000, 120_000_000, 600_000_000, 2_000_000_000]),
            budget_source="apbd",
            launched_on=datetime.date(year, rng.randint(1, 3), rng.randint(1, 28)),
        )
        if awards and rng.random() < 0.3:
            AwardItemFactory(page=page, award=rng.choice(awards))
        if rng.random() < 0.3:
            ReplicationFactory(page=page)
        page.refresh_from_db()
        page.save()  # re-indexed with its awards and replication count
        pages.append(page)
    # Written outside the editor, as replication.stats and monitoring.signals write them.
    today = datetime.date.today()
    for page in pages:
        InnovationPage.objects.filter(pk=page.pk).update(
            request_count=rng.choice([0, 0, 1, 4]),
            visit_count=rng.choice([0, 0, 2]),
            verified_replication_count=rng.choice([0, 0, 0, 1]),
            last_verified_on=rng.choice(
                [None, today - datetime.timedelta(days=30), datetime.date(2019, 5, 1)]
            ),
        )
    InnovationPage.reindex([page.pk for page in pages])
    return {"agencies": agencies, "goals": goals, "awards": awards, "pages": pages}


def random_stage(rng, year):
    """A stage with the dates it requires."""
    stage = rng.choice(list(InnovationPage.Stage.values))
    trial = stage != InnovationPage.Stage.INITIATIVE
    implemented = stage == InnovationPage.Stage.IMPLEMENTATION
    return {
        "stage": stage,
        "trial_started_on": datetime.date(year, 4, 1) if trial else None,
        "implemented_on": datetime.date(year, 9, 1) if implemented else None,
    }


def filter_options(data):
    return {
        "region": REGIONS,
        "sector": SECTORS,
        "agency": [agency.slug for agency in data["agencies"]],
        "sdg": [str(goal.number) for goal in data["goals"]],
        "award": [award.slug for award in data["awards"]],
        **{
            name: list(spec["choices"])
            for name, spec in CHOICE_FACETS.items()
            if name
            in ("stage", "form", "digital", "replicated", "budget", "status", "minat", "pemantauan")
        },
    }


def random_params(rng, data):
    params = QueryDict(mutable=True)
    options = filter_options(data)
    for name in rng.sample(sorted(options), rng.randint(0, 3)):
        for value in rng.sample(options[name], rng.randint(1, min(2, len(options[name])))):
            params.appendlist(name, value)
    if rng.random() < 0.3:
        params["year_from"] = str(rng.randint(2015, 2020))
    if rng.random() < 0.3:
        params["year_to"] = str(rng.randint(2018, 2023))
    if rng.random() < 0.3:
        params["q"] = rng.choice(WORDS)[: rng.randint(3, 6)]
    params["sort"] = rng.choice(sorted(ENGINE_SORTS))
    return params


def facet_rows(facets):
    """Each facet's (value, count, selected) rows. The database lists a taxonomy's values in
    no defined order (Meta.ordering does not apply to its grouped query), so rows are compared
    as sorted, except the agencies' ranked, cut list."""
    rows = []
    for facet in facets:
        options = [(option.value, option.count, option.selected) for option in facet.options]
        rows.append((facet.name, options if facet.name == "agency" else sorted(options)))
    return rows


def test_engine_and_database_agree_on_random_filters(random_catalogue):
    rng = random.Random(1616)
    for _ in range(COMBINATIONS):
        params = random_params(rng, random_catalogue)
        database = CatalogueFilter(params)
        expected_ids = list(database.ordered(database.apply()).values_list("pk", flat=True))
        on_engine = CatalogueFilter(params)
        catalogue = engine_for(on_engine)
        assert catalogue is not None, params.urlencode()
        answer = catalogue.answer(0, 1000)
        context = params.urlencode()
        assert answer["ids"] == expected_ids, context
        assert answer["total"] == len(expected_ids), context
        assert facet_rows(catalogue.facets()) == facet_rows(database.facets()), context
        assert catalogue.year_counts() == database.year_counts(), context


def first_titles_in_health():
    """The first page of the health sector's innovations in A-Z order, from the database."""
    return list(
        InnovationPage.objects.filter(sectors__slug="kesehatan")
        .order_by("title", "pk")
        .values_list("title", flat=True)[:12]
    )


def test_catalogue_page_on_the_engine(client, random_catalogue, django_assert_max_num_queries):
    response = client.get("/inovasi/", {"urusan": "kesehatan", "urutan": "az"})
    assert response.status_code == 200
    expected = first_titles_in_health()
    html = response.content.decode()
    positions = [html.index(title) for title in expected]
    assert positions == sorted(positions)


def test_a_search_the_engine_refuses_falls_back_to_the_database(
    client, random_catalogue, monkeypatch, caplog, settings
):
    """The counts and the page come in one multi-search, which answers 200 even when one of
    its searches fails: that failure is the engine's too, and the database lists the page."""
    settings.CATALOGUE_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    monkeypatch.setitem(ENGINE_SORTS, "az", [("_c_no_such_field", "asc")])
    with caplog.at_level(logging.WARNING, logger="search.catalogue"):
        response = client.get("/inovasi/", {"urusan": "kesehatan", "urutan": "az"})
    assert response.status_code == 200
    expected = first_titles_in_health()
    soup = BeautifulSoup(response.content, "html.parser")
    assert [node.get_text(strip=True) for node in soup.select(".icard__title")] == expected
    assert any("unavailable" in record.getMessage() for record in caplog.records)


def random_api_params(rng, data):
    """An API query: the catalogue's filters (comma-separated or repeated), an order among the
    API's, and a window."""
    options = filter_options(data)
    params = []
    for name in rng.sample(sorted(options), rng.randint(0, 3)):
        values = rng.sample(options[name], rng.randint(1, min(2, len(options[name]))))
        if rng.random() < 0.5:
            params.append((name, ",".join(values)))
        else:
            params += [(name, value) for value in values]
    if rng.random() < 0.3:
        params.append(("year_from", str(rng.randint(2015, 2020))))
    if rng.random() < 0.3:
        params.append(("year_to", str(rng.randint(2020, 2023))))
    if rng.random() < 0.8:
        params.append(("order", rng.choice(["", "-"]) + rng.choice(ORDERINGS)))
    params.append(("limit", str(rng.choice([1, 5, 20]))))
    params.append(("offset", str(rng.choice([0, 0, 3, 10]))))
    return params


def api_answer(client, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v2/innovations/", params)
    assert response.status_code == 200, params
    body = response.json()
    ids = [item["id"] for item in body["items"]]
    return {"ids": ids, "total": body["meta"]["total_count"], "queries": len(queries)}


def test_api_on_the_engine_and_on_the_database_agree(
    client, random_catalogue, settings, monkeypatch
):
    settings.API_CACHE_SECONDS = 0
    answered = []

    def recording(*args):
        listing = api_listing(*args)
        answered.append(listing is not None)
        return listing

    monkeypatch.setattr(api.filters, "api_listing", recording)
    rng = random.Random(1617)
    for _ in range(API_COMBINATIONS):
        params = random_api_params(rng, random_catalogue)
        # Each path asked twice, the second counted: a first request fills per-process caches.
        answered.clear()
        on_engine = api_answer(client, params) and api_answer(client, params)
        # Every filter and order the API offers is answered by the engine.
        assert answered == [True, True], params
        with monkeypatch.context() as database_only:
            database_only.setattr(search.catalogue, "usable_backend", lambda: None)
            on_database = api_answer(client, params) and api_answer(client, params)
        assert on_engine["ids"] == on_database["ids"], params
        assert on_engine["total"] == on_database["total"], params
        if on_engine["ids"]:
            # The engine's request replaces the count: never more queries than the database.
            assert on_engine["queries"] <= on_database["queries"], params


def test_each_language_lists_its_own_pages(client, catalogue, home_page, settings):
    """A translation shares its source's facets: the catalogue on the engine lists the pages
    of the language being read, and the API those under the requested language's root."""
    settings.API_CACHE_SECONDS = 0
    sources = [
        InnovationPageFactory(parent=catalogue, title=title, sectors=[sector("kesehatan")])
        for title in ("Air bersih desa", "Akta di desa")
    ]
    for page in sources:
        page.save()  # re-indexed with its sectors
    translate(home_page, title="Home")
    translate(catalogue, title="Innovation catalogue")
    english = translate(sources[0], title="Clean village water")
    params = QueryDict("sector=kesehatan&sort=az")
    for language, expected in (("id", [page.pk for page in sources]), ("en", [english.pk])):
        with translation.override(language):
            database = CatalogueFilter(params)
            assert list(database.ordered(database.apply()).values_list("pk", flat=True)) == (
                expected
            )
            on_engine = engine_for(CatalogueFilter(params))
            assert on_engine.answer(0, 10)["ids"] == expected, language
            assert facet_rows(on_engine.facets()) == facet_rows(database.facets())
        locale = {"locale": language} if language != "id" else {}
        response = client.get("/api/v2/innovations/", {"sector": "kesehatan", **locale})
        assert [item["id"] for item in response.json()["items"]] == expected, language
