"""What the catalogue and the case study show from monitoring: "perlu pembaruan" (badge and
facet), the last verification month, and targets set apart from achieved figures."""

import datetime

import pytest
from django.utils import timezone

from innovations.models import InnovationKeyFigure, InnovationPage
from tests.innovations.factories import InnovationPageFactory, KeyFigureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(catalogue):
    today = timezone.localdate()
    stale = InnovationPageFactory(parent=catalogue, title="Lama Tak Dipantau")
    fresh = InnovationPageFactory(parent=catalogue, title="Baru Diverifikasi")
    InnovationPage.objects.filter(pk=fresh.pk).update(last_verified_on=today)
    recent = InnovationPageFactory(
        parent=catalogue,
        title="Baru Diluncurkan",
        launched_on=today - datetime.timedelta(days=30),
        trial_started_on=None,
        implemented_on=None,
        stage="inisiatif",
    )
    return stale, fresh, recent


def test_needs_update_after_a_period_and_grace(pages, settings):
    stale, fresh, recent = (InnovationPage.objects.get(pk=page.pk) for page in pages)
    assert stale.needs_update
    assert not fresh.needs_update
    assert not recent.needs_update  # launched within the period: nothing due yet
    cutoff = InnovationPage.monitoring_cutoff(datetime.date(2026, 3, 31))
    assert cutoff == datetime.date(2025, 3, 31) - datetime.timedelta(days=60)


def test_catalogue_facet_and_badge(client, pages):
    html = client.get("/inovasi/?pemantauan=perlu-pembaruan").content.decode()
    assert "Lama Tak Dipantau" in html
    assert "Baru Diverifikasi" not in html
    assert "Baru Diluncurkan" not in html
    assert "Perlu pembaruan" in html
    html = client.get("/inovasi/?pemantauan=terpantau").content.decode()
    assert "Baru Diverifikasi" in html and "Lama Tak Dipantau" not in html


def test_case_study_shows_achieved_first_and_labels_targets(client, pages):
    stale, fresh, _recent = pages
    KeyFigureFactory(
        page=fresh,
        label="Ketidakhadiran siswa",
        value=3,
        unit="%",
        baseline=9,
        kind=InnovationKeyFigure.Kind.TARGET,
        sort_order=0,
    )
    KeyFigureFactory(
        page=fresh, label="Orang tua terdaftar", value=880, unit="orang", baseline=0, sort_order=1
    )
    InnovationPage.objects.filter(pk=fresh.pk).update(last_verified_on=datetime.date(2027, 3, 5))
    html = client.get(fresh.url).content.decode()
    assert html.index("Orang tua terdaftar") < html.index("Ketidakhadiran siswa")
    assert "key-figure--target" in html
    assert "diverifikasi Maret 2027" in html
    html = client.get(stale.url).content.decode()
    assert "belum diverifikasi" in html
    assert "Perlu pembaruan" in html
