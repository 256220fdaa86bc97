"""The index formula (docs/index-formula.md) on hand-computed cases."""

from decimal import Decimal

import pytest

from monitoring.index import FLOOR, innovation_score, predicate, unit_index
from monitoring.models import IndexScore

D = Decimal
AGENCY, REGION = IndexScore.Level.AGENCY, IndexScore.Level.REGION
HALF_VERIFIED = {"compliance": 0.5, "timeliness": 0.5, "review_participation": 0, "coverage": 1}


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        ("100", "Sangat Inovatif"),
        ("60.01", "Sangat Inovatif"),
        ("60.00", "Inovatif"),
        ("60.004", "Inovatif"),  # rounds to 60.00
        ("60.005", "Sangat Inovatif"),  # rounds to 60.01
        ("35", "Inovatif"),
        ("34.99", "Kurang Inovatif"),
        ("0.01", "Kurang Inovatif"),
        ("0.004", "Tidak Dapat Dinilai"),
        ("0", "Tidak Dapat Dinilai"),
    ],
)
def test_every_predicate_boundary(score, expected):
    assert predicate(D(score)) == expected


def test_the_agency_example_of_the_documentation():
    score, parts = unit_index([D(80), D(40)], HALF_VERIFIED, FLOOR[AGENCY])
    assert parts["quality"] == 40.0  # 120 / max(3, 2)
    assert parts["quantity"] == 66.67
    assert parts["sid"] == 42.67
    assert parts["spd"] == 55.0
    assert score == D("45.77")
    assert predicate(score) == "Inovatif"


def test_the_region_example_divides_by_ten_below_ten_innovations():
    score, parts = unit_index([D(80), D(40)], HALF_VERIFIED, FLOOR[REGION])
    assert parts["quality"] == 12.0  # 120 / max(10, 2)
    assert parts["quantity"] == 20.0
    assert score == D("23.43")
    assert predicate(score) == "Kurang Inovatif"


def test_from_ten_innovations_on_the_sum_is_divided_by_their_number():
    nine = unit_index([D(50)] * 9, {}, 10)[1]
    ten = unit_index([D(50)] * 10, {}, 10)[1]
    twenty = unit_index([D(50)] * 20, {}, 10)[1]
    assert nine["quality"] == 45.0  # 450 / 10
    assert ten["quality"] == 50.0  # 500 / 10
    assert twenty["quality"] == 50.0  # 1000 / 20: more of the same is not better
    assert twenty["quantity"] == ten["quantity"] == 100.0


def test_no_innovation_cannot_be_assessed():
    score, parts = unit_index([], {"coverage": 1}, 10)
    assert score == 0
    assert predicate(score) == "Tidak Dapat Dinilai"


def test_a_perfect_unit_scores_one_hundred():
    perfect = dict.fromkeys(HALF_VERIFIED, 1)
    assert unit_index([D(100)] * 10, perfect, 10)[0] == D(100)


def test_innovation_score_is_the_weighted_sum_of_its_indicators():
    assert innovation_score({}) == 0
    assert innovation_score({"stage": 1, "regulation": 1, "running": 1}) == 30
    assert innovation_score({"effectiveness": D("0.5"), "peer_review": 1}) == D("22.5")
