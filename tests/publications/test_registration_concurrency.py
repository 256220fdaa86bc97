"""Registrations arriving at the same moment never overfill an event or duplicate a person.

Needs real concurrent connections, so it runs on PostgreSQL (`make test` runs it there).
"""

import threading

import pytest
from django.db import connections

from publications.models import EventPage, EventRegistration, RegistrationClosed
from tests.publications.factories import EventIndexPageFactory, EventPageFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def at_once(calls):
    """Run each call in its own thread and connection, released together by a barrier."""
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def attempt(call):
        try:
            barrier.wait(timeout=10)
            call()
            outcomes.append("accepted")
        except RegistrationClosed:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def registration(event_pk, email, tokens=None):
    def call():
        EventPage.objects.get(pk=event_pk).register(
            name="Peserta",
            agency="Dinas",
            email=email,
            phone="0812 3456 7890",
            confirm_url=(tokens.append if tokens is not None else str),
        )

    return call


def confirmation(event_pk, token):
    return lambda: EventPage.objects.get(pk=event_pk).confirm(token)


def test_concurrent_confirmations_never_exceed_capacity(home_page):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), capacity=3)
    tokens = []
    for n in range(10):
        registration(event.pk, f"peserta{n}@example.go.id", tokens)()

    outcomes = at_once([confirmation(event.pk, token) for token in tokens])

    assert sorted(outcomes) == ["accepted"] * 3 + ["refused"] * 7
    assert EventRegistration.objects.filter(event=event, confirmed_at__isnull=False).count() == 3


def test_concurrent_duplicates_register_once(home_page):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), capacity=None)

    outcomes = at_once(
        [
            registration(event.pk, email)
            for email in ["Sama@Example.go.id", "sama@example.go.id"] * 3
        ]
    )

    assert outcomes == ["accepted"] * 6  # the same answer for every attempt
    assert EventRegistration.objects.filter(event=event).count() == 1
