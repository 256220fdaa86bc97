"""The competition in the Wagtail admin: officers' entries, the secretariat's desk, jurors.

Three audiences, three sets of views; each view checks its own door:
- officers and verifiers see only their agencies' entries (agencies.access);
- moderators (the secretariat) check entries, confirm rankings, decide objections,
  publish results and export;
- jurors see only what `conflicts.entries_for_juror` gives them, everywhere.
"""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.documents import get_document_model

from agencies import access
from core.exports import spreadsheet_row

from . import conflicts, ranking, services
from .forms import ConflictForm, DecisionForm, EntryForm, ScoreSheetForm
from .models import (
    CompetitionPage,
    CompetitionStage,
    DeclaredConflict,
    Entry,
    EntryAnswer,
    EntryDocument,
    Juror,
    Objection,
    Score,
    ScoreSheet,
    StageKind,
)

# --- officers and verifiers ---------------------------------------------------------------


def _agency_ids(request):
    ids = access.agency_ids_of(request.user)
    if not ids:
        raise PermissionDenied
    return ids


def _own_entry(request, entry_id):
    entry = get_object_or_404(
        Entry.objects.select_related("competition", "innovation", "category", "group"),
        pk=entry_id,
    )
    if entry.innovation.agency_id not in _agency_ids(request):
        raise Http404
    return entry


def entry_index(request):
    ids = _agency_ids(request)
    entries = (
        Entry.objects.filter(innovation__agency_id__in=ids)
        .select_related("competition", "innovation", "category", "group")
        .order_by("-competition__year", "innovation__title")
    )
    now = timezone.now()
    open_competitions = [
        c
        for c in CompetitionPage.objects.live().prefetch_related("stages")
        if c.is_open(StageKind.REGISTRATION, now)
    ]
    return render(
        request,
        "competitions/admin/entry_index.html",
        {
            "entries": entries,
            "open_competitions": open_competitions,
            "is_officer": access.is_officer(request.user),
            "is_verifier": access.is_verifier(request.user),
        },
    )


def _save_entry(request, form, entry):
    entry = form.save(commit=False)
    if entry.pk is None:
        entry.competition = form.competition
        entry.entered_by = request.user
    if "ajukan" in request.POST:
        entry.status = Entry.Status.SUBMITTED
        entry.submitted_at = entry.submitted_at or timezone.now()
    entry.save()
    for question, text in form.answers().items():
        EntryAnswer.objects.update_or_create(
            entry=entry, question=question, defaults={"text": text}
        )
    upload = form.cleaned_data.get("documents")
    if upload:
        document = get_document_model().objects.create(
            title=f"{entry.innovation.title}: {upload.name}"[:255], file=upload
        )
        EntryDocument.objects.create(entry=entry, document=document)
    return entry


def entry_form(request, competition_id=None, entry_id=None):
    if not access.is_officer(request.user):
        raise PermissionDenied
    ids = _agency_ids(request)
    entry = _own_entry(request, entry_id) if entry_id else None
    competition = (
        entry.competition
        if entry
        else get_object_or_404(CompetitionPage.objects.live(), pk=competition_id)
    )
    if not competition.is_open(StageKind.REGISTRATION) or (entry and not entry.is_editable):
        messages.error(request, _("Pendaftaran sudah ditutup atau entri tidak dapat diubah lagi."))
        return redirect("competitions_entries")
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        instance=entry,
        competition=competition,
        agency_ids=ids,
    )
    if request.method == "POST" and form.is_valid():
        entry = _save_entry(request, form, entry)
        messages.success(request, _("Entri disimpan."))
        return redirect("competitions_entry_edit", entry.pk)
    documents = entry.documents.select_related("document") if entry else []
    return render(
        request,
        "competitions/admin/entry_form.html",
        {"form": form, "competition": competition, "entry": entry, "documents": documents},
    )


@require_POST
def entry_approve(request, entry_id):
    entry = _own_entry(request, entry_id)
    if not access.is_verifier(request.user, entry.innovation.agency_id):
        raise PermissionDenied
    if entry.status == Entry.Status.SUBMITTED:
        entry.status = Entry.Status.APPROVED
        entry.save(update_fields=["status", "updated_at"])
        messages.success(request, _("Entri disetujui dan diteruskan ke sekretariat."))
    return redirect("competitions_entries")


