import pytest
from bs4 import BeautifulSoup

from publications.models import PartnersPage, Regulation, RegulationIndexPage
from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory
from tests.publications.factories import (
    PartnerFactory,
    PartnersPageFactory,
    RegulationFactory,
    RegulationIndexPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def regulations_page(home_page):
    return RegulationIndexPageFactory(parent=home_page)


def test_regulations_are_grouped_by_type_in_legal_order(client, regulations_page):
    RegulationFactory(
        kind=Regulation.Kind.SE, number="9", year=2014, title="Gerakan One Agency One Innovation"
    )
    RegulationFactory(kind=Regulation.Kind.UU, number="25", year=2009, title="Pelayanan Publik")
    RegulationFactory(kind=Regulation.Kind.PERMEN, number="30", year=2014, title="Pedoman Inovasi")

    response = client.get("/regulasi/")

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    groups = [h2.get_text(strip=True) for h2 in soup.select(".regulation-group > h2")]
    assert groups == ["Undang-Undang", "Peraturan Menteri", "Surat Edaran"]
    first = soup.select_one(".regulation")
    assert first.find("a").get_text(strip=True) == "Undang-Undang No. 25/2009"
    assert "Pelayanan Publik" in first.get_text()
    assert first.find("a")["href"] == "/regulasi/uu-25-2009/"


def test_regulation_page_lists_the_innovations_that_rest_on_it(client, regulations_page):
    regulation = RegulationFactory(kind=Regulation.Kind.UU, number="25", year=2009)
    catalogue = InnovationIndexPageFactory(parent=regulations_page.get_parent())
    innovation = InnovationPageFactory(parent=catalogue, title="Samsat Keliling")
    innovation.regulations.set([regulation])
    innovation.save_revision().publish()
    InnovationPageFactory(parent=catalogue, title="Tidak terkait")

    response = client.get(regulation.get_url())

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text(strip=True).startswith("Undang-Undang Nomor 25 Tahun 2009")
    listed = soup.find(id="innovations-heading").find_parent("section")
    assert [a.get_text(strip=True) for a in listed.find_all("a")] == ["Samsat Keliling"]
    assert "1 inovasi berlandaskan" in client.get("/regulasi/").content.decode()


def test_unknown_regulation_is_404(client, regulations_page):
    assert client.get("/regulasi/tidak-ada/").status_code == 404


def test_regulation_url_is_none_without_a_regulations_page(db):
    assert RegulationFactory().get_url() is None


def test_partners_page_shows_name_kind_link_and_description(client, home_page):
    PartnersPageFactory(parent=home_page)
    PartnerFactory(
        name="Yayasan BaKTI", website="https://bakti.or.id", description="Pusat pengetahuan KTI."
    )

    response = client.get("/mitra/")

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    partner = soup.select_one(".partner")
    assert partner.find("h2").get_text(strip=True) == "Yayasan BaKTI"
    assert "Lembaga swadaya masyarakat" in partner.get_text()
    assert "Pusat pengetahuan KTI." in partner.get_text()
    assert partner.find("a")["href"] == "https://bakti.or.id"


def test_only_one_regulations_page_and_partners_page(home_page):
    RegulationIndexPageFactory(parent=home_page)
    PartnersPageFactory(parent=home_page)
    assert not RegulationIndexPage.can_create_at(home_page)
    assert not PartnersPage.can_create_at(home_page)
