import pytest

from innovations.models import InnovationPage
from tests.agencies.factories import ModeratorFactory, OfficerFactory
from tests.innovations.factories import (
    InnovationIndexPageFactory,
    InnovationPageFactory,
    KeyFigureFactory,
)


@pytest.fixture
def innovation(catalogue):
    page = InnovationPageFactory(
        parent=catalogue,
        title="Dukcapil Jemput Bola",
        contact_name="Andi Baso",
        contact_email="inovator@maros.example.go.id",
        cost=60_000_000,
        budget_source=InnovationPage.BudgetSource.APBD,
    )
    KeyFigureFactory(page=page, label="Waktu layanan", value=2, unit="hari", baseline=14)
    return page


@pytest.fixture
def officer(innovation):
    return OfficerFactory(agency=innovation.agency)


@pytest.fixture
def moderator(db):
    return ModeratorFactory()


@pytest.fixture
def catalogue(home_page):
    return InnovationIndexPageFactory(parent=home_page)
