"""Ranking of the entries of one scoring stage.

An entry's score in a stage is, per criterion, the mean of the values given by the jurors
who submitted their sheet (drafts do not count), combined with the criteria's weights:
total = sum(weight x mean) / sum(weights), on a 0-100 scale.

Tie rule (documented on the moderators' ranking page and in docs): entries with equal
totals (to two decimals) are ordered by their mean on the criterion with the largest weight,
then on the next criterion by weight (equal weights: in the order the criteria are listed);
still tied, the entry submitted earlier ranks first; then the lower entry number.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch

from .models import Advancement, Entry, Score, ScoreSheet

TWO_PLACES = Decimal("0.01")


@dataclass
class Row:
    entry: Entry
    total: Decimal
    means: dict = field(default_factory=dict)  # criterion id -> Decimal
    jurors: int = 0
    rank: int = 0
    advanced: bool = False


def stage_entries(stage):
    """Entries judged in `stage`: those who passed the administrative check for the first
    scoring stage, those confirmed in the previous scoring stage afterwards."""
    competition = stage.page
    previous = competition.previous_scoring_stage(stage)
    entries = Entry.objects.filter(competition=competition, disqualified=False)
    if previous is None:
        entries = entries.filter(status=Entry.Status.PASSED)
    else:
        entries = entries.filter(advancements__stage=previous)
    return entries


def _quantize(value):
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def rank(stage):
    """Rows of `stage`'s entries, best first, with `rank` 1..n (no shared ranks)."""
    criteria = sorted(stage.criteria(), key=lambda c: (-c.weight, c.sort_order or 0, c.pk))
    weight_sum = sum(c.weight for c in criteria) or 1
    sheets = ScoreSheet.objects.filter(stage=stage, submitted_at__isnull=False).prefetch_related(
        Prefetch("scores", queryset=Score.objects.only("sheet_id", "criterion_id", "value"))
    )
    entries = (
        stage_entries(stage)
        .select_related("innovation", "innovation__agency", "category", "group")
        .prefetch_related(Prefetch("sheets", queryset=sheets, to_attr="submitted_sheets"))
    )
    advanced = set(Advancement.objects.filter(stage=stage).values_list("entry_id", flat=True))
    rows = []
    for entry in entries:
        values = {c.pk: [] for c in criteria}
        for sheet in entry.submitted_sheets:
            for score in sheet.scores.all():
                if score.criterion_id in values:
                    values[score.criterion_id].append(score.value)
        means = {pk: _quantize(sum(v) / len(v)) if v else Decimal(0) for pk, v in values.items()}
        total = _quantize(sum(c.weight * means[c.pk] for c in criteria) / weight_sum)
        rows.append(
            Row(
                entry=entry,
                total=total,
                means=means,
                jurors=len(entry.submitted_sheets),
                advanced=entry.pk in advanced,
            )
        )

    def key(row):
        tie_breaks = tuple(-row.means[c.pk] for c in criteria)
        submitted = row.entry.submitted_at or row.entry.created_at
        return (-row.total, *tie_breaks, submitted, row.entry.pk)

    rows.sort(key=key)
    for position, row in enumerate(rows, start=1):
        row.rank = position
    return rows, criteria
