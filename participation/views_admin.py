"""Staff side in the Wagtail admin: the listing, one report with its actions, attachments and
the export. Every view starts from access.visible_reports(user), so an agency liaison reaches
only the reports routed to their agency, whichever door they try.

Handling is a set of explicit actions (verify, reject, route, answer, note, close) rather than
an edit form over the model's fields, so that every change is a step of the workflow with its
history entry, deadline and e-mail.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innovations.models import Agency

from . import access, services
from .csvutil import rows_to_lines
from .forms import (
    AnswerForm,
    CloseForm,
    NoteForm,
    RejectForm,
    RouteForm,
    StaffFilterForm,
    VerifyForm,
)
from .models import Category, InternalNote, Privacy, Status
from .tracking import normalise_code

PER_PAGE = 50


def _require_staff(request):
    if not access.can_use_admin(request.user):
        raise PermissionDenied


def _filtered(request):
    user = request.user
    reports = access.visible_reports(user)
    agencies = (
        Agency.objects.only("pk", "name", "acronym")
        if access.is_moderator(user)
        else Agency.objects.filter(pk__in=access.liaison_agency_ids(user)).only(
            "pk", "name", "acronym"
        )
    )
    form = StaffFilterForm(request.GET or None, agencies=agencies)
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            reports = reports.filter(status=data["status"])
        if data["kategori"]:
            reports = reports.filter(category=data["kategori"])
        if data["instansi"]:
            reports = reports.filter(routed_agency=data["instansi"])
        if data["terlambat"]:
            reports = reports.overdue()
        if data["kode"]:
            reports = reports.filter(tracking_code=normalise_code(data["kode"]))
    return form, reports


def index(request):
    _require_staff(request)
    form, reports = _filtered(request)
    reports = reports.select_related("routed_agency").only(
        "pk",
        "tracking_code",
        "title",
        "category",
        "privacy",
        "status",
        "created_at",
        "verify_due",
        "answer_due",
        "routed_agency__name",
        "anonymised_at",
    )
    paginator = Paginator(reports.order_by("-created_at", "-pk"), PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    rows = list(page.object_list)
    _label(rows)
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "participation/admin/index.html",
        {
            "page_title": _("Pengaduan"),
            "header_icon": "mail",
            "filter_form": form,
            "page_obj": page,
            "rows": rows,
            "query": query.urlencode(),
            "is_moderator": access.is_moderator(request.user),
        },
    )


LABELS = {
    "category": dict(Category.choices),
    "privacy": dict(Privacy.choices),
    "status": dict(Status.choices),
}


def _label(reports):
    """Display labels translated once per request: get_FOO_display() hashes every lazy label
    of the field's choices on each call, which cost 40% of the listing's time at 50 rows."""
    labels = {field: {k: str(v) for k, v in choices.items()} for field, choices in LABELS.items()}
    for report in reports:
        for field, names in labels.items():
            setattr(report, f"{field}_label", names.get(getattr(report, field), ""))


def _report_for(request, pk):
    _require_staff(request)
    queryset = access.visible_reports(request.user).select_related(
        "agency", "routed_agency", "region", "innovation", "contact"
    )
    return get_object_or_404(queryset, pk=pk)


def detail(request, pk):
    report = _report_for(request, pk)
    user = request.user
    moderator = access.is_moderator(user)
    context = {
        "page_title": report.tracking_code,
        "header_icon": "mail",
        "report": report,
        "is_moderator": moderator,
        "show_contact": access.may_see_contact(user, report),
        "events": report.events.select_related("actor"),
        "messages_list": report.messages.select_related("agency", "author"),
        "notes": report.internal_notes.select_related("author"),
        "attachments": report.attachments.all(),
        "can_answer": access.may_answer(user, report) and report.status == "diteruskan",
        "forms": _action_forms(report, moderator),
    }
    return TemplateResponse(request, "participation/admin/detail.html", context)


def _action_forms(report, moderator):
    forms = {"note": NoteForm(prefix="note"), "answer": AnswerForm(prefix="answer")}
    if moderator:
        forms["verify"] = VerifyForm(
            prefix="verify",
            initial={"listed_publicly": report.privacy == "publik", "public_text": ""},
        )
        forms["reject"] = RejectForm(prefix="reject")
        forms["route"] = RouteForm(
            prefix="route", initial={"agency": report.routed_agency_id or report.agency_id}
        )
        forms["close"] = CloseForm(prefix="close")
    return forms


MODERATOR_ACTIONS = {"verify", "reject", "route", "close"}


@require_POST
def act(request, pk, action):
    report = _report_for(request, pk)
    user = request.user
    if action in MODERATOR_ACTIONS and not access.is_moderator(user):
        raise PermissionDenied
    if action == "answer" and not access.may_answer(user, report):
        raise PermissionDenied
    form_class = {
        "verify": VerifyForm,
        "reject": RejectForm,
        "route": RouteForm,
        "answer": AnswerForm,
        "note": NoteForm,
        "close": CloseForm,
    }.get(action)
    if form_class is None:
        raise Http404
    form = form_class(request.POST, prefix=action)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(errors)}")
        return redirect("participation_admin:detail", pk=report.pk)
    data = form.cleaned_data
    if action == "verify":
        services.verify(report, user, data["listed_publicly"], data["public_text"])
    elif action == "reject":
        services.reject(report, user, data["reason"])
    elif action == "route":
        services.route(report, user, data["agency"])
    elif action == "answer":
        services.answer(report, user, data["body"])
    elif action == "close":
        services.close(report, user, data["note"])
    else:
        InternalNote.objects.create(report=report, body=data["body"], author=user)
    messages.success(request, _("Tersimpan."))
    return redirect("participation_admin:detail", pk=report.pk)


def attachment(request, pk, attachment_pk):
    report = _report_for(request, pk)
    item = get_object_or_404(report.attachments, pk=attachment_pk)
    response = FileResponse(
        item.file.open("rb"),
        content_type=item.content_type,
        as_attachment=item.content_type == "application/pdf",
        filename=f"{report.tracking_code}-{item.pk}.{item.extension}",
    )
    # Even a re-encoded file is the public's upload: never let it run anything.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


EXPORT_HEADER = (
    "kode",
    "kategori",
    "privasi",
    "status",
    "instansi",
    "wilayah",
    "judul",
    "diterima",
    "diverifikasi",
    "diteruskan",
    "dijawab",
    "batas_verifikasi",
    "batas_jawaban",
    "tepat_waktu",
)


def export(request):
    """Staff CSV of the filtered listing. No contact details: they stay in the admin."""
    _require_staff(request)
    _, reports = _filtered(request)
    rows = reports.order_by("-created_at", "-pk").values_list(
        "tracking_code",
        "category",
        "privacy",
        "status",
        "routed_agency__name",
        "region__name",
        "title",
        "created_at",
        "verified_at",
        "routed_at",
        "answered_at",
        "verify_due",
        "answer_due",
        "answered_on_time",
    )
    response = StreamingHttpResponse(
        rows_to_lines(EXPORT_HEADER, rows.iterator(chunk_size=2000)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="pengaduan.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


def admin_urls():
    from django.urls import path

    return [
        path("", index, name="index"),
        path("ekspor/", export, name="export"),
        path("<int:pk>/", detail, name="detail"),
        path("<int:pk>/aksi/<slug:action>/", act, name="act"),
        path("<int:pk>/lampiran/<int:attachment_pk>/", attachment, name="attachment"),
    ]
