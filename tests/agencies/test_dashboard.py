"""Dashboards per role and the audit log per agency, with constant query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.dashboard import OfficerInnovationsPanel, ReviewQueuePanel
from tests.innovations.factories import InnovationPageFactory

pytestmark = pytest.mark.django_db


def dashboard(client, user):
    client.force_login(user)
    return client.get(reverse("wagtailadmin_home"))


def submit(page, user):
    page.save_revision(user=user)
    page.get_workflow().start(page, user)


def test_officer_sees_their_agencys_innovations_with_state(client, world):
    waiting = InnovationPageFactory(parent=world.catalogue, agency=world.agency_a, title="Tunggu")
    submit(waiting, world.officer_a)
    draft = InnovationPageFactory(
        parent=world.catalogue, agency=world.agency_a, title="Masih Draf", live=False
    )
    draft.save_revision(user=world.officer_a)
    stale = InnovationPageFactory(parent=world.catalogue, agency=world.agency_a, title="Lama")
    stale.last_published_at = timezone.now() - datetime.timedelta(days=400)
    stale.save()
    body = dashboard(client, world.officer_a).content.decode()
    panel = body[body.index("Inovasi instansi Anda") :]
    assert "Tunggu" in panel and "Menunggu tinjauan (Verifikasi OPD)" in panel
    assert "Masih Draf" in panel and "Draf" in panel
    assert "Lama" in panel and "Perlu diperbarui" in panel
    assert "Inovasi Milik A" in panel and "Terbit" in panel
    assert "Inovasi Publik B" not in body and "Draf Rahasia B" not in body


def test_changes_requested_shows_on_the_officers_dashboard(client, world):
    page = world.own
    submit(page, world.officer_a)
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, world.verifier_a, "reject", comment="Kurang")
    body = dashboard(client, world.officer_a).content.decode()
    assert "Perlu perbaikan" in body[body.index("Inovasi instansi Anda") :]


def test_moderator_sees_the_review_queue_with_waiting_time(client, world):
    submit(world.own, world.officer_a)
    body = dashboard(client, world.moderator).content.decode()
    queue = body[body.index("Antrean moderasi") :]
    assert "Inovasi Milik A" in queue and "Dinas A" in queue and "Verifikasi OPD" in queue
    assert "menit" in queue or "minute" in queue


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def render_queries(panel):
    with CaptureQueriesContext(connection) as captured:
        panel.render_html({})
    return len(captured)


def test_panels_and_log_keep_a_constant_query_count(client, world):
    officer_panel = OfficerInnovationsPanel([world.agency_a.pk])
    log = reverse("agencies_admin:log") + f"?instansi={world.agency_a.pk}"
    submit(world.own, world.officer_a)
    before = render_queries(officer_panel), render_queries(ReviewQueuePanel())
    client.force_login(world.officer_a)
    log_before = count_queries(client, log)

    for n in range(6):
        agency = world.agency_a if n % 2 else world.agency_b
        page = InnovationPageFactory(parent=world.catalogue, agency=agency, title=f"N{n}")
        page.save_revision(user=world.officer_a, log_action=True)
        submit(page, world.officer_a)
    assert (render_queries(officer_panel), render_queries(ReviewQueuePanel())) == before
    assert count_queries(client, log) == log_before


def test_agency_log_is_scoped(client, world):
    world.own.save_revision(user=world.officer_a, log_action=True)
    world.foreign.save_revision(user=world.officer_b, log_action=True)
    client.force_login(world.officer_a)
    own = client.get(reverse("agencies_admin:log"), {"instansi": world.agency_a.pk})
    assert own.status_code == 200 and "Inovasi Milik A" in own.content.decode()
    other = client.get(reverse("agencies_admin:log"), {"instansi": world.agency_b.pk})
    assert other.status_code == 404 and "Draf Rahasia B" not in other.content.decode()
    client.force_login(world.moderator)
    response = client.get(reverse("agencies_admin:log"), {"instansi": world.agency_b.pk})
    assert response.status_code == 200 and "Inovasi Publik B" in response.content.decode()
    unknown = client.get(reverse("agencies_admin:log"), {"instansi": "x"})
    assert unknown.status_code == 404 and "tidak ada" in unknown.content.decode()
