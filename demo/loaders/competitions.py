"""The competitions demo (demo/data/competitions.yaml): one finished competition with its
winners published as awards, and one in its desk-evaluation stage.

Everything is created only when missing: an existing competition page is left as it is
(its entries, scores and results included), so a second run changes nothing.
Scores come from a hash of entry, juror and criterion: every run ranks the same way.
"""

import datetime
import hashlib
import zoneinfo
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Site

from competitions import ranking, services
from competitions.models import (
    JURORS_GROUP,
    CompetitionCategory,
    CompetitionGroup,
    CompetitionIndexPage,
    CompetitionPage,
    CompetitionQuestion,
    CompetitionStage,
    Entry,
    EntryAnswer,
    Juror,
    JuryAssignment,
    ScoreSheet,
    ScoringCriterion,
)
from demo import datafiles
from demo.pages import get_or_add_child, paragraph
from innovations.models import Award, InnovationPage, Region

WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def value_for(*parts):
    """A stable score between 55 and 95 for the given parts."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()
    return Decimal(55 + int(digest[:6], 16) % 4001 / 100).quantize(Decimal("0.01"))


def load(stdout):
    data = datafiles.read("competitions")
    # The default site's root (translations add more home pages in other locales).
    home = Site.objects.get(is_default_site=True).root_page.specific
    index, _ = get_or_add_child(
        home,
        CompetitionIndexPage,
        data["index"]["slug"],
        title=data["index"]["title"],
        intro=paragraph(data["index"]["intro"]),
    )
    jurors = load_jurors(data["jurors"])
    created = 0
    for item in data["competitions"]:
        if CompetitionPage.objects.child_of(index).filter(slug=item["slug"]).exists():
            continue
        competition = add_competition(index, data, item)
        for category in competition.categories.all():
            for juror in jurors.values():
                JuryAssignment.objects.get_or_create(juror=juror, category=category)
        entries = add_entries(competition, item)
        if item["finished"]:
            finish(competition, item, entries, jurors)
        else:
            score_desk(competition, entries, [jurors[u] for u in item.get("submitted_by", [])])
        created += 1
    stdout.write(f"competitions: {created} competitions created\n")


def load_jurors(rows):
    group = Group.objects.get(name=JURORS_GROUP)
    jurors = {}
    for row in rows:
        user, made = get_user_model().objects.get_or_create(
            username=row["username"],
            defaults={
                "email": row["email"],
                "first_name": row["first_name"],
                "last_name": row["last_name"],
            },
        )
        if made:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.add(group)
        region = Region.objects.filter(bps_code=row["region"]).first() if "region" in row else None
        jurors[row["username"]], _ = Juror.objects.get_or_create(
            user=user, defaults={"institution": row["institution"], "region": region}
        )
    return jurors


def _moment(text):
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=WITA)


def stages_of(item):
    if "stages" in item:
        rows = [(row[0], _moment(row[1]), _moment(row[2]), *row[3:]) for row in item["stages"]]
    else:
        today = timezone.localdate()
        midnight = datetime.datetime.combine(today, datetime.time(), tzinfo=WITA)
        rows = [
            (
                row[0],
                midnight + datetime.timedelta(days=row[1]),
                midnight + datetime.timedelta(days=row[2]),
                *row[3:],
            )
            for row in item["stages_from_today"]
        ]
    return [
        CompetitionStage(
            kind=kind,
            starts_at=start,
            ends_at=end,
            top_n=rest[0] if rest else None,
            label=rest[1] if len(rest) > 1 else "",
            announced=bool(item["finished"] and rest),
            sort_order=order,
        )
        for order, (kind, start, end, *rest) in enumerate(rows)
    ]


def add_competition(index, data, item):
    page = CompetitionPage(
        title=item["title"],
        slug=item["slug"],
        year=item["year"],
        award=Award.objects.get(slug=item["award"]),
        intro=paragraph(data["index"]["intro"]),
        require_verified_report=True,
    )
    page.categories = [
        CompetitionCategory(name=c["name"], description=c["description"], sort_order=i)
        for i, c in enumerate(data["categories"])
    ]
    page.groups = [
        CompetitionGroup(name=g["name"], slug=g["slug"], sort_order=i)
        for i, g in enumerate(data["groups"])
    ]
    page.stages = stages_of(item)
    page.criteria = [
        ScoringCriterion(stage_kind=kind, name=c["name"], weight=c["weight"], sort_order=i)
        for kind, rows in data["criteria"].items()
        for i, c in enumerate(rows)
    ]
    page.questions = [
        CompetitionQuestion(text=q["text"], help_text=q["help_text"], sort_order=i)
        for i, q in enumerate(data["questions"])
    ]
    index.add_child(instance=page)
    page.save_revision().publish()
    return CompetitionPage.objects.get(pk=page.pk)


def add_entries(competition, item):
    categories = list(competition.categories.all())
    groups = {g.slug: g for g in competition.groups.all()}
    registration = competition.stage_of_kind("pendaftaran")
    questions = list(competition.questions.all())
    entries = []
    rows = [(row, Entry.Status.PASSED, "") for row in item["entries"]]
    rows += [(row, Entry.Status.REJECTED, row["reason"]) for row in item.get("rejected", [])]
    for position, (row, status, reason) in enumerate(rows):
        innovation = InnovationPage.objects.get(slug=row["innovation"])
        entry = Entry.objects.create(
            competition=competition,
            innovation=innovation,
            category=categories[row["category"]],
            group=groups[row["group"]],
            status=status,
            check_reason=reason
            or "Dokumen lengkap: SK penetapan, SOP, laporan pemantauan terverifikasi.",
            submitted_at=registration.starts_at + datetime.timedelta(days=position + 1),
            checked_at=registration.ends_at + datetime.timedelta(days=3),
            video_url=innovation.video_url or "",
        )
        for question in questions:
            EntryAnswer.objects.create(
                entry=entry,
                question=question,
                text=f"{innovation.title}: {innovation.summary}"[:5000],
            )
        if status == Entry.Status.PASSED:
            entries.append(entry)
    return entries


def _sheet(stage, entry, juror, submitted):
    sheet = ScoreSheet.objects.create(
        entry=entry,
        stage=stage,
        juror=juror,
        submitted_at=stage.starts_at + datetime.timedelta(days=5) if submitted else None,
        comment="",
    )
    for criterion in stage.criteria():
        sheet.scores.create(
            criterion=criterion, value=value_for(entry.innovation.slug, juror.pk, criterion.name)
        )


def _judge(stage, jurors):
    for entry in ranking.stage_entries(stage):
        for juror in jurors:
            if entry.pk not in {e.pk for e in _allowed(juror, stage)}:
                continue
            _sheet(stage, entry, juror, submitted=True)


def _allowed(juror, stage):
    from competitions.conflicts import entries_for_juror

    return entries_for_juror(juror, stage)


def finish(competition, item, entries, jurors):
    """Judge every scoring stage, confirm the Top N, decide objections, publish."""
    for stage in competition.scoring_stages():
        _judge(stage, jurors.values())
        rows, _criteria = ranking.rank(stage)
        services.confirm_advancement(stage, [r.entry.pk for r in rows[: stage.top_n]], None)
    final = competition.final_scoring_stage()
    finalists = list(Entry.objects.filter(advancements__stage=final).order_by("advancements__rank"))
    for row in item.get("objections", []):
        entry = finalists[row["innovation_rank"] - 1]
        objection = entry.objections.create(
            name=row["name"], contact=row["contact"], text=row["text"]
        )
        services.decide_objection(objection, row["decision"] == "dikabulkan", row["reason"], None)
    services.publish_results(competition)


def score_desk(competition, entries, submitted_by):
    """Desk evaluation under way: the listed jurors have submitted, the others not yet."""
    stage = competition.stage_of_kind("desk")
    for juror in submitted_by:
        allowed = {e.pk for e in _allowed(juror, stage)}
        for entry in entries:
            if entry.pk in allowed:
                _sheet(stage, entry, juror, submitted=True)
