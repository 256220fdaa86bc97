import pytest


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Attachments go to a temporary folder, never into the project."""
    settings.PARTICIPATION_PRIVATE_ROOT = tmp_path / "private"
    return settings.PARTICIPATION_PRIVATE_ROOT


@pytest.fixture
def agency(db):
    from tests.innovations.factories import AgencyFactory

    return AgencyFactory(name="Dinas Kependudukan Uji")


@pytest.fixture
def other_agency(db):
    from tests.innovations.factories import AgencyFactory

    return AgencyFactory(name="Dinas Kesehatan Uji")


@pytest.fixture
def moderator(db):
    from tests.agencies.factories import ModeratorFactory

    return ModeratorFactory()


@pytest.fixture
def liaison(agency):
    from tests.agencies.factories import OfficerFactory

    return OfficerFactory(agency=agency)


@pytest.fixture
def other_liaison(other_agency):
    from tests.agencies.factories import OfficerFactory

    return OfficerFactory(agency=other_agency)
