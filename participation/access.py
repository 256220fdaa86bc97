"""Who may see and handle which reports, on top of the agencies contract (agencies.access):
moderators see everything; an agency's liaisons (its officers and verifiers) see only the
reports routed to their agency, and never an anonymous reporter's contact."""

from .models import Report


def _agencies():
    from agencies import access

    return access


def is_moderator(user):
    return user.is_authenticated and _agencies().is_moderator(user)


def liaison_agency_ids(user):
    """Ids of the agencies the user serves, looked up once per user object (per request)."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_participation_agency_ids"):
        ids = frozenset(_agencies().agencies_of(user).values_list("pk", flat=True))
        user._participation_agency_ids = ids
    return user._participation_agency_ids


def can_use_admin(user):
    return is_moderator(user) or bool(liaison_agency_ids(user))


def visible_reports(user):
    if is_moderator(user):
        return Report.objects.all()
    ids = liaison_agency_ids(user)
    if not ids:
        return Report.objects.none()
    return Report.objects.filter(routed_agency_id__in=ids)


def may_answer(user, report):
    return report.routed_agency_id is not None and (
        is_moderator(user) or report.routed_agency_id in liaison_agency_ids(user)
    )


def may_see_contact(user, report):
    return is_moderator(user) or report.privacy != "anonim"
