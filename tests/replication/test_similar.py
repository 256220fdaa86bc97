""" "Inovasi serupa" on a case study: ranked when the innovation is published or by
`manage.py refresh_similar`, stored, and only read when a visitor asks for the page."""

import io
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation
from django_tasks import default_task_backend

from replication import similar
from replication.matching import describe
from replication.models import SimilarInnovations
from tests.innovations.factories import InnovationPageFactory, region, sector

pytestmark = pytest.mark.django_db

QUEUE_WITHOUT_WORKER = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def similar_titles(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".similar .icard__title a")]


def catalogue_of(page):
    return page.get_parent()


def publish(page, django_capture_on_commit_callbacks):
    # As in production: the ranking is queued when the publish commits (immediate backend).
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


@pytest.fixture
def clinic(catalogue):
    return InnovationPageFactory(
        parent=catalogue,
        title="Klinik Keliling Desa",
        summary="Pemeriksaan kesehatan ibu hamil langsung di desa terpencil.",
        sectors=[sector("kesehatan")],
    )


@pytest.fixture
def others(catalogue):
    return [
        InnovationPageFactory(
            parent=catalogue,
            title=f"Posyandu Keliling {number}",
            summary="Pemeriksaan ibu hamil dan balita di desa terpencil.",
            sectors=[sector("kesehatan")],
        )
        for number in range(1, 4)
    ] + [
        InnovationPageFactory(
            parent=catalogue,
            title="Sekolah Hijau",
            summary="Murid menanam pohon di halaman sekolah.",
            sectors=[sector("pendidikan")],
        )
    ]


def test_the_list_appears_once_the_innovation_is_published(
    client, clinic, others, django_capture_on_commit_callbacks
):
    assert similar_titles(client, clinic) == []

    publish(clinic, django_capture_on_commit_callbacks)

    titles = similar_titles(client, clinic)
    assert sorted(titles) == ["Posyandu Keliling 1", "Posyandu Keliling 2", "Posyandu Keliling 3"]
    soup = BeautifulSoup(client.get(clinic.url).content, "html.parser")
    why = soup.select_one(".similar .match__why").get_text(" ", strip=True)
    assert "urusan yang sama: Kesehatan" in why
    assert "masalah serupa: keliling, desa, pemeriksaan, hamil, terpencil" in why


def test_a_cleared_cache_reads_the_stored_list_and_never_ranks(
    client, clinic, others, django_capture_on_commit_callbacks, settings
):
    settings.CATALOGUE_CACHE_SECONDS = 0
    publish(clinic, django_capture_on_commit_callbacks)
    client.get(clinic.url)  # the process-wide caches (content types, locales)

    counts = []
    for kept in (others[:1], others):
        SimilarInnovations.objects.filter(pk=clinic.pk).update(
            matches=[[page.pk, [["sector", {"name": "Kesehatan"}]]] for page in kept]
        )
        cache.clear()
        with (
            mock.patch("replication.similar.ranked_ids") as ranking,
            CaptureQueriesContext(connection) as queries,
        ):
            titles = similar_titles(client, clinic)
        assert titles == [page.title for page in kept[: similar.SHOWN]]
        ranking.assert_not_called()
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_an_unpublished_similar_innovation_leaves_the_cards_at_once(
    client, clinic, django_capture_on_commit_callbacks
):
    # Similar by its problem only: no sector or region in common, so not a "related" card
    # (the page depends on those already).
    words_only = InnovationPageFactory(
        parent=catalogue_of(clinic),
        title="Pemeriksaan Keliling Ibu Hamil",
        summary="Bidan desa terpencil.",
        sectors=[sector("pendidikan")],
        regions=[region("73.02")],
    )
    publish(clinic, django_capture_on_commit_callbacks)
    assert similar_titles(client, clinic) == [words_only.title]
    assert words_only.pk not in clinic.related_ids()
    assert client.get(clinic.url)["X-Cache"] == "hit"

    words_only.unpublish()

    assert similar_titles(client, clinic) == []


def test_a_new_title_of_a_similar_innovation_shows_at_once(
    client, clinic, others, django_capture_on_commit_callbacks
):
    publish(clinic, django_capture_on_commit_callbacks)
    similar_titles(client, clinic)

    others[0].title = "Posyandu Keliling Plus"
    others[0].save_revision().publish()

    assert "Posyandu Keliling Plus" in similar_titles(client, clinic)


@override_settings(TASKS=QUEUE_WITHOUT_WORKER, PAGE_CACHE_SECONDS=0, CATALOGUE_CACHE_SECONDS=0)
def test_a_page_without_a_list_shows_none_and_queues_one_ranking(client, clinic, others):
    default_task_backend.clear()
    with mock.patch("replication.similar.ranked_ids") as ranking:
        assert similar_titles(client, clinic) == []
        assert similar_titles(client, clinic) == []
    ranking.assert_not_called()
    queued = [result.kwargs for result in default_task_backend.results]
    assert queued == [{"innovation_id": clinic.pk}]


def test_the_command_fills_missing_lists_first_then_the_oldest(client, clinic, others):
    output = io.StringIO()
    call_command("refresh_similar", "--limit", "2", stdout=output)
    first = set(SimilarInnovations.objects.values_list("pk", flat=True))
    assert len(first) == 2
    assert "2 daftar inovasi serupa dihitung" in output.getvalue()

    call_command("refresh_similar", "--limit", "3", "--batch", "2", stdout=io.StringIO())
    pages = {clinic.pk, *(page.pk for page in others)}
    assert set(SimilarInnovations.objects.values_list("pk", flat=True)) == pages
    assert set(similar.due(2)) == first

    assert sorted(similar_titles(client, clinic)) == [
        "Posyandu Keliling 1",
        "Posyandu Keliling 2",
        "Posyandu Keliling 3",
    ]
    oldest = SimilarInnovations.objects.earliest("computed_at").computed_at
    assert similar.due(10, computed_before=oldest) == []


def test_reasons_are_stored_as_codes_and_read_in_the_language_of_the_page(clinic, others):
    health = sector("kesehatan")
    health.name_en = "Health"
    health.save()
    similar.rank_and_store([clinic.pk])
    matches = SimilarInnovations.objects.get(pk=clinic.pk).matches
    reasons = matches[0][1]
    assert reasons[0] == ["sector", {"name": "Kesehatan", "name_en": "Health"}]

    assert describe(reasons)[0] == "urusan yang sama: Kesehatan"
    with translation.override("en"):
        assert describe(reasons)[0] == "same sector: Health"
