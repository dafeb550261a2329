"""A complaint about enforcement walked through the real pages (issue 18): a citizen, without an
account, files it on the portal behind the offline captcha and keeps the receipt code; the legal
affairs reviewer registers it and gives it to 基础研究处; the division answers it; the citizen
follows it with the code and reads the reply — and the status page shows nothing of the
complainant.

The live server runs on Tuesday 10 November 2026 under time-machine (the clock running)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import time_machine
from playwright.sync_api import expect

from fazhi.browser_tests.conftest import Personas, log_in, save_screenshot
from fazhi.complaints.models import Complaint
from fazhi.core.models import Organization
from fazhi.core.roles import Role
from fazhi.core.testing import make_user

pytestmark = pytest.mark.browser

SUBJECT = "检查人员未出示执法证件"
CONTENT = "11月5日两名检查人员到我单位检查实验动物饲养场所，未出示执法证件。"
PHONE = "13800000000"
REPLY = "经核实，检查人员出示了执法证件，但未向在场人员说明检查依据；已提醒教育。"


@contextmanager
def on(day: str) -> Iterator[None]:
    with time_machine.travel(f"{day} 10:00 +08:00", tick=True):
        yield


def says(page: Any, text: str) -> None:
    expect(page.locator("ul.messages")).to_contain_text(text)


def solve_captcha(page: Any) -> str:
    """The answer to the captcha's question in words, as a person reads it."""
    question = page.locator("#captcha-question strong").inner_text()
    match = re.search(r"(\d+)\s*(加|减|乘以)\s*(\d+)", question)
    assert match, question
    a, op, b = int(match.group(1)), match.group(2), int(match.group(3))
    return str({"加": a + b, "减": a - b, "乘以": a * b}[op])


def look_up(page: Any, base: str, code: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/complaints/")
    page.locator("#lookup-form").get_by_label("查询码").fill(code)
    page.locator("#lookup-form").get_by_role("button", name="查询").click()


def test_a_citizen_files_follows_with_the_code_and_the_division_answers(
    page: Any, live_server: Any, personas: Personas
) -> None:
    base = live_server.url
    legal = Organization.objects.create(
        name="政策法规处", code="zcfgc", kind="division", parent=personas.bureau, is_legal_affairs=True
    )
    make_user("reviewer", org=legal, roles=[Role.LEGAL_REVIEWER], full_name="王审核")
    with on("2026-11-10"):
        # The citizen finds the form from the portal's menu and files the complaint.
        page.goto(f"{base}/")
        page.get_by_role("link", name="执法投诉举报").first.click()
        page.get_by_role("link", name="我要投诉举报").click()
        form = page.locator("#complaint-form")
        form.get_by_label("投诉", exact=True).check()
        form.get_by_label("事由").fill(SUBJECT)
        form.get_by_label("投诉举报内容").fill(CONTENT)
        form.get_by_label("联系电话（选填）").fill(PHONE)
        form.get_by_label("答案（填写数字）").fill(solve_captcha(page))
        form.get_by_role("button", name="提交投诉举报").click()
        expect(page.locator("h1")).to_have_text("投诉举报已提交")
        code = page.locator("#receipt-code").inner_text()
        assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}", code), code
        save_screenshot(page, "complaints-receipt")

        look_up(page, base, code)
        expect(page.locator("#public-status")).to_have_text("已收到，待登记")

        # The legal affairs reviewer registers it and gives it to 基础研究处, telling the
        # complainant by phone.
        page.context.clear_cookies()
        log_in(page, base, "reviewer")
        page.locator("#staff-menu").get_by_role("link", name="投诉举报", exact=True).click()
        page.get_by_role("link", name=SUBJECT).click()
        expect(page.locator("#complainant")).to_contain_text(PHONE)
        page.locator("#step-register").get_by_role("button", name="登记").click()
        says(page, "已登记")
        save_screenshot(page, "complaints-decision")
        accept = page.locator("#step-accept")
        accept.get_by_label("承办处室").select_option(label="基础研究处")
        accept.get_by_label("决定理由").fill("反映本局执法人员的执法行为，属于本局职责。")
        accept.get_by_label("告知投诉举报人的内容").fill("您的投诉已受理，交基础研究处调查核实并答复。")
        accept.get_by_label("告知方式").select_option(label="电话")
        accept.get_by_role("button", name="受理并交处室办理").click()
        says(page, "已受理")
        expect(page.locator("#status")).to_contain_text("2026年12月10日")  # 30 days (待确认)

        # The division finds it on 我的工作 and answers.
        page.context.clear_cookies()
        log_in(page, base, personas.drafter.username)
        page.get_by_role("link", name=f"投诉举报待答复：{SUBJECT}").first.click()
        save_screenshot(page, "complaints-division")
        answer = page.locator("#step-answer")
        answer.get_by_label("调查核实情况").fill("调取执法记录仪视频核实。")
        answer.get_by_label("答复内容").fill(REPLY)
        answer.get_by_label("答复方式").select_option(label="凭查询码在网站查看")
        answer.get_by_role("button", name="答复").click()
        says(page, "已答复")
        expect(page.locator("#reply-text")).to_contain_text(REPLY)
        assert Complaint.objects.get().status == "answered"

        # The citizen follows it with the code: the reply, and nothing of the complainant.
        look_up(page, base, code.lower())
        expect(page.locator("#public-status")).to_have_text("已办结答复")
        expect(page.locator("#reply")).to_contain_text(REPLY)
        expect(page.locator("#notice")).to_contain_text("交基础研究处调查核实")
        body = page.locator("main").inner_text()
        for private in (PHONE, CONTENT, SUBJECT):
            assert private not in body
        save_screenshot(page, "complaints-status")
