"""A communications officer's day in the admin, as a signed-in moderator (issue 19, "Done
means"): create an innovation case study, let autosave keep it, look at it in the preview
panel under the enforced production Content-Security-Policy, schedule it and publish the
schedule. No console error, and no English string on any of those screens (the measure of
tests/admin/english.py, here on the page as the browser draws it, JavaScript text included).
"""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Error

from innovations.models import InnovationPage
from tests.admin.english import english_strings
from tests.agencies.factories import PASSWORD, ModeratorFactory
from tests.innovations.factories import AgencyFactory, InnovationIndexPageFactory

TITLE = "Layanan Adminduk Keliling Desa"


def fill_rich_text(page, field, text):
    page.locator(f"#id_{field}").locator("xpath=..").locator("[contenteditable='true']").click()
    page.keyboard.type(text)


def answer_of(response):
    """A refused request's JSON answer; None if the page navigated away before it arrived."""
    try:
        return response.json()
    except Error:
        return None


def test_officer_creates_autosaves_previews_schedules_and_publishes(
    page, home_page, settings, browser_errors
):
    # The production policy: enforced, not only reported (config/settings/production.py).
    settings.CSP_REPORT_ONLY = False
    catalogue = InnovationIndexPageFactory(parent=home_page)
    agency = AgencyFactory(name="Dinas Kependudukan Uji Harian")
    moderator = ModeratorFactory()
    english = {}
    refused = []
    page.on(
        "response",
        lambda response: (
            refused.append((response.status, response.url, answer_of(response)))
            if response.status >= 400
            else None
        ),
    )

    page.goto("/admin/login/")
    english["login"] = english_strings(page.content())
    page.fill("#id_username", moderator.username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    english["dashboard"] = english_strings(page.content())

    # Create: every required field of the case study, as an officer types it.
    page.goto(f"/admin/pages/add/innovations/innovationpage/{catalogue.pk}/")
    english["add form"] = english_strings(page.content())
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Petugas mendatangi desa untuk merekam KTP-el warga lanjut usia.")
    page.locator("#id_agency-chooser .unchosen [data-chooser-action-choose]").click()
    page.locator(".modal").get_by_role("link", name=agency.name).click()
    page.locator("#id_agency-chooser:not(.blank)").wait_for()
    page.locator("[name='regions']").first.check()
    page.locator("[name='sectors']").first.check()
    for field in ("form", "initiator", "stage"):
        page.select_option(f"#id_{field}", index=1)
    page.fill("#id_launched_on", "2024-03-01")
    page.keyboard.press("Escape")
    page.get_by_role("tab", name="Studi kasus").click()
    english["add form, case study tab"] = english_strings(page.content())
    fill_rich_text(page, "problem", "Warga lansia sulit datang ke kantor dinas.")
    with page.expect_response(
        lambda response: (
            "application/json" in response.request.headers.get("accept", "")
            and response.ok
            and response.json().get("success") is True
        )
    ):
        fill_rich_text(page, "approach", "Layanan jemput bola dengan mobil perekaman.")

    # Autosave created the page: the indicator says so and the form now edits it.
    page.wait_for_selector("#w-autosave-indicator[data-w-autosave-state-value='saved']")
    innovation = InnovationPage.objects.get(title=TITLE)
    assert not innovation.live and innovation.has_unpublished_changes
    page.wait_for_url(f"**/admin/pages/{innovation.pk}/edit/**")
    english["edit form after autosave"] = english_strings(page.content())

    # Preview in the side panel under the enforced policy: the frame shows the case study.
    with page.expect_response(lambda r: "/preview/" in r.url and r.request.method == "GET") as p:
        page.locator("[data-side-panel-toggle='preview']").click()
    headers = p.value.all_headers()
    assert "content-security-policy" in headers
    assert "content-security-policy-report-only" not in headers
    preview = page.frame_locator("#w-preview-iframe")
    preview.get_by_role("heading", name=TITLE, level=1).wait_for()
    english["preview panel"] = english_strings(page.content())

    # Schedule: a go-live date tomorrow through the scheduling dialog, saved with the draft.
    page.locator("[data-side-panel-toggle='status']").click()
    page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']").first.click()
    dialog = page.locator("#schedule-publishing-dialog")
    dialog.wait_for()
    english["scheduling dialog"] = english_strings(page.content())
    go_live = timezone.localtime() + timedelta(days=1)
    # Autosave keeps the date too; saving the schedule waits for it, as the indicator shows.
    with page.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith(f"/pages/{innovation.pk}/edit/")
    ) as autosaved:
        page.fill("#id_go_live_at", go_live.strftime("%Y-%m-%d %H:%M"))
    assert autosaved.value.ok
    page.wait_for_selector("#w-autosave-indicator[data-w-autosave-state-value='saved']")
    # The date picker stays open over the dialog's button; a keyboard user reaches the button
    # and presses Enter (Escape would close the dialog).
    with page.expect_navigation():
        dialog.locator("button[type=submit]").press("Enter")
    english["edit form with a schedule"] = english_strings(page.content())
    innovation.refresh_from_db()
    assert not innovation.live
    assert innovation.go_live_at == go_live.replace(second=0, microsecond=0)

    # Publish: with a go-live date in the future, publishing schedules the revision.
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    with page.expect_navigation():
        page.locator("button[name='action-publish']").click()
    english["after publishing"] = english_strings(page.content())
    innovation.refresh_from_db()
    assert not innovation.live
    assert innovation.scheduled_revision.approved_go_live_at == innovation.go_live_at

    # Autosave posts the form while it is still incomplete; Wagtail answers 400 with a
    # message for the indicator's tooltip, and the browser logs each 400 as a failed load.
    # Those are the only refusals, and their message is Indonesian too.
    for status, url, answer in refused:
        assert status == 400 and answer and answer["error_code"] == "validation_error", url
        tooltip = english_strings(f"<p>{answer['error_message']}</p>")
        english.setdefault("autosave tooltip", []).extend(tooltip)
    failed_loads = [e for e in browser_errors if "status of 400 (Bad Request)" in e]
    assert len(failed_loads) == len(refused)
    browser_errors[:] = [e for e in browser_errors if e not in failed_loads]
    found = {name: strings for name, strings in english.items() if strings}
    assert found == {}, found
