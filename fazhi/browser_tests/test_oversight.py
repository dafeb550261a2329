"""A finding of an inspection becomes a task in the ledger and is closed.

On Monday 2 March 2026 the legal affairs reviewer opens 法治建设责任 › 评估与督察, records the
central rule-of-law inspection and the director's report in person, and puts its finding on the
ledger for 基础研究处 under the director. The division reports it done and its head submits it
(Tuesday 3 March); the director signs it off (Wednesday 4 March); on Thursday 5 March the reviewer,
asked in 我的工作, records the evidence and closes the inspection with the rectification report,
refused first while the task was still open."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from fazhi.browser_tests.conftest import Personas, log_in, save_screenshot
from fazhi.core.models import Organization
from fazhi.core.roles import Role
from fazhi.core.testing import make_user

pytestmark = pytest.mark.browser
PROBLEM = "行政执法案卷文书制作不够规范"


@contextmanager
def on(day: str) -> Iterator[None]:
    with time_machine.travel(f"{day} 10:00 +08:00", tick=True):
        yield


def switch_user(page: Any, base_url: str, username: str, url: str) -> None:
    page.context.clear_cookies()
    log_in(page, base_url, username)
    page.goto(url)


def says(page: Any, text: str) -> None:
    expect(page.locator("ul.messages")).to_contain_text(text)


def test_a_finding_becomes_a_ledger_task_and_the_inspection_closes_once_it_is_done(
    page: Any, live_server: Any, personas: Personas
) -> None:
    base = live_server.url
    dashboard = base + reverse("core:dashboard")
    with on("2026-03-02"):
        legal = Organization.objects.create(
            name="政策法规处", code="zcfgc", kind="division", parent=personas.bureau, is_legal_affairs=True
        )
        reviewer = make_user("reviewer", org=legal, roles=[Role.LEGAL_REVIEWER], full_name="王审核")
        head = make_user("divhead", org=personas.sci_division, roles=[Role.DIVISION_HEAD], full_name="李处长")
        log_in(page, base, reviewer.username)
        page.locator("#staff-menu").get_by_role("link", name="评估与督察").click()
        expect(page.locator("main")).to_contain_text("尚未登记评估督察。")
        page.get_by_role("link", name="登记评估督察").click()
        form = page.locator("#create-form")
        form.get_by_label("类别").select_option(label="中央法治督察")
        form.get_by_role("spinbutton", name="年度").fill("2026")
        form.get_by_role("textbox", name="名称", exact=True).fill("2026年中央法治督察")
        form.get_by_label("组织或实施单位").fill("中央全面依法治国委员会办公室督察组")
        form.get_by_label("开始日期").fill("2026-02-24")
        form.get_by_label("评估或督察内容").fill("第一责任人职责履行情况")
        form.get_by_role("button", name="保存").click()
        says(page, "已登记：2026年中央法治督察。")
        oversight_url = page.url
        assert re.search(r"/work/oversight/\d+/$", oversight_url)

        page.locator("#heads summary").click()
        heads = page.locator("#step-record_head_part")
        heads.get_by_label("方式").select_option(label="当面汇报")
        heads.get_by_label("机关领导").select_option(label="陈局长")
        heads.get_by_label("日期").fill("2026-02-24")
        heads.get_by_label("内容").fill("向督察组当面汇报")
        heads.get_by_role("button", name="登记领导履职").click()
        says(page, "已登记领导履职。")
        expect(page.locator("#head-parts")).to_contain_text("陈局长 · 当面汇报")

        page.locator("#findings summary", has_text="交办整改任务").click()
        finding = page.locator("#step-add_finding")
        finding.get_by_label("问题").fill(PROBLEM)
        finding.get_by_label("责任处室").select_option(label="基础研究处")
        finding.get_by_label("分管领导").select_option(label="陈局长")
        finding.get_by_label("整改时限").fill("2026-03-31")
        finding.get_by_role("button", name="交办整改任务").click()
        says(page, "已列入重点任务台账。")
        expect(page.locator("#status")).to_contain_text("整改中")
        task_link = page.locator("#findings article a[id^=task-]")
        expect(task_link).to_have_text(f"整改：{PROBLEM}")
        task_url = base + task_link.get_attribute("href")

        page.locator("#close summary").click()
        close = page.locator("#step-close")
        close.get_by_role("textbox", name="整改报告", exact=True).fill("整改报告正文")
        close.get_by_role("button", name="报送整改报告").click()
        expect(page.locator("#step-close")).to_contain_text("整改任务尚未确认完成")
        expect(page.locator("#step-close").get_by_role("textbox", name="整改报告", exact=True)).to_have_value(
            "整改报告正文"
        )

    with on("2026-03-03"):
        switch_user(page, base, personas.drafter.username, task_url)
        report = page.locator("#step-report_progress")
        report.get_by_role("spinbutton", name="进度（%）", exact=True).fill("100")
        report.get_by_label("进展情况").fill("已开展案卷评查并修订文书范本")
        report.get_by_role("button", name="报告进展").click()
        says(page, "已报告进展：100%。")
        switch_user(page, base, head.username, task_url)
        page.locator("#step-submit_for_signoff").get_by_role("button", name="提请确认完成").click()
        says(page, "已提请分管领导 陈局长 确认完成。")

    with on("2026-03-04"):
        switch_user(page, base, personas.director.username, task_url)
        page.locator("#step-sign_off").get_by_role("button", name="确认完成", exact=True).click()
        says(page, "已确认完成。")

    with on("2026-03-05"):
        switch_user(page, base, reviewer.username, dashboard)
        item = page.locator("li", has_text="整改任务已完成，请登记佐证")
        item.get_by_role("link").click()
        article = page.locator("#findings article")
        expect(article.locator(".badge").first).to_have_text("整改中")
        article.locator("summary").click()
        article.get_by_role("textbox", name="整改完成佐证", exact=True).fill("案卷评查报告、修订后的文书范本")
        article.get_by_role("button", name="登记佐证").click()
        says(page, "已登记整改完成佐证。")
        expect(page.locator("#findings article .badge").first).to_have_text("已整改")

        page.goto(oversight_url)
        page.locator("#close summary").click()
        close = page.locator("#step-close")
        close.get_by_label("整改报告报送单位").fill("市委全面依法治市委员会办公室")
        close.get_by_role("textbox", name="整改报告", exact=True).fill("反馈问题1个，已全部整改完成。")
        close.get_by_role("button", name="报送整改报告").click()
        says(page, "已报送整改报告，评估督察办结。")
        expect(page.locator("#status")).to_contain_text("已报送整改报告")
        expect(page.locator("#status")).to_contain_text("反馈问题 1 个，已整改 1 个")
        expect(page.locator("form[id^=step-close]")).to_have_count(0)
        save_screenshot(page, "oversight-closed")