# --- the secretariat (moderators) ---------------------------------------------------------


def _moderator(request):
    if not access.is_moderator(request.user):
        raise PermissionDenied


def _competition(request, competition_id):
    _moderator(request)
    return get_object_or_404(
        CompetitionPage.objects.prefetch_related("stages", "criteria", "categories"),
        pk=competition_id,
    )


def competition_index(request):
    _moderator(request)
    competitions = CompetitionPage.objects.annotate(n=Count("entries")).order_by("-year")
    return render(
        request, "competitions/admin/competition_index.html", {"competitions": competitions}
    )


def competition_desk(request, competition_id):
    competition = _competition(request, competition_id)
    entries = (
        Entry.objects.filter(competition=competition)
        .select_related("innovation__agency", "category", "group")
        .order_by("status", "innovation__title")
    )
    rankings = []
    for stage in competition.scoring_stages():
        rows, criteria = ranking.rank(stage)
        confirmed = any(row.advanced for row in rows)
        for row in rows:
            # Before any confirmation the Top N is proposed; afterwards what was confirmed.
            row.checked = row.advanced if confirmed else row.rank <= (stage.top_n or 0)
        rankings.append((stage, rows, criteria))
    objections = Objection.objects.filter(entry__competition=competition).select_related(
        "entry__innovation"
    )
    return render(
        request,
        "competitions/admin/desk.html",
        {
            "competition": competition,
            "entries": entries,
            "rankings": rankings,
            "objections": objections,
            "decision_form": DecisionForm(),
        },
    )


@require_POST
def entry_check(request, entry_id):
    _moderator(request)
    entry = get_object_or_404(Entry, pk=entry_id)
    form = DecisionForm(request.POST)
    passed = request.POST.get("hasil") == "lolos"
    if not form.is_valid() and not passed:
        messages.error(request, _("Tuliskan alasan bila entri tidak lolos administrasi."))
    else:
        reason = form.cleaned_data.get("reason", "") if form.is_valid() else ""
        services.check_entry(entry, passed, reason, request.user)
        messages.success(request, _("Hasil pemeriksaan administrasi disimpan."))
    return redirect("competitions_desk", entry.competition_id)


@require_POST
def stage_confirm(request, stage_id):
    _moderator(request)
    stage = get_object_or_404(CompetitionStage.objects.select_related("page"), pk=stage_id)
    ids = [int(v) for v in request.POST.getlist("entri") if v.isdigit()]
    count = services.confirm_advancement(stage, ids, request.user)
    messages.success(
        request, _("%(n)s peserta dikonfirmasi lolos %(stage)s.") % {"n": count, "stage": stage}
    )
    return redirect("competitions_desk", stage.page_id)


