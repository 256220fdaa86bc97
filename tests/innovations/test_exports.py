import csv
import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from openpyxl import load_workbook

from innovations.exports import COLUMN_NAMES, COLUMNS
from innovations.models import SustainableDevelopmentGoal
from tests.innovations.factories import (
    AwardItemFactory,
    InnovationPageFactory,
    ReplicationFactory,
    region,
    sector,
)

pytestmark = pytest.mark.django_db


def body(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def pages(catalogue):
    digital = InnovationPageFactory(
        parent=catalogue,
        title="Sipakatau Digital",
        is_digital=True,
        regions=[region("73.71"), region("73.02")],
        sectors=[sector("kesehatan"), sector("pendidikan")],
        sdgs=[SustainableDevelopmentGoal.objects.get(number=3)],
        cost=120_000_000,
        budget_source="apbd",
    )
    ReplicationFactory(page=digital)
    AwardItemFactory(page=digital, year=2021, rank="Top 99")
    manual = InnovationPageFactory(parent=catalogue, title="Layanan Manual", is_digital=False)
    return digital, manual


def test_csv_export_of_a_filtered_view(client, pages):
    digital, _manual = pages

    response = client.get("/inovasi/ekspor.csv?digital=ya")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="inovasi-jipp-sulsel-' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body(response).lstrip("\ufeff"))))
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == COLUMN_NAMES
    assert row["id"] == str(digital.pk)
    assert row["slug"] == digital.slug
    assert row["url"] == f"http://localhost/inovasi/{digital.slug}/"
    assert row["region_bps_codes"] == "73.02|73.71"
    assert row["sector_slugs"] in {"kesehatan|pendidikan", "pendidikan|kesehatan"}
    assert row["sdg_numbers"] == "3"
    assert row["agency_slug"] == digital.agency.slug
    assert row["is_digital"] == "True"
    assert row["cost"] == "120000000"
    assert row["budget_band"] == "50-250-juta"
    assert row["replication_count"] == "1"
    assert row["awards"] == "kipp:2021:Top 99"
    assert row["launched_on"] == "2019-01-15"


def test_json_export_keeps_lists_and_describes_columns(client, pages):
    data = json.loads(body(client.get("/inovasi/ekspor.json?urutan=az")))

    assert [c["name"] for c in data["columns"]] == COLUMN_NAMES
    assert data["filters"] == {"sort": ["az"]}
    assert [r["title"] for r in data["results"]] == ["Layanan Manual", "Sipakatau Digital"]
    assert data["results"][1]["region_bps_codes"] == ["73.02", "73.71"]
    assert data["results"][1]["sdg_numbers"] == ["3"]


def test_xlsx_export(client, pages):
    response = client.get("/inovasi/ekspor.xlsx?wilayah=73.02")

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook["inovasi"].values)
    assert list(rows[0]) == COLUMN_NAMES
    assert [row[COLUMN_NAMES.index("title")] for row in rows[1:]] == ["Sipakatau Digital"]
    assert len(list(workbook["kolom"].values)) == len(COLUMNS) + 1


@pytest.mark.parametrize("query", ["wilayah=99.99", "tahap=x", "tahun_dari=abc", "foo=1"])
def test_export_with_unusable_filters_is_a_bad_request(client, pages, query):
    response = client.get(f"/inovasi/ekspor.csv?{query}")

    assert response.status_code == 400
    assert "Filter tidak valid" in response.content.decode()


def test_unknown_export_format_is_not_found(client, pages):
    assert client.get("/inovasi/ekspor.pdf").status_code == 404


def test_export_query_count_is_constant(client, catalogue, django_assert_max_num_queries):
    for _ in range(30):
        InnovationPageFactory(parent=catalogue)
    with django_assert_max_num_queries(12):
        body(client.get("/inovasi/ekspor.csv"))


def test_data_dictionary_documents_every_column():
    text = (Path(settings.BASE_DIR) / "docs" / "data-dictionary.md").read_text()
    text = text.split("## Columns", 1)[1].split("\n## ", 1)[0]

    documented = re.findall(r"^\| `([a-z_]+)` \|", text, re.M)
    assert documented == COLUMN_NAMES
