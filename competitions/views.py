"""Public pages of a competition: the overview and the objection form.

The objector's name and contact are personal data: the view is marked with
sensitive_post_parameters and nothing here logs a request body.
"""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from core.throttle import hit_request

from .forms import ObjectionForm
from .models import Advancement, Entry, StageKind
from .services import recognitions

OBJECTION_LIMIT = (5, 3600)  # objections per client per hour


def finalists_by_stage(competition):
    """[(stage, [entries])] of the stages whose results are announced, in stage order."""
    stages = [s for s in competition.ordered_stages() if s.is_scoring and s.announced]
    if not stages:
        return []
    advancements = (
        Advancement.objects.filter(stage__in=stages)
        .select_related("entry__innovation__agency", "entry__category", "entry__group")
        .order_by("rank")
    )
    by_stage = {stage.pk: [] for stage in stages}
    for advancement in advancements:
        by_stage[advancement.stage_id].append(advancement.entry)
    return [(stage, by_stage[stage.pk]) for stage in stages]


def objection_finalists(competition):
    """Entries open to objection: those who passed the final scoring stage."""
    final = competition.final_scoring_stage()
    if final is None:
        return Entry.objects.none()
    return Entry.objects.filter(
        advancements__stage=final, competition=competition, disqualified=False
    )


def overview(request, page):
    competition = (
        type(page)
        .objects.filter(pk=page.pk)
        .prefetch_related("stages", "categories", "groups")
        .get()
    )
    now = timezone.now()
    winners = []
    if competition.results_published_at:
        winners = sorted(recognitions(competition).items(), key=lambda kv: kv[0].innovation.title)
    objection_open = competition.is_open(StageKind.OBJECTION, now)
    context = page.get_context(request)
    context.update(
        {
            "competition": competition,
            "stages": competition.ordered_stages(),
            "current_stage": competition.current_stage(now),
            "now": now,
            "finalists_by_stage": finalists_by_stage(competition),
            "winners": winners,
            "objection_open": objection_open,
            "final_stage": competition.final_scoring_stage(),
        }
    )
    return TemplateResponse(request, "competitions/competition_page.html", context)


def _throttled(request, context, retry_after):
    context["throttled"] = _(
        "Terlalu banyak percobaan dari jaringan Anda. Silakan coba lagi dalam %(minutes)s menit."
    ) % {"minutes": max(1, -(-retry_after // 60))}
    response = render(request, "competitions/objection_form.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


@never_cache
@sensitive_post_parameters("name", "contact", "text")
def objection(request, page, entry_id):
    if request.method not in ("GET", "POST"):
        from django.http import HttpResponseNotAllowed

        return HttpResponseNotAllowed(["GET", "POST"])
    entry = (
        objection_finalists(page)
        .select_related("innovation__agency", "category")
        .prefetch_related(Prefetch("innovation__regions"))
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:
        raise Http404
    is_open = page.is_open(StageKind.OBJECTION)
    context = {
        "page": page,
        "entry": entry,
        "is_open": is_open,
        "window": page.stage_of_kind(StageKind.OBJECTION),
    }
    if request.method == "GET" or not is_open:
        context["form"] = ObjectionForm() if is_open else None
        return render(
            request,
            "competitions/objection_form.html",
            context,
            status=200 if request.method == "GET" else 403,
        )
    form = ObjectionForm(request.POST)
    context["form"] = form
    verdict = hit_request(request, "competitions.objection", *OBJECTION_LIMIT)
    if not verdict.allowed:
        return _throttled(request, context, verdict.retry_after)
    if not form.is_valid():
        return render(
            request,
            "competitions/objection_form.html",
            context,
            status=400 if form.is_spam else 200,
        )
    objection = form.save(commit=False)
    objection.entry = entry
    objection.save()
    context["filed"] = True
    context["form"] = None
    return render(request, "competitions/objection_form.html", context)
