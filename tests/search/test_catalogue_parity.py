"""The catalogue on the engine and on the database give identical answers (`-m engine`).

Many random filter combinations (seeded, so a failure can be replayed) over innovations with
random regions, sectors, agencies, goals, awards, forms, statuses, costs, launch years and
replications: the same ids in the same order, the same facet counts and the same year counts.
"""

import datetime
import random

import pytest
from django.http import QueryDict

from innovations.filters import CHOICE_FACETS, CatalogueFilter
from innovations.models import Award, InnovationPage, SustainableDevelopmentGoal
from search.catalogue import ENGINE_SORTS, engine_for
from tests.innovations.factories import (
    AgencyFactory,
    AwardItemFactory,
    InnovationPageFactory,
    ReplicationFactory,
    region,
    sector,
)

from .test_engine import engine  # noqa: F401 - the engine fixture (autouse there)

pytestmark = [pytest.mark.engine, pytest.mark.django_db]

REGIONS = ["73.71", "73.02", "73.72", "73.08"]
SECTORS = ["kesehatan", "pendidikan", "kependudukan"]
WORDS = ["antrean", "desa", "jembatan", "sekolah", "obat", "pasar", "air", "sampah"]
COMBINATIONS = 80


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
            status=rng.choice(list(InnovationPage.Status.values)),
            is_digital=rng.random() < 0.5,
            cost=rng.choice([None, 0, 10_000_000, 120_000_000, 600_000_000, 2_000_000_000]),
            budget_source="apbd",
            launched_on=datetime.date(year, rng.randint(1, 3), rng.randint(1, 28)),
            trial_started_on=datetime.date(year, 4, 1),
            implemented_on=datetime.date(year, 9, 1),
        )
        if awards and rng.random() < 0.3:
            AwardItemFactory(page=page, award=rng.choice(awards))
        if rng.random() < 0.3:
            ReplicationFactory(page=page)
        page.refresh_from_db()
        page.save()  # re-indexed with its awards and replication count
        pages.append(page)
    return {"agencies": agencies, "goals": goals, "awards": awards, "pages": pages}


def random_params(rng, data):
    params = QueryDict(mutable=True)
    options = {
        "region": REGIONS,
        "sector": SECTORS,
        "agency": [agency.slug for agency in data["agencies"]],
        "sdg": [str(goal.number) for goal in data["goals"]],
        "award": [award.slug for award in data["awards"]],
        **{
            name: list(spec["choices"])
            for name, spec in CHOICE_FACETS.items()
            if name in ("stage", "form", "digital", "replicated", "budget", "status")
        },
    }
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


def test_catalogue_page_on_the_engine(client, random_catalogue, django_assert_max_num_queries):
    response = client.get("/inovasi/", {"urusan": "kesehatan", "urutan": "az"})
    assert response.status_code == 200
    expected = list(
        InnovationPage.objects.filter(sectors__slug="kesehatan")
        .order_by("title", "pk")
        .values_list("title", flat=True)[:12]
    )
    html = response.content.decode()
    positions = [html.index(title) for title in expected]
    assert positions == sorted(positions)
