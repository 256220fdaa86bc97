import pytest

from tests.innovations.factories import InnovationIndexPageFactory


@pytest.fixture
def catalogue(home_page):
    """The catalogue page at /inovasi/."""
    return InnovationIndexPageFactory(parent=home_page)
