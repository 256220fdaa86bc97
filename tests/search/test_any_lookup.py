"""`field__any=[...]` (core/lookups.py): the rows `__in` finds, sent to PostgreSQL as one
array parameter whatever the list's length."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innovations.models import InnovationPage
from tests.innovations.factories import InnovationPageFactory, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(catalogue):
    return [
        InnovationPageFactory(parent=catalogue, title=f"Layanan {n}", regions=[region("73.71")])
        for n in range(3)
    ]


def test_any_finds_what_in_finds(pages):
    wanted = [pages[0].pk, pages[2].pk, pages[0].pk, None, 10**9]
    through = InnovationPage.regions.through.objects

    assert set(InnovationPage.objects.filter(pk__any=wanted)) == {pages[0], pages[2]}
    assert set(InnovationPage.objects.filter(pk__any=wanted)) == set(
        InnovationPage.objects.filter(pk__in=wanted)
    )
    assert sorted(
        through.filter(innovationpage_id__any=wanted).values_list("innovationpage_id", flat=True)
    ) == sorted([pages[0].pk, pages[2].pk])
    assert not InnovationPage.objects.filter(pk__any=[]).exists()
    assert not InnovationPage.objects.filter(pk__any=[None]).exists()


@pytest.mark.postgres
def test_any_sends_one_parameter_on_postgresql(pages):
    wanted = [page.pk for page in pages] + list(range(10**6, 10**6 + 2000))
    with CaptureQueriesContext(connection) as queries:
        found = list(InnovationPage.objects.filter(pk__any=wanted).values_list("pk", flat=True))

    assert sorted(found) == sorted(page.pk for page in pages)
    sql = queries[0]["sql"]
    assert "= ANY(" in sql and " IN (" not in sql


def test_any_takes_ids_as_they_are_and_prepares_anything_else(pages):
    """A list of ints for an integer column is sent unprepared (the ids of thousands of
    matches); other values (id strings from a query string) are prepared as `__in` does."""
    ids = [pages[1].pk, pages[1].pk, pages[0].pk]
    through = InnovationPage.regions.through.objects
    makassar = region("73.71")

    assert set(InnovationPage.objects.filter(pk__any=ids)) == {pages[0], pages[1]}
    assert set(InnovationPage.objects.filter(pk__any=[str(pk) for pk in ids])) == {
        pages[0],
        pages[1],
    }
    assert through.filter(region_id__any=[makassar.pk]).count() == 3
