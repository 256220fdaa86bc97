"""Issue 22 item 6: the innovation exports as typed data: XLSX date cells, the licence in
the JSON export, booleans spelt as docs/data-dictionary.md says."""

import csv
import datetime
import io
import json

import pytest
from openpyxl import load_workbook

from innovations.exports import COLUMN_NAMES
from innovations.open_data import LICENCE
from tests.innovations.factories import InnovationPageFactory

pytestmark = pytest.mark.django_db


def body(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.fixture
def innovation(catalogue):
    return InnovationPageFactory(parent=catalogue, is_digital=True)


def test_xlsx_dates_are_date_cells(client, innovation):
    sheet = load_workbook(io.BytesIO(body(client.get("/inovasi/ekspor.xlsx"))))["inovasi"]
    header, row = (list(values) for values in sheet.iter_rows(values_only=True))
    launched = row[header.index("launched_on")]
    assert isinstance(launched, datetime.datetime)
    assert launched.date() == innovation.launched_on
    assert row[header.index("implemented_on")].date() == innovation.implemented_on
    assert row[header.index("is_digital")] is True


def test_json_export_carries_the_licence_and_csv_booleans_are_documented(client, innovation):
    data = json.loads(body(client.get("/inovasi/ekspor.json")))
    assert data["licence"] == LICENCE
    assert data["results"][0]["is_digital"] is True
    text = body(client.get("/inovasi/ekspor.csv")).decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(text))
    assert list(row) == COLUMN_NAMES
    assert row["is_digital"] == "True"
