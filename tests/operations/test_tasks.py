"""The task queue of production (TASKS_BACKEND=database): a publish queues the search-index
update for the worker instead of doing it in the editor's request; `db_worker` works the queue
off; /readyz says "degraded" when a task waits too long (no worker running)."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from innovations.models import InnovationPage
from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def catalogue(home_page):
    return InnovationIndexPageFactory(parent=home_page)


def found(word):
    return [page.title for page in InnovationPage.objects.live().search(word)]


def work_off_the_queue():
    call_command("db_worker", batch=True, interval=0, no_startup_delay=True, verbosity=0)


# The worker commits and closes connections as in production: no test transaction around it
# (serialized_rollback restores the reference data, locales and regions, for later tests).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_a_publish_queues_the_index_update_and_the_worker_applies_it(catalogue):
    page = InnovationPageFactory(parent=catalogue, title="Perahu Pustaka Wakatobi")

    queued = DBTaskResult.objects.ready().filter(task_path__endswith="insert_or_update_object_task")
    assert queued.exists(), "the save should have queued the index update"
    assert found("Wakatobi") == [], "the request itself must not have indexed the page"

    work_off_the_queue()

    assert found("Wakatobi") == [page.title]
    assert not DBTaskResult.objects.ready().exists()
    assert not DBTaskResult.objects.failed().exists()


@override_settings(TASKS=DATABASE_QUEUE, TASKS_BACKLOG_SECONDS=300)
def test_readiness_is_degraded_when_a_queued_task_waits_too_long(client, catalogue):
    InnovationPageFactory(parent=catalogue)
    body = client.get("/readyz").json()
    assert body["status"] == "ok"
    assert body["checks"]["tasks"]["ok"] is True

    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    DBTaskResult.objects.ready().update(enqueued_at=an_hour_ago)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["tasks"]["ok"] is False


def test_without_a_queue_readiness_reports_immediate_tasks(client, home_page):
    assert client.get("/readyz").json()["checks"]["tasks"] == {
        "ok": True,
        "ms": pytest.approx(0, abs=1000),
        "detail": "immediate",
    }
