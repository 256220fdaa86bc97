"""The shared protection of public forms: rate limits in the shared cache and the honeypot."""

from django import forms
from django.test import RequestFactory, override_settings

from core.forms import HoneypotMixin
from core.throttle import client_address, hit


def test_attempts_over_the_limit_are_refused_with_the_time_to_wait():
    verdicts = [hit("test-form", "198.51.100.7", limit=3, window=60) for _ in range(4)]
    assert [v.allowed for v in verdicts] == [True, True, True, False]
    assert 0 < verdicts[-1].retry_after <= 60


def test_clients_and_scopes_are_counted_apart():
    for _ in range(3):
        hit("test-form", "198.51.100.7", limit=3, window=60)
    assert hit("test-form", "198.51.100.8", limit=3, window=60).allowed
    assert hit("other-form", "198.51.100.7", limit=3, window=60).allowed


def test_forwarded_header_is_ignored_unless_a_proxy_is_trusted():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert client_address(request) == "10.0.0.1"
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_address(request) == "203.0.113.9"


class ContactForm(HoneypotMixin):
    name = forms.CharField()


def test_a_filled_honeypot_makes_the_form_invalid():
    assert ContactForm({"name": "Andi"}).is_valid()
    robot = ContactForm({"name": "Andi", "situs_web": "http://spam.example"})
    assert not robot.is_valid()
    assert robot.is_spam
