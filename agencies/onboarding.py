"""Inviting a person to serve an agency, and the one-time link that lets them in.

The account exists from the invitation on, inactive and without a usable password. The
link's token is Django's password-reset token with its own salt and lifetime
(AGENCIES_INVITATION_TIMEOUT): it expires, and it dies once the password is set, because
the token covers the password hash.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode
from wagtail.log_actions import log

from . import roles
from .models import Invitation


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "agencies.onboarding.InvitationTokenGenerator"

    def check_token(self, user, token):
        """Django's check, with the invitation's lifetime instead of PASSWORD_RESET_TIMEOUT."""
        if not (user and token):
            return False
        try:
            timestamp = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        age = self._num_seconds(self._now()) - timestamp
        return age <= settings.AGENCIES_INVITATION_TIMEOUT

    def _make_hash_value(self, user, timestamp):
        # Accepting activates the account: the token dies with the inactive state too.
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


invitation_tokens = InvitationTokenGenerator()


@transaction.atomic
def invite(*, email, first_name, last_name, agency, role, invited_by):
    """Create (or reuse) the account, the membership and the invitation; send the link."""
    users = get_user_model()
    user = users.objects.filter(email__iexact=email).first()
    if user is None:
        user = users(
            username=email.lower(),
            email=email,
            first_name=first_name,
            last_name=last_name,
            is_active=False,
        )
        user.set_unusable_password()
        user.save()
    roles.assign(user, agency, role)
    invitation = Invitation.objects.create(
        user=user, agency=agency, role=role, invited_by=invited_by
    )
    log(instance=invitation, action="agencies.invite", user=invited_by)
    send_invitation(invitation)
    return invitation


def invitation_link(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("agencies:accept_invitation", args=[uid, invitation_tokens.make_token(user)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_invitation(invitation):
    context = {
        "invitation": invitation,
        "link": invitation_link(invitation.user),
        "days": max(1, settings.AGENCIES_INVITATION_TIMEOUT // 86400),
    }
    subject = render_to_string("agencies/invitation_subject.txt", context).strip()
    body = render_to_string("agencies/invitation_email.txt", context)
    send_mail(subject, body, None, [invitation.user.email])


def user_from_link(uidb64, token):
    """The invited user if the link is valid, still unused and not expired; else None."""
    try:
        pk = urlsafe_base64_decode(uidb64).decode()
        user = get_user_model().objects.get(pk=pk)
    except (ValueError, TypeError, OverflowError, get_user_model().DoesNotExist):
        return None
    if user.is_active or user.has_usable_password():
        return None
    if not invitation_tokens.check_token(user, token):
        return None
    return user


@transaction.atomic
def accept(user, password):
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    Invitation.objects.filter(user=user, accepted_at__isnull=True).update(
        accepted_at=timezone.now()
    )
    for invitation in Invitation.objects.filter(user=user):
        log(instance=invitation, action="agencies.accept_invitation", user=user)
