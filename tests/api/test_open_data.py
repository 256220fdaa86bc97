import csv
import io
import json

import pytest
from openpyxl import load_workbook

from tests.innovations.factories import region

pytestmark = pytest.mark.django_db


def test_open_data_page_lists_datasets_with_dictionary_licence_and_date(client, full_innovation):
    response = client.get("/data-terbuka/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Data terbuka</h1>" in html
    assert "creativecommons.org/licenses/by/4.0" in html
    assert "CC BY 4.0" in html
    for dataset in ("Inovasi", "Wilayah", "Instansi"):
        assert f">{dataset}</h2>" in html
    for url in ("/inovasi/ekspor.csv", "/data-terbuka/wilayah.xlsx", "/data-terbuka/instansi.json"):
        assert f'href="{url}"' in html
    assert "<code>region_bps_codes</code>" in html  # the data dictionary
    assert "<code>bps_code</code>" in html
    assert html.count("<time datetime=") == 3


def test_region_downloads_in_three_formats(client, make_innovation):
    make_innovation(regions=[region("73.71")])

    csv_response = client.get("/data-terbuka/wilayah.csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert len(rows) == 25
    makassar = next(row for row in rows if row["bps_code"] == "73.71")
    assert makassar["innovation_count"] == "1"

    data = client.get("/data-terbuka/wilayah.json").json()
    assert data["licence"]["url"].startswith("https://creativecommons.org/licenses/by/4.0")
    assert {c["name"] for c in data["columns"]} >= {"bps_code", "name", "innovation_count"}
    assert len(data["results"]) == 25

    workbook = load_workbook(io.BytesIO(client.get("/data-terbuka/wilayah.xlsx").content))
    assert workbook.sheetnames == ["wilayah", "kolom"]
    assert next(workbook["wilayah"].iter_rows(values_only=True))[0] == "bps_code"


def test_agency_download_and_bad_requests(client, make_innovation):
    page = make_innovation()
    data = json.loads(client.get("/data-terbuka/instansi.json").content)
    assert data["results"][0]["slug"] == page.agency.slug
    assert data["results"][0]["region_bps"] == "73.71"
    assert client.get("/data-terbuka/instansi.pdf").status_code == 404
    assert client.get("/data-terbuka/rahasia.csv").status_code == 404
    assert client.get("/data-terbuka/instansi.csv", {"region": "73"}).status_code == 400


def test_export_and_api_agree_on_identifiers_and_values(client, full_innovation):
    """The same innovation has the same identifiers and values in the export and the API."""
    exported = client.get("/inovasi/ekspor.json")
    assert exported.status_code == 200
    row = next(
        r
        for r in json.loads(b"".join(exported.streaming_content))["results"]
        if r["id"] == full_innovation.pk
    )
    api = client.get(f"/api/v2/innovations/{full_innovation.pk}/").json()

    assert row["id"] == api["id"]
    assert row["slug"] == api["meta"]["slug"]
    assert row["title"] == api["title"]
    assert row["tagline"] == api["tagline"]
    assert row["summary"] == api["summary"]
    assert row["agency_slug"] == api["agency"]["slug"]
    assert row["agency_region_bps"] == api["agency"]["region"]["bps_code"]
    assert row["region_bps_codes"] == [r["bps_code"] for r in api["regions"]]
    assert row["sector_slugs"] == [s["slug"] for s in api["sectors"]]
    assert [int(n) for n in row["sdg_numbers"]] == [s["number"] for s in api["sdgs"]]
    for choice in ("form", "initiator", "stage", "status", "budget_source"):
        assert row[choice] == api[choice]["value"]
    assert row["is_digital"] == api["is_digital"]
    for date in ("launched_on", "trial_started_on", "implemented_on"):
        assert row[date] == api[date]
    for number in ("cost", "beneficiaries_count", "replication_count"):
        assert row[number] == api[number]
    assert row["awards"] == [f"{a['award']['slug']}:{a['year']}:{a['rank']}" for a in api["awards"]]
    assert row["website"] == api["website"]
    assert row["contact_email"] == api["contact_email"]
    assert row["url"] == api["meta"]["html_url"]


def test_export_and_api_filters_select_the_same_innovations(client, make_innovation):
    make_innovation(title="Makassar", regions=[region("73.71")])
    make_innovation(title="Bulukumba", regions=[region("73.02")])
    # The same filter: Indonesian on the site's export, English in the API (its contract).
    export = client.get("/inovasi/ekspor.json", {"wilayah": "73.02"})
    exported = json.loads(b"".join(export.streaming_content))
    api = client.get("/api/v2/innovations/", {"region": "73.02"}).json()

    assert [r["id"] for r in exported["results"]] == [i["id"] for i in api["items"]]
