"""Peer-review rules: who may review what, what a reviewer may see, and disagreement.

- A reviewer reviews on behalf of an agency they serve (agencies.access), never the
  innovation's own agency, and (PEER_REVIEW_EXCLUDE_OWN_REGION, on by default) never an
  agency of the innovation's region.
- A reviewer sees the other reviewers' scores only once every active assignment of that
  innovation and year is submitted (declined and conflicted ones do not count).
- An innovation needs PEER_REVIEW_MIN_REVIEWS (2) submitted reviews; it is flagged when
  the weighted scores differ by more than PEER_REVIEW_MAX_SPREAD (1.0 on the 1-5 scale).
"""

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from agencies import access

from .models import ReviewAssignment


def min_reviews():
    return getattr(settings, "PEER_REVIEW_MIN_REVIEWS", 2)


def max_spread():
    return Decimal(str(getattr(settings, "PEER_REVIEW_MAX_SPREAD", "1.0")))


def exclude_own_region():
    return getattr(settings, "PEER_REVIEW_EXCLUDE_OWN_REGION", True)


def assignment_errors(assignment):
    """Field -> message for an assignment that breaks a rule (empty when it is fine)."""
    errors = {}
    if not (assignment.innovation_id and assignment.reviewer_id and assignment.reviewer_agency_id):
        return errors
    innovation_agency = assignment.innovation.agency
    if not access.serves(assignment.reviewer, assignment.reviewer_agency_id):
        errors["reviewer_agency"] = _("Peninjau tidak bertugas di instansi ini.")
    elif assignment.reviewer_agency_id == innovation_agency.pk or access.serves(
        assignment.reviewer, innovation_agency.pk
    ):
        errors["reviewer"] = _("Peninjau tidak boleh menilai inovasi instansinya sendiri.")
    elif exclude_own_region() and (
        assignment.reviewer_agency.region_id == innovation_agency.region_id
    ):
        errors["reviewer"] = _("Peninjau tidak boleh menilai inovasi dari wilayahnya sendiri.")
    if assignment.status == ReviewAssignment.Status.SUBMITTED:
        missing = [
            str(ReviewAssignment._meta.get_field(name).verbose_name)
            for name in ReviewAssignment.CRITERIA
            if getattr(assignment, name) is None
        ]
        if missing:
            errors["status"] = _("Lengkapi nilai: %(names)s.") % {"names": ", ".join(missing)}
        elif not assignment.comments.strip():
            errors["comments"] = _("Tuliskan komentar untuk instansi.")
    if assignment.status == ReviewAssignment.Status.CONFLICT and not (
        assignment.conflict_statement.strip()
    ):
        errors["conflict_statement"] = _("Uraikan konflik kepentingan.")
    if assignment.status == ReviewAssignment.Status.DECLINED and not (
        assignment.decline_reason.strip()
    ):
        errors["decline_reason"] = _("Tuliskan alasan menolak.")
    return errors


ACTIVE = (ReviewAssignment.Status.ASSIGNED, ReviewAssignment.Status.SUBMITTED)


def scores_revealed(assignments):
    """True when every active assignment in `assignments` (one innovation and year) is
    submitted, so that nobody's score can anchor another's."""
    active = [a for a in assignments if a.status in ACTIVE]
    return bool(active) and all(a.status == ReviewAssignment.Status.SUBMITTED for a in active)


def visible_reviews(user, innovation, year):
    """The assignments of one innovation and year as `user` may see them.

    Moderators see everything. A reviewer sees their own assignment and, only once scores
    are revealed, the others'. The innovation's agency sees comments once revealed. Scores
    of hidden assignments are blanked on the returned objects (never saved).
    """
    assignments = list(
        ReviewAssignment.objects.filter(innovation=innovation, year=year)
        .select_related("reviewer_agency")
        .order_by("pk")
    )
    if access.is_moderator(user):
        return assignments
    revealed = scores_revealed(assignments)
    shown = []
    for assignment in assignments:
        own = assignment.reviewer_id == getattr(user, "pk", None)
        if own or (revealed and assignment.status == ReviewAssignment.Status.SUBMITTED):
            shown.append(assignment)
    return shown


def summary(assignments):
    """Public summary of one innovation's reviews in a year: count, mean, spread, flag."""
    scores = [
        a.weighted_score
        for a in assignments
        if a.status == ReviewAssignment.Status.SUBMITTED and a.weighted_score is not None
    ]
    if not scores:
        return {"count": 0, "mean": None, "spread": None, "disagreement": False, "enough": False}
    spread = max(scores) - min(scores)
    return {
        "count": len(scores),
        "mean": (sum(scores) / len(scores)).quantize(Decimal("0.01")),
        "spread": spread,
        "disagreement": len(scores) > 1 and spread > max_spread(),
        "enough": len(scores) >= min_reviews(),
    }
