"""People of the network: officers and verifiers of an agency, moderators, administrators.

    officer = OfficerFactory(agency=agency)        # group "Petugas Inovasi" + membership
    verifier = VerifierFactory(agency=agency)      # group "Verifikator OPD" + membership
    moderator = ModeratorFactory()                 # group "Moderator"
Every user's password is PASSWORD.
"""

import factory
from django.contrib.auth import get_user_model

from agencies import roles
from agencies.models import AgencyMembership
from tests.innovations.factories import AgencyFactory

PASSWORD = "sandi-uji-rahasia-123"


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"pengguna{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@contoh.go.id")
    first_name = factory.Sequence(lambda n: f"Nama{n}")
    last_name = "Uji"
    is_active = True
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


def _serve(role):
    """A post-generation hook `agency`: the user serves the given agency (or a new one)."""

    def hook(user, create, extracted, **kwargs):
        if create:
            roles.assign(user, extracted or AgencyFactory(), role)

    return factory.PostGeneration(hook)


class OfficerFactory(UserFactory):
    username = factory.Sequence(lambda n: f"petugas{n}")
    agency = _serve(AgencyMembership.Role.OFFICER)


class VerifierFactory(UserFactory):
    username = factory.Sequence(lambda n: f"verifikator{n}")
    agency = _serve(AgencyMembership.Role.VERIFIER)


class ModeratorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"moderator{n}")

    @factory.post_generation
    def group(self, create, extracted, **kwargs):
        if create:
            roles.add_to_group(self, roles.MODERATORS)


class AdministratorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"administrator{n}")

    @factory.post_generation
    def group(self, create, extracted, **kwargs):
        if create:
            roles.add_to_group(self, roles.ADMINISTRATORS)


class MembershipFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = AgencyMembership.Role.OFFICER

    class Meta:
        model = AgencyMembership
