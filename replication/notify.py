"""E-mails of the replication workflow, in Indonesian, to each side at each step.

The requester's mail carries the private tracking link; the agency's carries the admin link
and never the innovator's own address to the requester (the portal relays both ways).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from agencies.models import AgencyMembership

SUBJECTS = {
    "submit": _("Permintaan baru: %(kind)s %(innovation)s"),
    "accept": _("Permintaan diterima: %(innovation)s"),
    "propose_dates": _("Usulan tanggal kunjungan: %(innovation)s"),
    "decline": _("Permintaan ditolak: %(innovation)s"),
    "visit_done": _("Kunjungan selesai: %(innovation)s"),
    "start_adapting": _("Adaptasi dimulai: %(innovation)s"),
    "implement": _("Replikasi diterapkan, menunggu verifikasi: %(innovation)s"),
    "abandon": _("Replikasi dihentikan: %(innovation)s"),
    "send_back": _("Laporan replikasi perlu dilengkapi: %(innovation)s"),
    "verify": _("Replikasi terverifikasi: %(innovation)s"),
    "": _("Pesan baru tentang %(innovation)s"),
    "reminder": _("Bagaimana kabar replikasi %(innovation)s?"),
}


def site_url():
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "http://localhost:8000").rstrip("/")


def agency_addresses(innovation):
    """The innovation's contact person and the officers and verifiers of its agency."""
    addresses = [innovation.contact_email] if innovation.contact_email else []
    members = AgencyMembership.objects.filter(
        agency_id=innovation.agency_id, user__is_active=True
    ).values_list("user__email", flat=True)
    return _unique(addresses + list(members))


def moderator_addresses():
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    moderators = users.filter(groups__name="Moderator") | users.filter(is_superuser=True)
    return _unique(moderators.values_list("email", flat=True))


def _unique(addresses):
    seen = []
    for address in addresses:
        if address and address not in seen:
            seen.append(address)
    return seen


def _send(subject, template, context, to, reply_to=None):
    if not to:
        return 0
    body = render_to_string(template, context)
    message = EmailMessage(
        f"[JIPP Sulsel] {subject}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        bcc=to if len(to) > 1 else None,
        to=to if len(to) == 1 else None,
        reply_to=reply_to,
    )
    return message.send(fail_silently=True)


def step(request, entry):
    """Mail both sides about one thread entry (a step or a message)."""
    innovation = request.innovation
    subject = SUBJECTS.get(entry.action, SUBJECTS[""]) % {
        "innovation": innovation.title,
        "kind": request.get_kind_display().lower(),
    }
    context = {"request": request, "entry": entry, "innovation": innovation}
    _send(
        subject,
        "replication/email/to_requester.txt",
        {**context, "link": site_url() + request.get_tracking_url()},
        [request.email],
    )
    staff = agency_addresses(innovation)
    if entry.action in ("implement", "verify", "send_back"):
        staff = _unique(staff + moderator_addresses())
    _send(
        subject,
        "replication/email/to_agency.txt",
        {**context, "link": site_url() + request.get_admin_url()},
        staff,
    )


def reminder(request):
    subject = SUBJECTS["reminder"] % {"innovation": request.innovation.title}
    return _send(
        subject,
        "replication/email/reminder.txt",
        {"request": request, "link": site_url() + request.get_tracking_url()},
        [request.email],
    )


def relay(message):
    """Forward a "Hubungi inovator" message; replies go straight to the sender."""
    innovation = message.innovation
    to = agency_addresses(innovation) or moderator_addresses()
    sent = _send(
        _("Pesan dari pengunjung portal tentang %(innovation)s") % {"innovation": innovation},
        "replication/email/relay.txt",
        {"message": message, "innovation": innovation},
        to,
        reply_to=[message.email],
    )
    return len(to) if sent else 0
