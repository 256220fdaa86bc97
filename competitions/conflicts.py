"""Conflicts of interest: one place that says which entries a juror may see and score.

Every door a juror can use (the list, an entry's page, the score form, the export and the
JSON endpoint) goes through `entries_for_juror` or `can_judge`, so a rule added here holds
everywhere. A juror never judges an innovation of their own agency, of their own region
(the agency's region or any region the innovation serves), or one they declared a conflict
with; and only entries of the categories they are assigned to.
"""

from django.db.models import Exists, OuterRef, Q

from .models import DeclaredConflict, Entry, JuryAssignment


def conflict_q(juror):
    """Entries the juror must not judge."""
    q = Q(Exists(DeclaredConflict.objects.filter(juror=juror, entry=OuterRef("pk"))))
    if juror.agency_id:
        q |= Q(innovation__agency_id=juror.agency_id)
    if juror.region_id:
        q |= Q(innovation__agency__region_id=juror.region_id)
        q |= Q(innovation__regions__id=juror.region_id)
    return q


def entries_for_juror(juror, stage=None):
    """Entries the juror may see and score: assigned categories, no conflict, in judging."""
    categories = JuryAssignment.objects.filter(juror=juror).values("category_id")
    entries = Entry.objects.filter(
        category_id__in=categories, status=Entry.Status.PASSED, disqualified=False
    )
    if stage is not None:
        entries = entries.filter(competition_id=stage.page_id)
    conflicted = Entry.objects.filter(conflict_q(juror)).values("pk")
    return entries.exclude(pk__in=conflicted)


def can_judge(juror, entry):
    return juror is not None and entries_for_juror(juror).filter(pk=entry.pk).exists()
