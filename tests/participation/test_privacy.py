"""Personal data never reaches the search index, the API, logs or error reports; retention
anonymises closed reports; escalation e-mails overdue ones."""

import io
import logging
import sys

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django.views.debug import ExceptionReporter

from participation import views
from participation.models import Report, ReportContact, Status

from .factories import report_in
from .test_form import URL, form_data
from .uploads import pdf

pytestmark = pytest.mark.django_db

PERSONAL = ("Warga Contoh", "warga@contoh.test", "0812 0000 0000")


def test_reports_are_not_indexed_for_search():
    from modelsearch.index import get_indexed_models

    indexed = set(get_indexed_models())
    from participation import models

    for model in (models.Report, models.ReportContact, models.ReportMessage):
        assert model not in indexed


def test_site_search_does_not_find_report_text(client, home_page):
    client.post(URL, form_data(title="Kata unik zebrakuda di laporan"))
    assert Report.objects.exists()
    response = client.get("/cari/", {"q": "zebrakuda"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Coba kata lain" in html  # the zero-results message
    assert "Laporan uji" not in html and "Lubang besar" not in html


def test_api_has_no_report_endpoint(client):
    paths = ("/api/v2/pengaduan/", "/api/v2/reports/", "/api/v2/pages/?type=participation.Report")
    for path in paths:
        response = client.get(path)
        for value in PERSONAL:
            assert value not in response.content.decode()


def test_submission_logs_no_personal_data(client, home_page, caplog):
    caplog.set_level(logging.DEBUG)
    client.post(URL, form_data())
    for value in PERSONAL:
        assert value not in caplog.text


def test_error_reports_hide_personal_data(client, home_page, caplog, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("kegagalan uji")

    monkeypatch.setattr(views.services, "file_report", explode)
    client.raise_request_exception = False
    caplog.set_level(logging.ERROR, logger="django.request")
    response = client.post(URL, form_data())
    assert response.status_code == 500
    record = next(r for r in caplog.records if r.name == "django.request")
    reporter = ExceptionReporter(record.request, *record.exc_info)
    text = reporter.get_traceback_text()
    for value in PERSONAL:
        assert value not in text
    assert "kegagalan uji" in text
    assert sys.exc_info() == (None, None, None)


def test_retention_anonymises_closed_reports_after_the_period(settings, agency, moderator):
    settings.PARTICIPATION_RETENTION_DAYS = 30
    old = report_in(Status.CLOSED, agency, moderator)
    from participation.uploads import clean_upload

    item = clean_upload(pdf())
    attachment = old.attachments.create(file=item.content, content_type=item.content_type, size=9)
    stored = attachment.file.path
    Report.objects.filter(pk=old.pk).update(closed_at=timezone.now() - timezone.timedelta(days=31))
    recent = report_in(Status.CLOSED, agency, moderator)
    still_open = report_in(Status.ROUTED, agency, moderator)
    Report.objects.filter(pk=still_open.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=400)
    )
    call_command("anonymise_reports", stdout=io.StringIO())
    old.refresh_from_db()
    assert old.anonymised_at is not None
    assert old.title == "[dihapus]" and old.description == "[dihapus]"
    assert not ReportContact.objects.filter(report=old).exists()
    assert not old.attachments.exists()
    import os

    assert not os.path.exists(stored)
    # What the statistics count stays.
    assert old.category and old.routed_agency == agency and old.answered_at
    for report in (recent, still_open):
        report.refresh_from_db()
        assert report.anonymised_at is None
        assert ReportContact.objects.filter(report=report).exists()


def test_escalation_mails_moderators_and_the_agency_once_a_day(agency, liaison, moderator):
    late_verification = report_in(Status.RECEIVED)
    late_answer = report_in(Status.ROUTED, agency, moderator)
    on_time = report_in(Status.RECEIVED)
    Report.objects.filter(pk=late_verification.pk).update(verify_due="2020-01-02")
    Report.objects.filter(pk=late_answer.pk).update(answer_due="2020-01-02")
    mail.outbox.clear()
    call_command("escalate_reports", stdout=io.StringIO())
    to_moderator = [m for m in mail.outbox if moderator.email in m.to]
    to_agency = [m for m in mail.outbox if liaison.email in m.to]
    assert len(to_moderator) == 1 and len(to_agency) == 1
    assert late_verification.tracking_code in to_moderator[0].body
    assert late_answer.tracking_code in to_moderator[0].body
    assert on_time.tracking_code not in to_moderator[0].body
    assert late_answer.tracking_code in to_agency[0].body
    assert late_verification.tracking_code not in to_agency[0].body
    assert "terlambat" in to_moderator[0].subject.lower() or "batas" in to_moderator[0].subject
    for value in PERSONAL:
        assert value not in to_agency[0].body
    mail.outbox.clear()
    call_command("escalate_reports", stdout=io.StringIO())
    assert mail.outbox == []
