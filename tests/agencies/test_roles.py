"""The contract of agencies.access that other apps build on (TEAM.md)."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from agencies import access, roles
from tests.agencies.factories import (
    AdministratorFactory,
    ModeratorFactory,
    OfficerFactory,
    UserFactory,
    VerifierFactory,
)
from tests.innovations.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_the_four_groups_exist_with_admin_access():
    for name in roles.GROUP_NAMES:
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists(), name


def test_officer_serves_their_agency_only():
    agency, other = AgencyFactory(), AgencyFactory()
    officer = OfficerFactory(agency=agency)
    assert list(access.agencies_of(officer)) == [agency]
    assert access.is_officer(officer)
    assert access.is_officer(officer, agency)
    assert not access.is_officer(officer, other)
    assert not access.is_verifier(officer)
    assert not access.is_moderator(officer)
    assert officer.groups.filter(name=roles.OFFICERS).exists()


def test_a_person_may_serve_several_agencies_in_both_roles():
    first, second = AgencyFactory(), AgencyFactory()
    person = OfficerFactory(agency=first)
    roles.assign(person, second, "verifier")
    assert set(access.agencies_of(person)) == {first, second}
    assert set(access.agencies_of(person, role="verifier")) == {second}
    assert access.is_verifier(person, second)
    assert not access.is_verifier(person, first)


def test_verifier_moderator_administrator_superuser():
    verifier = VerifierFactory()
    assert access.is_verifier(verifier) and not access.is_officer(verifier)
    assert access.is_moderator(ModeratorFactory())
    assert access.is_administrator(AdministratorFactory())
    superuser = UserFactory(is_superuser=True)
    assert access.is_moderator(superuser)
    assert not access.agencies_of(superuser).exists()


def test_anonymous_and_inactive_people_have_no_role():
    assert not access.is_moderator(AnonymousUser())
    assert not access.agencies_of(AnonymousUser()).exists()
    officer = OfficerFactory()
    officer.is_active = False
    assert not access.is_officer(officer)
    assert not access.agencies_of(officer).exists()


def test_cached_roles_follow_changes_on_the_same_object():
    person = UserFactory()
    agency = AgencyFactory()
    assert not access.is_officer(person)
    roles.assign(person, agency, "officer")
    assert access.is_officer(person, agency)
    roles.add_to_group(person, roles.MODERATORS)
    assert access.is_moderator(person)
