"""Every change of a replication request's state, validated in one table.

requested -> accepted -> visit done -> adapting -> implemented -> (verified by a moderator),
or declined (with a reason) from requested, or abandoned (with why) from any open state. A
replication (not a visit) may go from accepted straight to adapting. Each step is written to
the request's thread and e-mailed to both sides (replication/notify.py).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import notify, stats
from .models import ReplicationMessage, ReplicationRequest

State = ReplicationRequest.State
Author = ReplicationMessage.Author
OPEN = frozenset({State.REQUESTED, State.ACCEPTED, State.VISITED, State.ADAPTING})
STAFF = frozenset({Author.AGENCY, Author.MODERATOR})
EVERYONE = frozenset({Author.REQUESTER, Author.AGENCY, Author.MODERATOR})


@dataclass(frozen=True)
class Transition:
    label: str
    sources: frozenset
    target: str | None  # None: the state stays (new dates, verification)
    actors: frozenset
    visit_only: bool = False
    required: tuple = field(default=())


TRANSITIONS = {
    "accept": Transition(_("Terima"), frozenset({State.REQUESTED}), State.ACCEPTED, STAFF),
    "propose_dates": Transition(
        _("Usulkan tanggal lain"),
        frozenset({State.REQUESTED, State.ACCEPTED}),
        None,
        STAFF,
        visit_only=True,
        required=("agreed_start",),
    ),
    "decline": Transition(
        _("Tolak"), frozenset({State.REQUESTED}), State.DECLINED, STAFF, required=("reason",)
    ),
    "visit_done": Transition(
        _("Kunjungan selesai"),
        frozenset({State.ACCEPTED}),
        State.VISITED,
        EVERYONE,
        visit_only=True,
    ),
    "start_adapting": Transition(
        _("Mulai adaptasi"), frozenset({State.ACCEPTED, State.VISITED}), State.ADAPTING, EVERYONE
    ),
    "implement": Transition(
        _("Sudah diterapkan"),
        frozenset({State.ADAPTING}),
        State.IMPLEMENTED,
        frozenset({Author.REQUESTER, Author.MODERATOR}),
        required=("copied", "changed", "implemented_on", "first_results"),
    ),
    "abandon": Transition(_("Hentikan"), OPEN, State.ABANDONED, EVERYONE, required=("reason",)),
    "send_back": Transition(
        _("Minta dilengkapi"),
        frozenset({State.IMPLEMENTED}),
        State.ADAPTING,
        frozenset({Author.MODERATOR}),
        required=("message",),
    ),
    "verify": Transition(
        _("Verifikasi"), frozenset({State.IMPLEMENTED}), None, frozenset({Author.MODERATOR})
    ),
}

REPORT_FIELDS = ("copied", "changed", "cost", "implemented_on", "first_results")


class TransitionError(ValidationError):
    pass


def allowed_actions(request, author):
    """Names of the transitions `author` may take on `request` now, in table order."""
    return [name for name, rule in TRANSITIONS.items() if _refusal(request, rule, author) is None]


def _refusal(request, rule, author):
    if request.verified_at:
        return _("Replikasi ini sudah diverifikasi; statusnya tidak dapat diubah lagi.")
    if request.state not in rule.sources:
        return _("Langkah ini tidak dapat dilakukan pada status “%(state)s”.") % {
            "state": request.get_state_display()
        }
    if author not in rule.actors:
        return _("Anda tidak dapat melakukan langkah ini.")
    if rule.visit_only and not request.is_visit:
        return _("Langkah ini hanya untuk permintaan kaji tiru.")
    return None


def apply(request, action, author, *, user=None, author_name="", data=None):
    """Take `action` on `request` as `author` with `data` (reason, message, dates, report).

    Raises TransitionError with a message a person can read when the step is not allowed or
    something it needs is missing; on success saves the request, writes the thread entry,
    refreshes the innovation's counts and e-mails both sides.
    """
    rule = TRANSITIONS.get(action)
    if rule is None:
        raise TransitionError(_("Langkah tidak dikenal."))
    refusal = _refusal(request, rule, author)
    if refusal:
        raise TransitionError(refusal)
    data = data or {}
    missing = [name for name in rule.required if not data.get(name)]
    if missing:
        raise TransitionError(
            {name: _("Kolom ini wajib diisi untuk langkah ini.") for name in missing}
        )
    if action == "propose_dates":
        _check_dates(data["agreed_start"], data.get("agreed_end"))
    with transaction.atomic():
        _record(request, action, rule, data, author, user)
        entry = ReplicationMessage.objects.create(
            request=request,
            author=author,
            author_name=author_name or (user.get_full_name() if user else ""),
            action=action,
            body=data.get("reason") or data.get("message") or "",
        )
        if action == "verify":
            from .records import publish_verified

            publish_verified(request, user, data)
    stats.refresh([request.innovation_id])
    notify.step(request, entry)
    return entry


def _check_dates(start, end):
    if end and end < start:
        raise TransitionError({"agreed_end": _("Tanggal selesai tidak boleh sebelum mulai.")})


def _record(request, action, rule, data, author, user):
    now = timezone.now()
    if author == Author.REQUESTER:
        request.requester_news_at, request.reminders_sent = now, 0
    if rule.target:
        request.state = rule.target
        request.state_changed_at = now
    if action in ("accept", "propose_dates") and data.get("agreed_start"):
        request.agreed_start = data["agreed_start"]
        request.agreed_end = data.get("agreed_end") or data["agreed_start"]
    elif action == "accept" and request.is_visit and not request.agreed_start:
        request.agreed_start, request.agreed_end = request.visit_start, request.visit_end
    if action == "decline":
        request.decline_reason = data["reason"]
    if action == "abandon":
        request.abandon_reason = data["reason"]
    if action == "visit_done":
        request.visited_on = data.get("visited_on") or request.agreed_start or timezone.localdate()
    if action == "implement":
        for name in REPORT_FIELDS:
            setattr(request, name, data.get(name) or getattr(request, name))
    if action == "verify":
        request.verified_at = now
        request.verified_by = user
        request.agency = data.get("agency") or request.agency
    request.save()


def post_message(request, author, body, *, user=None, author_name=""):
    """A message on the thread, without a change of state (closed requests take none)."""
    if not request.is_open:
        raise TransitionError(_("Percakapan untuk permintaan ini sudah ditutup."))
    body = (body or "").strip()
    if not body:
        raise TransitionError({"message": _("Tuliskan pesan Anda.")})
    entry = ReplicationMessage.objects.create(
        request=request,
        author=author,
        author_name=author_name or (user.get_full_name() if user else ""),
        body=body,
    )
    if author == Author.REQUESTER:
        ReplicationRequest.objects.filter(pk=request.pk).update(
            requester_news_at=timezone.now(), reminders_sent=0
        )
    notify.step(request, entry)
    return entry


def submit(request_obj):
    """Save a new request from the public form, open its thread and tell both sides."""
    with transaction.atomic():
        request_obj.save()
        entry = ReplicationMessage.objects.create(
            request=request_obj,
            author=Author.REQUESTER,
            author_name=request_obj.requester_name,
            action="submit",
            body=request_obj.purpose,
        )
    stats.refresh([request_obj.innovation_id])
    notify.step(request_obj, entry)
    return request_obj
