"""The four roles of the network as Django groups, and the role names of a membership.

Group names are a contract with the other apps (TEAM.md); they are created by the data
migration agencies/0002 and must not be renamed.
"""

OFFICERS = "Petugas Inovasi"
VERIFIERS = "Verifikator OPD"
MODERATORS = "Moderator"
ADMINISTRATORS = "Administrator"

GROUP_NAMES = (OFFICERS, VERIFIERS, MODERATORS, ADMINISTRATORS)

# The parent collection of the agencies' collections (media are kept per agency).
AGENCIES_COLLECTION = "Instansi"

GROUP_OF_ROLE = {"officer": OFFICERS, "verifier": VERIFIERS}


def assign(user, agency, role):
    """Make `user` serve `agency` in `role` ("officer" or "verifier"), with its group."""
    from django.contrib.auth.models import Group

    from .models import AgencyMembership

    membership, _ = AgencyMembership.objects.get_or_create(user=user, agency=agency, role=role)
    ensure_agency_collection(agency)
    user.groups.add(Group.objects.get(name=GROUP_OF_ROLE[role]))
    return membership


def add_to_group(user, name):
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get(name=name))


def ensure_agency_collection(agency):
    """The agency's own collection for images and documents, under "Instansi"."""
    from wagtail.models import Collection

    from .models import AgencyCollection

    link = AgencyCollection.objects.filter(agency=agency).select_related("collection").first()
    if link:
        return link.collection
    root = Collection.get_first_root_node()
    parent = root.get_children().filter(name=AGENCIES_COLLECTION).first()
    if parent is None:
        parent = root.add_child(name=AGENCIES_COLLECTION)
    collection = parent.add_child(name=str(agency))
    AgencyCollection.objects.create(agency=agency, collection=collection)
    return collection
