"""Public pages: ask to replicate or visit, contact the innovator, follow a request through its
private link, and find innovations for a problem.

Forms live on pages of their own (not on the innovation page) because innovation pages are
served from a shared cache, which must never hold a CSRF token.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core.throttle import hit_request
from innovations.models import InnovationPage

from . import matching, notify, workflow
from .forms import InnovatorMessageForm, MessageForm, RequestForm, action_form
from .models import ReplicationMessage, ReplicationRequest

# attempts per window (seconds) and client address
LIMITS = {
    "replication-request": (5, 3600),
    "innovator-message": (5, 3600),
    "replication-track": (30, 3600),
}
REQUESTER_ACTIONS = ("visit_done", "start_adapting", "implement", "abandon")


def _innovation(innovation_id):
    return get_object_or_404(
        InnovationPage.objects.live().public().select_related("agency"), pk=innovation_id
    )


def _throttled(request, scope):
    """None, or the Verdict of a POST over its limit."""
    limit, window = LIMITS[scope]
    verdict = hit_request(request, scope, limit, window)
    return None if verdict.allowed else verdict


def _render(request, template, context, verdict=None):
    if verdict:
        context["throttled"] = _(
            "Terlalu banyak percobaan dari alamat Anda. Coba lagi dalam %(minutes)s menit."
        ) % {"minutes": max(1, round(verdict.retry_after / 60))}
    response = render(request, template, context, status=429 if verdict else 200)
    if verdict:
        response["Retry-After"] = str(verdict.retry_after)
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def ask(request, innovation_id):
    innovation = _innovation(innovation_id)
    initial_kind = (
        ReplicationRequest.Kind.VISIT
        if request.GET.get("jenis") == "kaji-tiru"
        else ReplicationRequest.Kind.REPLICATE
    )
    form = RequestForm(initial={"kind": initial_kind})
    verdict = None
    if request.method == "POST":
        form = RequestForm(request.POST)
        verdict = _throttled(request, "replication-request")
        if not verdict and form.is_valid():
            replication = form.save(commit=False)
            replication.innovation = innovation
            workflow.submit(replication)
            request.session["replication_submitted"] = replication.token
            return redirect("replication:track", token=replication.token)
    context = {"innovation": innovation, "form": form, "visit_kind": ReplicationRequest.Kind.VISIT}
    return _render(request, "replication/ask.html", context, verdict)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request, innovation_id):
    innovation = _innovation(innovation_id)
    form = InnovatorMessageForm()
    verdict = None
    if request.method == "POST":
        form = InnovatorMessageForm(request.POST)
        verdict = _throttled(request, "innovator-message")
        if not verdict and form.is_valid():
            message = form.save(commit=False)
            message.innovation = innovation
            message.save()
            message.recipients = notify.relay(message)
            message.save(update_fields=["recipients"])
            return render(request, "replication/contact_sent.html", {"innovation": innovation})
    context = {"innovation": innovation, "form": form}
    return _render(request, "replication/contact.html", context, verdict)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def track(request, token):
    """The requester's private page: status, thread, messages and their own steps."""
    replication = (
        ReplicationRequest.objects.select_related("innovation", "region", "case_study")
        .filter(token=token)
        .first()
    )
    if replication is None or len(token) > 64:
        raise Http404(_("Tautan permintaan tidak dikenal."))
    allowed = [
        name
        for name in workflow.allowed_actions(replication, ReplicationMessage.Author.REQUESTER)
        if name in REQUESTER_ACTIONS
    ]
    forms = {name: action_form(name) for name in allowed}
    message_form = MessageForm(prefix="message")
    verdict, failed = None, None
    if request.method == "POST":
        verdict = _throttled(request, "replication-track")
        action = request.POST.get("action", "")
        if not verdict:
            if action == "message":
                message_form, done = _post_message(request, replication)
            elif action in allowed:
                forms[action], done = _take_step(request, replication, action)
            else:
                messages.error(request, _("Langkah ini tidak tersedia untuk permintaan Anda."))
                done = False
            if done:
                return redirect("replication:track", token=token)
            failed = action
    context = {
        "replication": replication,
        "thread": replication.messages.all(),
        "forms": forms,
        "message_form": message_form,
        "failed": failed,
        "just_submitted": request.session.pop("replication_submitted", None) == token,
    }
    response = _render(request, "replication/track.html", context, verdict)
    # The token is the only key to this page: keep it out of Referer headers sent to other
    # sites ("no-referrer" would also make browsers send "Origin: null" on the page's own
    # forms, which CSRF protection refuses).
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _post_message(request, replication):
    form = MessageForm(request.POST, prefix="message")
    if not form.is_valid():
        return form, False
    try:
        workflow.post_message(
            replication,
            ReplicationMessage.Author.REQUESTER,
            form.cleaned_data["message"],
            author_name=replication.requester_name,
        )
    except workflow.TransitionError as error:
        form.add_error(None, error)
        return form, False
    messages.success(request, _("Pesan Anda terkirim."))
    return form, True


def _take_step(request, replication, action):
    form = action_form(action, request.POST)
    if not form.is_valid():
        return form, False
    try:
        workflow.apply(
            replication,
            action,
            ReplicationMessage.Author.REQUESTER,
            author_name=replication.requester_name,
            data=form.cleaned_data,
        )
    except workflow.TransitionError as error:
        form.add_error(None, error)
        return form, False
    messages.success(request, _("Status permintaan diperbarui."))
    return form, True


@require_safe
def finder(request):
    """ "Cari inovasi untuk masalah saya": problem text, sector and budget band in; matching
    innovations out, ranked, each with why it matches."""
    query = matching.ProblemQuery.from_params(request.GET)
    results = matching.rank(query) if query.is_complete else []
    return render(
        request,
        "replication/finder.html",
        {"query": query, "results": results, "choices": matching.choices()},
    )
