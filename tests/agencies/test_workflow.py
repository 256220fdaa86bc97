"""The moderation workflow: officer submits, the agency's verifier approves, a moderator
approves and publishes (or schedules); changes can be requested at either step, and each
step's people, and only they, get an Indonesian e-mail with a link to the task."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from agencies.workflow import moderation_workflow
from tests.agencies.factories import ModeratorFactory, VerifierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    world.verifier_b = VerifierFactory(agency=world.agency_b)
    world.other_moderator = ModeratorFactory()
    return world


def submit(page, user, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    page.refresh_from_db()
    return page.current_workflow_state


def act(client, user, page, action, comment=""):
    client.force_login(user)
    state = page.current_workflow_state
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, action, state.current_task_state.pk],
    )
    return client.post(url, {"comment": comment})


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_catalogue_pages_go_through_the_moderation_workflow(people):
    workflow = people.own.get_workflow()
    assert workflow == moderation_workflow()
    assert [task.name for task in workflow.tasks] == ["Verifikasi OPD", "Persetujuan Moderator"]


def test_officer_cannot_publish(people):
    permissions = people.own.permissions_for_user(people.officer_a)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert permissions.can_submit_for_moderation()


def test_full_path_officer_verifier_moderator(client, people):
    page = people.own
    submit(page, people.officer_a, title="Inovasi Milik A (revisi)")
    assert recipients() == [people.verifier_a.email]
    message = mail.outbox[0]
    assert "Menunggu Verifikasi OPD" in message.subject
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in message.body
    assert "Dinas A" in message.body

    mail.outbox.clear()
    response = act(client, people.verifier_a, page, "approve")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Inovasi Milik A"  # not published yet
    assert recipients() == sorted([people.moderator.email, people.other_moderator.email])
    assert "Persetujuan Moderator" in mail.outbox[0].subject

    mail.outbox.clear()
    act(client, people.moderator, page, "approve")
    page.refresh_from_db()
    assert page.live and page.title == "Inovasi Milik A (revisi)"
    assert recipients() == [people.officer_a.email]
    assert mail.outbox[0].subject.startswith("[JIPP Sulsel] Disetujui")
    assert "sudah terbit" in mail.outbox[0].body
    assert page.current_workflow_state is None


def test_verifier_of_another_agency_cannot_act(client, people):
    page = people.own
    submit(page, people.officer_a)
    task = page.current_workflow_task
    assert task.get_actions(page, people.verifier_b) == []
    assert task.get_actions(page, people.officer_a) == []
    assert task.get_actions(page, people.moderator) == []
    response = act(client, people.verifier_b, page, "approve")
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Verifikasi OPD"
    reviewable = task.get_task_states_user_can_moderate(people.verifier_b)
    assert not reviewable.exists()
    assert task.get_task_states_user_can_moderate(people.verifier_a).count() == 1


def test_page_in_review_is_locked_for_the_officer(people):
    page = people.own
    submit(page, people.officer_a)
    assert page.current_workflow_task.locked_for_user(page, people.officer_a)
    assert not page.current_workflow_task.locked_for_user(page, people.verifier_a)


@pytest.mark.parametrize("step", ["verifier", "moderator"])
def test_request_changes_with_a_comment_at_either_step(client, people, step):
    page = people.own
    submit(page, people.officer_a)
    if step == "moderator":
        act(client, people.verifier_a, page, "approve")
    reviewer = people.verifier_a if step == "verifier" else people.moderator
    mail.outbox.clear()
    act(client, reviewer, page, "reject", comment="Lengkapi data hasil dan angka kunci.")
    page.refresh_from_db()
    state = page.workflow_states.order_by("-created_at").first()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert recipients() == [people.officer_a.email]
    message = mail.outbox[0]
    assert "Perlu perbaikan" in message.subject
    assert "Lengkapi data hasil dan angka kunci." in message.body
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in message.body


def test_moderator_schedules_publication(client, people):
    page = people.own
    go_live = (timezone.now() + datetime.timedelta(days=3)).replace(microsecond=0)
    submit(page, people.officer_a, title="Terbit Nanti", go_live_at=go_live)
    act(client, people.verifier_a, page, "approve")
    mail.outbox.clear()
    act(client, people.moderator, page, "approve")
    page.refresh_from_db()
    assert page.live and page.title == "Inovasi Milik A"  # the live version stays until then
    assert page.scheduled_revision is not None
    assert page.scheduled_revision.approved_go_live_at == go_live
    assert "dijadwalkan terbit" in mail.outbox[0].body


def test_new_page_of_an_agency_goes_through_the_workflow(people):
    from tests.innovations.factories import InnovationPageFactory

    page = InnovationPageFactory(
        parent=people.catalogue, agency=people.agency_a, title="Baru", live=False
    )
    submit(page, people.officer_a)
    assert page.current_workflow_task.name == "Verifikasi OPD"
    assert recipients() == [people.verifier_a.email]
