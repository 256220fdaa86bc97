"""The current stage follows the dates, at the boundaries, in Asia/Makassar (WITA)."""

import datetime
import zoneinfo

import pytest

from competitions import eligibility
from competitions.models import CompetitionStage, StageKind
from tests.innovations.factories import InnovationPageFactory
from tests.monitoring.factories import ReportFactory

from .factories import CompetitionPageFactory

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
pytestmark = pytest.mark.django_db


def at(*args):
    return datetime.datetime(*args, tzinfo=WITA)


@pytest.fixture
def competition(competitions):
    page = CompetitionPageFactory(parent=competitions, stage_now=False)
    page.stages.all().delete()
    CompetitionStage.objects.create(
        page=page, kind=StageKind.REGISTRATION, starts_at=at(2027, 3, 1), ends_at=at(2027, 4, 1)
    )
    CompetitionStage.objects.create(
        page=page, kind=StageKind.DESK, starts_at=at(2027, 4, 1), ends_at=at(2027, 5, 1), top_n=3
    )
    CompetitionStage.objects.create(
        page=page, kind=StageKind.OBJECTION, starts_at=at(2027, 5, 10), ends_at=at(2027, 5, 15)
    )
    return type(page).objects.get(pk=page.pk)


def kind_at(competition, moment):
    stage = competition.current_stage(moment)
    return stage.kind if stage else None


def test_stage_changes_at_midnight_wita(competition):
    assert kind_at(competition, at(2027, 2, 28, 23, 59, 59)) is None
    assert kind_at(competition, at(2027, 3, 1, 0, 0)) == StageKind.REGISTRATION
    assert kind_at(competition, at(2027, 3, 31, 23, 59, 59)) == StageKind.REGISTRATION
    assert kind_at(competition, at(2027, 4, 1, 0, 0)) == StageKind.DESK


def test_boundary_is_wita_not_utc(competition):
    # 16:00 UTC on 31 March is already midnight 1 April in Makassar (UTC+8).
    utc = datetime.UTC
    assert kind_at(competition, datetime.datetime(2027, 3, 31, 15, 59, tzinfo=utc)) == "pendaftaran"
    assert kind_at(competition, datetime.datetime(2027, 3, 31, 16, 0, tzinfo=utc)) == "desk"


def test_gap_between_stages_has_no_current_stage(competition):
    assert kind_at(competition, at(2027, 5, 5)) is None
    assert competition.is_open(StageKind.OBJECTION, at(2027, 5, 12))
    assert not competition.is_open(StageKind.OBJECTION, at(2027, 5, 15))


class TestEligibility:
    def test_implemented_for_a_year_before_registration(self, competition, catalogue):
        ok = InnovationPageFactory(parent=catalogue, implemented_on=datetime.date(2026, 3, 1))
        late = InnovationPageFactory(parent=catalogue, implemented_on=datetime.date(2026, 3, 2))
        assert eligibility.problems(competition, ok) == []
        assert eligibility.problems(competition, late) == [
            "Inovasi belum diterapkan selama 12 bulan."
        ]

    def test_verified_monitoring_report_when_required(self, competition, catalogue):
        competition.require_verified_report = True
        innovation = InnovationPageFactory(parent=catalogue)
        ReportFactory(innovation=innovation, status="diajukan")
        assert eligibility.problems(competition, innovation) == [
            "Inovasi belum memiliki laporan pemantauan yang diverifikasi."
        ]
        ReportFactory(innovation=innovation, year=2024)
        assert eligibility.problems(competition, innovation) == []

    def test_draft_innovation_is_not_eligible(self, competition, catalogue):
        innovation = InnovationPageFactory(parent=catalogue, live=False)
        assert "Inovasi belum terbit di katalog." in eligibility.problems(competition, innovation)
