"""Browser tests: Debian's headless Chromium, driven by Playwright, against a live server.

How to add a flow
-----------------
1. Create ``tests/e2e/test_<flow>.py`` with ``pytestmark = pytest.mark.e2e``.
2. Build the data with the factories in the test itself (``home_page`` gives the site root).
   Everything goes through ``live_server``, which runs the site in another thread, so tests
   here use a transactional database; the reference data that migrations load (regions,
   sectors, Wagtail's root page) is restored before each test (serialized rollback).
3. Take the ``page`` fixture: a fresh browser tab whose relative URLs go to the live server
   (``page.goto("/inovasi/")``). Assert what a person sees and does:
   ``page.get_by_role("heading", name=...)``, ``page.keyboard.press("Tab")``, forms, links.
4. ``axe_violations(page)`` runs axe-core on the page as it is now and returns the serious
   and critical WCAG 2.x A/AA violations; assert that it is empty.
5. Console errors, uncaught exceptions and Content-Security-Policy refusals are collected in
   ``browser_errors``; a test fails at teardown if any remain. A test that expects one
   asserts on it and then clears the list.

Run them with ``pytest -m e2e``. Chromium comes from Debian (``apt-get install chromium``;
``playwright install`` cannot download here). Without it the tests skip, unless
REQUIRE_BROWSER=1 (as ``make test`` sets it), where they fail.
"""

import os
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SERIOUS_IMPACTS = {"serious", "critical"}
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Every test in this folder is `e2e` and runs on committed data (the live server's thread
    reads it), with the migrations' reference data restored before each test."""
    here = Path(__file__).parent
    for item in items:
        if Path(item.fspath).parent == here:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in the test thread; Django would refuse the
    # ORM calls that factories make in the same thread without this.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # With that loop running, Django keeps database connections per context instead of per
    # thread, so the tests get new connection objects. Hand them the migrations' data that
    # pytest-django serialized on the old ones, or serialized rollback restores nothing.
    serialized = {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if hasattr(connection, "_test_serialized_contents")
    }
    playwright = sync_playwright().start()
    for alias, contents in serialized.items():
        connections[alias]._test_serialized_contents = contents
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_errors():
    errors = []
    yield errors
    assert errors == [], "the browser reported errors"


@pytest.fixture
def page(browser, live_server, browser_errors):
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    tab.on(
        "console",
        lambda message: (
            browser_errors.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    tab.on("pageerror", lambda error: browser_errors.append(f"exception: {error}"))
    yield tab
    context.close()


@pytest.fixture
def axe_violations():
    """Run axe-core in the page; return its serious and critical WCAG A/AA violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def run(page, context=None):
        options = {"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}}
        results = axe.run(page, context=context, options=options)
        return [
            {
                "id": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "targets": [node["target"] for node in violation["nodes"]],
            }
            for violation in results.response["violations"]
            if violation["impact"] in SERIOUS_IMPACTS
        ]

    return run
