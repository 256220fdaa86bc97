"""Staff side: moderators verify and route; an agency's liaisons see and answer only what is
routed to their agency, at every door (list, detail, answer, attachments, export)."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participation import services
from participation.models import InternalNote, Report, ReportMessage, Status
from tests.agencies.factories import PASSWORD, UserFactory

from .factories import file_report, report_in
from .uploads import pdf

pytestmark = pytest.mark.django_db

INDEX = "/admin/pengaduan/"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def detail(report):
    return f"{INDEX}{report.pk}/"


def act(report, action):
    return f"{INDEX}{report.pk}/aksi/{action}/"


def with_attachment(**kwargs):
    from participation.uploads import clean_upload

    report, _ = file_report(**kwargs)
    item = clean_upload(pdf())
    report.attachments.create(file=item.content, content_type=item.content_type, size=10)
    return report


def test_moderator_verifies_routes_and_the_agency_answers(
    client, agency, liaison, moderator, django_capture_on_commit_callbacks
):
    report, _ = file_report()
    login(client, moderator)
    assert report.tracking_code in client.get(INDEX).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(act(report, "verify"), {"verify-listed_publicly": ""})
        client.post(act(report, "route"), {"route-agency": agency.pk})
    report.refresh_from_db()
    assert report.status == Status.ROUTED
    assert report.routed_agency == agency
    assert report.answer_due > report.verify_due or report.answer_due >= report.verify_due
    routed_mail = [m for m in mail.outbox if liaison.email in m.to]
    assert routed_mail and "Laporan baru untuk instansi Anda" in routed_mail[0].subject
    assert "Warga Contoh" not in routed_mail[0].body

    client.logout()
    login(client, liaison)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(act(report, "answer"), {"answer-body": "Sudah kami perbaiki."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.ANSWERED
    assert report.answered_on_time is True
    answer = report.messages.get(kind=ReportMessage.Kind.ANSWER)
    assert answer.agency == agency
    to_reporter = [m for m in mail.outbox if "warga@contoh.test" in m.to]
    assert any("Sudah kami perbaiki." in m.body for m in to_reporter)


def test_rejection_needs_a_reason_and_tells_the_reporter(client, moderator):
    report, _ = file_report()
    login(client, moderator)
    client.post(act(report, "reject"), {"reject-reason": ""})
    report.refresh_from_db()
    assert report.status == Status.RECEIVED
    client.post(act(report, "reject"), {"reject-reason": "Di luar kewenangan provinsi."})
    report.refresh_from_db()
    assert report.status == Status.REJECTED
    assert report.events.last().note == "Di luar kewenangan provinsi."


def test_liaison_sees_only_reports_routed_to_their_agency(
    client, agency, other_agency, liaison, moderator
):
    mine = report_in(Status.ROUTED, agency, moderator, title="Laporan untuk kami")
    theirs = report_in(Status.ROUTED, other_agency, moderator, title="Laporan instansi lain")
    unrouted = with_attachment(title="Belum diteruskan")
    theirs_with_file = with_attachment(title="Lampiran instansi lain")
    services.verify(theirs_with_file, moderator)
    services.route(theirs_with_file, moderator, other_agency)
    login(client, liaison)

    listing = client.get(INDEX).content.decode()
    assert mine.tracking_code in listing
    for hidden in (theirs, unrouted, theirs_with_file):
        assert hidden.tracking_code not in listing
    # Filtering by another agency's id does not widen the scope.
    assert (
        theirs.tracking_code
        not in client.get(INDEX, {"instansi": other_agency.pk}).content.decode()
    )

    assert client.get(detail(mine)).status_code == 200
    assert client.get(detail(theirs)).status_code == 404
    assert client.get(detail(unrouted)).status_code == 404

    response = client.post(act(theirs, "answer"), {"answer-body": "Bukan urusan kami."})
    assert response.status_code == 404
    assert not theirs.messages.exists()
    assert client.post(act(theirs, "note"), {"note-body": "x"}).status_code == 404

    item = theirs_with_file.attachments.get()
    assert client.get(f"{detail(theirs_with_file)}lampiran/{item.pk}/").status_code == 404

    export = b"".join(client.get(f"{INDEX}ekspor/").streaming_content).decode()
    assert mine.tracking_code in export
    assert theirs.tracking_code not in export
    assert unrouted.tracking_code not in export


def refused(response):
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def test_liaison_cannot_moderate(client, agency, other_agency, liaison, moderator):
    report = report_in(Status.ROUTED, agency, moderator)
    login(client, liaison)
    assert refused(client.post(act(report, "route"), {"route-agency": other_agency.pk}))
    report.refresh_from_db()
    assert report.routed_agency == agency


def test_user_without_agency_or_role_gets_nothing(client, agency, moderator):
    report_in(Status.ROUTED, agency, moderator)
    user = UserFactory(is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login(client, user)
    assert refused(client.get(INDEX))
    assert refused(client.get(f"{INDEX}ekspor/"))


def test_anonymous_contact_is_for_moderators_only(client, agency, liaison, moderator):
    report = report_in(
        Status.ROUTED, agency, moderator, privacy="anonim", name="", email="rahasia@contoh.test"
    )
    login(client, liaison)
    html = client.get(detail(report)).content.decode()
    assert "rahasia@contoh.test" not in html
    assert "hanya dapat dilihat moderator" in html
    client.logout()
    login(client, moderator)
    assert "rahasia@contoh.test" in client.get(detail(report)).content.decode()


def test_attachment_served_to_authorised_staff_with_safe_headers(
    client, agency, liaison, moderator
):
    report = with_attachment()
    services.verify(report, moderator)
    services.route(report, moderator, agency)
    item = report.attachments.get()
    url = f"{detail(report)}lampiran/{item.pk}/"
    assert client.get(url).status_code in (302, 403)  # not signed in: to the login page
    login(client, liaison)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_internal_notes_stay_internal(client, agency, liaison, moderator):
    report = report_in(Status.ROUTED, agency, moderator)
    login(client, liaison)
    client.post(act(report, "note"), {"note-body": "Perlu cek lapangan."})
    assert InternalNote.objects.get().body == "Perlu cek lapangan."
    assert "Perlu cek lapangan." in client.get(detail(report)).content.decode()
    assert not report.messages.filter(body__contains="cek lapangan").exists()
    assert not report.events.filter(note__contains="cek lapangan").exists()


def test_filters_by_status_and_overdue(client, agency, moderator):
    late = report_in(Status.RECEIVED, title="Terlambat")
    Report.objects.filter(pk=late.pk).update(verify_due="2020-01-01")
    fresh = report_in(Status.RECEIVED, title="Baru")
    routed = report_in(Status.ROUTED, agency, moderator, title="Diteruskan")
    login(client, moderator)
    overdue = client.get(INDEX, {"terlambat": "on"}).content.decode()
    assert late.tracking_code in overdue
    assert fresh.tracking_code not in overdue
    by_status = client.get(INDEX, {"status": "diteruskan"}).content.decode()
    assert routed.tracking_code in by_status and fresh.tracking_code not in by_status
    by_agency = client.get(INDEX, {"instansi": agency.pk}).content.decode()
    assert routed.tracking_code in by_agency and late.tracking_code not in by_agency


def test_export_escapes_formulas(client, moderator):
    report_in(Status.RECEIVED, title='=HYPERLINK("http://jahat.example")')
    login(client, moderator)
    export = b"".join(client.get(f"{INDEX}ekspor/").streaming_content).decode()
    assert "'=HYPERLINK" in export
    assert "warga@contoh.test" not in export


def listing_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(INDEX)
    assert response.status_code == 200
    return len(queries), len(response.context["page_obj"])


def test_listing_query_count_does_not_grow(client, agency, liaison, moderator):
    """The count is compared between 3 and 30 rows rather than pinned: the admin's menu and
    chrome make queries that other apps' hooks add to."""
    for n in range(3):
        report_in(Status.ROUTED, agency, moderator, title=f"Laporan {n}")
    login(client, liaison)
    client.get(INDEX)  # the session and the admin's per-user lookups
    few, shown = listing_queries(client)
    assert shown == 3
    for n in range(27):
        report_in(Status.ROUTED, agency, moderator, title=f"Laporan tambahan {n}")
    many, shown = listing_queries(client)
    assert shown == 30
    assert many == few


def test_moderators_keep_collective_leave_days(client, moderator):
    login(client, moderator)
    response = client.get("/admin/snippets/participation/collectiveleave/add/")
    assert response.status_code == 200
    response = client.post(
        "/admin/snippets/participation/collectiveleave/add/",
        {"date": "2026-12-24", "name": "Cuti bersama Natal"},
    )
    assert response.status_code == 302
    from participation.models import CollectiveLeave

    assert CollectiveLeave.objects.filter(date="2026-12-24").exists()
