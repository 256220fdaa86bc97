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


def register_at_once(event_pk, emails):
    barrier = threading.Barrier(len(emails))
    outcomes = []

    def attempt(email):
        try:
            event = EventPage.objects.get(pk=event_pk)
            barrier.wait(timeout=10)
            event.register(name="Peserta", agency="Dinas", email=email, phone="0812 3456 7890")
            outcomes.append("registered")
        except RegistrationClosed:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(email,)) for email in emails]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_concurrent_registrations_never_exceed_capacity(home_page):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), capacity=3)

    outcomes = register_at_once(event.pk, [f"peserta{n}@example.go.id" for n in range(10)])

    assert sorted(outcomes) == ["refused"] * 7 + ["registered"] * 3
    assert EventRegistration.objects.filter(event=event).count() == 3


def test_concurrent_duplicates_register_once(home_page):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), capacity=None)

    outcomes = register_at_once(event.pk, ["Sama@Example.go.id", "sama@example.go.id"] * 3)

    assert outcomes.count("registered") == 1
    assert EventRegistration.objects.filter(event=event).count() == 1
