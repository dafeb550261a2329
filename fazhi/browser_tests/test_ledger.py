"""A key task of the year walked through the task ledger's pages (重点任务台账), from the legal
affairs reviewer putting it on the wall to the director's sign-off.

On Monday 2 March 2026 the reviewer (政策法规处) opens 法治建设责任 › 重点任务台账 from the menu,
finds the year's wall empty, and adds a task owned by 基础研究处 under the director, due Tuesday
31 March; the wall shows it, not started, and the year's figures count it. On Tuesday 3 March the
director supervises it from the wall: an instruction and an answer by Friday 13 March. On Monday
9 March a staff member of the division finds the task (due within 30 days) and the supervision to
answer in 我的工作, answers on time and reports the task at 100%. On Tuesday 10 March the division
head finds it ready in 我的工作 and submits it for sign-off; on Wednesday 11 March the director
finds it waiting in 我的工作 and signs it off: done on time, and the wall shows it 已完成 with the
year's figures updated (1 task, 1 done of which 1 in time, 1 supervision answered in time).

As in test_disputes.py, the live server runs on fixed days under time-machine (`on`), which
moves the live server's clock too; each person signs in again on each day."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from fazhi.browser_tests.conftest import Personas, log_in, save_screenshot
from fazhi.core.models import Organization, User
from fazhi.core.roles import Role
from fazhi.core.testing import make_user

pytestmark = pytest.mark.browser

TITLE = "完成《天津市科技进步促进条例》修改的配合工作"
DIVISION = "基础研究处"
DUE = "2026年3月31日"
RESPOND_BY = "2026年3月13日"
INSTRUCTION = "请抓紧形成修改建议稿，3月13日前报告进展。"
RESPONSE = "已召开专题会，修改建议稿已形成。"


@contextmanager
def on(day: str) -> Iterator[None]:
    """Run the block on `day` (YYYY-MM-DD) from 10:00 Beijing time, the clock running."""
    with time_machine.travel(f"{day} 10:00 +08:00", tick=True):
        yield


@dataclass
class Cast:
    reviewer: User
    director: User
    staff: User
    head: User


def cast_of(personas: Personas) -> Cast:
    """政策法规处 with its legal affairs reviewer; the director; 基础研究处 with its staff member
    (the personas' drafter) and its head."""
    legal = Organization.objects.create(
        name="政策法规处", code="zcfgc", kind="division", parent=personas.bureau, is_legal_affairs=True
    )
    return Cast(
        reviewer=make_user("reviewer", org=legal, roles=[Role.LEGAL_REVIEWER], full_name="王审核"),
        director=personas.director,
        staff=personas.drafter,
        head=make_user(
            "division_head", org=personas.sci_division, roles=[Role.DIVISION_HEAD], full_name="李处长"
        ),
    )


def switch_user(page: Any, base_url: str, username: str, url: str) -> None:
    page.context.clear_cookies()
    log_in(page, base_url, username)
    page.goto(url)


def says(page: Any, text: str) -> None:
    """The page that the last click led to shows `text` among its messages (waits for it)."""
    expect(page.locator("ul.messages")).to_contain_text(text)


def step(page: Any, name: str) -> Any:
    """The form of one step on the task's page."""
    return page.locator(f"#step-{name}")


def pending_items(page: Any) -> Any:
    """The entries of 待办事项 on 我的工作 (a division head's page calls them 待我审核、签批)."""
    heading = page.get_by_role("heading", name=re.compile("^(待办事项|待我审核、签批)$"))
    return page.locator("section", has=heading).locator("li")


def expect_figures(page: Any, **values: int) -> None:
    """The year's figures on the wall: `tasks=1` is the number shown in #fig-tasks, and so on."""
    for name, value in values.items():
        figure = page.locator(f"#fig-{name.replace('_', '-')} .stat-value")
        expect(figure).to_have_text(str(value))


def test_a_key_task_goes_from_the_wall_through_supervision_to_the_directors_sign_off(
    page: Any, live_server: Any, personas: Personas
) -> None:
    base = live_server.url
    dashboard = base + reverse("core:dashboard")
    board = base + reverse("ledger:board") + "?year=2026"
    detail = re.compile(re.escape(base + reverse("ledger:board")) + r"(\d+)/(#\w+)?$")

    # Monday 2 March: the reviewer puts the task on the wall.
    with on("2026-03-02"):
        cast = cast_of(personas)
        log_in(page, base, cast.reviewer.username)
        menu = page.locator("#staff-menu")
        expect(menu.get_by_role("heading", name="法治建设责任")).to_be_visible()
        menu.get_by_role("link", name="重点任务台账").click()
        expect(page).to_have_url(base + reverse("ledger:board"))
        expect(page.locator("h1")).to_have_text("2026 年重点任务台账")
        expect(page.locator("main")).to_contain_text("2026 年尚无重点任务。")
        expect_figures(page, tasks=0, done=0, supervisions=0)

        page.get_by_role("link", name="新增任务").click()
        expect(page).to_have_url(base + reverse("ledger:create") + "?year=2026")
        form = page.locator("#create-form")
        expect(form.get_by_role("spinbutton", name="年度", exact=True)).to_have_value("2026")
        form.get_by_role("textbox", name="任务", exact=True).fill(TITLE)
        form.get_by_label("目标和措施").fill("配合市人大形成条例修改建议稿并报送。")
        form.get_by_label("任务来源").fill("局党委年度工作要点")
        division = form.get_by_role("combobox", name="责任处室", exact=True)
        expect(division.locator("option")).to_have_text(["请选择", DIVISION, "政策法规处"])
        division.select_option(label=DIVISION)
        lead = form.get_by_role("combobox", name="分管领导", exact=True)
        expect(lead.locator("option")).to_have_text(["请选择", "陈局长"])  # the leadership only
        lead.select_option(label="陈局长")
        form.get_by_label("完成时限").fill("2026-03-31")
        form.get_by_role("button", name="保存").click()
        says(page, f"已列入 2026 年重点任务台账：{TITLE}，完成时限 2026年3月31日。")
        expect(page).to_have_url(detail)
        task_url = page.url
        expect(page.locator("h1")).to_have_text(TITLE)
        expect(page.locator("#status")).to_contain_text("未开始")
        info = page.locator("#info")
        expect(info.locator("tr", has_text="责任处室")).to_contain_text(DIVISION)
        expect(info.locator("tr", has_text="分管领导")).to_contain_text("陈局长")
        expect(info.locator("tr", has_text="完成时限").locator("time")).to_have_text(DUE)
        expect(info.locator("tr", has_text="录入")).to_contain_text("王审核")

        # The wall shows it under its division, not started, and counts it.
        page.locator("nav.breadcrumbs").get_by_role("link", name="2026 年重点任务台账").click()
        expect(page).to_have_url(board)
        expect(page.get_by_role("heading", name=DIVISION)).to_contain_text("1 项")
        row = page.locator("tbody tr", has_text=TITLE)
        expect(row).to_contain_text("陈局长")
        expect(row.locator(".deadline time")).to_have_text(DUE)
        expect(row).to_contain_text("0%")
        expect(row).to_contain_text("未开始")
        expect(row.locator("td").last).to_have_text("—")  # no supervision
        expect_figures(page, tasks=1, done=0, done_in_time=0, overdue=0, supervisions=0)
        save_screenshot(page, "ledger-task-on-the-wall")

    # Tuesday 3 March: the director supervises it from the wall.
    with on("2026-03-03"):
        switch_user(page, base, cast.director.username, dashboard)
        page.locator("#staff-menu").get_by_role("link", name="重点任务台账").click()
        page.locator("tbody tr", has_text=TITLE).get_by_role("link", name=TITLE).click()
        expect(page).to_have_url(task_url)
        page.locator("#supervision summary", has_text="督办此项任务").click()
        supervise = step(page, "supervise")
        supervise.get_by_label("督办意见").fill(INSTRUCTION)
        supervise.get_by_label("反馈时限").fill("2026-03-13")
        supervise.get_by_role("button", name="督办", exact=True).click()
        says(page, "已督办。")
        expect(page).to_have_url(task_url + "#supervision")
        given = page.locator("#supervision article")
        expect(given).to_have_count(1)
        expect(given.get_by_role("heading")).to_have_text("2026年3月3日 陈局长 督办")
        expect(given).to_contain_text(INSTRUCTION)
        expect(given.locator(".deadline time")).to_have_text(RESPOND_BY)
        expect(given).to_contain_text("待责任处室反馈。")

    # Monday 9 March: the division's staff member answers and reports the task done.
    with on("2026-03-09"):
        switch_user(page, base, cast.staff.username, dashboard)
        due_soon = pending_items(page).filter(has_text=f"临近完成时限：{TITLE}")
        expect(due_soon.get_by_role("link")).to_have_text(f"临近完成时限：{TITLE}")
        expect(due_soon.locator(".deadline time")).to_have_text(DUE)
        to_answer = pending_items(page).filter(has_text=f"反馈督办意见：{TITLE}")
        expect(to_answer.locator(".tag")).to_have_text("督办")
        expect(to_answer.locator(".deadline time")).to_have_text(RESPOND_BY)
        save_screenshot(page, "ledger-staff-dashboard")
        to_answer.get_by_role("link").click()
        expect(page).to_have_url(task_url + "#supervision")

        answer = page.locator("#supervision article").locator("form[id^=step-respond-]")
        answer.get_by_label("反馈情况").fill(RESPONSE)
        answer.get_by_role("button", name="反馈", exact=True).click()
        says(page, "已反馈督办。")
        expect(page).to_have_url(task_url + "#supervision")
        answered = page.locator("#supervision article")
        expect(answered).to_contain_text("2026年3月9日 反馈 按期反馈")
        expect(answered).to_contain_text(RESPONSE)
        expect(answered.locator("form")).to_have_count(0)

        report = step(page, "report_progress")
        expect(report.get_by_role("spinbutton", name="进度（%）", exact=True)).to_have_value("0")
        report.get_by_role("spinbutton", name="进度（%）", exact=True).fill("100")
        report.get_by_label("进展情况").fill("修改建议稿已报送市人大常委会法工委。")
        report.get_by_role("button", name="报告进展").click()
        says(page, "已报告进展：100%。")
        expect(page).to_have_url(task_url + "#progress")
        expect(page.locator("#status")).to_contain_text("推进中")
        expect(page.locator("#status")).to_contain_text("100%")
        expect(page.locator("#progress tbody tr td")).to_have_text(
            ["2026年3月9日", "100%", "修改建议稿已报送市人大常委会法工委。", "张起草"]
        )
        expect(step(page, "submit_for_signoff")).to_have_count(0)  # the head submits

    # Tuesday 10 March: the division head submits it for sign-off.
    with on("2026-03-10"):
        switch_user(page, base, cast.head.username, dashboard)
        expect(pending_items(page).filter(has_text="反馈督办意见")).to_have_count(0)  # answered
        ready = pending_items(page).filter(has_text="提请分管领导确认完成")
        expect(ready.get_by_role("link")).to_have_text(f"提请分管领导确认完成：{TITLE}")
        ready.get_by_role("link").click()
        expect(page).to_have_url(task_url + "#signoff")
        step(page, "submit_for_signoff").get_by_role("button", name="提请确认完成").click()
        says(page, "已提请分管领导 陈局长 确认完成。")
        expect(page).to_have_url(task_url + "#signoff")
        expect(page.locator("#status")).to_contain_text("待分管领导确认完成")
        expect(page.locator("#signoff")).to_contain_text(
            "责任处室于 2026年3月10日 提请确认完成，待分管领导 陈局长 确认。"
        )

    # Wednesday 11 March: the director signs it off; the wall shows it done.
    with on("2026-03-11"):
        switch_user(page, base, cast.director.username, dashboard)
        waiting = pending_items(page).filter(has_text="确认完成或退回")
        expect(waiting.get_by_role("link")).to_have_text(f"确认完成或退回：{TITLE}（{DIVISION}）")
        waiting.get_by_role("link").click()
        expect(page).to_have_url(task_url + "#signoff")
        step(page, "sign_off").get_by_role("button", name="确认完成", exact=True).click()
        says(page, "已确认完成。")
        expect(page).to_have_url(task_url + "#signoff")
        expect(page.locator("#status")).to_contain_text("已完成")
        expect(page.locator("#signoff")).to_contain_text("分管领导 陈局长 于 2026年3月11日 确认")
        info = page.locator("#info")
        expect(info.locator("tr", has_text="完成日期")).to_contain_text("2026年3月10日 按期完成")
        expect(info.locator("tr", has_text="分管领导确认日期")).to_contain_text("2026年3月11日")
        expect(page.locator("form[id^=step-]")).to_have_count(1)  # only the year-end assessment
        expect(step(page, "assess")).to_have_count(1)

        page.locator("nav.breadcrumbs").get_by_role("link", name="2026 年重点任务台账").click()
        expect(page).to_have_url(board)
        row = page.locator("tbody tr", has_text=TITLE)
        expect(row).to_contain_text("2026年3月31日")
        expect(row).to_contain_text("100%")
        expect(row.locator(".badge")).to_have_text("已完成")  # neither open nor late
        expect(row.locator("td").last).to_have_text("—")  # the supervision answered
        expect_figures(page, tasks=1, done=1, done_in_time=1, overdue=0, supervisions=1, responded_in_time=1)
        expect(page.locator("#fig-done")).to_contain_text("已完成（100.0%）")
        expect(page.locator("#figures")).to_contain_text("1 / 1")
        save_screenshot(page, "ledger-task-done")
