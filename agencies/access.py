"""Who may do what, by role and agency: the contract other apps code against (TEAM.md).

`agencies_of(user)` is the set of agencies a person serves (as officer or verifier);
moderators and superusers are not members of agencies, they see everything by role.
"""

from django.contrib.auth.models import AnonymousUser

from innovations.models import Agency

from .models import AgencyMembership
from .roles import ADMINISTRATORS, MODERATORS

_GROUPS_CACHE = "_agencies_group_names"
_MEMBERSHIPS_CACHE = "_agencies_memberships"


def _is_person(user):
    return user is not None and not isinstance(user, AnonymousUser) and user.is_active


def group_names(user):
    """The names of the user's groups, cached on the user object for the request."""
    if not _is_person(user):
        return frozenset()
    if not hasattr(user, _GROUPS_CACHE):
        setattr(user, _GROUPS_CACHE, frozenset(user.groups.values_list("name", flat=True)))
    return getattr(user, _GROUPS_CACHE)


def memberships(user):
    """(agency_id, role) pairs of the user, cached on the user object for the request."""
    if not _is_person(user):
        return frozenset()
    if not hasattr(user, _MEMBERSHIPS_CACHE):
        pairs = AgencyMembership.objects.filter(user=user).values_list("agency_id", "role")
        setattr(user, _MEMBERSHIPS_CACHE, frozenset(pairs))
    return getattr(user, _MEMBERSHIPS_CACHE)


def forget(user):
    """Drop the per-object caches (after memberships or groups of this object change)."""
    for name in (_GROUPS_CACHE, _MEMBERSHIPS_CACHE, "_agencies_own_page_ids"):
        if hasattr(user, name):
            delattr(user, name)


def agencies_of(user, role=None):
    """The agencies the user serves (optionally in one role), as a queryset."""
    if not _is_person(user):
        return Agency.objects.none()
    rows = AgencyMembership.objects.filter(user=user)
    if role:
        rows = rows.filter(role=role)
    return Agency.objects.filter(pk__in=rows.values("agency_id"))


def agency_ids_of(user, role=None):
    """The ids of the agencies the user serves, from the per-request cache."""
    return frozenset(a for a, r in memberships(user) if role is None or r == role)


def is_moderator(user):
    """Communications staff (group "Moderator") or a superuser."""
    if not _is_person(user):
        return False
    return user.is_superuser or MODERATORS in group_names(user)


def is_administrator(user):
    """Administrators manage users, agencies, taxonomies and settings."""
    if not _is_person(user):
        return False
    return user.is_superuser or ADMINISTRATORS in group_names(user)


def is_officer(user, agency=None):
    """An innovation officer of `agency`, or of any agency when none is given."""
    return _serves(user, AgencyMembership.Role.OFFICER, agency)


def is_verifier(user, agency=None):
    """A verifier (agency head) of `agency`, or of any agency when none is given."""
    return _serves(user, AgencyMembership.Role.VERIFIER, agency)


def serves(user, agency):
    """True if the user is an officer or a verifier of `agency` (an Agency or its id)."""
    return _serves(user, None, agency)


def is_agency_scoped(user):
    """True for people whose admin rights stop at their agencies' borders.

    Everyone who is not a moderator or superuser is scoped: a person with no membership
    serves no agency and so sees no innovation in the admin.
    """
    return _is_person(user) and not is_moderator(user)


def _serves(user, role, agency):
    agency_id = getattr(agency, "pk", agency)
    return any(
        (role is None or r == role) and (agency_id is None or a == agency_id)
        for a, r in memberships(user)
    )
