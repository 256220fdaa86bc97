"""An officer submits, the agency's verifier approves and a moderator publishes, in a real
browser; each step's e-mail goes to that step's people. Then axe on the admin pages the
agencies app adds (dashboard panels, invitation form, audit log)."""

import pytest
from django.core import mail
from wagtail.models import Page

from tests.agencies.factories import (
    PASSWORD,
    AdministratorFactory,
    ModeratorFactory,
    OfficerFactory,
    VerifierFactory,
)
from tests.innovations.factories import (
    AgencyFactory,
    InnovationIndexPageFactory,
    InnovationPageFactory,
)

pytestmark = pytest.mark.e2e


def sign_in(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    context.set_default_timeout(20_000)
    tab = context.new_page()
    tab.goto("/admin/login/")
    tab.fill("#id_username", user.username)
    tab.fill("#id_password", PASSWORD)
    tab.locator("form button[type=submit]").first.click()
    tab.wait_for_url("**/admin/")
    return tab


def click_hidden(tab, selector):
    """Action-menu items sit in a dropdown; click them as the dropdown would."""
    tab.wait_for_selector(selector, state="attached")
    with tab.expect_navigation():
        tab.evaluate(f"document.querySelector({selector!r}).click()")


@pytest.fixture
def flow(home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    agency = AgencyFactory(name="Dinas Kependudukan Uji")
    innovation = InnovationPageFactory(parent=catalogue, agency=agency, title="Layanan Keliling")
    innovation.save_revision().publish()
    return {
        "page": innovation,
        "officer": OfficerFactory(agency=agency),
        "verifier": VerifierFactory(agency=agency),
        "moderator": ModeratorFactory(),
        "other_verifier": VerifierFactory(agency=AgencyFactory()),
    }


def test_officer_submits_verifier_approves_moderator_publishes(
    browser, live_server, flow, axe_violations
):
    page = flow["page"]
    edit_url = f"/admin/pages/{page.pk}/edit/"

    officer = sign_in(browser, live_server, flow["officer"])
    panel = "section[aria-labelledby='panel-inovasi-instansi']"
    assert officer.locator(panel).get_by_text("Layanan Keliling").count() == 1
    assert axe_violations(officer, context=panel) == []
    officer.goto(edit_url)
    officer.fill("#id_title", "Layanan Keliling Desa")
    click_hidden(officer, "button[name='action-submit']")
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Verifikasi OPD"
    assert [m.to for m in mail.outbox] == [[flow["verifier"].email]]
    officer.context.close()

    verifier = sign_in(browser, live_server, flow["verifier"])
    verifier.goto(edit_url)
    click_hidden(
        verifier,
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])",
    )
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Persetujuan Moderator"
    assert mail.outbox[-1].to == [flow["moderator"].email]
    assert Page.objects.get(pk=page.pk).title == "Layanan Keliling"
    verifier.context.close()

    moderator = sign_in(browser, live_server, flow["moderator"])
    queue = "section[aria-labelledby='panel-antrean-moderasi']"
    assert moderator.locator(queue).get_by_text("Layanan Keliling Desa").count() == 1
    assert axe_violations(moderator, context=queue) == []
    moderator.goto(edit_url)
    click_hidden(
        moderator,
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])",
    )
    page.refresh_from_db()
    assert page.live and page.title == "Layanan Keliling Desa"
    assert mail.outbox[-1].to == [flow["officer"].email]
    assert "Disetujui" in mail.outbox[-1].subject
    assert flow["other_verifier"].email not in [a for m in mail.outbox for a in m.to]
    moderator.goto(f"/admin/instansi/log/?instansi={page.agency_id}")
    assert moderator.get_by_role("heading", name="Dinas Kependudukan Uji").count() == 1
    assert axe_violations(moderator) == []
    moderator.context.close()


def test_invitation_form_is_accessible(browser, live_server, home_page, axe_violations):
    AgencyFactory(name="Dinas Uji Aksesibilitas")
    administrator = sign_in(browser, live_server, AdministratorFactory())
    administrator.goto("/admin/instansi/undang/")
    assert administrator.get_by_label("Alamat e-mel").count() == 1
    assert axe_violations(administrator) == []
    administrator.fill("#id_email", "petugas.baru@contoh.go.id")
    administrator.fill("#id_first_name", "Baru")
    administrator.select_option("#id_agency", label="Dinas Uji Aksesibilitas")
    administrator.locator("form button[type=submit]").last.click()
    administrator.wait_for_url("**/admin/instansi/undang/")
    assert mail.outbox[-1].to == ["petugas.baru@contoh.go.id"]
    # Wagtail fades its message in; measure contrast once the animation has finished.
    administrator.locator(".messages").evaluate(
        "el => Promise.all(el.getAnimations({subtree: true}).map((a) => a.finished))"
    )
    assert axe_violations(administrator) == []
    administrator.context.close()
