"""A government rule made from the year's legislative plan, from entry to promulgation in the
register of laws.

On Monday 2 March 2026 the legal affairs reviewer opens 立法工作 › 立法项目, enters a new
government rule of the 2026 plan that the bureau drafts, starts drafting, saves the draft and
publishes it for comment: a window shorter than 30 days is refused with the rule book's basis
(规章制定程序条例), 1 April is accepted. A letter's comment is entered and answered. On Thursday
2 April the draft goes to the Justice Bureau; its review is recorded, the government's executive
meeting adopts it and the reviewer records the promulgation: the register of laws shows the new
rule with its adopted version."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import time_machine
from playwright.sync_api import expect

from fazhi.browser_tests.conftest import Personas, log_in, save_screenshot
from fazhi.core.models import Organization
from fazhi.core.roles import Role
from fazhi.core.testing import make_user

pytestmark = pytest.mark.browser
TITLE = "天津市科学技术奖励办法"


@contextmanager
def on(day: str) -> Iterator[None]:
    with time_machine.travel(f"{day} 10:00 +08:00", tick=True):
        yield


def says(page: Any, text: str) -> None:
    expect(page.locator("ul.messages")).to_contain_text(text)


def test_a_rule_goes_from_the_plan_through_public_comment_to_the_register(
    page: Any, live_server: Any, personas: Personas
) -> None:
    base = live_server.url
    with on("2026-03-02"):
        legal = Organization.objects.create(
            name="政策法规处", code="zcfgc", kind="division", parent=personas.bureau, is_legal_affairs=True
        )
        reviewer = make_user("reviewer", org=legal, roles=[Role.LEGAL_REVIEWER], full_name="王审核")
        log_in(page, base, reviewer.username)
        menu = page.locator("#staff-menu")
        expect(menu.get_by_role("heading", name="立法工作")).to_be_visible()
        menu.get_by_role("link", name="立法项目").click()
        page.get_by_role("link", name="登记立法项目").click()
        form = page.locator("#create-form")
        form.get_by_role("textbox", name="项目名称", exact=True).fill(TITLE)
        form.get_by_label("立法形式").select_option(label="地方政府规章")
        form.get_by_label("立法类型").select_option(label="制定")
        form.get_by_role("spinbutton", name="立法计划年度").fill("2026")
        form.get_by_label("计划类别").select_option(label="正式项目")
        form.get_by_label("本机关职责").select_option(label="牵头起草")
        form.get_by_label("承办处室").select_option(label="政策法规处")
        form.get_by_role("button", name="保存").click()
        says(page, f"已登记立法项目：{TITLE}。")
        assert re.search(r"/work/legislation/\d+/$", page.url)
        project_url = page.url
        expect(page.locator("#status")).to_contain_text("列入立法计划")

        page.locator("#step-start_drafting").get_by_role("button", name="启动起草").click()
        says(page, "已启动起草。")
        draft = page.locator("#step-save_draft")
        draft.get_by_role("textbox", name="草案文本", exact=True).fill(
            "第一条 为了奖励在科学技术进步活动中做出突出贡献的组织和个人，制定本办法。"
        )
        draft.get_by_role("button", name="保存草案").click()
        says(page, "已保存草案。")

        window = page.locator("#step-open_comment")
        expect(window.get_by_label("征求意见截止日")).to_have_value("2026-04-01")  # the rule book's minimum
        window.get_by_label("征求意见截止日").fill("2026-03-20")
        window.get_by_role("button", name="公开征求意见").click()
        expect(page.locator("#step-open_comment")).to_contain_text("规章制定程序条例")
        page.locator("#step-open_comment").get_by_label("征求意见截止日").fill("2026-04-01")
        page.locator("#step-open_comment").get_by_role("button", name="公开征求意见").click()
        says(page, "已公开征求意见。")
        expect(page.locator("#status")).to_contain_text("公开征求意见")

        page.locator("#comments summary", has_text="录入来信").click()
        comment = page.locator("#step-add_comment")
        comment.get_by_label("来源").select_option(label="社会公众")
        comment.get_by_role("textbox", name="意见", exact=True).fill("建议增加青年科技奖。")
        comment.get_by_role("button", name="录入意见").click()
        says(page, "已录入意见。")
        expect(page.locator("#comment-summary")).to_contain_text("1 条待答复")
        answer = page.locator("#comments article form")
        answer.get_by_label("采纳情况").select_option(label="部分采纳")
        answer.get_by_role("textbox", name="答复", exact=True).fill("已研究吸收，在奖项设置中予以考虑。")
        answer.get_by_role("button", name="答复").click()
        says(page, "已答复意见。")
        expect(page.locator("#comments article .badge")).to_have_text("部分采纳")

    with on("2026-04-02"):
        page.context.clear_cookies()
        log_in(page, base, reviewer.username)
        page.goto(project_url)
        page.locator("#step-submit_for_review").get_by_role("button", name="报送合法性审查").click()
        says(page, "已报送合法性审查。")
        review = page.locator("#step-conclude_review")
        review.get_by_role("textbox", name="审查意见", exact=True).fill(
            "草案合法，建议提请市政府常务会议审议。"
        )
        review.get_by_role("button", name="登记审查结论").click()
        says(page, "已登记审查结论。")
        meeting = page.locator("#step-record_deliberation")
        meeting.get_by_label("审议机关").select_option(label="市政府常务会议")
        meeting.get_by_label("审议结果").select_option(label="通过")
        meeting.get_by_role("button", name="登记审议").click()
        says(page, "已登记审议。")
        expect(page.locator("#status")).to_contain_text("已通过")
        publish = page.locator("#step-promulgate")
        publish.get_by_label("公布日期").fill("2026-04-02")
        publish.get_by_label("施行日期").fill("2026-05-01")
        publish.get_by_label("公告（令）号").fill("天津市人民政府令第1号")
        publish.get_by_role("button", name="登记公布").click()
        says(page, "已登记公布，新版本已记入法律法规库。")
        expect(page.locator("#status")).to_contain_text("已公布")
        page.locator("#promulgation").get_by_role("link", name="法律法规库中的版本").click()
        expect(page.locator("h1")).to_have_text(TITLE)
        rows = page.locator("#version-table tbody tr")
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text("制定")
        expect(rows.first).to_contain_text("2026年5月1日")
        expect(rows.first).to_contain_text("天津市人民政府令第1号")
        save_screenshot(page, "legislation-promulgated")
