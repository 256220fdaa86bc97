"""Who may see and answer a replication request.

The roles come from the agencies app (TEAM.md contract): an agency's officers and verifiers are
its liaison for replication requests; moderators see every request. Requesters' contact data
follows the same rule, so every view that shows it asks `can_handle`.
"""

from agencies.access import agency_ids_of, is_moderator, serves


def handled_requests(user, queryset):
    """The requests of `queryset` that `user` may see: all for a moderator, those about the
    innovations of the user's agencies for an officer or verifier, none otherwise."""
    if not user.is_authenticated:
        return queryset.none()
    if is_moderator(user):
        return queryset
    return queryset.filter(innovation__agency_id__in=agency_ids_of(user))


def can_handle(user, request):
    if not user.is_authenticated:
        return False
    return is_moderator(user) or serves(user, request.innovation.agency_id)


def can_use_admin_area(user):
    return user.is_authenticated and (is_moderator(user) or bool(agency_ids_of(user)))


__all__ = ["can_handle", "can_use_admin_area", "handled_requests", "is_moderator"]
