"""The stored index against the database: values, ranks, change, idempotence, queries."""

from decimal import Decimal

import pytest

from monitoring.index import load_inputs, recompute
from monitoring.models import IndexScore
from tests.innovations.factories import InnovationPageFactory

from .factories import ReportFactory

pytestmark = pytest.mark.django_db


def score_of(level, year, **lookup):
    return IndexScore.objects.get(level=level, year=year, **lookup)


def test_an_innovation_score_adds_up_its_evidence(scored):
    recompute([2024, 2025])
    prime = score_of("inovasi", 2025, innovation=scored["prime"])
    values = prime.details["values"]
    assert values["stage"] == 1
    assert values["running"] == 1
    assert values["effectiveness"] == 0.8  # 80 of a target of 100
    assert values["beneficiaries"] == 1.0  # log10(10,000) / 4
    assert values["digital"] == 1
    assert values["evidence"] == 0  # no document attached
    # Two reviews: 4 everywhere, and 4 with a 2 for novelty (weight 20): 3.6; mean 3.8.
    assert values["peer_review"] == pytest.approx((3.8 - 1) / 4)
    # stage 10 + running 10 + effectiveness 15 x 0.8 + beneficiaries 10 + digital 5
    # + peer review 15 x 0.7 = 57.5 (no regulation, no evidence, no award, no replication)
    assert prime.score == Decimal("57.50")
    assert prime.predicate == "Inovatif"
    assert prime.details["evidence"]["reports"]


def test_an_unreported_innovation_scores_only_its_structured_fields(scored):
    recompute([2025])
    slow = score_of("inovasi", 2025, innovation=scored["slow"])
    assert slow.details["values"]["running"] == 0
    assert slow.score == Decimal("12.50")  # stage 10 + non-digital 0.5 x 5


def test_units_count_coverage_and_change_against_last_year(scored):
    recompute([2024, 2025])
    makassar = score_of("wilayah", 2025, region=scored["makassar"])
    assert makassar.innovation_count == 2
    assert makassar.agency_count == 2
    assert makassar.covered_agency_count == 1
    assert makassar.coverage == 50.0
    earlier = score_of("wilayah", 2024, region=scored["makassar"])
    assert makassar.previous_score == earlier.score
    empty = score_of("instansi", 2025, agency=scored["agencies"][1])
    assert empty.score == 0
    assert empty.predicate == "Tidak Dapat Dinilai"


def test_ranks_follow_the_scores(scored):
    recompute([2025])
    ranked = list(IndexScore.objects.filter(level="inovasi", year=2025).order_by("rank"))
    assert [row.rank for row in ranked] == [1, 2, 3]
    assert ranked[0].innovation_id == scored["prime"].pk
    assert [row.score for row in ranked] == sorted((row.score for row in ranked), reverse=True)


def test_recompute_is_idempotent(scored):
    recompute([2024, 2025])
    first = list(
        IndexScore.objects.order_by("level", "year", "name").values_list(
            "level", "year", "name", "score", "rank", "previous_score"
        )
    )
    recompute([2024, 2025])
    second = list(
        IndexScore.objects.order_by("level", "year", "name").values_list(
            "level", "year", "name", "score", "rank", "previous_score"
        )
    )
    assert first == second


def test_verifying_a_report_recomputes_its_year(scored, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = ReportFactory(innovation=scored["slow"], year=2025)
    assert score_of("inovasi", 2025, innovation=scored["slow"]).details["values"]["running"] == 1
    scored["slow"].refresh_from_db()
    assert scored["slow"].last_verified_on is not None
    assert report.verified_at is not None


def test_loading_the_inputs_takes_the_same_queries_at_any_size(
    scored, catalogue, django_assert_num_queries
):
    with django_assert_num_queries(11) as small:
        load_inputs([2024, 2025])
    for number in range(5):
        page = InnovationPageFactory(parent=catalogue, title=f"Tambahan {number}")
        ReportFactory(innovation=page, year=2025)
    with django_assert_num_queries(len(small.captured_queries)):
        load_inputs([2024, 2025])
