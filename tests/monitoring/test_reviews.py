"""Peer-review rules: never one's own agency or (by setting) region, conflicts and declines
need a reason, scores stay hidden until everyone has submitted, disagreement is flagged."""

import pytest
from django.core.exceptions import ValidationError

from agencies import roles
from monitoring.models import ReviewAssignment
from monitoring.reviews import scores_revealed, summary, visible_reviews
from tests.agencies.factories import ModeratorFactory, OfficerFactory
from tests.innovations.factories import AgencyFactory, InnovationPageFactory, region

from .factories import ReviewFactory

pytestmark = pytest.mark.django_db


def assignment(innovation, reviewer_agency, reviewer=None, **fields):
    reviewer = reviewer or OfficerFactory(agency=reviewer_agency)
    return ReviewAssignment(
        innovation=innovation,
        year=2025,
        reviewer=reviewer,
        reviewer_agency=reviewer_agency,
        **fields,
    )


@pytest.fixture
def innovation(catalogue):
    return InnovationPageFactory(parent=catalogue, agency=AgencyFactory(region=region("73.71")))


def test_a_reviewer_from_another_region_may_review(innovation):
    assignment(innovation, AgencyFactory(region=region("73.72"))).full_clean()


def test_no_one_reviews_their_own_agency(innovation):
    with pytest.raises(ValidationError, match="instansinya sendiri"):
        assignment(innovation, innovation.agency).full_clean()


def test_serving_the_reviewed_agency_too_is_refused(innovation):
    elsewhere = AgencyFactory(region=region("73.72"))
    reviewer = OfficerFactory(agency=innovation.agency)
    roles.assign(reviewer, elsewhere, "officer")
    with pytest.raises(ValidationError, match="instansinya sendiri"):
        assignment(innovation, elsewhere, reviewer=reviewer).full_clean()


def test_own_region_is_refused_by_setting(innovation, settings):
    neighbour = AgencyFactory(region=innovation.agency.region)
    with pytest.raises(ValidationError, match="wilayahnya sendiri"):
        assignment(innovation, neighbour).full_clean()
    settings.PEER_REVIEW_EXCLUDE_OWN_REGION = False
    assignment(innovation, neighbour).full_clean()


def test_reviewer_must_serve_the_agency_they_review_for(innovation):
    stranger = OfficerFactory(agency=AgencyFactory(region=region("73.72")))
    with pytest.raises(ValidationError, match="tidak bertugas"):
        third = AgencyFactory(region=region("73.73"))
        assignment(innovation, third, reviewer=stranger).full_clean()


def test_conflict_and_decline_need_a_reason_and_scores_need_all_criteria(innovation):
    other = AgencyFactory(region=region("73.72"))
    with pytest.raises(ValidationError, match="konflik"):
        assignment(innovation, other, status=ReviewAssignment.Status.CONFLICT).full_clean()
    with pytest.raises(ValidationError, match="alasan menolak"):
        assignment(innovation, other, status=ReviewAssignment.Status.DECLINED).full_clean()
    with pytest.raises(ValidationError, match="Lengkapi nilai"):
        assignment(
            innovation, other, status=ReviewAssignment.Status.SUBMITTED, novelty=3
        ).full_clean()


def test_scores_are_hidden_from_other_reviewers_until_each_has_submitted(innovation):
    first = ReviewFactory(innovation=innovation)
    second = ReviewFactory(
        innovation=innovation,
        status=ReviewAssignment.Status.ASSIGNED,
        novelty=None,
        effectiveness=None,
        sustainability=None,
        replicability=None,
        citizen_benefit=None,
    )
    declined = ReviewFactory(
        innovation=innovation, status=ReviewAssignment.Status.DECLINED, decline_reason="Cuti."
    )
    assert [a.pk for a in visible_reviews(second.reviewer, innovation, 2025)] == [second.pk]
    assert [a.pk for a in visible_reviews(first.reviewer, innovation, 2025)] == [first.pk]
    assert len(visible_reviews(ModeratorFactory(), innovation, 2025)) == 3

    second.status = ReviewAssignment.Status.SUBMITTED
    for name in ReviewAssignment.CRITERIA:
        setattr(second, name, 3)
    second.save()
    # The declined assignment does not hold the others back.
    seen = {a.pk for a in visible_reviews(first.reviewer, innovation, 2025)}
    assert seen == {first.pk, second.pk}
    assert declined.pk not in seen


def test_summary_flags_disagreement_over_the_spread(innovation, settings):
    low = ReviewFactory(innovation=innovation, **dict.fromkeys(ReviewAssignment.CRITERIA, 2))
    high = ReviewFactory(innovation=innovation, **dict.fromkeys(ReviewAssignment.CRITERIA, 4))
    result = summary([low, high])
    assert result["count"] == 2
    assert result["enough"] is True
    assert str(result["mean"]) == "3.00"
    assert result["disagreement"] is True  # spread 2.0 > 1.0
    settings.PEER_REVIEW_MAX_SPREAD = "2.0"
    assert summary([low, high])["disagreement"] is False


def test_one_review_is_not_enough(innovation):
    assert summary([ReviewFactory(innovation=innovation)])["enough"] is False
    assert scores_revealed([]) is False


def test_open_reviews_keep_every_score_out_of_public_view(client, innovation):
    from monitoring.index import recompute
    from monitoring.models import IndexScore

    ReviewFactory(innovation=innovation)
    ReviewFactory(innovation=innovation, novelty=2)
    waiting = ReviewFactory(
        innovation=innovation,
        status=ReviewAssignment.Status.ASSIGNED,
        **dict.fromkeys(ReviewAssignment.CRITERIA),
    )
    recompute([2025])
    row = IndexScore.objects.get(level="inovasi", year=2025, innovation=innovation)
    assert row.details["values"]["peer_review"] == 0
    html = client.get(f"/indeks/inovasi/{innovation.pk}/?tahun=2025").content.decode()
    assert "sedang berlangsung" in html
    assert "rata-rata" not in html
    client.force_login(waiting.reviewer)
    html = client.get(f"/indeks/inovasi/{innovation.pk}/?tahun=2025").content.decode()
    assert "Nilai yang dapat Anda lihat sebagai peninjau" in html
    assert "4,00" not in html and "4.00" not in html  # the others' scores stay hidden
