"""Jurors: conflicts of interest at every door, independent scoring, revision until the
stage closes with every change logged."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from competitions.models import DeclaredConflict, ScoreChange, ScoreSheet, StageKind
from tests.innovations.factories import AgencyFactory, InnovationPageFactory, region

from .factories import CompetitionPageFactory, EntryFactory, JurorFactory

pytestmark = pytest.mark.django_db


def entry_for(competition, catalogue, agency, **kwargs):
    innovation = InnovationPageFactory(parent=catalogue, agency=agency, **kwargs)
    return EntryFactory(competition=competition, innovation=innovation)


@pytest.fixture
def setting(competitions, catalogue):
    """A desk evaluation now; a juror from an agency in Makassar (73.71) judging category 1.

    Entries: 'clean' (Parepare agency), 'own_agency', 'own_region' (another Makassar agency),
    'serves_region' (Parepare agency, innovation serving Makassar too), 'declared' (Parepare,
    conflict declared), 'other_category' (Parepare, category 2)."""
    competition = CompetitionPageFactory(parent=competitions, stage_now=StageKind.DESK)
    category = competition.categories.first()
    makassar, parepare = region("73.71"), region("73.72")
    home_agency = AgencyFactory(region=makassar)
    juror = JurorFactory(category=category, agency=home_agency, region=makassar)
    far = AgencyFactory(region=parepare)
    entries = {
        "clean": entry_for(competition, catalogue, far),
        "own_agency": entry_for(competition, catalogue, home_agency),
        "own_region": entry_for(competition, catalogue, AgencyFactory(region=makassar)),
        "serves_region": entry_for(
            competition, catalogue, AgencyFactory(region=parepare), regions=[parepare, makassar]
        ),
        "declared": entry_for(competition, catalogue, far),
    }
    other = entry_for(competition, catalogue, far)
    other.category = competition.categories.last()
    other.save()
    entries["other_category"] = other
    DeclaredConflict.objects.create(juror=juror, entry=entries["declared"], reason="Kerabat")
    stage = competition.stage_of_kind(StageKind.DESK)
    return competition, stage, juror, entries


BLOCKED = ("own_agency", "own_region", "serves_region", "declared", "other_category")


def score_data(values, submit=False):
    data = {f"c{pk}": value for pk, value in values.items()}
    data["comment"] = "Catatan"
    data["kirim" if submit else "simpan"] = "1"
    return data


def test_list_shows_only_entries_without_conflict(client, setting):
    competition, stage, juror, entries = setting
    client.force_login(juror.user)
    response = client.get(reverse("competitions_juror"))
    assert response.status_code == 200
    assert [e.pk for _, rows in response.context["stages"] for e in rows] == [entries["clean"].pk]


@pytest.mark.parametrize("name", BLOCKED)
def test_detail_and_score_form_answer_404_on_conflict(client, setting, name):
    competition, stage, juror, entries = setting
    client.force_login(juror.user)
    url = reverse("competitions_juror_entry", args=[stage.pk, entries[name].pk])
    assert client.get(url).status_code == 404
    criteria = {c.pk: "80" for c in stage.criteria()}
    assert client.post(url, score_data(criteria, submit=True)).status_code == 404
    assert not ScoreSheet.objects.filter(entry=entries[name]).exists()
    conflict_url = reverse("competitions_juror_conflict", args=[stage.pk, entries[name].pk])
    assert client.post(conflict_url, {"reason": "x"}).status_code == 404


def test_export_and_api_leave_conflicts_out(client, setting):
    competition, stage, juror, entries = setting
    client.force_login(juror.user)
    url = reverse("competitions_juror_entry", args=[stage.pk, entries["clean"].pk])
    client.post(url, score_data({c.pk: "70" for c in stage.criteria()}, submit=True))
    # A score row on a conflicted entry (e.g. written before the conflict was declared).
    sheet = ScoreSheet.objects.create(entry=entries["declared"], stage=stage, juror=juror)
    sheet.scores.create(criterion=stage.criteria()[0], value=Decimal(99))
    body = client.get(reverse("competitions_juror_export")).content.decode()
    assert entries["clean"].innovation.title in body
    for name in BLOCKED:
        assert entries[name].innovation.title not in body
    data = client.get(reverse("competitions_juror_api")).json()["hasil"]
    assert [row["entri"] for row in data] == [entries["clean"].pk]


def test_juror_doors_closed_to_others(client, setting):
    competition, stage, juror, entries = setting
    other = JurorFactory()  # no assignment
    client.force_login(other.user)
    assert client.get(reverse("competitions_juror_api")).json() == {"hasil": []}
    url = reverse("competitions_juror_entry", args=[stage.pk, entries["clean"].pk])
    assert client.get(url).status_code == 404


def test_declaring_a_conflict_removes_the_entry(client, setting):
    competition, stage, juror, entries = setting
    client.force_login(juror.user)
    url = reverse("competitions_juror_conflict", args=[stage.pk, entries["clean"].pk])
    assert client.post(url, {"reason": "Pernah menjadi konsultan"}).status_code == 302
    detail = reverse("competitions_juror_entry", args=[stage.pk, entries["clean"].pk])
    assert client.get(detail).status_code == 404


def others_scores(client, url):
    """The juror's view of the other jurors' scores: the page's "Nilai juri lain" section
    (the rest of the page holds random tokens and generated names with any digits)."""
    page = client.get(url).content.decode()
    start = page.index("Nilai juri lain")
    return page[start : page.index("Konflik kepentingan", start)]


def test_others_scores_hidden_until_own_submitted(client, setting):
    competition, stage, juror, entries = setting
    entry = entries["clean"]
    colleague = JurorFactory(category=competition.categories.first())
    url = reverse("competitions_juror_entry", args=[stage.pk, entry.pk])
    client.force_login(colleague.user)
    client.post(url, score_data({c.pk: "61" for c in stage.criteria()}, submit=True))

    client.force_login(juror.user)
    page = others_scores(client, url)
    assert "61" not in page and str(colleague) not in page
    client.post(url, score_data({c.pk: "75" for c in stage.criteria()}))  # a draft
    page = others_scores(client, url)
    assert str(colleague) not in page
    client.post(url, score_data({c.pk: "75" for c in stage.criteria()}, submit=True))
    page = others_scores(client, url)
    assert str(colleague) in page and "61" in page


def test_revise_until_close_and_every_change_logged(client, setting):
    competition, stage, juror, entries = setting
    entry = entries["clean"]
    url = reverse("competitions_juror_entry", args=[stage.pk, entry.pk])
    client.force_login(juror.user)
    first = stage.criteria()[0]
    values = {c.pk: "50" for c in stage.criteria()}
    client.post(url, score_data(values, submit=True))
    values[first.pk] = "65.5"
    client.post(url, score_data(values, submit=True))
    changes = ScoreChange.objects.filter(sheet__entry=entry, criterion=first)
    assert [(c.old_value, c.new_value) for c in changes] == [
        (None, Decimal("50")),
        (Decimal("50"), Decimal("65.5")),
    ]
    assert all(c.changed_by_id == juror.user.pk for c in changes)
    assert ScoreChange.objects.filter(sheet__entry=entry).count() == len(values) + 1

    stage.ends_at = timezone.now() - datetime.timedelta(seconds=1)
    stage.save()
    # Closed: the entry is still listed for nobody, and a late POST changes nothing.
    values[first.pk] = "99"
    client.post(url, score_data(values, submit=True))
    assert ScoreSheet.objects.get(entry=entry).scores.get(criterion=first).value == Decimal("65.5")


def test_out_of_range_score_is_a_message_not_a_500(client, setting):
    competition, stage, juror, entries = setting
    url = reverse("competitions_juror_entry", args=[stage.pk, entries["clean"].pk])
    client.force_login(juror.user)
    response = client.post(url, score_data({c.pk: "101" for c in stage.criteria()}))
    assert response.status_code == 200
    assert not ScoreSheet.objects.exists()


def test_juror_list_query_count_is_constant(
    client, setting, catalogue, django_assert_max_num_queries
):
    competition, stage, juror, entries = setting
    client.force_login(juror.user)
    url = reverse("competitions_juror")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        entry_for(competition, catalogue, AgencyFactory(region=region("73.72")))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["stages"][0][1]) == 6
    assert len(many) == len(few)
