"""An administrator invites an officer; the one-time link sets a password and expires;
deactivating a person keeps their history."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageLogEntry, Revision

from agencies import access
from agencies.models import Invitation
from tests.agencies.factories import AdministratorFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "kata-sandi-baru-2026-panjang"


def invite(client, administrator, agency, email="baru@dinas-a.go.id", role="officer"):
    client.force_login(administrator)
    return client.post(
        reverse("agencies_admin:invite"),
        {
            "email": email,
            "first_name": "Andi",
            "last_name": "Baso",
            "agency": agency.pk,
            "role": role,
        },
    )


def link_path(message):
    link = next(word for word in message.body.split() if "/undangan/" in word)
    return link[link.index("/undangan/") :]


def test_administrator_invites_an_officer_who_sets_a_password(client, world):
    response = invite(client, AdministratorFactory(), world.agency_a)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    user = invitation.user
    assert not user.is_active and not user.has_usable_password()
    assert access.agencies_of(user).count() == 0  # inactive: no access yet
    message = mail.outbox[0]
    assert message.to == ["baru@dinas-a.go.id"]
    assert "Dinas A" in message.subject and "Undangan" in message.subject

    client.logout()
    path = link_path(message)
    page = client.get(path)
    assert page.status_code == 200 and "Buat kata sandi" in page.content.decode()
    response = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.check_password(NEW_PASSWORD)
    assert access.is_officer(user, world.agency_a)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None

    # One time only.
    assert client.get(path).status_code == 400
    assert (
        client.post(path, {"new_password1": "x" * 20, "new_password2": "x" * 20}).status_code == 400
    )


def test_the_link_expires(client, world, settings):
    invite(client, AdministratorFactory(), world.agency_a)
    path = link_path(mail.outbox[0])
    client.logout()
    assert client.get(path).status_code == 200
    settings.AGENCIES_INVITATION_TIMEOUT = -1
    assert client.get(path).status_code == 400


def test_a_forged_link_is_refused(client, world):
    invite(client, AdministratorFactory(), world.agency_a)
    path = link_path(mail.outbox[0])
    client.logout()
    assert client.get(path[:-3] + "abc/").status_code == 400
    assert client.get("/undangan/zzzz/abc-def/").status_code == 400


def test_only_administrators_invite(client, world):
    for person in (world.officer_a, world.verifier_a, world.moderator):
        response = invite(client, person, world.agency_a)
        assert response.status_code in (302, 403)
        assert not Invitation.objects.exists()


def test_invalid_input_is_explained_not_stored(client, world):
    client.force_login(AdministratorFactory())
    response = client.post(reverse("agencies_admin:invite"), {"email": "bukan-email"})
    assert response.status_code == 200
    assert not Invitation.objects.exists()
    response = invite(client, AdministratorFactory(), world.agency_a, email=world.officer_b.email)
    assert response.status_code == 200 and "sudah aktif" in response.content.decode()


def test_invitation_listing_has_constant_queries(client, world):
    administrator = AdministratorFactory()
    invite(client, administrator, world.agency_a, email="satu@contoh.go.id")
    client.force_login(administrator)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("agencies_admin:invite"))
    for n in range(5):
        invite(client, administrator, world.agency_b, email=f"orang{n}@contoh.go.id")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("agencies_admin:invite"))
    assert len(many) == len(few)
    assert "orang4@contoh.go.id" in response.content.decode()


def test_deactivating_keeps_history(client, world):
    officer = world.officer_a
    revisions = Revision.objects.filter(user=officer).count()
    world.own.save_revision(user=officer, log_action=True)
    logged = PageLogEntry.objects.filter(user=officer).count()
    assert revisions >= 1 and logged >= 1
    officer.is_active = False
    officer.save()
    assert Revision.objects.filter(user=officer).count() == revisions + 1
    assert PageLogEntry.objects.filter(user=officer).count() == logged
    assert not access.agencies_of(officer).exists()
    client.force_login(officer)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
    client.logout()
    client.force_login(world.moderator)
    history = client.get(reverse("wagtailadmin_pages:history", args=[world.own.pk]))
    assert officer.get_full_name() in history.content.decode()
