"""Entries from officers to the secretariat, ranking and ties, advancement, exports, and
the awards recorded when the results are published."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from competitions import ranking, services
from competitions.models import Advancement, Entry, ScoreSheet, StageKind
from innovations.models import InnovationAward
from tests.agencies.factories import ModeratorFactory, OfficerFactory, VerifierFactory
from tests.innovations.factories import AgencyFactory, InnovationPageFactory

from .factories import CompetitionPageFactory, EntryFactory, JurorFactory

pytestmark = pytest.mark.django_db


def scored(stage, entry, juror, values, submitted=True):
    sheet = ScoreSheet.objects.create(
        entry=entry, stage=stage, juror=juror, submitted_at=timezone.now() if submitted else None
    )
    for criterion, value in zip(stage.criteria(), values, strict=True):
        sheet.scores.create(criterion=criterion, value=Decimal(value))
    return sheet


class TestEntries:
    @pytest.fixture
    def open_registration(self, competitions, catalogue):
        competition = CompetitionPageFactory(parent=competitions, stage_now=StageKind.REGISTRATION)
        agency = AgencyFactory()
        officer = OfficerFactory(agency=agency)
        own = InnovationPageFactory(parent=catalogue, agency=agency, title="Layanan Kita")
        foreign = InnovationPageFactory(parent=catalogue, title="Layanan Tetangga")
        return competition, agency, officer, own, foreign

    def form_data(self, competition, innovation, **extra):
        data = {
            "innovation": innovation.pk,
            "category": competition.categories.first().pk,
            "group": competition.groups.first().pk,
            "video_url": "https://video.example.id/paparan",
        }
        data.update(extra)
        return data

    def test_officer_enters_own_innovation_only(self, client, open_registration):
        competition, agency, officer, own, foreign = open_registration
        client.force_login(officer)
        url = reverse("competitions_entry_new", args=[competition.pk])
        page = client.get(url).content.decode()
        assert "Layanan Kita" in page and "Layanan Tetangga" not in page
        response = client.post(url, self.form_data(competition, foreign, ajukan="1"))
        assert response.status_code == 200 and not Entry.objects.exists()
        response = client.post(url, self.form_data(competition, own, ajukan="1"))
        assert response.status_code == 302
        entry = Entry.objects.get()
        assert (entry.innovation, entry.status) == (own, Entry.Status.SUBMITTED)

    def test_ineligible_innovation_is_refused_with_reason(
        self, client, open_registration, catalogue
    ):
        competition, agency, officer, own, foreign = open_registration
        today = timezone.localdate()
        young = InnovationPageFactory(
            parent=catalogue,
            agency=agency,
            launched_on=today - timezone.timedelta(days=60),
            trial_started_on=today - timezone.timedelta(days=40),
            implemented_on=today - timezone.timedelta(days=20),
        )
        client.force_login(officer)
        url = reverse("competitions_entry_new", args=[competition.pk])
        response = client.post(url, self.form_data(competition, young))
        assert "belum diterapkan selama 12 bulan" in response.content.decode()
        assert not Entry.objects.exists()

    def test_other_agency_entry_is_not_found(self, client, open_registration):
        competition, agency, officer, own, foreign = open_registration
        entry = EntryFactory(competition=competition, innovation=foreign, status="diajukan")
        client.force_login(officer)
        assert client.get(reverse("competitions_entry_edit", args=[entry.pk])).status_code == 404
        assert foreign.title not in client.get(reverse("competitions_entries")).content.decode()

    def test_flow_verifier_then_secretariat_with_reason_the_agency_sees(
        self, client, open_registration
    ):
        competition, agency, officer, own, foreign = open_registration
        entry = EntryFactory(competition=competition, innovation=own, status="diajukan")
        client.force_login(VerifierFactory(agency=agency))
        client.post(reverse("competitions_entry_approve", args=[entry.pk]))
        entry.refresh_from_db()
        assert entry.status == Entry.Status.APPROVED
        client.force_login(ModeratorFactory())
        check = reverse("competitions_entry_check", args=[entry.pk])
        client.post(check, {"hasil": "tidak", "reason": ""})
        entry.refresh_from_db()
        assert entry.status == Entry.Status.APPROVED  # a rejection needs a reason
        client.post(check, {"hasil": "tidak", "reason": "Surat keputusan kepala daerah tidak ada."})
        entry.refresh_from_db()
        assert entry.status == Entry.Status.REJECTED
        client.force_login(officer)
        page = client.get(reverse("competitions_entries")).content.decode()
        assert "Surat keputusan kepala daerah tidak ada." in page

    def test_secretariat_doors_are_moderators_only(self, client, open_registration):
        competition, agency, officer, own, foreign = open_registration
        client.force_login(officer)
        for name in ("competitions_desk", "competitions_export_scores", "competitions_publish"):
            response = client.get(reverse(name, args=[competition.pk]))
            assert response.status_code in (302, 403, 405)
            assert response.get("Location", "/admin/") == "/admin/"


class TestRanking:
    @pytest.fixture
    def desk(self, competitions, catalogue):
        competition = CompetitionPageFactory(parent=competitions, stage_now=StageKind.DESK)
        stage = competition.stage_of_kind(StageKind.DESK)
        jurors = [JurorFactory(category=competition.categories.first()) for _ in range(2)]
        return competition, stage, jurors

    def test_weighted_mean_of_submitted_sheets_only(self, desk, catalogue):
        competition, stage, (a, b) = desk
        entry = EntryFactory(
            competition=competition, innovation=InnovationPageFactory(parent=catalogue)
        )
        scored(stage, entry, a, ["80", "60", "70"])  # 0.4*80 + 0.3*60 + 0.3*70 = 71
        scored(stage, entry, b, ["0", "0", "0"], submitted=False)  # a draft: not counted
        rows, _criteria = ranking.rank(stage)
        assert (rows[0].total, rows[0].jurors) == (Decimal("71.00"), 1)

    def test_ties_broken_by_heaviest_criterion_then_submission_time(self, desk, catalogue):
        competition, stage, (a, b) = desk
        early = timezone.now() - timezone.timedelta(days=3)

        def make(title, values, submitted_at):
            innovation = InnovationPageFactory(parent=catalogue, title=title)
            entry = EntryFactory(
                competition=competition, innovation=innovation, submitted_at=submitted_at
            )
            scored(stage, entry, a, values)
            return entry

        novel = make("Baru", ["90", "60", "60"], timezone.now())  # 72
        steady = make("Mantap", ["60", "80", "80"], timezone.now())  # 72, lower on Kebaruan
        first = make("Pertama", ["60", "80", "80"], early)  # 72, same means, submitted earlier
        top = make("Teratas", ["100", "100", "100"], timezone.now())
        rows, _criteria = ranking.rank(stage)
        assert [r.entry for r in rows] == [top, novel, first, steady]
        assert [r.rank for r in rows] == [1, 2, 3, 4]

    def test_moderators_confirm_who_advances(self, client, desk, catalogue):
        competition, stage, (a, b) = desk
        entries = [
            EntryFactory(
                competition=competition, innovation=InnovationPageFactory(parent=catalogue)
            )
            for _ in range(4)
        ]
        for value, entry in zip(["90", "80", "70", "60"], entries, strict=True):
            scored(stage, entry, a, [value] * 3)
        client.force_login(ModeratorFactory())
        desk_page = client.get(reverse("competitions_desk", args=[competition.pk]))
        assert desk_page.status_code == 200
        chosen = [entries[0].pk, entries[1].pk, entries[3].pk]  # moderators may deviate
        client.post(reverse("competitions_stage_confirm", args=[stage.pk]), {"entri": chosen})
        advanced = Advancement.objects.filter(stage=stage).order_by("rank")
        assert [(x.entry_id, x.rank) for x in advanced] == [
            (entries[0].pk, 1),
            (entries[1].pk, 2),
            (entries[3].pk, 4),
        ]
        presentation = competition.stage_of_kind(StageKind.PRESENTATION)
        assert set(ranking.stage_entries(presentation)) == {entries[0], entries[1], entries[3]}

    def test_desk_query_count_constant(self, client, desk, catalogue):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        competition, stage, (a, b) = desk
        client.force_login(ModeratorFactory())
        url = reverse("competitions_desk", args=[competition.pk])

        def add(n):
            for _ in range(n):
                entry = EntryFactory(
                    competition=competition, innovation=InnovationPageFactory(parent=catalogue)
                )
                scored(stage, entry, a, ["50"] * 3)
                scored(stage, entry, b, ["70"] * 3)

        add(1)
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        add(4)
        with CaptureQueriesContext(connection) as many:
            client.get(url)
        assert len(many) == len(few)


class TestExportsAndPublication:
    @pytest.fixture
    def finished(self, competitions, catalogue):
        competition = CompetitionPageFactory(parent=competitions, stage_now=StageKind.DESK)
        stage = competition.stage_of_kind(StageKind.DESK)
        juror = JurorFactory(category=competition.categories.first())
        winner = EntryFactory(
            competition=competition,
            innovation=InnovationPageFactory(parent=catalogue, title='=HYPERLINK("x")'),
        )
        finalist = EntryFactory(
            competition=competition, innovation=InnovationPageFactory(parent=catalogue)
        )
        sheet = scored(stage, winner, juror, ["90", "90", "90"])
        sheet.comment = "+cmd"
        sheet.save()
        scored(stage, finalist, juror, ["70", "70", "70"])
        moderator = ModeratorFactory()
        services.confirm_advancement(stage, [winner.pk, finalist.pk], moderator)
        presentation = competition.stage_of_kind(StageKind.PRESENTATION)
        services.confirm_advancement(presentation, [winner.pk], moderator)
        return competition, moderator, winner, finalist

    def test_exports_escape_formulas(self, client, finished):
        competition, moderator, winner, finalist = finished
        client.force_login(moderator)
        for name in (
            "competitions_export_entries",
            "competitions_export_scores",
            "competitions_export_rankings",
        ):
            response = client.get(reverse(name, args=[competition.pk]))
            assert response.status_code == 200
            rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
            cells = [cell for row in rows[1:] for cell in row]
            assert '\'=HYPERLINK("x")' in cells
            assert not any(c.startswith(("=", "+", "@")) for c in cells)
        scores = client.get(reverse("competitions_export_scores", args=[competition.pk]))
        rows = list(csv.reader(io.StringIO(scores.content.decode("utf-8-sig"))))
        assert len(rows) == 1 + 2 * 3  # one row per juror, entry and criterion
        assert "'+cmd" in rows[1]

    def test_publication_records_awards_once(self, client, finished, catalogue):
        competition, moderator, winner, finalist = finished
        client.force_login(moderator)
        client.post(reverse("competitions_publish", args=[competition.pk]))
        client.post(reverse("competitions_publish", args=[competition.pk]))
        awards = InnovationAward.objects.filter(award=competition.award, year=competition.year)
        assert sorted((a.page_id, a.rank) for a in awards) == sorted(
            [(winner.innovation_id, "Top 2"), (finalist.innovation_id, "Top 3")]
        )
        # The award is in the live revision too, so an editor's next publish keeps it.
        page = winner.innovation.specific_class.objects.get(pk=winner.innovation_id)
        revision_page = page.get_latest_revision_as_object()
        assert [a.rank for a in revision_page.awards.all()] == ["Top 2"]
        # The case study lists the live page's award rows.
        assert [(a.award_id, a.rank, a.year) for a in page.awards.all()] == [
            (competition.award_id, "Top 2", 2025)
        ]
        facet = client.get(catalogue.url, {"penghargaan": "kipp-sulsel"}).content.decode()
        assert finalist.innovation.title in facet
        public = client.get(competition.url).content.decode()
        assert "Hasil akhir" in public and "Top 2" in public

    def test_upheld_objection_disqualifies_before_publication(self, finished):
        competition, moderator, winner, finalist = finished
        objection = winner.objections.create(name="Warga", contact="0812", text="Data palsu")
        services.decide_objection(objection, True, "Terbukti", moderator)
        services.publish_results(competition, moderator)
        assert not InnovationAward.objects.filter(page_id=winner.innovation_id).exists()
        assert InnovationAward.objects.filter(page_id=finalist.innovation_id).exists()


def test_moderators_set_up_in_the_admin(client, competitions):
    competition = CompetitionPageFactory(parent=competitions)
    client.force_login(ModeratorFactory())
    assert client.get(f"/admin/pages/{competition.pk}/edit/").status_code == 200
    add = f"/admin/pages/add/competitions/competitionpage/{competitions.pk}/"
    assert client.get(add).status_code == 200
    assert client.get(reverse("wagtailsnippets_competitions_juror:list")).status_code == 200
    assert client.get(reverse("competitions_index")).status_code == 200
