import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications.models import LearningResourcePage
from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory
from tests.publications.factories import (
    LearningResourceIndexPageFactory,
    LearningResourcePageFactory,
    ResourceTopicFactory,
)

pytestmark = pytest.mark.django_db
Type = LearningResourcePage.ResourceType
Audience = LearningResourcePage.Audience


@pytest.fixture
def library(home_page):
    index = LearningResourceIndexPageFactory(parent=home_page)
    digital = ResourceTopicFactory(name="Pelayanan digital", slug="pelayanan-digital")
    complaints = ResourceTopicFactory(name="Pengaduan", slug="pengaduan")
    LearningResourcePageFactory(
        parent=index,
        title="Panduan loket digital",
        resource_type=Type.GUIDE,
        audience=Audience.FRONT_LINE,
        topics=[digital],
    )
    LearningResourcePageFactory(
        parent=index,
        title="Video pengaduan warga",
        resource_type=Type.VIDEO,
        audience=Audience.PUBLIC,
        topics=[complaints],
    )
    LearningResourcePageFactory(
        parent=index,
        title="Modul untuk semua",
        resource_type=Type.TRAINING,
        audience=Audience.EVERYONE,
        topics=[digital, complaints],
    )
    return index


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return sorted(a.get_text(strip=True) for a in soup.select(".pub-grid .card__title a"))


def test_library_lists_everything_with_a_filter_form(client, library):
    response = client.get("/sumber-belajar/")

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text(strip=True) == "Sumber Belajar"
    assert titles(response) == [
        "Modul untuk semua",
        "Panduan loket digital",
        "Video pengaduan warga",
    ]
    form = soup.find("form", method="get")
    assert form.find("button", type="submit")
    legends = [legend.get_text(strip=True) for legend in form.find_all("legend")]
    assert legends == ["Jenis", "Topik", "Sasaran pembaca", "Tingkat"]
    assert "3 sumber belajar" in soup.find(id="results-heading").get_text()


def test_filters_combine_and_are_shareable_urls(client, library):
    assert titles(client.get("/sumber-belajar/?jenis=video")) == ["Video pengaduan warga"]
    assert titles(client.get("/sumber-belajar/?jenis=video&jenis=panduan")) == [
        "Panduan loket digital",
        "Video pengaduan warga",
    ]
    assert titles(client.get("/sumber-belajar/?topik=pelayanan-digital&jenis=modul")) == [
        "Modul untuk semua"
    ]


def test_audience_filter_includes_resources_for_everyone(client, library):
    assert titles(client.get("/sumber-belajar/?sasaran=petugas_layanan")) == [
        "Modul untuk semua",
        "Panduan loket digital",
    ]


def test_facet_counts_and_checked_state_follow_the_other_filters(client, library):
    soup = BeautifulSoup(client.get("/sumber-belajar/?topik=pengaduan").content, "html.parser")
    video = soup.find("input", attrs={"name": "jenis", "value": "video"})
    assert "(1)" in soup.find("label", attrs={"for": video["id"]}).get_text()
    guide = soup.find("input", attrs={"name": "jenis", "value": "panduan"})
    assert "(0)" in soup.find("label", attrs={"for": guide["id"]}).get_text()
    assert soup.find("input", attrs={"name": "topik", "value": "pengaduan"}).has_attr("checked")
    chip = soup.select_one(".chips a")
    assert chip["href"] == "/sumber-belajar/?"


def test_unknown_filter_values_give_a_message_not_an_error(client, library):
    response = client.get("/sumber-belajar/?jenis=roket&topik=tidak-ada&halaman=x")

    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text()
    assert "tidak dikenal" in text
    assert len(titles(response)) == 3


def test_library_query_count_is_constant(client, library):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert (
                client.get("/sumber-belajar/?sasaran=petugas_layanan&topik=pengaduan").status_code
                == 200
            )
        return len(captured)

    client.get("/sumber-belajar/")
    few = queries()
    extra_topic = ResourceTopicFactory()
    for number in range(12):
        LearningResourcePageFactory(
            parent=library,
            resource_type=Type.values[number % len(Type.values)],
            topics=[extra_topic],
        )
    client.get("/sumber-belajar/")  # the publishes renewed the navigation kept per publish
    assert queries() == few


def test_resource_page_shows_facts_documents_and_innovations(client, library):
    catalogue = InnovationIndexPageFactory(parent=library.get_parent())
    innovation = InnovationPageFactory(parent=catalogue, title="Sipakatau Digital")
    resource = LearningResourcePage.objects.get(title="Panduan loket digital")
    resource.related_innovations.set([innovation])
    resource.save_revision().publish()

    response = client.get(resource.url)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text(strip=True) == "Panduan loket digital"
    facts = soup.find("dl", class_="facts").get_text(" ", strip=True)
    assert "Petugas layanan garis depan" in facts and "1 jam 30 menit" in facts
    assert "Pelayanan digital" in facts
    assert soup.find("a", string="Sipakatau Digital")


def test_parent_rules(home_page, library):
    assert LearningResourcePage.can_create_at(library)
    assert not LearningResourcePage.can_create_at(home_page)
