"""The workflow: every change of a report's status goes through here, so the history, the
deadlines and the e-mails stay consistent whichever screen caused it."""

import hashlib

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import deadlines, emails, tracking
from .models import (
    Privacy,
    Report,
    ReportAttachment,
    ReportContact,
    ReportEvent,
    ReportMessage,
    Status,
)

DUPLICATE_WINDOW_HOURS = 24


def fingerprint(title, description):
    text = " ".join(f"{title}\n{description}".lower().split())
    return hashlib.sha256(text.encode()).hexdigest()


def is_duplicate(title, description):
    since = timezone.now() - timezone.timedelta(hours=DUPLICATE_WINDOW_HOURS)
    return Report.objects.filter(
        fingerprint=fingerprint(title, description), created_at__gte=since
    ).exists()


@transaction.atomic
def file_report(data, files=()):
    """Store a report from the public form's cleaned data; return (report, secret)."""
    secret = tracking.new_secret()
    report = Report(
        tracking_code=tracking.new_code(),
        secret_hash=tracking.hash_secret(secret),
        category=data["category"],
        privacy=data["privacy"],
        agency=data.get("agency"),
        innovation=data.get("innovation"),
        region=data.get("region"),
        title=data["title"],
        description=data["description"],
        incident_date=data.get("incident_date"),
        incident_place=data.get("incident_place", ""),
        consented_at=timezone.now(),
        fingerprint=fingerprint(data["title"], data["description"]),
    )
    while Report.objects.filter(tracking_code=report.tracking_code).exists():
        report.tracking_code = tracking.new_code()
    report.save()
    # Anonymous: no name at all; only a way back, seen by moderators alone.
    name = "" if report.privacy == Privacy.ANONYMOUS else data.get("name", "")
    if name or data.get("email") or data.get("phone"):
        ReportContact.objects.create(
            report=report, name=name, email=data.get("email", ""), phone=data.get("phone", "")
        )
    for clean in files:
        ReportAttachment.objects.create(
            report=report,
            file=clean.content,
            content_type=clean.content_type,
            size=clean.content.size,
        )
    ReportEvent.objects.create(report=report, status=Status.RECEIVED)
    transaction.on_commit(lambda: emails.receipt(report))
    return report, secret


def _change(report, status, actor=None, note="", mail_note=None):
    """Record a status in the history the reporter sees and tell them by e-mail; ``mail_note``
    replaces the note in the e-mail only (an answer is shown once, as a message)."""
    report.status = status
    ReportEvent.objects.create(report=report, status=status, note=note, actor=actor)
    text = note if mail_note is None else mail_note
    transaction.on_commit(lambda: emails.status_changed(report, text))


def _require(report, *statuses):
    if report.status not in statuses:
        raise PermissionDenied(_("Langkah ini tidak berlaku untuk status laporan sekarang."))


@transaction.atomic
def verify(report, actor, listed_publicly=False, public_text=""):
    _require(report, Status.RECEIVED)
    report.verified_at = timezone.now()
    report.listed_publicly = listed_publicly and report.privacy == Privacy.PUBLIC
    report.public_text = public_text if report.listed_publicly else ""
    _change(report, Status.VERIFIED, actor)
    report.save()


@transaction.atomic
def reject(report, actor, reason):
    _require(report, Status.RECEIVED, Status.VERIFIED)
    report.rejection_reason = reason
    report.closed_at = timezone.now()
    _change(report, Status.REJECTED, actor, note=reason)
    report.save()


@transaction.atomic
def route(report, actor, agency):
    _require(report, Status.VERIFIED, Status.ROUTED)
    report.routed_agency = agency
    report.routed_at = timezone.now()
    report.answer_due = deadlines.due_after(report.routed_at, deadlines.ANSWER_WORKING_DAYS)
    _change(report, Status.ROUTED, actor, note=_("Diteruskan kepada %s.") % agency.name)
    report.save()
    transaction.on_commit(lambda: emails.routed(report))


@transaction.atomic
def answer(report, actor, body, agency=None):
    _require(report, Status.ROUTED)
    now = timezone.now()
    ReportMessage.objects.create(
        report=report,
        kind=ReportMessage.Kind.ANSWER,
        body=body,
        author=actor,
        agency=agency or report.routed_agency,
    )
    report.answered_at = now
    report.answered_on_time = deadlines.local_date(now) <= report.answer_due
    report.resolved = None
    _change(report, Status.ANSWERED, actor, mail_note=body)
    report.save()


