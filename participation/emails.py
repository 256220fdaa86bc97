"""E-mails of the complaint workflow, in Indonesian. They carry the tracking code and what
happened, never the secret, the reporter's identity (to agencies) or internal notes."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse


def _send(subject, template, context, recipients):
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return 0
    context = {
        **context,
        "site_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
        "track_path": reverse("participation:track"),
    }
    body = render_to_string(f"participation/email/{template}.txt", context)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def reporter_address(report):
    contact = getattr(report, "contact", None)
    return contact.email if contact else ""


def moderator_addresses():
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return list(
        users.filter(Q(is_superuser=True) | Q(groups__name="Moderator"))
        .values_list("email", flat=True)
        .distinct()
    )


def agency_addresses(agency):
    if agency is None:
        return []
    from agencies.models import AgencyMembership

    return list(
        AgencyMembership.objects.filter(agency=agency, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .distinct()
    )


def receipt(report):
    return _send(
        f"Laporan Anda diterima: {report.tracking_code}",
        "receipt",
        {"report": report},
        [reporter_address(report)],
    )


def status_changed(report, note=""):
    return _send(
        f"Perkembangan laporan {report.tracking_code}: {report.get_status_display()}",
        "status_changed",
        {"report": report, "note": note},
        [reporter_address(report)],
    )


def routed(report):
    return _send(
        f"Laporan baru untuk instansi Anda: {report.tracking_code}",
        "routed",
        {"report": report, "admin_path": reverse("participation_admin:detail", args=[report.pk])},
        agency_addresses(report.routed_agency),
    )


def escalation(reports, recipients, agency=None):
    return _send(
        f"Laporan melewati batas waktu: {len(reports)} laporan",
        "escalation",
        {"reports": reports, "agency": agency, "index_path": reverse("participation_admin:index")},
        recipients,
    )
