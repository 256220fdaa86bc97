"""Replication demo (replication/): requests in every state with their threads, relayed
messages to innovators, and two verified replications recorded on their case studies, from
demo/data/replication.yaml. Built directly rather than through the workflow, which would
e-mail every step; the counts are then written once."""

import datetime

from django.utils import timezone

from demo import datafiles
from innovations.models import Agency, InnovationPage, Region
from replication import records, stats
from replication.models import InnovatorMessage, ReplicationMessage, ReplicationRequest

REPORT_FIELDS = ("copied", "changed", "cost", "first_results")


def load(stdout):
    """Create what is missing of the replication demo; change nothing that exists."""
    data = datafiles.read("replication")
    slugs = {item["innovation"] for item in data["requests"] + data["innovator_messages"]}
    # The Indonesian case studies: their English translations share the slug (issue 15).
    pages = {
        page.slug: page
        for page in InnovationPage.objects.filter(slug__in=slugs, locale__language_code="id")
    }
    regions = {region.bps_code: region for region in Region.objects.all()}
    existing = set(ReplicationRequest.objects.values_list("token", flat=True))
    created = 0
    for item in data["requests"]:
        page = pages.get(item["innovation"])
        if item["token"] in existing or page is None:
            continue
        _create(item, page, regions)
        created += 1
    messages = 0
    for item in data["innovator_messages"]:
        page = pages.get(item["innovation"])
        if page is None:
            continue
        message, made = InnovatorMessage.objects.get_or_create(
            innovation=page,
            email=item["email"],
            body=item["body"],
            defaults={"sender_name": item["sender"], "institution": item["institution"]},
        )
        if made:
            _backdate(InnovatorMessage, message.pk, item["days_ago"], "created_at")
            messages += 1
    if created:
        stats.refresh([page.pk for page in pages.values()])
    stdout.write(f"replication: {created} requests, {messages} innovator messages created\n")


def _days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def _backdate(model, pk, days_ago, *fields):
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    model.objects.filter(pk=pk).update(**dict.fromkeys(fields, moment))


def _create(item, page, regions):
    province = item.get("province", "")
    request = ReplicationRequest(
        token=item["token"],
        innovation=page,
        kind=item["kind"],
        state=item["state"],
        requester_name=item["requester"],
        institution=item["institution"],
        region=None if province else regions.get(item.get("region")),
        role=item["role"],
        email=item["email"],
        phone=item["phone"],
        purpose=item["purpose"],
        decline_reason=item.get("decline_reason", ""),
        abandon_reason=item.get("abandon_reason", ""),
        agency=Agency.objects.filter(acronym=item.get("agency_acronym") or "").first(),
    )
    if province:
        request.province = province
    _dates(request, item)
    report = item.get("report")
    if report:
        for field in REPORT_FIELDS:
            setattr(request, field, report[field])
        request.implemented_on = _days(-report["implemented_days_ago"])
    request.save()
    _backdate(
        ReplicationRequest,
        request.pk,
        item["days_ago"],
        "created_at",
        "state_changed_at",
        "requester_news_at",
    )
    _thread(request, item)
    if item.get("verified"):
        verify_days = item["thread"][-1]["days_ago"]
        request.verified_at = timezone.now() - datetime.timedelta(days=verify_days)
        request.save(update_fields=["verified_at"])
        records.publish_verified(request, None, {})


def _dates(request, item):
    if "visit_in_days" in item:
        request.visit_start = _days(item["visit_in_days"])
        request.visit_end = request.visit_start + datetime.timedelta(days=1)
    actions = {entry.get("action") for entry in item["thread"]}
    if "agreed_in_days" in item:
        request.agreed_start = request.agreed_end = _days(item["agreed_in_days"])
    elif "accept" in actions and request.visit_start:
        request.agreed_start, request.agreed_end = request.visit_start, request.visit_end
    if "visit_done" in actions:
        request.visited_on = request.visit_start


def _thread(request, item):
    entries = [
        {
            "author": "pemohon",
            "action": "submit",
            "body": item["purpose"],
            "days_ago": item["days_ago"],
        }
    ] + item["thread"]
    for entry in entries:
        author = entry["author"]
        message = ReplicationMessage.objects.create(
            request=request,
            author=author,
            author_name=request.requester_name if author == "pemohon" else "",
            action=entry.get("action") or "",
            body=entry.get("body", ""),
        )
        _backdate(ReplicationMessage, message.pk, entry["days_ago"], "created_at")
