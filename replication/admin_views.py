"""The innovation agency's side in the Wagtail admin: the requests it must answer, each with
its thread and the steps it may take. Officers see their agency's requests only; moderators
see all and verify implemented replications."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from . import workflow
from .access import can_handle, can_use_admin_area, handled_requests, is_moderator
from .forms import MessageForm, action_form
from .models import InnovatorMessage, ReplicationMessage, ReplicationRequest

app_name = "replication_admin"
PER_PAGE = 50
STAFF_ACTIONS = (
    "accept",
    "propose_dates",
    "decline",
    "visit_done",
    "start_adapting",
    "abandon",
    "implement",
    "send_back",
    "verify",
)
FILTERS = {
    "terbuka": (gettext_lazy("Perlu ditindaklanjuti"), {"state__in": sorted(workflow.OPEN)}),
    "menunggu-verifikasi": (
        gettext_lazy("Menunggu verifikasi"),
        {"state": ReplicationRequest.State.IMPLEMENTED, "verified_at__isnull": True},
    ),
    "terverifikasi": (gettext_lazy("Terverifikasi"), {"verified_at__isnull": False}),
    "ditutup": (
        gettext_lazy("Ditolak atau dihentikan"),
        {
            "state__in": [
                ReplicationRequest.State.DECLINED,
                ReplicationRequest.State.ABANDONED,
            ]
        },
    ),
}


def _author(user):
    Author = ReplicationMessage.Author
    return Author.MODERATOR if is_moderator(user) else Author.AGENCY


def index(request):
    if not can_use_admin_area(request.user):
        raise PermissionDenied
    requests = handled_requests(
        request.user,
        ReplicationRequest.objects.select_related("innovation", "region").defer(
            "purpose", "copied", "changed", "first_results"
        ),
    )
    chosen = request.GET.get("status", "")
    if chosen in FILTERS:
        requests = requests.filter(**FILTERS[chosen][1])
    page = Paginator(requests, PER_PAGE).get_page(request.GET.get("p"))
    return render(
        request,
        "replication/admin/index.html",
        {
            "page_obj": page,
            "filters": [(key, label) for key, (label, _q) in FILTERS.items()],
            "chosen": chosen,
            "is_moderator": is_moderator(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def detail(request, pk):
    replication = get_object_or_404(
        ReplicationRequest.objects.select_related("innovation", "region", "agency", "case_study"),
        pk=pk,
    )
    if not can_handle(request.user, replication):
        # Not found rather than forbidden: another agency's requests are not even there.
        raise Http404
    author = _author(request.user)
    allowed = [
        name for name in workflow.allowed_actions(replication, author) if name in STAFF_ACTIONS
    ]
    forms = {name: action_form(name, request=replication) for name in allowed}
    message_form = MessageForm(prefix="message")
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "message":
            message_form = MessageForm(request.POST, prefix="message")
            if message_form.is_valid() and _try(
                message_form,
                workflow.post_message,
                replication,
                author,
                message_form.cleaned_data["message"],
                user=request.user,
            ):
                messages.success(request, _("Pesan terkirim ke pemohon."))
                return redirect("replication_admin:detail", pk=pk)
        elif action in allowed:
            form = action_form(action, request.POST, request=replication)
            forms[action] = form
            if form.is_valid() and _try(
                form,
                workflow.apply,
                replication,
                action,
                author,
                user=request.user,
                data=form.cleaned_data,
            ):
                done = _("Langkah “%(step)s” tersimpan; kedua pihak diberi tahu.")
                messages.success(request, done % {"step": workflow.TRANSITIONS[action].label})
                return redirect("replication_admin:detail", pk=pk)
        else:
            messages.error(request, _("Langkah ini tidak tersedia untuk permintaan ini."))
    return render(
        request,
        "replication/admin/detail.html",
        {
            "replication": replication,
            "thread": replication.messages.all(),
            "forms": forms,
            "message_form": message_form,
        },
    )


def _try(form, step, *args, **kwargs):
    try:
        step(*args, **kwargs)
    except workflow.TransitionError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return False
    return True


def innovator_messages(request):
    if not can_use_admin_area(request.user):
        raise PermissionDenied
    relayed = handled_requests(request.user, InnovatorMessage.objects.select_related("innovation"))
    page = Paginator(relayed, PER_PAGE).get_page(request.GET.get("p"))
    return render(request, "replication/admin/innovator_messages.html", {"page_obj": page})


urlpatterns = [
    path("", index, name="index"),
    path("<int:pk>/", detail, name="detail"),
    path("pesan-inovator/", innovator_messages, name="innovator_messages"),
]
