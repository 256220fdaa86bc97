"""What changes the state of a competition: every write of the views goes through here."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innovations.models import InnovationAward, InnovationPage

from . import ranking
from .models import Advancement, Entry, Objection, Score, ScoreChange, ScoreSheet


class ClosedError(Exception):
    """The stage is not open: nothing may change."""


@transaction.atomic
def save_scores(sheet, values, user, comment="", submit=False):
    """Store a juror's values ({criterion: Decimal}), log every change, optionally submit.

    A juror may revise, submitted or not, until the stage closes."""
    if not sheet.stage.is_open():
        raise ClosedError(_("Tahapan penilaian sudah ditutup; nilai tidak dapat diubah."))
    if sheet.pk is None:
        sheet.save()
    current = {s.criterion_id: s for s in sheet.scores.all()}
    now = timezone.now()
    for criterion, value in values.items():
        score = current.get(criterion.pk)
        old = score.value if score else None
        if old is not None and old == value:
            continue
        if score is None:
            Score.objects.create(sheet=sheet, criterion=criterion, value=value)
        else:
            score.value = value
            score.save(update_fields=["value"])
        ScoreChange.objects.create(
            sheet=sheet,
            criterion=criterion,
            old_value=old,
            new_value=value,
            changed_by=user,
            changed_at=now,
        )
    sheet.comment = comment
    if submit and sheet.submitted_at is None:
        sheet.submitted_at = now
    sheet.save()
    return sheet


def sheet_for(entry, stage, juror):
    return ScoreSheet.objects.filter(entry=entry, stage=stage, juror=juror).first() or ScoreSheet(
        entry=entry, stage=stage, juror=juror
    )


@transaction.atomic
def check_entry(entry, passed, reason, user):
    """The secretariat's administrative check: pass or reject, with reasons."""
    entry.status = Entry.Status.PASSED if passed else Entry.Status.REJECTED
    entry.check_reason = reason
    entry.checked_by = user
    entry.checked_at = timezone.now()
    entry.save(update_fields=["status", "check_reason", "checked_by", "checked_at", "updated_at"])


@transaction.atomic
def confirm_advancement(stage, entry_ids, user):
    """Moderators confirm who passes `stage` (replacing an earlier confirmation)."""
    rows, _criteria = ranking.rank(stage)
    chosen = set(entry_ids)
    Advancement.objects.filter(stage=stage).delete()
    Advancement.objects.bulk_create(
        Advancement(entry=row.entry, stage=stage, rank=row.rank, total=row.total, confirmed_by=user)
        for row in rows
        if row.entry.pk in chosen
    )
    return len([row for row in rows if row.entry.pk in chosen])


@transaction.atomic
def decide_objection(objection, upheld, reason, user):
    objection.status = Objection.Status.UPHELD if upheld else Objection.Status.DISMISSED
    objection.decision_reason = reason
    objection.decided_by = user
    objection.decided_at = timezone.now()
    objection.save()
    if upheld:
        Entry.objects.filter(pk=objection.entry_id).update(disqualified=True)


def recognitions(competition):
    """{entry: label of the furthest scoring stage it passed}, disqualified entries left out."""
    labels = {}
    advancements = (
        Advancement.objects.filter(stage__page=competition, entry__disqualified=False)
        .select_related("stage", "entry")
        .order_by("stage__starts_at")
    )
    for advancement in advancements:
        labels[advancement.entry] = advancement.stage.label or str(advancement.stage)
    return labels


@transaction.atomic
def publish_results(competition, user=None):
    """Record the competition's award on every recognised innovation and publish the pages.

    The award row is added to the innovation's latest revision too (and that revision is
    published when the page had no pending draft), so an editor's next publish keeps it.
    Running it again adds nothing twice.
    """
    created = 0
    for entry, label in recognitions(competition).items():
        page = InnovationPage.objects.get(pk=entry.innovation_id)
        exists = InnovationAward.objects.filter(
            page=page, award=competition.award, year=competition.year
        ).first()
        if exists:
            if exists.rank != label:
                exists.rank = label
                exists.save(update_fields=["rank"])
            continue
        _add_award_revision(page, competition, label, user)
        created += 1
    competition.results_published_at = timezone.now()
    competition.save(update_fields=["results_published_at"])
    return created


def _add_award_revision(page, competition, label, user):
    has_draft = page.has_unpublished_changes
    target = page.get_latest_revision_as_object() if has_draft else page
    award = InnovationAward(award=competition.award, year=competition.year, rank=label)
    target.awards.add(award)
    revision = target.save_revision(user=user)
    if has_draft:
        # Keep the editor's draft as a draft; the live page gets the row straight away.
        InnovationAward.objects.create(
            page=page, award=competition.award, year=competition.year, rank=label
        )
    else:
        revision.publish(user=user)
