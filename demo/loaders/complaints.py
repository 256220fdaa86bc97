"""Complaints demo (participation/): reports in every state of the workflow, built with their
history, answers and timestamps from demo/data/complaints.yaml. No e-mail is sent: the
workflow's functions are not used here because they e-mail reporters and agencies."""

import datetime

from django.utils import timezone

from demo import datafiles
from innovations.models import Agency, Region
from participation import deadlines, services, tracking
from participation.models import (
    CollectiveLeave,
    Report,
    ReportContact,
    ReportEvent,
    ReportMessage,
    Status,
)

STEPS = (
    ("verify_hours", Status.VERIFIED, "verified_at"),
    ("route_hours", Status.ROUTED, "routed_at"),
    ("answer_hours", Status.ANSWERED, "answered_at"),
)


def load(stdout):
    """Create what is missing of the complaints demo; change nothing that exists."""
    data = datafiles.read("complaints")
    for leave in data["collective_leave"]:
        CollectiveLeave.objects.get_or_create(date=leave["date"], defaults={"name": leave["name"]})
    existing = set(Report.objects.values_list("tracking_code", flat=True))
    agencies = {a.acronym: a for a in Agency.objects.filter(acronym__in=_acronyms(data))}
    regions = {r.bps_code: r for r in Region.objects.all()}
    created = 0
    for item in data["reports"]:
        if item["code"] in existing:
            continue
        _create(item, agencies.get(item["agency"]), regions.get(item["region"]))
        created += 1
    stdout.write(f"complaints: {created} reports created\n")


def _acronyms(data):
    return [item["agency"] for item in data["reports"] if item["agency"]]


def _create(item, agency, region):
    now = timezone.now()
    filed = now - datetime.timedelta(days=item["days_ago"])
    report = Report.objects.create(
        tracking_code=tracking.normalise_code(item["code"]),
        secret_hash=tracking.hash_secret(item["secret"]),
        category=item["category"],
        privacy=item["privacy"],
        agency=agency,
        region=region,
        title=item["title"],
        description=item["description"],
        incident_date=timezone.localdate(filed) - datetime.timedelta(days=1),
        incident_place=item.get("place", ""),
        consented_at=filed,
        fingerprint=services.fingerprint(item["title"], item["description"]),
        created_at=filed,
        listed_publicly=bool(item.get("public_text")),
        public_text=item.get("public_text", ""),
    )
    contact = item.get("contact") or {}
    if item["privacy"] == "anonim":
        contact = {**contact, "name": ""}
    if contact:
        ReportContact.objects.create(report=report, **contact)
    ReportEvent.objects.create(report=report, status=Status.RECEIVED, created_at=filed)
    if item["status"] == Status.REJECTED:
        at = filed + datetime.timedelta(hours=item["verify_hours"])
        report.rejection_reason = item["reason"]
        report.closed_at = at
        _step(report, Status.REJECTED, at, item["reason"])
    else:
        _advance(report, item, agency, filed)
    report.save()


def _advance(report, item, agency, filed):
    for key, status, field in STEPS:
        if key not in item:
            break
        at = filed + datetime.timedelta(hours=item[key])
        setattr(report, field, at)
        note = ""
        if status == Status.ROUTED:
            report.routed_agency = agency
            report.answer_due = deadlines.due_after(at, deadlines.ANSWER_WORKING_DAYS)
            note = f"Diteruskan kepada {agency.name}."
        if status == Status.ANSWERED:
            ReportMessage.objects.create(
                report=report,
                kind=ReportMessage.Kind.ANSWER,
                body=item["answer"],
                agency=agency,
                created_at=at,
            )
            report.answered_on_time = timezone.localdate(at) <= report.answer_due
        _step(report, status, at, note)
    if item.get("reopened"):
        report.reopened_count = 1
    if item["status"] == Status.CLOSED:
        at = report.answered_at + datetime.timedelta(hours=20)
        report.resolved = item.get("resolved")
        report.closed_at = at
        _step(report, Status.CLOSED, at, "Pelapor menyatakan masalah tuntas.")


def _step(report, status, at, note=""):
    report.status = status
    ReportEvent.objects.create(report=report, status=status, created_at=at, note=note)
