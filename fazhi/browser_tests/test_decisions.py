"""A major decision's public participation through the real pages (issue 5): the drafter opens
the consultation from the matter's page with the 30-day window the rule book gives; a citizen,
not signed in, comments on the public consultation page and answers its offline captcha; after
the window the drafter answers the comment and publishes the adoption report; the answer then
appears on the public page. The director looks at the board of the year.

The live server runs on the real date. The matter is put in the year's catalog and brought to
public participation through the actions (the catalog pages have their own tests). The window is
30 days and a test cannot wait that long, so the part after the window runs under time-machine,
which moves the clock of the live server too (it patches the process, every thread); the
browser keeps its own clock, and the sign-in after the jump sets cookies that expire later
still, so nothing is lost."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.browser_tests.conftest import Personas, log_in, save_screenshot
from fazhi.core.formats import cn_date
from fazhi.core.models import CalendarYear, Organization, User
from fazhi.core.roles import Role
from fazhi.core.testing import make_user
from fazhi.decisions import actions
from fazhi.decisions.models import Consultation, DecisionComment, MajorDecision

pytestmark = pytest.mark.browser

TITLE = "天津市基础研究十年行动方案"
COMMENT = "建议在行动方案中明确青年科学家长期稳定支持的比例。"
ANSWER = "已在第三章增加青年科学家稳定支持比例不低于30%的表述。"


def reviewer_of(personas: Personas) -> User:
    """The legal affairs reviewer, who compiles the catalog. The year after this one is
    registered, so that a window or an archive deadline crossing New Year can be computed."""
    next_year = timezone.localdate().year + 1
    CalendarYear.objects.get_or_create(year=next_year, defaults={"source": "测试"})
    legal = Organization.objects.create(
        name="政策法规处", code="zcfgc", kind="division", parent=personas.bureau, is_legal_affairs=True
    )
    return make_user("reviewer", org=legal, roles=[Role.LEGAL_REVIEWER], full_name="王审核")


def at_public_participation(personas: Personas, reviewer: User) -> MajorDecision:
    """The matter and a second one (risk assessment waived, planned end passed, so the board
    has something to mark) in this year's published catalog, the first at public
    participation with its draft saved."""
    today = timezone.localdate()
    drafter = personas.drafter
    decision = actions.propose_decision(
        actor=drafter,
        year=today.year,
        title=TITLE,
        legal_basis="《中华人民共和国科学技术进步法》《天津市科学技术进步条例》",
        reason="涉及全市基础研究布局和财政投入的重大规划",
        planned_end=today + datetime.timedelta(days=120),
    )
    late = actions.propose_decision(
        actor=drafter,
        year=today.year,
        title="天津市科技计划项目经费管理改革方案",
        legal_basis="《国务院关于优化科研管理提升科研绩效若干措施的通知》",
        reason="涉及科研人员切身利益",
        planned_end=today - datetime.timedelta(days=10),
        waivers={"risk_assessment": "内部经费管理事项，不涉及社会稳定和公共安全"},
    )
    catalog = actions.create_catalog(actor=reviewer, agency=personas.bureau, year=today.year)
    for matter in (decision, late):
        actions.add_to_catalog(catalog, matter, actor=reviewer)
    actions.approve_catalog(catalog, actor=reviewer, meeting="局党委会", approved_on=today)
    actions.publish_catalog(catalog, actor=reviewer)
    for matter in (decision, late):
        matter.refresh_from_db()
        actions.save_draft(
            matter,
            actor=drafter,
            draft_text="第一章 总体要求\n第二章 重点任务\n第三章 保障措施",
            explanation="为落实国家基础研究十年行动部署，起草本方案。",
        )
        actions.start_procedures(matter, actor=drafter)
    decision.refresh_from_db()
    assert decision.stage == MajorDecision.Stage.PUBLIC_PARTICIPATION
    return decision


def switch_user(page: Any, base_url: str, username: str, url: str) -> None:
    page.context.clear_cookies()
    log_in(page, base_url, username)
    page.goto(url)


def says(page: Any, text: str) -> None:
    """The page that the last click led to shows `text` among its messages (waits for it)."""
    expect(page.locator("ul.messages")).to_contain_text(text)


def solve_captcha(page: Any) -> str:
    """The answer to the captcha's question in words ("12 加 7 等于几？"), as a person reads it."""
    question = page.locator("#captcha-question strong").inner_text()
    match = re.search(r"(\d+)\s*(加|减|乘以)\s*(\d+)", question)
    assert match, question
    a, op, b = int(match.group(1)), match.group(2), int(match.group(3))
    return str({"加": a + b, "减": a - b, "乘以": a * b}[op])