@require_POST
def objection_decide(request, objection_id):
    _moderator(request)
    objection = get_object_or_404(Objection.objects.select_related("entry"), pk=objection_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        upheld = request.POST.get("putusan") == "dikabulkan"
        services.decide_objection(objection, upheld, form.cleaned_data["reason"], request.user)
        messages.success(request, _("Keputusan atas keberatan disimpan."))
    else:
        messages.error(request, _("Keputusan memerlukan alasan."))
    return redirect("competitions_desk", objection.entry.competition_id)


@require_POST
def publish(request, competition_id):
    competition = _competition(request, competition_id)
    created = services.publish_results(competition, request.user)
    messages.success(
        request, _("Hasil diumumkan; %(n)s penghargaan dicatat pada inovasi.") % {"n": created}
    )
    return redirect("competitions_desk", competition.pk)


def _csv(filename, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow(spreadsheet_row(row))
    return response


def export_entries(request, competition_id):
    competition = _competition(request, competition_id)
    entries = (
        Entry.objects.filter(competition=competition)
        .select_related("innovation__agency__region", "category", "group")
        .order_by("pk")
    )
    rows = (
        [
            e.pk,
            e.innovation.title,
            e.innovation.agency.name,
            e.innovation.agency.region.name if e.innovation.agency.region_id else "",
            e.category.name,
            e.group.name,
            e.get_status_display(),
            e.check_reason,
            e.video_url,
            _("ya") if e.disqualified else "",
        ]
        for e in entries
    )
    header = [_("No"), _("Inovasi"), _("Instansi"), _("Wilayah"), _("Kategori"), _("Kelompok")]
    header += [_("Status"), _("Alasan pemeriksaan"), _("Video"), _("Didiskualifikasi")]
    return _csv(f"peserta-{competition.slug}.csv", header, rows)


def _score_rows(scores):
    for s in scores:
        yield [
            s.sheet.stage.get_kind_display(),
            s.sheet.entry_id,
            s.sheet.entry.innovation.title,
            str(s.sheet.juror),
            s.criterion.name,
            s.criterion.weight,
            s.value,
            _("ya") if s.sheet.submitted_at else _("belum"),
            s.sheet.comment,
        ]


SCORE_HEADER = (
    gettext_lazy("Tahapan"),
    gettext_lazy("No"),
    gettext_lazy("Inovasi"),
    gettext_lazy("Juri"),
    gettext_lazy("Kriteria"),
    gettext_lazy("Bobot"),
    gettext_lazy("Nilai"),
    gettext_lazy("Dikirim"),
    gettext_lazy("Catatan"),
)


def export_scores(request, competition_id):
    competition = _competition(request, competition_id)
    scores = (
        Score.objects.filter(sheet__entry__competition=competition)
        .select_related(
            "sheet__stage", "sheet__entry__innovation", "sheet__juror__user", "criterion"
        )
        .order_by(
            "sheet__stage__starts_at", "sheet__entry_id", "sheet__juror_id", "criterion__sort_order"
        )
    )
    header = [str(h) for h in SCORE_HEADER]
    return _csv(f"nilai-{competition.slug}.csv", header, _score_rows(scores))


def export_rankings(request, competition_id):
    competition = _competition(request, competition_id)
    rows = []
    for stage in competition.scoring_stages():
        ranked, _criteria = ranking.rank(stage)
        rows += [
            [
                stage.get_kind_display(),
                r.rank,
                r.entry.pk,
                r.entry.innovation.title,
                r.entry.innovation.agency.name,
                r.entry.category.name,
                r.total,
                r.jurors,
                _("ya") if r.advanced else "",
            ]
            for r in ranked
        ]
    header = [_("Tahapan"), _("Peringkat"), _("No"), _("Inovasi"), _("Instansi"), _("Kategori")]
    header += [_("Nilai akhir"), _("Juri"), _("Lolos")]
    return _csv(f"peringkat-{competition.slug}.csv", header, rows)


# --- jurors -------------------------------------------------------------------------------


def _juror(request):
    juror = Juror.objects.filter(user=request.user).select_related("agency", "region").first()
    if juror is None:
        raise PermissionDenied
    return juror


def _open_scoring_stages(juror):
    competitions = (
        CompetitionPage.objects.filter(categories__assignments__juror=juror)
        .distinct()
        .prefetch_related("stages", "criteria")
    )
    now = timezone.now()
    return [s for c in competitions for s in c.scoring_stages() if s.is_open(now)]


def _juror_entries(juror, stage):
    """The one query behind every juror door: conflicts and stage membership applied."""
    return (
        conflicts.entries_for_juror(juror, stage)
        .filter(pk__in=ranking.stage_entries(stage).values("pk"))
        .select_related("innovation__agency__region", "category", "group")
        .prefetch_related(
            Prefetch(
                "sheets",
                queryset=ScoreSheet.objects.filter(stage=stage, juror=juror),
                to_attr="own_sheets",
            )
        )
        .order_by("innovation__title")
    )


def juror_index(request):
    juror = _juror(request)
    stages = [(stage, list(_juror_entries(juror, stage))) for stage in _open_scoring_stages(juror)]
    return render(
        request, "competitions/admin/juror_index.html", {"juror": juror, "stages": stages}
    )


def _juror_stage_entry(request, stage_id, entry_id):
    juror = _juror(request)
    stage = get_object_or_404(CompetitionStage.objects.select_related("page"), pk=stage_id)
    if not stage.is_scoring:
        raise Http404
    entry = _juror_entries(juror, stage).filter(pk=entry_id).first()
    if entry is None:
        # The same answer for "no such entry" and "not yours to judge": nothing leaks.
        raise Http404
    return juror, stage, entry


def juror_entry(request, stage_id, entry_id):
    juror, stage, entry = _juror_stage_entry(request, stage_id, entry_id)
    criteria = stage.criteria()
    sheet = services.sheet_for(entry, stage, juror)
    form = ScoreSheetForm(request.POST or None, criteria=criteria, sheet=sheet)
    is_open = stage.is_open()
    if request.method == "POST":
        if not is_open:
            messages.error(request, _("Tahapan penilaian sudah ditutup; nilai tidak dapat diubah."))
        elif form.is_valid():
            services.save_scores(
                sheet,
                form.values(),
                request.user,
                comment=form.cleaned_data["comment"],
                submit="kirim" in request.POST,
            )
            messages.success(request, _("Nilai disimpan."))
            return redirect("competitions_juror_entry", stage.pk, entry.pk)
    others = []
    if sheet.pk and sheet.submitted_at:
        # Independent scoring: the others' sheets only after the juror's own is submitted.
        others = (
            ScoreSheet.objects.filter(entry=entry, stage=stage, submitted_at__isnull=False)
            .exclude(juror=juror)
            .select_related("juror__user")
            .prefetch_related("scores__criterion")
        )
    return render(
        request,
        "competitions/admin/juror_entry.html",
        {
            "juror": juror,
            "stage": stage,
            "entry": entry,
            "form": form,
            "sheet": sheet,
            "is_open": is_open,
            "others": others,
            "answers": entry.answers.select_related("question"),
            "documents": entry.documents.select_related("document"),
            "conflict_form": ConflictForm(),
            "changes": sheet.changes.select_related("criterion") if sheet.pk else [],
        },
    )


@require_POST
def juror_conflict(request, stage_id, entry_id):
    juror, stage, entry = _juror_stage_entry(request, stage_id, entry_id)
    form = ConflictForm(request.POST)
    if form.is_valid():
        DeclaredConflict.objects.get_or_create(
            juror=juror, entry=entry, defaults={"reason": form.cleaned_data["reason"]}
        )
        messages.success(request, _("Konflik kepentingan dicatat; entri ini tidak Anda nilai."))
        return redirect("competitions_juror")
    messages.error(request, _("Tuliskan alasan konflik kepentingan."))
    return redirect("competitions_juror_entry", stage.pk, entry.pk)


def juror_export(request):
    juror = _juror(request)
    allowed = Q()
    for stage in _open_scoring_stages(juror):
        allowed |= Q(sheet__stage=stage, sheet__entry__in=_juror_entries(juror, stage).values("pk"))
    scores = Score.objects.none()
    if allowed:
        scores = (
            Score.objects.filter(allowed, sheet__juror=juror)
            .select_related(
                "sheet__stage", "sheet__entry__innovation", "sheet__juror__user", "criterion"
            )
            .order_by("sheet__entry_id", "criterion__sort_order")
        )
    return _csv("nilai-saya.csv", [str(h) for h in SCORE_HEADER], _score_rows(scores))


def juror_api(request):
    juror = _juror(request)
    data = []
    for stage in _open_scoring_stages(juror):
        for entry in _juror_entries(juror, stage):
            sheet = entry.own_sheets[0] if entry.own_sheets else None
            data.append(
                {
                    "tahapan": stage.kind,
                    "tahapan_id": stage.pk,
                    "entri": entry.pk,
                    "inovasi": entry.innovation.title,
                    "instansi": entry.innovation.agency.name,
                    "kategori": entry.category.name,
                    "dikirim": bool(sheet and sheet.submitted_at),
                }
            )
    return JsonResponse({"hasil": data}, json_dumps_params={"ensure_ascii": False})
