""" "Inovasi serupa" on a case study: ranked ahead of any visit, stored, read in one query.

Ranking the catalogue for one case study (replication/matching.py) takes 0.2-0.4 s at 10,000
innovations on PostgreSQL, so a visitor never waits for it. Each innovation's ranked
ids and their reasons are stored (SimilarInnovations) by a task enqueued when it is published
(replication/tasks.py) and by `manage.py refresh_similar` (backfills, the nightly refresh:
docs/operations.md). The page reads the row in one query and the cards fresh, so an innovation
unpublished since leaves the list and a new title shows at once. A page with no row yet shows
no list and asks a worker for one.

A publish ranks the innovation published only: the other lists take it in at their next
refresh (nightly), and lose it at once if it is unpublished (cards are read live).
"""

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks.backends.immediate import ImmediateBackend

from core.cache import derived, invalidate_tags, token
from innovations.models import InnovationPage

from .matching import Match, ProblemQuery, describe, ranked_ids
from .models import SimilarInnovations

# Ranked and stored per innovation; the page shows the first live ones. The spares keep the
# list full when a card goes offline before the next refresh.
STORED = 6
SHOWN = 3
# A page without a list asks for one at most this often (the worker may be busy).
QUEUED_SECONDS = 15 * 60
MATCHES_KEPT_SECONDS = 6 * 60 * 60
# Kept for an innovation with no stored list yet (a list is [[id, reasons], ...]).
NO_LIST = "none"
QUEUED_PREFIX = "replication:similar:queued:"


def problem_of(innovation):
    """The case study's own problem, as "Cari inovasi untuk masalah saya" would be asked it,
    among the innovations of its language."""
    return ProblemQuery(
        text=f"{innovation.title} {innovation.summary}",
        sector=innovation.sectors.first(),
        band=innovation.budget_band if innovation.cost is not None else None,
        region=innovation.regions.first(),
        locale_id=innovation.locale_id,
    )


def rank_and_store(innovation_ids, requested_at=None):
    """Rank each live innovation of `innovation_ids` and store its list; one cache
    invalidation for all whose list changed. A list computed after `requested_at` is left as
    it is (several publishes of one innovation queue several tasks). Returns (ranked, changed)."""
    stored = {
        row.innovation_id: row
        for row in SimilarInnovations.objects.filter(innovation_id__in=innovation_ids)
    }
    ranked, changed = 0, []
    for innovation in InnovationPage.objects.live().filter(pk__in=innovation_ids).order_by("pk"):
        row = stored.get(innovation.pk)
        if row is not None and requested_at is not None and row.computed_at >= requested_at:
            continue
        matches = [
            [pk, reasons]
            for pk, reasons in ranked_ids(problem_of(innovation), innovation.pk, STORED)
        ]
        SimilarInnovations.objects.update_or_create(
            innovation_id=innovation.pk,
            defaults={"matches": matches, "computed_at": timezone.now()},
        )
        ranked += 1
        if row is None or row.matches != matches:
            changed.append(innovation.pk)
    if changed:
        # Its page (whole answer and cached body) shows the new list on the next request.
        invalidate_tags(*(f"innovation:{pk}" for pk in changed))
    return ranked, changed


def due(limit, computed_before=None):
    """Ids of live innovations to rank next, at most `limit`: those with no list first (by
    id), then the oldest lists (computed before `computed_before` when given)."""
    missing = list(
        InnovationPage.objects.live()
        .exclude(pk__in=SimilarInnovations.objects.values("innovation_id"))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    rows = SimilarInnovations.objects.filter(innovation__live=True)
    if computed_before is not None:
        rows = rows.filter(computed_at__lt=computed_before)
    oldest = rows.order_by("computed_at", "innovation_id").values_list("innovation_id", flat=True)
    return missing + list(oldest[: limit - len(missing)])


def stored_matches(innovation):
    """The stored [[id, reasons], ...] of `innovation`, read once per page object (one query);
    None when no list is stored yet, and then one is asked for."""
    memo = innovation.__dict__
    if "_similar_matches" not in memo:
        # Kept under the innovation's token: a new list renews it (rank()).
        key = f"replication:similar:{innovation.pk}:{token(f'innovation:{innovation.pk}')}"
        found = derived.get(key)
        if found is None:
            found = (
                SimilarInnovations.objects.filter(innovation_id=innovation.pk)
                .values_list("matches", flat=True)
                .first()
            )
            if found is None:
                # Asked for again after QUEUED_SECONDS if no list came in the meantime.
                ask_for(innovation.pk)
                derived.set(key, NO_LIST, QUEUED_SECONDS)
            else:
                derived.set(key, found, MATCHES_KEPT_SECONDS)
        memo["_similar_matches"] = None if found == NO_LIST else found
    return memo["_similar_matches"]


def ask_for(innovation_id):
    """Queue the ranking of `innovation_id` for a worker, at most once per QUEUED_SECONDS.
    Never in the visitor's request: with the immediate backend (development, tests, a
    deployment without a worker) the lists come from publishes and `refresh_similar`."""
    from .tasks import rank_similar

    if isinstance(rank_similar.get_backend(), ImmediateBackend):
        return
    if cache.add(QUEUED_PREFIX + str(innovation_id), True, QUEUED_SECONDS):
        rank_similar.enqueue(innovation_id=innovation_id)


def similar(innovation, limit=SHOWN):
    """ "Inovasi serupa": the stored list's live innovations, with their reasons in the
    language read; their cards in the page's one card query (InnovationPage.card_pages)."""
    matches = stored_matches(innovation)
    if not matches:
        return []
    pages = innovation.card_pages([pk for pk, _reasons in matches])
    found = [Match(pages[pk], 0, describe(reasons)) for pk, reasons in matches if pk in pages]
    return found[:limit]


def innovation_published(sender, instance, **kwargs):
    """Rank the innovation published once its transaction commits (the task sees it live)."""
    from .tasks import rank_similar

    innovation_id = instance.pk
    requested_at = timezone.now().isoformat()
    transaction.on_commit(
        lambda: rank_similar.enqueue(innovation_id=innovation_id, requested_at=requested_at)
    )
