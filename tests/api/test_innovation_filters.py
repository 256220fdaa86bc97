"""The innovation listing's filters, ordering, paging and parameter errors (API v2), on four
innovations shared by the module's tests (read only)."""

import datetime

import pytest
from django.db import transaction

from innovations.models import Award, InnovationAward, SustainableDevelopmentGoal
from tests.api.test_innovations import LIST, titles
from tests.home.factories import default_site_home
from tests.innovations.factories import (
    AgencyFactory,
    InnovationIndexPageFactory,
    InnovationPageFactory,
    ReplicationFactory,
    region,
    sector,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def spread(django_db_setup, django_db_blocker):
    """Four innovations that differ in every filterable way.

    Every test here only reads them, so they are built once per module (and per xdist worker)
    in a transaction that is rolled back after the module's last test; each test runs in a
    savepoint inside it (pytest-django's `db`), so what a test writes is gone after it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        catalogue = InnovationIndexPageFactory(parent=default_site_home())
        yield _build_spread(lambda **kwargs: InnovationPageFactory(parent=catalogue, **kwargs))
        transaction.set_rollback(True)


def _build_spread(make_innovation):
    makassar_agency = AgencyFactory(region=region("73.71"), slug="dinas-kesehatan-makassar")
    a = make_innovation(
        title="A Sehat",
        agency=makassar_agency,
        regions=[region("73.71")],
        sectors=[sector("kesehatan")],
        launched_on=datetime.date(2018, 3, 1),
        trial_started_on=datetime.date(2018, 4, 1),
        implemented_on=datetime.date(2018, 6, 1),
        is_digital=True,
        cost=10_000_000,
        budget_source="apbd",
    )
    a.sdgs.set([SustainableDevelopmentGoal.objects.get(number=3)])
    a.save()
    InnovationAward.objects.create(page=a, award=Award.objects.get(slug="kipp"), year=2020)
    b = make_innovation(
        title="B Sekolah",
        regions=[region("73.02")],
        sectors=[sector("pendidikan")],
        stage="uji_coba",
        implemented_on=None,
        launched_on=datetime.date(2021, 1, 1),
        trial_started_on=datetime.date(2021, 2, 1),
        form="tata_kelola",
    )
    b.sdgs.set([SustainableDevelopmentGoal.objects.get(number=4)])
    b.save()
    c = make_innovation(
        title="C Pasar",
        regions=[region("73.02"), region("73.71")],
        launched_on=datetime.date(2022, 5, 1),
        trial_started_on=datetime.date(2022, 6, 1),
        implemented_on=datetime.date(2022, 9, 1),
        status="dihentikan",
    )
    ReplicationFactory(page=c, agency=AgencyFactory(region=region("73.03")))
    c.save()
    d = make_innovation(
        title="D Desa",
        regions=[region("73.03")],
        launched_on=datetime.date(2023, 1, 1),
        trial_started_on=datetime.date(2023, 2, 1),
        implemented_on=datetime.date(2023, 6, 1),
    )
    return a, b, c, d


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"region": "73.71"}, ["A Sehat", "C Pasar"]),
        ({"region": "73.71,73.03"}, ["A Sehat", "C Pasar", "D Desa"]),
        ({"region": ["73.02", "73.03"]}, ["B Sekolah", "C Pasar", "D Desa"]),
        ({"agency": "dinas-kesehatan-makassar"}, ["A Sehat"]),
        ({"sector": "pendidikan"}, ["B Sekolah"]),
        ({"sdg": "3,4"}, ["A Sehat", "B Sekolah"]),
        ({"stage": "uji_coba"}, ["B Sekolah"]),
        ({"form": "tata_kelola"}, ["B Sekolah"]),
        ({"status": "dihentikan"}, ["C Pasar"]),
        ({"digital": "ya"}, ["A Sehat"]),
        ({"digital": "tidak"}, ["B Sekolah", "C Pasar", "D Desa"]),
        ({"award": "kipp"}, ["A Sehat"]),
        ({"replicated": "ya"}, ["C Pasar"]),
        ({"budget": "di-bawah-50-juta"}, ["A Sehat"]),
        ({"year_from": "2021"}, ["B Sekolah", "C Pasar", "D Desa"]),
        ({"year_from": "2019", "year_to": "2022"}, ["B Sekolah", "C Pasar"]),
        ({"region": "73.71", "sector": "kesehatan"}, ["A Sehat", "C Pasar"]),
        ({"region": "73.71", "year_to": "2020"}, ["A Sehat"]),
    ],
)
def test_filters(client, spread, params, expected):
    assert titles(client.get(LIST, params)) == expected


def test_total_count_follows_the_filter(client, spread):
    assert client.get(LIST, {"region": "73.02"}).json()["meta"]["total_count"] == 2


def test_ordering(client, spread):
    response = client.get(LIST, {"order": "-launched_on"})
    assert [i["title"] for i in response.json()["items"]] == [
        "D Desa",
        "C Pasar",
        "B Sekolah",
        "A Sehat",
    ]
    response = client.get(LIST, {"order": "-replication_count", "limit": 1})
    assert response.json()["items"][0]["title"] == "C Pasar"


def test_search_combines_with_filters(client, spread):
    assert titles(client.get(LIST, {"search": "Sekolah"})) == ["B Sekolah"]
    assert titles(client.get(LIST, {"search": "Sekolah", "region": "73.71"})) == []


def test_paging(client, spread):
    first = client.get(LIST, {"limit": 2, "order": "title"}).json()
    second = client.get(LIST, {"limit": 2, "offset": 2, "order": "title"}).json()
    assert first["meta"]["total_count"] == 4
    assert [i["title"] for i in first["items"] + second["items"]] == [
        "A Sehat",
        "B Sekolah",
        "C Pasar",
        "D Desa",
    ]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"region": "99.99"}, "region"),
        ({"region": "73.71,bogus"}, "region"),
        ({"sdg": "18"}, "sdg"),
        ({"stage": "selesai"}, "stage"),
        ({"digital": "maybe"}, "digital"),
        ({"year_from": "20x1"}, "20x1"),
        ({"year_from": "2022", "year_to": "2019"}, "2022"),
        ({"limit": "abc"}, "limit"),
        ({"limit": "101"}, "limit cannot be higher than 100"),
        ({"limit": "-1"}, "limit"),
        ({"offset": "99999999999999999999999"}, "offset cannot be higher"),
        ({"offset": "1.5"}, "offset"),
        ({"fields": "nonexistent"}, "unknown fields: nonexistent"),
        ({"fields": "agency(bogus)"}, "unknown fields: bogus"),
        ({"fields": "title(("}, "fields error"),
        ({"order": "contact_email"}, "cannot order by"),
        ({"search": "   "}, "search"),
        ({"search": "x" * 300}, "search"),
        ({"type": "home.HomePage"}, "unknown query parameter: type"),
        ({"rich_text_format": "db_html"}, "unknown query parameter"),
        ({"title": "A Sehat"}, "unknown query parameter: title"),
    ],
)
def test_bad_parameters_get_400_with_a_message(client, spread, params, message):
    response = client.get(LIST, params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert message in response.json()["message"]


def test_detail_rejects_listing_parameters(client, spread):
    response = client.get(f"{LIST}{spread[0].pk}/", {"region": "73.71"})
    assert response.status_code == 400


def test_unknown_detail_is_404_json(client, spread):
    response = client.get(f"{LIST}999999/")
    assert response.status_code == 404
    assert response.json() == {"message": "not found"}
