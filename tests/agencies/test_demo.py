"""The agencies demo: one officer, one verifier and one moderator, idempotently."""

import io

import pytest

from agencies import access
from demo.loaders import agencies as demo_agencies
from tests.innovations.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_demo_accounts_are_created_once_and_get_stored_passwords(tmp_path, monkeypatch):
    agency = AgencyFactory(acronym="Kec. Tamalate")
    demo_agencies.load(io.StringIO())
    out = io.StringIO()
    demo_agencies.load(out)
    assert "0 demo accounts created" in out.getvalue()

    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    officer = users.get(username="petugas.tamalate")
    verifier = users.get(username="verifikator.tamalate")
    moderator = users.get(username="moderator.biro")
    assert access.is_officer(officer, agency) and access.is_verifier(verifier, agency)
    assert access.is_moderator(moderator)
    assert not officer.has_usable_password()

    monkeypatch.setattr(demo_agencies, "PASSWORD_FILE", tmp_path / "passwords.json")
    logins = demo_agencies.ensure_passwords()
    assert [username for _, username, _ in logins] == [
        "petugas.tamalate",
        "verifikator.tamalate",
        "moderator.biro",
    ]
    officer.refresh_from_db()
    assert officer.check_password(logins[0][2])
    assert demo_agencies.ensure_passwords() == logins
