"""Public pages of /pengaduan/: the form, tracking, statistics and the public list.

Personal data never goes to the logs: the views that receive it are marked with
sensitive_post_parameters, so Django's error reports show stars instead, and nothing here
logs a request body.
"""

import json

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_safe

from core.throttle import hit, hit_request
from innovations.models import InnovationPage

from . import services, stats, tracking
from .csvutil import rows_to_lines
from .forms import AdditionForm, FeedbackForm, ReportForm, TrackForm
from .models import Report, ReportMessage

SESSION_KEY = "participation.report"
PERSONAL_FIELDS = ("name", "email", "phone", "description", "title", "incident_place", "secret")
SUBMIT_LIMIT = (5, 3600)  # reports per client per hour
TRACK_LIMIT = (10, 900)  # sign-in attempts per client per 15 minutes
TRACK_CODE_LIMIT = (20, 3600)  # attempts on one code from anywhere per hour
ACTION_LIMIT = (20, 3600)  # additions, feedback, copies per client per hour


def _see_other(url):
    """303: after a POST the browser fetches the next page with GET."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _throttled(request, template, context, retry_after):
    context["throttled"] = _(
        "Terlalu banyak percobaan dari jaringan Anda. Silakan coba lagi dalam %(minutes)s menit."
    ) % {"minutes": max(1, -(-retry_after // 60))}
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def _initial_from_query(request):
    """Pre-fill from the 'Sampaikan masukan' link of an innovation page (?inovasi=<id>)."""
    initial, innovation = {}, None
    raw = request.GET.get("inovasi", "")
    if raw.isdigit():
        innovation = (
            InnovationPage.objects.live().select_related("agency").filter(pk=int(raw)).first()
        )
    if innovation:
        initial["innovation"] = innovation.pk
        initial["agency"] = innovation.agency_id
        region = innovation.regions.first()
        if region:
            initial["region"] = region.pk
    return initial, innovation


@never_cache
@sensitive_post_parameters(*PERSONAL_FIELDS)
@require_http_methods(["GET", "POST"])
def report_form(request):
    template = "participation/report_form.html"
    retention = settings.PARTICIPATION_RETENTION_DAYS
    if request.method == "GET":
        initial, innovation = _initial_from_query(request)
        context = {"form": ReportForm(initial=initial), "innovation": innovation}
        return render(request, template, {**context, "retention_days": retention})
    form = ReportForm(request.POST, request.FILES)
    context = {"form": form, "innovation": None, "retention_days": retention}
    verdict = hit_request(request, "participation.report", *SUBMIT_LIMIT)
    if not verdict.allowed:
        return _throttled(request, template, context, verdict.retry_after)
    if not form.is_valid():
        context["innovation"] = form.cleaned_data.get("innovation")
        return render(request, template, context, status=400 if form.is_spam else 200)
    data = form.cleaned_data
    if services.is_duplicate(data["title"], data["description"]):
        form.add_error(
            None,
            _(
                "Laporan dengan judul dan uraian yang sama sudah kami terima dalam 24 jam "
                "terakhir. Gunakan kode pelacakan laporan itu untuk menambah informasi."
            ),
        )
        return render(request, template, context)
    report, secret = services.file_report(data, data["attachments"])
    return render(
        request,
        "participation/report_filed.html",
        {"report": report, "secret": secret, "emailed": bool(data.get("email"))},
    )


def _session_report(request):
    pk = request.session.get(SESSION_KEY)
    if not pk:
        return None
    return (
        Report.objects.select_related("agency", "routed_agency", "region", "innovation")
        .prefetch_related(
            "events",
            Prefetch("messages", queryset=ReportMessage.objects.select_related("agency")),
            "attachments",
        )
        .filter(pk=pk)
        .exclude(secret_hash="")
        .first()
    )


@sensitive_variables("secret")
def _sign_in(request, form):
    code = tracking.normalise_code(form.cleaned_data["code"])
    secret = form.cleaned_data["secret"]
    # One lookup whether or not the code exists, then one HMAC comparison against either its
    # hash or a dummy: the answer and the work are the same for an unknown code and a wrong
    # secret, so the form cannot be used to find out which codes exist.
    stored = Report.objects.filter(tracking_code=code).values_list("pk", "secret_hash").first()
    pk, stored_hash = stored if stored else (None, None)
    if tracking.secret_matches(secret, stored_hash) and pk is not None:
        request.session.cycle_key()
        request.session[SESSION_KEY] = pk
        return True
    return False


@never_cache
@sensitive_post_parameters(*PERSONAL_FIELDS, "body", "comment")
@require_http_methods(["GET", "POST"])
def track(request):
    template = "participation/track.html"
    if request.method == "POST" and request.POST.get("aksi"):
        return _track_action(request)
    report = _session_report(request)
    if request.method == "GET":
        if report:
            return _render_report(request, report)
        return render(request, template, {"form": TrackForm()})
    form = TrackForm(request.POST)
    context = {"form": form}
    verdict = hit_request(request, "participation.track", *TRACK_LIMIT)
    if verdict.allowed:
        code_key = tracking.normalise_code(request.POST.get("code", "")) or "-"
        verdict = hit("participation.track.code", code_key, *TRACK_CODE_LIMIT)
    if not verdict.allowed:
        return _throttled(request, template, context, verdict.retry_after)
    if form.is_valid() and _sign_in(request, form):
        return _see_other(reverse("participation:track"))
    if form.is_valid():
        form.add_error(None, _("Kode pelacakan atau kode rahasia tidak cocok."))
    return render(request, template, context)


def _render_report(request, report, status=200, **forms):
    context = {
        "report": report,
        "addition_form": forms.get("addition_form") or AdditionForm(),
        "feedback_form": forms.get("feedback_form") or FeedbackForm(),
        "answers": [m for m in report.messages.all() if m.kind == ReportMessage.Kind.ANSWER],
        "done": request.GET.get("selesai", ""),
    }
    return render(request, "participation/track_report.html", context, status=status)


def _track_action(request):
    report = _session_report(request)
    action = request.POST.get("aksi")
    if action == "keluar":
        request.session.pop(SESSION_KEY, None)
        return _see_other(reverse("participation:track"))
    if report is None:
        return _see_other(reverse("participation:track"))
    verdict = hit_request(request, "participation.track.action", *ACTION_LIMIT)
    if not verdict.allowed:
        response = _render_report(request, report, status=429)
        response["Retry-After"] = str(verdict.retry_after)
        return response
    done = reverse("participation:track") + "?selesai="
    if action == "tambah":
        form = AdditionForm(request.POST)
        if not form.is_valid() or report.is_anonymised or report.status == "ditolak":
            return _render_report(request, report, status=400, addition_form=form)
        services.add_information(report, form.cleaned_data["body"])
        return _see_other(done + "tambah")
    if action == "tanggapan":
        form = FeedbackForm(request.POST)
        if not form.is_valid() or not report.awaits_feedback:
            return _render_report(request, report, status=400, feedback_form=form)
        services.give_feedback(report, form.cleaned_data["solved"], form.cleaned_data["comment"])
        return _see_other(done + "tanggapan")
    if action == "salinan":
        payload = json.dumps(services.personal_data(report), ensure_ascii=False, indent=2)
        response = HttpResponse(payload, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="data-laporan-{report.tracking_code}.json"'
        )
        return response
    if action == "hapus":
        if request.POST.get("konfirmasi") != "hapus":
            return _render_report(request, report, status=400)
        services.anonymise(report, erase_access=True)
        request.session.pop(SESSION_KEY, None)
        return render(request, "participation/track_deleted.html")
    return _render_report(request, report, status=400)


@require_safe
def statistics_page(request):
    return render(request, "participation/statistics.html", {"stats": stats.get()})


@require_safe
def statistics_json(request):
    """Read-only, aggregated figures for the API: no personal data, no report text."""
    response = JsonResponse(stats.get())
    response["Cache-Control"] = f"public, max-age={stats.STATS_SECONDS}"
    return response


@require_safe
def statistics_csv(request):
    data = stats.get()
    rows = [("kelompok", "kunci", "label", "jumlah")]
    for group in ("by_category", "by_status", "by_agency", "by_region"):
        rows += [(group, row["key"], row["label"], row["count"]) for row in data[group]]
    rows += [("by_month", row["month"], row["month"], row["count"]) for row in data["by_month"]]
    agency_rows = [
        (
            "per_agency",
            row["agency_id"],
            row["agency"],
            row["answered"],
            row["verify"]["median_days"],
            row["verify"]["p90_days"],
            row["answer"]["median_days"],
            row["answer"]["p90_days"],
            row["on_time_share"],
        )
        for row in data["per_agency"]
    ]
    header = (
        *rows[0],
        "verifikasi_median_hari",
        "verifikasi_p90_hari",
        "jawab_median_hari",
        "jawab_p90_hari",
        "tepat_waktu",
    )
    response = StreamingHttpResponse(
        rows_to_lines(header, [*rows[1:], *agency_rows]), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="statistik-pengaduan.csv"'
    return response


@require_safe
def public_list(request):
    answers = ReportMessage.objects.filter(kind=ReportMessage.Kind.ANSWER).select_related("agency")
    reports = (
        Report.objects.publicly_listed()
        .select_related("routed_agency", "region")
        .prefetch_related(Prefetch("messages", queryset=answers, to_attr="public_answers"))
        .only(
            "pk",
            "tracking_code",
            "category",
            "status",
            "public_text",
            "created_at",
            "answered_at",
            "routed_agency__name",
            "region__name",
            "region__kind",
        )
        .order_by("-answered_at", "-pk")
    )
    paginator = Paginator(reports, 20)
    raw = request.GET.get("halaman", "1")
    if not raw.isdigit() or int(raw) < 1 or int(raw) > max(1, paginator.num_pages):
        raise Http404
    page = paginator.page(int(raw))
    return render(request, "participation/public_list.html", {"page_obj": page})
