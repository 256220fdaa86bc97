"""Issue 17, item 3: guessing passwords is throttled per client and per target, with waits
that double, an Indonesian message and 429 + Retry-After; Django's admin is not mounted in
production."""

import importlib
import math
import time

import pytest
from django.contrib.auth import get_user_model
from django.urls import clear_url_caches
from wagtail.models import PageViewRestriction

from core.bruteforce import FIRST_LOCK_SECONDS, MAX_LOCK_SECONDS, lock_seconds
from tests.hardening.test_settings_production import run_python
from tests.innovations.factories import InnovationPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.com", "benar-123")


def login(client, password, username="editor", address="203.0.113.5"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def assert_locked(response, since):
    """A refusal whose wait is the first lock, less the time the test's attempts took since
    `since` (time.monotonic()): fifty hashed passwords take seconds on a busy machine."""
    assert response.status_code == 429
    elapsed = math.ceil(time.monotonic() - since)
    assert int(response["Retry-After"]) >= FIRST_LOCK_SECONDS - elapsed - 1
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert "menit" in response.content.decode()


def test_fifty_wrong_passwords_then_the_right_one_does_not_log_in(client, editor):
    started = time.monotonic()
    for _ in range(50):
        login(client, "salah")
    response = login(client, "benar-123")
    assert_locked(response, started)
    assert "_auth_user_id" not in client.session


def test_a_few_mistakes_still_let_the_owner_in(client, editor):
    for _ in range(3):
        assert login(client, "salah").status_code == 200
    response = login(client, "benar-123")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_user_name_is_locked_across_clients(client, editor):
    started = time.monotonic()
    for number in range(5):
        login(client, "salah", address=f"198.51.100.{number}")
    assert_locked(login(client, "benar-123", address="192.0.2.77"), started)


def test_client_is_locked_across_user_names(client, editor):
    started = time.monotonic()
    for number in range(10):
        login(client, "salah", username=f"tebakan{number}")
    assert_locked(login(client, "benar-123"), started)
    # Another client may still log in as the same user.
    assert login(client, "benar-123", address="192.0.2.8").status_code == 302


def test_waits_double_with_each_further_failure_up_to_a_cap():
    assert lock_seconds(4, 5) == 0
    assert lock_seconds(5, 5) == FIRST_LOCK_SECONDS
    assert lock_seconds(6, 5) == 2 * FIRST_LOCK_SECONDS
    assert lock_seconds(7, 5) == 4 * FIRST_LOCK_SECONDS
    assert lock_seconds(500, 5) == MAX_LOCK_SECONDS


def test_password_reset_requests_are_limited_per_address(client, editor):
    started = time.monotonic()
    for number in range(3):
        response = client.post(
            "/admin/password_reset/",
            {"email": "editor@example.com"},
            REMOTE_ADDR=f"198.51.100.{number}",
        )
        assert response.status_code == 302
    response = client.post("/admin/password_reset/", {"email": "editor@example.com"})
    assert_locked(response, started)


def test_password_reset_requests_are_limited_per_client(client, editor):
    started = time.monotonic()
    for number in range(5):
        client.post("/admin/password_reset/", {"email": f"orang{number}@example.com"})
    assert_locked(client.post("/admin/password_reset/", {"email": "lain@example.com"}), started)


def test_page_password_guesses_are_limited(client, catalogue):
    page = InnovationPageFactory(parent=catalogue)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    started = time.monotonic()
    for _ in range(5):
        response = client.post(url, {"password": "tebak", "return_url": page.url})
        assert response.status_code == 200
    assert_locked(client.post(url, {"password": "rahasia", "return_url": page.url}), started)
    other = client.post(
        url, {"password": "rahasia", "return_url": page.url}, REMOTE_ADDR="192.0.2.9"
    )
    assert other.status_code == 302


def test_django_admin_is_not_mounted_by_default(client):
    assert client.get("/django-admin/login/").status_code == 404


def test_django_admin_mounted_when_enabled(client, settings):
    import config.urls

    settings.DJANGO_ADMIN_ENABLED = True
    try:
        importlib.reload(config.urls)
        clear_url_caches()
        assert client.get("/django-admin/login/").status_code == 200
    finally:
        settings.DJANGO_ADMIN_ENABLED = False
        importlib.reload(config.urls)
        clear_url_caches()


def test_production_never_mounts_django_admin():
    result = run_python(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "from django.urls import reverse, NoReverseMatch\n"
            "try:\n reverse('admin:index'); print('mounted')\n"
            "except NoReverseMatch:\n print('absent', settings.DJANGO_ADMIN_ENABLED)",
        ],
        DJANGO_ADMIN_ENABLED="1",
    )
    assert result.stdout.strip() == "absent False", result.stderr
