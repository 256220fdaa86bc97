"""A juror scores an entry in a real browser; axe on the competition's public pages."""

import pytest

from competitions import services
from competitions.models import ScoreSheet, StageKind
from tests.agencies.factories import ModeratorFactory
from tests.competitions.factories import (
    CompetitionIndexPageFactory,
    CompetitionPageFactory,
    EntryFactory,
    JurorFactory,
)
from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory

from .test_agencies_workflow import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def pages(home_page):
    return CompetitionIndexPageFactory(parent=home_page), InnovationIndexPageFactory(
        parent=home_page
    )


def test_juror_scores_an_entry(browser, live_server, pages, axe_violations):
    competitions, catalogue = pages
    competition = CompetitionPageFactory(parent=competitions, stage_now=StageKind.DESK)
    juror = JurorFactory(category=competition.categories.first())
    entry = EntryFactory(
        competition=competition,
        innovation=InnovationPageFactory(parent=catalogue, title="Layanan Jemput Bola"),
    )
    tab = sign_in(browser, live_server, juror.user)
    tab.goto("/admin/kompetisi/juri/")
    tab.get_by_role("link", name="Layanan Jemput Bola").click()
    tab.get_by_role("heading", name="Layanan Jemput Bola").wait_for()
    tab.get_by_text("Nilai juri lain tampil setelah Anda mengirim nilai sendiri.").wait_for()
    for label, value in (("Kebaruan", "80"), ("Dampak", "70"), ("Keberlanjutan", "90")):
        tab.get_by_label(label).fill(value)
    tab.get_by_label("Catatan juri").fill("Dampak terukur, perlu data pembanding.")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Kirim nilai").click()
    tab.get_by_text("Nilai disimpan.").first.wait_for()
    tab.get_by_text("Belum ada juri lain yang mengirim nilai.").wait_for()
    sheet = ScoreSheet.objects.get(entry=entry, juror=juror)
    assert sheet.submitted_at is not None
    assert sorted(str(s.value) for s in sheet.scores.all()) == ["70.00", "80.00", "90.00"]
    # Wagtail fades its message in; white on its green is 4.5:1 once shown, so measure
    # contrast after the animation, not halfway through it (as test_agencies_workflow does).
    tab.locator(".messages").evaluate(
        "el => Promise.all(el.getAnimations({subtree: true}).map((a) => a.finished))"
    )
    assert axe_violations(tab, context="main") == []
    tab.context.close()


def test_public_pages_are_accessible(page, pages, axe_violations):
    competitions, catalogue = pages
    competition = CompetitionPageFactory(parent=competitions, stage_now=StageKind.OBJECTION)
    finalist = EntryFactory(
        competition=competition,
        innovation=InnovationPageFactory(parent=catalogue, title="Finalis Uji"),
    )
    moderator = ModeratorFactory()
    for kind in (StageKind.DESK, StageKind.PRESENTATION, StageKind.FIELD):
        stage = competition.stage_of_kind(kind)
        services.confirm_advancement(stage, [finalist.pk], moderator)
        stage.announced = True
        stage.save()

    page.goto(competitions.url)
    page.get_by_role("link", name=competition.title).click()
    page.get_by_role("heading", name="Jadwal dan tahapan").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Ajukan keberatan atas Finalis Uji").first.click()
    page.get_by_role("button", name="Kirim keberatan").click()
    page.get_by_role("alert").wait_for()  # name and contact are required
    assert axe_violations(page) == []
    page.get_by_label("Nama").fill("Warga Uji")
    page.get_by_label("Kontak (surel atau telepon)").fill("warga@contoh.id")
    page.get_by_label("Isi keberatan").fill("Layanan belum berjalan di desa kami.")
    page.get_by_role("button", name="Kirim keberatan").click()
    page.get_by_role("heading", name="Keberatan Anda sudah kami terima").wait_for()
    assert axe_violations(page) == []
    page.goto(competitions.url)
    assert axe_violations(page) == []
