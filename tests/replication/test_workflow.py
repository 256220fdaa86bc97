"""Every step of a replication request: who may take it, what it needs, what it records, who
is told, and what a verified replication changes on the original case study."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from innovations.models import InnovationPage, InnovationReplication
from replication import reminders, stats, workflow
from replication.models import ReplicationMessage, ReplicationRequest
from tests.innovations.factories import AgencyFactory, region
from tests.replication.factories import ReplicationRequestFactory

Author = ReplicationMessage.Author
State = ReplicationRequest.State
TODAY = datetime.date.today()


def recipients():
    return [set(message.to) | set(message.bcc) for message in mail.outbox]


def submitted(innovation, **kwargs):
    return workflow.submit(ReplicationRequestFactory.build(innovation=innovation, **kwargs))


def walk(request, *steps, author=Author.AGENCY):
    for action, data in steps:
        workflow.apply(request, action, author, data=data)
    return request


REPORT = {
    "copied": "Mobil layanan keliling dan jadwal desa.",
    "changed": "Jadwal dua kali sebulan, bukan mingguan.",
    "cost": 45_000_000,
    "implemented_on": TODAY - datetime.timedelta(days=10),
    "first_results": "Waktu layanan turun dari 14 hari menjadi 3 hari.",
}


def test_submit_opens_the_thread_counts_and_mails_both_sides(innovation, officer):
    request = submitted(innovation)

    assert request.state == State.REQUESTED
    assert [(m.author, m.action) for m in request.messages.all()] == [(Author.REQUESTER, "submit")]
    assert recipients() == [
        {request.email},
        {"inovator@maros.example.go.id", officer.email},
    ]
    assert request.get_tracking_url() in mail.outbox[0].body
    assert "Permintaan baru" in mail.outbox[0].subject
    # The requester never receives the innovator's address.
    assert "inovator@maros.example.go.id" not in mail.outbox[0].body
    innovation.refresh_from_db()
    assert innovation.request_count == 1


@pytest.mark.parametrize(
    "steps, state",
    [
        ([("accept", {})], State.ACCEPTED),
        (
            [("propose_dates", {"agreed_start": TODAY + datetime.timedelta(days=40)})],
            State.REQUESTED,
        ),
        ([("decline", {"reason": "Tim sedang audit."})], State.DECLINED),
        ([("accept", {}), ("visit_done", {})], State.VISITED),
        ([("accept", {}), ("visit_done", {}), ("start_adapting", {})], State.ADAPTING),
        ([("accept", {}), ("abandon", {"reason": "Anggaran dialihkan."})], State.ABANDONED),
    ],
)
def test_each_agency_step_changes_state_and_mails_both_sides(innovation, steps, state):
    request = submitted(innovation)
    mail.outbox.clear()

    walk(request, *steps)

    request.refresh_from_db()
    assert request.state == state
    assert len(mail.outbox) == 2 * len(steps)
    assert [m.action for m in request.messages.all()][1:] == [action for action, _d in steps]


def test_accept_keeps_the_requested_dates_and_propose_dates_replaces_them(innovation):
    request = submitted(innovation)
    new_start = TODAY + datetime.timedelta(days=45)
    walk(request, ("propose_dates", {"agreed_start": new_start, "message": "Minggu depan?"}))
    assert (request.agreed_start, request.agreed_end) == (new_start, new_start)
    assert "Minggu depan?" in mail.outbox[-1].body

    other = submitted(innovation)
    walk(other, ("accept", {}))
    assert (other.agreed_start, other.agreed_end) == (other.visit_start, other.visit_end)


def test_decline_and_abandon_need_a_reason(innovation):
    request = submitted(innovation)
    with pytest.raises(workflow.TransitionError):
        workflow.apply(request, "decline", Author.AGENCY, data={})
    walk(request, ("accept", {}))
    with pytest.raises(workflow.TransitionError):
        workflow.apply(request, "abandon", Author.REQUESTER, data={"reason": ""})
    request.refresh_from_db()
    assert request.state == State.ACCEPTED


@pytest.mark.parametrize(
    "state, action, author",
    [
        (State.REQUESTED, "accept", Author.REQUESTER),  # only the agency answers
        (State.REQUESTED, "implement", Author.REQUESTER),  # not yet adapting
        (State.ADAPTING, "verify", Author.AGENCY),  # only a moderator verifies
        (State.DECLINED, "accept", Author.AGENCY),  # closed
        (State.IMPLEMENTED, "abandon", Author.REQUESTER),
    ],
)
def test_steps_out_of_order_or_by_the_wrong_side_are_refused(innovation, state, action, author):
    request = ReplicationRequestFactory(innovation=innovation, state=state)
    with pytest.raises(workflow.TransitionError):
        workflow.apply(request, action, author, data={"reason": "x", **REPORT})
    request.refresh_from_db()
    assert request.state == state
    assert not mail.outbox


def test_a_replication_skips_the_visit_and_cannot_record_one(innovation):
    request = submitted(innovation, kind=ReplicationRequest.Kind.REPLICATE)
    walk(request, ("accept", {}))
    assert "visit_done" not in workflow.allowed_actions(request, Author.AGENCY)
    with pytest.raises(workflow.TransitionError):
        walk(request, ("visit_done", {}))
    walk(request, ("start_adapting", {}))
    assert request.state == State.ADAPTING


def test_implement_needs_the_report_and_tells_moderators(innovation, moderator):
    request = walk(
        submitted(innovation), ("accept", {}), ("visit_done", {}), ("start_adapting", {})
    )
    with pytest.raises(workflow.TransitionError) as error:
        workflow.apply(request, "implement", Author.REQUESTER, data={"copied": "Semua"})
    assert set(error.value.error_dict) == {"changed", "implemented_on", "first_results"}
    mail.outbox.clear()

    workflow.apply(request, "implement", Author.REQUESTER, data=REPORT)

    request.refresh_from_db()
    assert request.state == State.IMPLEMENTED
    assert request.first_results == REPORT["first_results"]
    assert moderator.email in recipients()[1]


def implemented(innovation, **kwargs):
    request = walk(
        submitted(innovation, **kwargs), ("accept", {}), ("visit_done", {}), ("start_adapting", {})
    )
    workflow.apply(request, "implement", Author.REQUESTER, data=REPORT)
    return request


def test_verified_replication_becomes_a_record_on_the_case_study(client, innovation, moderator):
    request = implemented(innovation)
    innovation.refresh_from_db()
    assert (innovation.request_count, innovation.visit_count) == (1, 1)
    assert innovation.verified_replication_count == 0
    # Seen before: the case study's (empty) list of reports is kept, and the verification
    # below starts a new generation.
    assert "Hasil replikasi terverifikasi" not in client.get(innovation.url).content.decode()

    workflow.apply(request, "verify", Author.MODERATOR, user=moderator, data={})

    innovation.refresh_from_db()
    assert innovation.verified_replication_count == 1
    assert innovation.replication_count == 1
    record = InnovationReplication.objects.get(page=innovation)
    assert (record.region, record.status, record.year) == (
        region("73.06"),
        InnovationReplication.Status.REPLICATED,
        REPORT["implemented_on"].year,
    )
    assert "Dinas Kependudukan" in record.adopter_name
    # The publish went through a revision, so the next editor's publish keeps the row.
    innovation.get_latest_revision().publish()
    assert InnovationReplication.objects.filter(page=innovation).count() == 1
    innovation.refresh_from_db()
    assert innovation.verified_replication_count == 1

    html = client.get(innovation.url).content.decode()
    assert "Hasil replikasi terverifikasi" in html
    assert REPORT["first_results"] in html
    assert stats.counts_for([innovation.pk]) == {
        innovation.pk: stats.Counts(requests=1, visits=1, verified_replications=1)
    }
    with pytest.raises(workflow.TransitionError):
        workflow.apply(request, "verify", Author.MODERATOR, user=moderator, data={})


def test_verified_replication_with_a_pending_draft_reaches_draft_and_live(innovation, moderator):
    draft = innovation.get_latest_revision_as_object()
    draft.tagline = "Belum terbit"
    draft.save_revision()
    request = implemented(innovation)

    workflow.apply(request, "verify", Author.MODERATOR, user=moderator, data={})

    assert InnovationReplication.objects.filter(page=innovation).count() == 1
    innovation.refresh_from_db()
    assert innovation.tagline == ""
    assert len(innovation.get_latest_revision_as_object().replications.all()) == 1


def test_verified_replication_in_south_sulawesi_can_become_a_draft_case_study(
    innovation, moderator
):
    request = implemented(innovation)
    agency = AgencyFactory(name="Disdukcapil Gowa", region=region("73.06"))

    workflow.apply(
        request,
        "verify",
        Author.MODERATOR,
        user=moderator,
        data={"agency": agency, "make_case_study": True},
    )

    request.refresh_from_db()
    page = InnovationPage.objects.get(pk=request.case_study_id)
    assert page.replicated_from_id == innovation.pk
    assert page.agency == agency
    assert not page.live
    assert "dua kali sebulan" in page.approach
    assert InnovationReplication.objects.get(page=innovation).agency == agency


def test_outside_south_sulawesi_is_recorded_without_a_region(innovation, moderator):
    request = implemented(innovation, region=None, province="Jawa Timur")
    workflow.apply(request, "verify", Author.MODERATOR, user=moderator, data={})
    record = InnovationReplication.objects.get(page=innovation)
    assert record.region is None
    assert record.adopter_name.endswith("(Jawa Timur)")


def test_send_back_returns_an_unverified_report_for_more(innovation, moderator):
    request = implemented(innovation)
    workflow.apply(
        request, "send_back", Author.MODERATOR, user=moderator, data={"message": "Angkanya?"}
    )
    assert request.state == State.ADAPTING
    assert "Angkanya?" in mail.outbox[-1].body


def test_messages_are_threaded_and_closed_requests_take_none(innovation):
    request = submitted(innovation)
    workflow.post_message(request, Author.AGENCY, "Silakan kirim surat tugas.")
    workflow.post_message(request, Author.REQUESTER, "Terlampir.")
    assert [m.body for m in request.messages.all()][1:] == [
        "Silakan kirim surat tugas.",
        "Terlampir.",
    ]
    walk(request, ("decline", {"reason": "Jadwal penuh."}))
    with pytest.raises(workflow.TransitionError):
        workflow.post_message(request, Author.REQUESTER, "Mengapa?")


def test_reminders_ask_for_news_after_each_interval(innovation, settings):
    settings.REPLICATION_REMINDER_DAYS = (30, 60)
    request = walk(submitted(innovation), ("accept", {}))
    quiet = submitted(innovation)  # still waiting for the agency: no reminder
    mail.outbox.clear()
    now = timezone.now()

    assert reminders.send_due(now + datetime.timedelta(days=29)) == 0
    assert reminders.send_due(now + datetime.timedelta(days=31)) == 1
    assert mail.outbox[0].to == [request.email]
    assert request.get_tracking_url() in mail.outbox[0].body
    assert reminders.send_due(now + datetime.timedelta(days=40)) == 0
    assert reminders.send_due(now + datetime.timedelta(days=61)) == 1
    assert reminders.send_due(now + datetime.timedelta(days=400)) == 0
    assert quiet.reminders_sent == 0

    workflow.post_message(request, Author.REQUESTER, "Masih berjalan.")
    request.refresh_from_db()
    assert request.reminders_sent == 0
