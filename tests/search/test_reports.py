import pytest
from django.contrib.auth import get_user_model

from search.models import SearchQueryDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.com", "secret")
    client.force_login(user)
    return client


def test_top_queries_report(admin_client):
    for _ in range(3):
        SearchQueryDay.record("Puskesmas", 4)
    SearchQueryDay.record("samsat", 1)
    SearchQueryDay.record("tidakada", 0)
    response = admin_client.get("/admin/laporan/pencarian/teratas/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kata pencarian teratas" in html
    assert html.index("puskesmas") < html.index("samsat")
    assert "/cari/?q=puskesmas" in html


def test_zero_result_report_lists_only_failed_queries(admin_client):
    SearchQueryDay.record("puskesmas", 4)
    SearchQueryDay.record("tidakada", 0)
    SearchQueryDay.record("tidakada", 0)
    response = admin_client.get("/admin/laporan/pencarian/tanpa-hasil/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "tidakada" in html and "puskesmas" not in html


def test_report_export_csv(admin_client):
    SearchQueryDay.record("puskesmas", 4)
    response = admin_client.get("/admin/laporan/pencarian/teratas/", {"export": "csv"})
    assert response.status_code == 200
    assert b"puskesmas" in b"".join(response.streaming_content)


def test_reports_need_admin_access(client):
    response = client.get("/admin/laporan/pencarian/teratas/")
    assert response.status_code == 302