def test_a_citizen_comments_staff_answer_and_the_answer_appears_on_the_public_page(
    page: Any, live_server: Any, personas: Personas
) -> None:
    reviewer = reviewer_of(personas)
    decision = at_public_participation(personas, reviewer)
    base = live_server.url
    detail_url = base + reverse("decisions:detail", args=[decision.pk])

    # The drafter opens the consultation from the matter's page, with the earliest closing date
    # the page offers (30 days, from the rule book, its basis on hover).
    log_in(page, base, personas.drafter.username)
    page.goto(detail_url)
    expect(page.locator("#status")).to_contain_text("公众参与")
    participation = page.locator("#participation")
    expect(participation).to_contain_text("期限少于30日的须说明理由，理由向社会公开")
    hint = participation.locator(".help .deadline").first
    expect(hint).to_have_attribute("title", re.compile("第十五条"))
    earliest = hint.locator("time").get_attribute("datetime")
    closes_on = datetime.date.fromisoformat(earliest)
    assert closes_on >= timezone.localdate() + datetime.timedelta(days=30)
    form = page.locator("#step-open_consultation")
    form.get_by_label("征求意见截止日").fill(earliest)
    form.get_by_role("button", name="公开征求意见").click()
    says(page, f"已公开征求意见，至 {cn_date(closes_on)} 截止。")
    expect(participation).to_contain_text("尚未收到意见。")
    save_screenshot(page, "decision-detail-consultation-open")
    public_url = page.locator("#public-consultation").get_attribute("href")
    assert public_url == reverse("public_decisions:consultation", args=[Consultation.objects.get().pk])

    # A citizen, not signed in, comments on the public page and answers the captcha.
    page.context.clear_cookies()
    page.goto(base + public_url)
    expect(page.locator("h1")).to_contain_text(TITLE)
    comment_form = page.locator("#comment-form")
    comment_form.get_by_label("意见和建议").fill(COMMENT)
    comment_form.get_by_label("姓名或单位（选填）").fill("南开区 王先生")
    comment_form.get_by_label("答案（填写数字）").fill(solve_captcha(page))
    comment_form.get_by_role("button", name="提交意见").click()
    says(page, "您的意见已提交")
    comment = DecisionComment.objects.get()
    assert comment.text == COMMENT and comment.adoption == ""

    # The drafter sees it on the matter's page, still waiting for an answer.
    switch_user(page, base, personas.drafter.username, detail_url)
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text(COMMENT)
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text("待答复")

    # The director looks at the board: the matter at public participation, the other one
    # overdue (in words), its waived risk assessment with the reason on hover.
    switch_user(page, base, personas.director.username, base + reverse("decisions:board"))
    board = page.locator("#board")
    expect(board.locator(f"#decision-{decision.pk}")).to_contain_text("进行中")
    late = board.locator("tr", has_text="天津市科技计划项目经费管理改革方案")
    expect(late).to_contain_text("超过计划完成日期")
    expect(late.locator('[title^="不适用的理由"]')).to_have_attribute(
        "title", "不适用的理由：内部经费管理事项，不涉及社会稳定和公共安全"
    )
    save_screenshot(page, "decision-board")

    # The day after the window: the drafter answers the comment and publishes the report.
    after = closes_on + datetime.timedelta(days=1)
    with time_machine.travel(
        datetime.datetime(after.year, after.month, after.day, 10, tzinfo=timezone.get_current_timezone()),
        tick=True,
    ):
        switch_user(page, base, personas.drafter.username, detail_url)
        expect(page.locator("#status")).to_contain_text("答复公众意见并公布采纳情况")
        answer = page.locator(f"#answer-{comment.pk}")
        answer.get_by_label("采纳", exact=True).check()
        answer.get_by_label("答复").fill(ANSWER)
        answer.get_by_role("button", name="答复意见 1").click()
        says(page, "已答复该条意见。")
        expect(page.locator(f"#comment-{comment.pk}")).to_contain_text(ANSWER)
        report = page.locator("#step-publish_report")
        report.get_by_label("意见采纳情况报告").fill("征求意见期间收到意见1条，采纳1条。")
        report.get_by_role("button", name="公布意见采纳情况").click()
        says(page, "已公布意见采纳情况。")
        save_screenshot(page, "decision-detail-answered")

        # The answer appears on the public page.
        page.context.clear_cookies()
        page.goto(base + public_url)
        answers = page.locator("#answers").locator("..")
        expect(answers).to_contain_text(COMMENT)
        expect(answers).to_contain_text("采纳")
        expect(answers).to_contain_text(ANSWER)
        expect(page.locator("#report").locator("..")).to_contain_text("征求意见期间收到意见1条，采纳1条。")
        save_screenshot(page, "decision-public-consultation-answered")
