import pytest

from tests.innovations.factories import InnovationIndexPageFactory

from .factories import CompetitionIndexPageFactory


@pytest.fixture
def catalogue(home_page):
    return InnovationIndexPageFactory(parent=home_page)


@pytest.fixture
def competitions(home_page):
    return CompetitionIndexPageFactory(parent=home_page)
