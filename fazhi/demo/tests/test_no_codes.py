"""Words, not codes: walk the demo as every role and as a visitor, and fail on a dotted code
(`services.commitment`, `annual_report.submit`, `reconsideration.reply v1` ...) in the text a
person reads. Tags, scripts, styles and attribute values are not read; file names, addresses,
e-mail addresses and version numbers are not codes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
import time_machine
from django.test import TestCase, override_settings

from fazhi.core.menus import public_menu
from fazhi.demo.constants import ACCOUNTS, DEMO_PASSWORD
from fazhi.demo.data import load_demo

CODE = re.compile(r"(?<![\w./@:-])[a-z_]+\.[a-z_]+(?:\.[a-z_]+)*(?![\w/@-]|\.\w)")
# Not codes: file names and domains a person may read.
NOT_CODES = re.compile(
    r"\.(docx?|xlsx?|csv|pdf|jsonl?|py|zip|txt|png|jpe?g|ofd|wps|html?)$|^(www|gov|com|org|cn)\.|\.(cn|com|org|gov)$"
)
SKIP_URL = re.compile(
    r"^/(api/|accounts/logout|static/|media/|i18n/|admin/)|/(export|download|file|files|bundle)(/|$)|\.(xlsx|csv|docx|pdf|json|zip)$|[?&](format|export)="
)
PAGE_CAP = 900
RECORDS_PER_PATTERN = 2

MEDIA: dict[str, Path] = {}


@pytest.fixture(autouse=True, scope="module")
def _demo_media_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    MEDIA["root"] = tmp_path_factory.mktemp("codes-media")
    with override_settings(MEDIA_ROOT=MEDIA["root"]):
        yield


class _Text(HTMLParser):
    """The visible text of a page and the links on it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "template"}:
            self._hidden += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)
        self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "template"} and self._hidden:
            self._hidden -= 1
        self.text.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


def codes_in(html: str) -> tuple[list[str], list[str]]:
    parser = _Text()
    parser.feed(html)
    # A figure placeholder of a report's draft ({{documents.filed}}) is what its writer types.
    text = re.sub(r"\{\{[^{}]*\}\}", " ", "".join(parser.text))
    found = []
    for word in text.split():
        if "@" in word or "://" in word or word.startswith("/"):
            continue
        for match in CODE.finditer(word):
            if not NOT_CODES.search(match.group()):
                found.append(match.group())
    return found, parser.links


def pattern_of(path: str) -> str:
    return re.sub(r"\d+", "N", path)


@time_machine.travel("2026-06-16 10:00 +08:00", tick=False)
class NoCodeInVisibleTextTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo()

    def crawl(self, start: list[str], seen: set[str], budget: list[int]) -> dict[str, list[str]]:
        """Menu pages (start) and the pages linked from them, each URL once, a few of each
        kind of linked page (same path but for its numbers and query); returns {url: codes}
        for the pages showing a code."""
        found: dict[str, list[str]] = {}
        patterns: dict[str, int] = {}
        queue = [(url, 0) for url in start]
        while queue and budget[0] > 0:
            url, depth = queue.pop(0)
            if url in seen or SKIP_URL.search(url):
                continue
            seen.add(url)
            pattern = pattern_of(urlsplit(url).path)
            if depth:  # a record page or a filtered list: a few of each kind
                patterns[pattern] = patterns.get(pattern, 0) + 1
                if patterns[pattern] > RECORDS_PER_PATTERN:
                    continue
            budget[0] -= 1
            response = self.client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            codes, links = codes_in(response.content.decode())
            if codes:
                found[url] = sorted(set(codes))
            if depth < 1:
                for href in links:
                    href = urldefrag(href)[0]
                    if href.startswith("/") and not href.startswith("//"):
                        queue.append((href, depth + 1))
        return found

    def test_no_page_of_any_role_or_of_the_portal_shows_a_dotted_code(self) -> None:
        """About 700 pages: the portal, then each role's menu and a couple of each kind of
        page linked from it."""

        from fazhi.core.menus import staff_menu
        from fazhi.core.models import User

        found: dict[str, list[str]] = {}
        budget = [PAGE_CAP]
        public = ["/", *(url for _label, url in public_menu())]
        found.update(self.crawl(public, set(), budget))
        roles_walked: set[tuple[str, ...]] = set()
        for account in ACCOUNTS:
            roles = tuple(sorted(account.roles))
            if roles in roles_walked:  # 副局长 sees what 局长 sees
                continue
            roles_walked.add(roles)
            self.client.logout()
            user = User.objects.get(username=account.username)
            self.assertTrue(user.check_password(DEMO_PASSWORD))
            self.client.force_login(user)
            menu = [url for _section, items in staff_menu(user) for _label, url, _name in items]
            for url, codes in self.crawl(menu, set(public), budget).items():
                found[f"{account.username} {url}"] = codes
        self.assertGreater(budget[0], 0, "the crawl reached its cap")
        self.assertEqual(found, {})
