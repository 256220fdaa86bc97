"""Public pages: the timeline, finalists once announced, the archive, and the objection
window (dates, confidentiality, honeypot, rate limit)."""

import datetime

import pytest
from django.utils import timezone

from competitions import services
from competitions.models import Objection, StageKind
from tests.agencies.factories import ModeratorFactory
from tests.innovations.factories import InnovationPageFactory

from .factories import CompetitionPageFactory, EntryFactory

pytestmark = pytest.mark.django_db


def objection_url(competition, entry):
    return competition.url + f"keberatan/{entry.pk}/"


@pytest.fixture
def in_objection(competitions, catalogue):
    """A competition in its public objection window with one finalist and one who dropped
    out at the desk evaluation; desk results announced."""
    competition = CompetitionPageFactory(parent=competitions, stage_now=StageKind.OBJECTION)
    moderator = ModeratorFactory()
    finalist = EntryFactory(
        competition=competition, innovation=InnovationPageFactory(parent=catalogue, title="Finalis")
    )
    dropped = EntryFactory(
        competition=competition, innovation=InnovationPageFactory(parent=catalogue, title="Gugur")
    )
    stages = {s.kind: s for s in competition.ordered_stages()}
    for kind in (StageKind.DESK, StageKind.PRESENTATION, StageKind.FIELD):
        services.confirm_advancement(stages[kind], [finalist.pk], moderator)
    stages[StageKind.DESK].announced = True
    stages[StageKind.DESK].save()
    return competition, finalist, dropped


def objection(**extra):
    data = {"name": "Andi Warga", "contact": "andi@contoh.id", "text": "Layanan tidak berjalan."}
    data.update(extra)
    return data


def test_overview_shows_current_stage_and_announced_finalists(client, in_objection):
    competition, finalist, dropped = in_objection
    response = client.get(competition.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tahapan berjalan: <strong>Masa sanggah publik</strong>" in html
    assert 'aria-current="step"' in html
    assert "Finalis" in html and "Gugur" not in html
    assert "Pelayanan publik" in html and "Replikasi" in html
    assert "Lolos Presentasi" not in html  # not announced yet


def test_objection_filed_and_kept_confidential(client, in_objection):
    competition, finalist, dropped = in_objection
    url = objection_url(competition, finalist)
    assert client.get(url).status_code == 200
    response = client.post(url, objection())
    assert response.status_code == 200 and "sudah kami terima" in response.content.decode()
    saved = Objection.objects.get()
    assert (saved.entry, saved.name, saved.status) == (finalist, "Andi Warga", "diterima")
    assert "Andi Warga" not in client.get(competition.url).content.decode()


def test_name_and_contact_required(client, in_objection):
    competition, finalist, dropped = in_objection
    response = client.post(objection_url(competition, finalist), objection(name="", contact=""))
    assert response.status_code == 200
    assert not Objection.objects.exists()
    assert "error-summary" in response.content.decode()


def test_honeypot_refuses_quietly(client, in_objection):
    competition, finalist, dropped = in_objection
    response = client.post(objection_url(competition, finalist), objection(situs_web="http://x"))
    assert response.status_code == 400 and not Objection.objects.exists()


def test_rate_limited_with_retry_after(client, in_objection):
    competition, finalist, dropped = in_objection
    url = objection_url(competition, finalist)
    for _ in range(5):
        client.post(url, objection())
    response = client.post(url, objection())
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert Objection.objects.count() == 5


def test_only_finalists_during_the_window(client, in_objection):
    competition, finalist, dropped = in_objection
    assert client.get(objection_url(competition, dropped)).status_code == 404
    stage = competition.stage_of_kind(StageKind.OBJECTION)
    stage.ends_at = timezone.now() - datetime.timedelta(seconds=1)
    stage.save()
    closed = client.get(objection_url(competition, finalist))
    assert "tidak sedang berlangsung" in closed.content.decode()
    assert client.post(objection_url(competition, finalist), objection()).status_code == 403
    assert not Objection.objects.exists()


def test_staff_decide_with_reasons(client, in_objection):
    from django.urls import reverse

    competition, finalist, dropped = in_objection
    saved = finalist.objections.create(name="A", contact="0811", text="Tidak benar")
    client.force_login(ModeratorFactory())
    url = reverse("competitions_objection_decide", args=[saved.pk])
    client.post(url, {"putusan": "ditolak", "reason": ""})
    saved.refresh_from_db()
    assert saved.status == Objection.Status.RECEIVED
    client.post(url, {"putusan": "ditolak", "reason": "Bukti tidak mendukung."})
    saved.refresh_from_db()
    assert (saved.status, saved.decision_reason) == ("ditolak", "Bukti tidak mendukung.")
    finalist.refresh_from_db()
    assert not finalist.disqualified


def test_archive_lists_competitions_newest_first(client, competitions):
    old = CompetitionPageFactory(parent=competitions, year=2024, stage_now=None)
    new = CompetitionPageFactory(parent=competitions, year=2026, stage_now=StageKind.DESK)
    html = client.get(competitions.url).content.decode()
    assert html.index(new.title) < html.index(old.title)
    assert "Tahapan berjalan: Evaluasi proposal" in html


def test_overview_query_count_constant(client, in_objection, catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    competition, finalist, dropped = in_objection
    moderator = ModeratorFactory()
    desk = competition.stage_of_kind(StageKind.DESK)
    client.get(competition.url)
    with CaptureQueriesContext(connection) as few:
        client.get(competition.url)
    more = [
        EntryFactory(competition=competition, innovation=InnovationPageFactory(parent=catalogue))
        for _ in range(4)
    ]
    services.confirm_advancement(desk, [finalist.pk] + [e.pk for e in more], moderator)
    # The four publishes renew the navigation kept per publish: one request rebuilds it.
    client.get(competition.url)
    with CaptureQueriesContext(connection) as many:
        response = client.get(competition.url)
    assert all(e.innovation.title in response.content.decode() for e in more)
    assert len(many) == len(few)
