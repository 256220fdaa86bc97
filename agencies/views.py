"""Onboarding views: an administrator's invitation form, and the invitee's password page."""

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from . import access, onboarding
from .forms import InvitationForm
from .models import Invitation

RECENT_INVITATIONS = 50


def invite(request):
    if not access.is_administrator(request.user):
        raise PermissionDenied
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = onboarding.invite(invited_by=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("Undangan dikirim ke %(email)s.") % {"email": invitation.user.email},
        )
        return redirect("agencies_admin:invite")
    invitations = Invitation.objects.select_related("user", "agency", "invited_by")[
        :RECENT_INVITATIONS
    ]
    return render(
        request,
        "agencies/admin/invite.html",
        {"form": form, "invitations": invitations, "page_title": _("Undang petugas")},
    )


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def accept_invitation(request, uidb64, token):
    user = onboarding.user_from_link(uidb64, token)
    if user is None:
        return render(request, "agencies/invitation_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        onboarding.accept(user, form.cleaned_data["new_password1"])
        messages.success(request, _("Kata sandi tersimpan. Silakan masuk."))
        return redirect(reverse("wagtailadmin_login"))
    return render(request, "agencies/accept_invitation.html", {"form": form, "invited": user})


def agency_log(request):
    """Wagtail's log entries of one agency's innovations (?instansi=<id>)."""
    from innovations.models import Agency

    from .dashboard import agency_log as entries_of

    if access.is_moderator(request.user) or access.is_administrator(request.user):
        agencies = Agency.objects.all()
    else:
        agencies = access.agencies_of(request.user)
    agencies = agencies.order_by("name")
    chosen = None
    raw = request.GET.get("instansi", "")
    if raw.isdigit():
        chosen = agencies.filter(pk=int(raw)).first()
    entries = entries_of(chosen.pk) if chosen else []
    status = 404 if raw and chosen is None else 200
    return render(
        request,
        "agencies/admin/agency_log.html",
        {
            "agencies": agencies,
            "chosen": chosen,
            "entries": entries,
            "page_title": _("Log aktivitas instansi"),
        },
        status=status,
    )
