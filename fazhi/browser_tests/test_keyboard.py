"""Keyboard-only use of the main forms, with the focus always visible (WCAG 2.1.1, 2.4.7).

A member of staff signs in and drafts a document, and a citizen comments on a draft behind the
captcha, without touching the mouse: Tab to move, typing, Space or Enter to press. Every element
the focus reaches must show it (the stylesheet's :focus-visible outline)."""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from fazhi.browser_tests.conftest import Personas
from fazhi.core.testing import PASSWORD
from fazhi.documents.models import Comment, NormativeDocument
from fazhi.documents.tests.factories import soliciting

pytestmark = pytest.mark.browser

# The focused element, and whether it shows it: an outline of at least 2 px, or a box shadow.
_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const rect = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), name: el.getAttribute("name") || "", type: el.getAttribute("type") || "",
    text: (el.innerText || el.value || "").trim().slice(0, 30), id: el.id,
    visible: outline || style.boxShadow !== "none",
    onScreen: rect.width > 0 && rect.height > 0,
  };
}"""


def tab_to(page: Any, matches: Any, limit: int = 60) -> dict[str, Any]:
    """Press Tab until the focused element satisfies `matches` (at once if it has the focus
    already, as an autofocus field has); every element passed on the way must show its focus."""
    focused = page.evaluate(_FOCUS)
    if focused is not None and matches(focused):
        return focused
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUS)
        assert focused is not None, "the focus left the page"
        assert focused["visible"] and focused["onScreen"], f"focus not visible on {focused}"
        if matches(focused):
            return focused
    raise AssertionError(f"not reached with {limit} presses of Tab")


def solve_captcha(page: Any) -> str:
    """The answer to the captcha's question in words, as a person reads it."""
    question = page.locator("#captcha-question strong").inner_text()
    match = re.search(r"(\d+)\s*(加|减|乘以)\s*(\d+)", question)
    assert match, question
    a, op, b = int(match.group(1)), match.group(2), int(match.group(3))
    return str({"加": a + b, "减": a - b, "乘以": a * b}[op])


def test_staff_sign_in_and_draft_a_document_with_the_keyboard_only(
    page: Any, live_server: Any, personas: Personas
) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    tab_to(page, lambda f: f["name"] == "username")
    page.keyboard.type(personas.drafter.username)
    tab_to(page, lambda f: f["name"] == "password")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(reverse("core:dashboard"))

    page.goto(live_server.url + reverse("documents:create"))
    skip = tab_to(page, lambda f: f["tag"] == "a", limit=1)  # the first stop: 跳到正文
    assert skip["text"] == "跳到正文"
    page.keyboard.press("Enter")
    tab_to(page, lambda f: f["name"] == "title")
    page.keyboard.type("天津市科技成果转化奖励办法")
    tab_to(page, lambda f: f["name"] == "text")
    page.keyboard.type("第一条 为了促进科技成果转化，制定本办法。")
    tab_to(page, lambda f: f["name"] == "concerns_market_actors")
    page.keyboard.press("Space")
    tab_to(page, lambda f: f["tag"] == "button" and f["type"] == "submit" and f["text"] != "退出")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    document = NormativeDocument.objects.get(title="天津市科技成果转化奖励办法")
    assert document.concerns_market_actors
    assert reverse("documents:detail", args=[document.pk]) in page.url, page.url


def test_a_citizen_comments_on_a_draft_with_the_keyboard_only(
    page: Any, live_server: Any, personas: Personas
) -> None:
    draft = soliciting(personas.drafter)  # open for comment from 2026-04-01 for 35 days
    with time_machine.travel("2026-04-10 10:00 +08:00", tick=True):
        page.goto(f"{live_server.url}/policies/drafts/{draft.pk}/")
        tab_to(page, lambda f: f["name"] == "text")
        page.keyboard.type("建议明确申报条件。")
        tab_to(page, lambda f: f["name"] == "author_name")
        page.keyboard.type("市民李某")
        tab_to(page, lambda f: f["name"] == "captcha_answer")
        page.keyboard.type(solve_captcha(page))
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "您的意见已提交" in page.locator("ul.messages").inner_text()
    comment = Comment.objects.get(document=draft)
    assert (comment.text, comment.author_name) == ("建议明确申报条件。", "市民李某")
