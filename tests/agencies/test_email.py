"""E-mail settings from the environment, a real SMTP conversation, and password reset."""

import os
import socket
import subprocess
import sys

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.urls import reverse

from tests.agencies.factories import PASSWORD

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


def test_workflow_notice_travels_over_smtp(settings, world, smtp_server):
    controller, inbox = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.DEFAULT_FROM_EMAIL = "JIPP Sulsel <noreply@jipp.example>"
    settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = settings.DEFAULT_FROM_EMAIL

    world.own.save_revision(user=world.officer_a)
    world.own.get_workflow().start(world.own, world.officer_a)

    assert len(inbox.messages) == 1
    envelope = inbox.messages[0]
    assert envelope.rcpt_tos == [world.verifier_a.email]
    assert envelope.mail_from == "noreply@jipp.example"
    text = envelope.content.decode()
    assert "Menunggu Verifikasi OPD" in text or "Menunggu=20Verifikasi" in text


def test_email_url_sets_the_smtp_settings():
    env = {
        **os.environ,
        "EMAIL_URL": "smtp://petugas%40jipp:rahasia@mail.jipp.example:587/?tls=True",
        "DEFAULT_FROM_EMAIL": "JIPP <noreply@jipp.example>",
    }
    env.pop("EMAIL_HOST", None)
    code = (
        "import config.settings.base as s;"
        "print(s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD,"
        " s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL, sep='|')"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == (
        "mail.jipp.example|587|petugas@jipp|rahasia|True|JIPP <noreply@jipp.example>"
    )


def test_password_reset_sends_a_working_link(client, world):
    response = client.post(reverse("wagtailadmin_password_reset"), {"email": world.officer_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.officer_a.email]
    link = next(word for word in message.body.split() if "/password_reset/confirm/" in word)
    path = link.split("://", 1)[-1]
    path = path[path.index("/") :]
    response = client.get(path, follow=True)
    new_password = "sandi-baru-yang-panjang-2026"
    response = client.post(
        response.redirect_chain[-1][0] if response.redirect_chain else path,
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    world.officer_a.refresh_from_db()
    assert world.officer_a.check_password(new_password)
    assert not world.officer_a.check_password(PASSWORD)
