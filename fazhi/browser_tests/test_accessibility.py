"""Accessible pages and tables that read, on the demo (GB/T 37668-2019, which follows WCAG 2.1).

Every public page kind, and the main staff pages of every role (each role's menu and a record
of each list it reaches), is opened at 1366 px and at 390 px, a screenshot of each is saved in
test-results/, and the page must show:

- no serious or critical axe-core violation (vendor/axe-core, run in the page);
- no date, credit code, document or case number broken over two lines, no column header or
  date/code cell that wraps, no chart without its data table, and no page body wider than the
  window at 390 px — only a table's own wrapper scrolls sideways.

Each test loads the demo (about a minute) and then walks its pages; every problem found is
listed in the failure, not only the first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urldefrag, urlencode

import pytest
from django.urls import reverse

from fazhi.browser_tests.conftest import log_in
from fazhi.browser_tests.pagecheck import check_page
from fazhi.core.menus import public_menu
from fazhi.core.sitesearch import MAX_QUERY_CHARS
from fazhi.demo.constants import ACCOUNTS, DEMO_PASSWORD
from fazhi.demo.data import load_demo

pytestmark = pytest.mark.browser

SKIP = re.compile(
    r"^/(api/|accounts/|static/|media/|i18n/|admin/)|/(export|download|file|files|bundle|captcha)(/|\.|$)"
    r"|\.(xlsx|csv|docx|pdf|json|jsonl|zip|txt|py|pem|atom|png)$|[?&](format|export)="
)
# The public page kinds that must be among those walked (the draw page with its verifier, a
# policy, a published decision, an enforcement decision, the search).
PUBLIC_KINDS = [
    "/",
    "/policies/",
    "/policies/N/",
    "/policies/drafts/",
    "/decisions/",
    "/decisions/N/",
    "/inspections/",
    "/inspections/draws/N/",
    "/inspections/plans/N/",
    "/inspections/results/",
    "/enforcement/",
    "/enforcement/N/",
    "/complaints/",
    "/legislation/",
    "/reports/",
    "/transparency/",
    "/search/",
]


@pytest.fixture
def demo(transactional_db: None) -> Iterator[None]:
    load_demo()
    yield


def kind_of(url: str) -> str:
    return re.sub(r"\d+", "N", url.split("?")[0])


def links_in_main(page: Any) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all(
        "main a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
    )
    return [urldefrag(h)[0] for h in hrefs]


def walk(
    page: Any, base: str, start: list[str], seen: set[str], who: str, **check: Any
) -> tuple[list[str], list[str]]:
    """Check the `start` pages and one page of each kind they link to (a record of each list);
    each kind once across the walks sharing `seen` — but the first start page (a dashboard) for
    everyone. Returns (problems, pages checked)."""
    problems: list[str] = []
    checked: list[str] = []
    queue = [(url, 0) for url in start]
    first = start[0]
    while queue:
        url, depth = queue.pop(0)
        kind = kind_of(url)
        key = f"{who} {url}" if url == first and depth == 0 else (kind if depth else url)
        if not url or SKIP.search(url) or key in seen:
            continue
        seen.add(key)
        seen.add(kind)
        name = f"{who}-{kind.strip('/').replace('/', '-') or 'home'}"
        problems += check_page(page, base + url, name, **check)
        checked.append(url)
        if depth == 0:
            queue += [(href, 1) for href in links_in_main(page)]
    return problems, checked


def test_every_public_page_is_accessible_and_its_tables_read_at_both_widths(
    page: Any, live_server: Any, demo: None
) -> None:
    start = [
        "/",
        *(url for _label, url in public_menu()),
        f"/search/?{urlencode({'q': '科技'})}",
        f"/search/?{urlencode({'q': '执法'})}",
    ]
    problems, checked = walk(page, live_server.url, start, set(), "public")
    # The refused search (a query too long) is a page too.
    problems += check_page(
        page, f"{live_server.url}/search/?q={'法' * (MAX_QUERY_CHARS + 1)}", "public-search-too-long"
    )
    # And in English (the language menu's second choice): the same pages, another text.
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    for url in ("/", "/policies/", f"/search/?{urlencode({'q': '科技'})}", "/inspections/"):
        problems += check_page(page, live_server.url + url, f"public-en-{kind_of(url).strip('/') or 'home'}")
    kinds = {kind_of(url) for url in checked}
    assert not [k for k in PUBLIC_KINDS if k not in kinds], f"not walked: {sorted(set(PUBLIC_KINDS) - kinds)}"
    assert problems == []


def test_the_main_staff_pages_of_every_role_are_accessible_and_their_tables_read(
    page: Any, live_server: Any, demo: None
) -> None:
    """Each role's dashboard and menu, and one record of each kind its lists link to; a page kind
    another role already had is not checked again. axe-core runs at 1366 px (the layout
    checks at both widths)."""
    problems: list[str] = []
    seen: set[str] = set()
    walked: dict[str, int] = {}
    roles_done: set[tuple[str, ...]] = set()
    for account in ACCOUNTS:
        roles = tuple(sorted(account.roles))
        if roles in roles_done:  # 副局长 sees what 局长 sees
            continue
        roles_done.add(roles)
        page.context.clear_cookies()
        log_in(page, live_server.url, account.username, DEMO_PASSWORD)
        menu: list[str] = page.eval_on_selector_all(
            "#staff-menu a", "els => els.map(e => e.getAttribute('href'))"
        )
        assert menu, account.username
        found, checked = walk(
            page,
            live_server.url,
            [reverse("core:dashboard"), *menu],
            seen,
            account.username,
            axe_widths=(1366,),
        )
        problems += found
        walked[account.username] = len(checked)
    assert all(walked.values()), walked
    assert problems == []
