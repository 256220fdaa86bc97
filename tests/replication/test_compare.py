"""The compare page carries what an official needs before copying, in constant queries."""

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innovations.models import InnovationStep
from tests.innovations.factories import InnovationPageFactory, ReplicationFactory


def rows_of(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, {
        tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in soup.select(".compare-table tbody tr")
    }


def compare_url(catalogue, *pages, **extra):
    ids = "&".join(f"id={page.pk}" for page in pages)
    tail = "".join(f"&{key}={value}" for key, value in extra.items())
    return f"{catalogue.url}bandingkan/?{ids}{tail}"


def test_compare_rows_for_copying(client, catalogue, innovation):
    other = InnovationPageFactory(parent=catalogue, title="Aplikasi Antrean")
    InnovationStep.objects.create(page=innovation, title="Siapkan mobil layanan", sort_order=0)
    ReplicationFactory(page=innovation, adopter_name="Disdukcapil Bulukumba")

    soup, rows = rows_of(client.get(compare_url(catalogue, innovation, other)))

    assert "Siapkan mobil layanan" in rows["Langkah mereplikasi"][0]
    assert "Disdukcapil Bulukumba" in rows["Yang sudah mereplikasi"][0]
    assert rows["Kontak"][0].startswith("Andi Baso")
    assert "inovator@maros.example.go.id" not in str(soup)
    asks = [a["href"] for a in soup.select(".compare-table a.button")]
    assert asks == [f"/replikasi/ajukan/{innovation.pk}/", f"/replikasi/ajukan/{other.pk}/"]
    print_link = soup.select_one(".compare-print a")
    assert print_link.get_text(strip=True) == "Versi cetak"


def test_print_view(client, catalogue, innovation):
    other = InnovationPageFactory(parent=catalogue)
    soup, _rows = rows_of(client.get(compare_url(catalogue, innovation, other, cetak=1)))
    assert "print-view" in soup.body["class"]


def test_compare_queries_do_not_grow_with_replications(client, catalogue, innovation):
    other = InnovationPageFactory(parent=catalogue)
    url = compare_url(catalogue, innovation, other)
    client.get(url)  # the first request on a site creates its settings row
    with CaptureQueriesContext(connection) as few:
        client.get(url + "&a=1")
    for number in range(5):
        ReplicationFactory(page=other, adopter_name=f"Pereplikasi {number}")
        InnovationStep.objects.create(page=other, title=f"Langkah {number}", sort_order=number)
    client.get(url + "&a=3")  # the saves renew the kept main navigation: read again here
    with CaptureQueriesContext(connection) as many:
        client.get(url + "&a=2")
    assert len(many) == len(few)