@transaction.atomic
def close(report, actor=None, note=""):
    _require(report, Status.ANSWERED)
    report.closed_at = timezone.now()
    _change(report, Status.CLOSED, actor, note=note)
    report.save()


@transaction.atomic
def add_information(report, body):
    if report.status == Status.REJECTED or report.is_anonymised:
        raise PermissionDenied
    ReportMessage.objects.create(report=report, kind=ReportMessage.Kind.ADDITION, body=body)


@transaction.atomic
def give_feedback(report, solved, comment=""):
    """The reporter's verdict on the answer: solved closes the report; not solved reopens it
    once (back to the agency with a fresh deadline), after that it closes as unresolved."""
    _require(report, Status.ANSWERED, Status.CLOSED)
    report.resolved = solved
    if comment:
        ReportMessage.objects.create(report=report, kind=ReportMessage.Kind.FEEDBACK, body=comment)
    if solved:
        if report.status == Status.ANSWERED:
            report.closed_at = timezone.now()
            _change(report, Status.CLOSED, note=_("Pelapor menyatakan masalah tuntas."))
    elif report.can_reopen:
        report.reopened_count += 1
        report.closed_at = None
        report.routed_at = timezone.now()
        report.answer_due = deadlines.due_after(report.routed_at, deadlines.ANSWER_WORKING_DAYS)
        _change(report, Status.ROUTED, note=_("Dibuka kembali: pelapor menyatakan belum tuntas."))
        transaction.on_commit(lambda: emails.routed(report))
    elif report.status == Status.ANSWERED:
        report.closed_at = timezone.now()
        _change(report, Status.CLOSED, note=_("Ditutup; pelapor menyatakan belum tuntas."))
    report.save()


def personal_data(report):
    """Everything stored about the reporter and their report, for a copy on request (UU 27/2022
    art. 7). Internal notes are the staff's, not personal data of the reporter."""
    contact = getattr(report, "contact", None)
    return {
        "kode_pelacakan": report.tracking_code,
        "kategori": report.get_category_display(),
        "privasi": report.get_privacy_display(),
        "instansi": report.agency.name if report.agency else None,
        "inovasi": report.innovation.title if report.innovation else None,
        "wilayah": str(report.region) if report.region else None,
        "judul": report.title,
        "uraian": report.description,
        "tanggal_kejadian": report.incident_date.isoformat() if report.incident_date else None,
        "tempat_kejadian": report.incident_place,
        "persetujuan": report.consented_at.isoformat(),
        "diterima": report.created_at.isoformat(),
        "status": report.get_status_display(),
        "kontak": (
            {"nama": contact.name, "surel": contact.email, "telepon": contact.phone}
            if contact
            else None
        ),
        "riwayat": [
            {"waktu": e.created_at.isoformat(), "status": e.get_status_display(), "catatan": e.note}
            for e in report.events.all()
        ],
        "pesan": [
            {"waktu": m.created_at.isoformat(), "jenis": m.get_kind_display(), "isi": m.body}
            for m in report.messages.all()
        ],
        "lampiran": [{"jenis": a.content_type, "ukuran": a.size} for a in report.attachments.all()],
    }


REMOVED = "[dihapus]"


@transaction.atomic
def anonymise(report, erase_access=False):
    """Drop what could identify the reporter; keep what the statistics count (category, agency,
    region, dates, status). ``erase_access`` also voids the secret (deletion on request)."""
    ReportContact.objects.filter(report=report).delete()
    for attachment in report.attachments.all():
        attachment.file.delete(save=False)
    report.attachments.all().delete()
    report.messages.filter(
        kind__in=(ReportMessage.Kind.ADDITION, ReportMessage.Kind.FEEDBACK)
    ).update(body=REMOVED)
    report.internal_notes.all().update(body=REMOVED)
    report.title = REMOVED
    report.description = REMOVED
    report.incident_place = ""
    report.incident_date = None
    if not report.listed_publicly:
        report.public_text = ""
    report.anonymised_at = timezone.now()
    if erase_access:
        report.messages.all().update(body=REMOVED)
        report.events.exclude(note="").update(note=REMOVED)
        report.rejection_reason = REMOVED if report.rejection_reason else ""
        report.secret_hash = ""
        report.listed_publicly = False
        report.public_text = ""
    report.save()
