"""The four roles of the network as Django groups, and the role names of a membership.

Group names are a contract with the other apps (TEAM.md); they are created by the data
migration agencies/0002 and must not be renamed.
"""

OFFICERS = "Petugas Inovasi"
VERIFIERS = "Verifikator OPD"
MODERATORS = "Moderator"
ADMINISTRATORS = "Administrator"

GROUP_NAMES = (OFFICERS, VERIFIERS, MODERATORS, ADMINISTRATORS)

GROUP_OF_ROLE = {"officer": OFFICERS, "verifier": VERIFIERS}


def assign(user, agency, role):
    """Make `user` serve `agency` in `role` ("officer" or "verifier"), with its group."""
    from django.contrib.auth.models import Group

    from .models import AgencyMembership

    membership, _ = AgencyMembership.objects.get_or_create(user=user, agency=agency, role=role)
    user.groups.add(Group.objects.get(name=GROUP_OF_ROLE[role]))
    return membership


def add_to_group(user, name):
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get(name=name))
