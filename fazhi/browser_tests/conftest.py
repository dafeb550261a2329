"""The browser-test harness.

One Chromium per test session (Debian's /usr/bin/chromium: Playwright's own browser
download cannot run on an offline intranet or in CI), a fresh browser context per test, and
pytest-django's `live_server`, which serves the in-memory SQLite test database from a thread
and makes every test using it a transactional test. A failing test leaves a full-page
screenshot in test-results/.

Write a browser test like this:

    @pytest.mark.browser
    def test_something(page, live_server, personas):
        log_in(page, live_server.url, personas.drafter.username)
        ...
"""

from __future__ import annotations

import os
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fazhi.core.models import NumberSeries, Organization, User
from fazhi.core.roles import Role
from fazhi.core.testing import PASSWORD, make_user

CHROMIUM = os.environ.get("FAZHI_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying to reach Google's hosts,
# which a closed network refuses; --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RESULTS_DIR = Path(__file__).resolve().parents[2] / "test-results"
PHASE_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    # Keep each phase's report on the test item, so that the `page` fixture can tell at
    # teardown whether the test failed and a screenshot is wanted.
    report = yield
    item.stash.setdefault(PHASE_REPORTS, {})[report.when] = report
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (or set FAZHI_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio event loop running in this thread, and Django
    # refuses ORM calls while a loop runs (SynchronousOnlyOperation). The test code is
    # synchronous and never shares a connection with the loop, so the check is lifted, but
    # only while Playwright runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A page in a fresh browser context (no cookies shared between tests), in Chinese."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 860})
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        call = request.node.stash.get(PHASE_REPORTS, {}).get("call")
        if call is not None and call.failed:
            save_screenshot(page, "FAILED-" + request.node.nodeid)
        context.close()


def save_screenshot(page: Any, name: str) -> Path:
    """A full-page PNG under test-results/, named after `name` made safe for a file name."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / (re.sub(r"[^\w.-]+", "_", name).strip("_") + ".png")
    page.screenshot(path=str(path), full_page=True)
    return path


@dataclass
class Personas:
    bureau: Organization
    sci_division: Organization
    drafter: User
    director: User


@pytest.fixture
def personas(transactional_db: None) -> Personas:
    """The bureau with a business division, a drafter in it and the director — the same
    people as `fazhi.core.testing.BaseTestCase`, all with `fazhi.core.testing.PASSWORD`."""
    bureau = Organization.objects.create(
        name="天津市科学技术局",
        short_name="市科技局",
        code="tjkjj",
        kind="agency",
        head_title="局长",
        leaders_title="局领导",
        office_meeting="局长办公会",
        party_meeting="局党委会",
    )
    # The opinion letters' own series (津科法审〔2026〕n号), the agency's until a test's legal
    # affairs division is set up (each department numbers its letters in its own series).
    NumberSeries.objects.create(organization=bureau, kind=NumberSeries.Kind.REVIEW_LETTER, prefix="津科法审")
    sci_division = Organization.objects.create(
        name="基础研究处", code="jcyjc", kind="division", parent=bureau
    )
    return Personas(
        bureau=bureau,
        sci_division=sci_division,
        # A drafter in a business division: writes documents and submits them.
        drafter=make_user("drafter", org=sci_division, roles=[Role.DIVISION_STAFF], full_name="张起草"),
        # The director: chairs the office meeting and decides.
        director=make_user("director", org=bureau, roles=[Role.LEADERSHIP], full_name="陈局长"),
    )


def log_in(page: Any, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real login form, as a person would: type, then submit."""
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
