"""Reminders asking requesters for news of replications under way.

A requester who has not written for REPLICATION_REMINDER_DAYS[n] days (counted from their
last message or step) gets reminder n+1; writing or taking a step starts the count again.
After the last interval no more reminders are sent.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from . import notify
from .models import ReplicationRequest

DEFAULT_DAYS = (30, 60, 120)
UNDER_WAY = (
    ReplicationRequest.State.ACCEPTED,
    ReplicationRequest.State.VISITED,
    ReplicationRequest.State.ADAPTING,
)


def intervals():
    return tuple(getattr(settings, "REPLICATION_REMINDER_DAYS", DEFAULT_DAYS))


def due(now=None):
    """Requests whose next reminder is due at `now`."""
    now = now or timezone.now()
    days = intervals()
    candidates = ReplicationRequest.objects.filter(
        state__in=UNDER_WAY, verified_at__isnull=True, reminders_sent__lt=len(days)
    ).select_related("innovation")
    return [
        item
        for item in candidates
        if now - item.requester_news_at >= datetime.timedelta(days=days[item.reminders_sent])
    ]


def send_due(now=None):
    sent = 0
    for item in due(now):
        notify.reminder(item)
        ReplicationRequest.objects.filter(pk=item.pk).update(reminders_sent=item.reminders_sent + 1)
        sent += 1
    return sent
