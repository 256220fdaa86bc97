from django import template
from django.utils.translation import gettext_lazy as _

from core.cache import KEPT_SECONDS, derived, tags_digest
from replication import similar
from replication.models import ReplicationRequest
from replication.workflow import TRANSITIONS

register = template.Library()

State = ReplicationRequest.State
THREAD_LABELS = {"submit": _("Permintaan diajukan")}


@register.simple_tag
def step_label(action):
    rule = TRANSITIONS.get(action)
    return rule.label if rule else THREAD_LABELS.get(action, "")


@register.simple_tag
def progress_steps(request):
    """The path a request walks, marked done / current / todo (visits have one more step)."""
    path = [State.REQUESTED, State.ACCEPTED]
    if request.is_visit:
        path.append(State.VISITED)
    path += [State.ADAPTING, State.IMPLEMENTED]
    closed = request.state in (State.DECLINED, State.ABANDONED)
    position = path.index(request.state) if request.state in path else -1
    steps = []
    for index, state in enumerate(path):
        status = (
            "done"
            if index < position or (index == position and request.verified_at)
            else ("current" if index == position else "todo")
        )
        steps.append({"label": State(state).label, "status": status})
    if closed:
        steps.append({"label": request.get_state_display(), "status": "current"})
    elif request.state == State.IMPLEMENTED:
        steps.append(
            {
                "label": _("Terverifikasi"),
                "status": "done" if request.verified_at else "todo",
            }
        )
    return steps


@register.simple_tag
def verified_replications(page):
    """Verified replication reports of a case study, newest first, for "Yang sudah
    mereplikasi" (contact data is not loaded). Kept until the generation changes (every step
    of a request starts one: replication.stats), the innovation's own token, or the
    catalogue's (a report's case study published or withdrawn)."""

    def read():
        return list(
            ReplicationRequest.objects.filter(innovation=page, verified_at__isnull=False)
            .select_related("region", "case_study")
            .only(
                "pk",
                "institution",
                "province",
                "region__name",
                "region__kind",
                "implemented_on",
                "copied",
                "changed",
                "cost",
                "first_results",
                "verified_at",
                "case_study__title",
                "case_study__url_path",
                "case_study__live",
                "innovation_id",
            )
            .order_by("-verified_at")
        )

    version = tags_digest("catalogue", f"innovation:{page.pk}")
    return derived.get_or_set(f"replication:verified:{page.pk}:{version}", read, KEPT_SECONDS)


@register.simple_tag
def similar_innovations(page, limit=3):
    return similar.similar(page, limit)


@register.simple_tag
def prefetch_for_compare(innovations):
    """Load what the compare page's replication rows show for every column at once: steps,
    documents, replication rows and verified reports (by innovation id)."""
    from django.db.models import Prefetch, prefetch_related_objects

    from innovations.models import InnovationDocument, InnovationReplication

    prefetch_related_objects(
        innovations,
        "steps",
        Prefetch("documents", queryset=InnovationDocument.objects.select_related("document")),
        Prefetch(
            "replications",
            queryset=InnovationReplication.objects.select_related("region", "agency"),
        ),
    )
    reports = {}
    for report in ReplicationRequest.objects.filter(
        innovation__in=innovations, verified_at__isnull=False
    ).only("innovation_id", "institution", "province", "first_results", "implemented_on"):
        reports.setdefault(report.innovation_id, []).append(report)
    for innovation in innovations:
        innovation.verified_reports = reports.get(innovation.pk, [])
    return ""
