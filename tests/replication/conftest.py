import pytest

from tests.agencies.factories import ModeratorFactory, OfficerFactory
from tests.innovations.factories import InnovationIndexPageFactory
from tests.replication.factories import innovation_with_contact


@pytest.fixture
def innovation(catalogue):
    return innovation_with_contact(catalogue)


@pytest.fixture
def officer(innovation):
    return OfficerFactory(agency=innovation.agency)


@pytest.fixture
def moderator(db):
    return ModeratorFactory()


@pytest.fixture
def catalogue(home_page):
    return InnovationIndexPageFactory(parent=home_page)
