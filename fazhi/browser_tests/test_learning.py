"""The law exam walked through in the browser (学法用法).

The personnel division (人事处) has proposed the drafter (张起草) for 基础研究处副处长 and set an
open pre-appointment law exam for them. Confirming the appointment first is refused with the
rule cited. The drafter opens 我的考试 from the menu, starts the exam, answers half of it (each
answer saved as given), reloads the page mid-way — the answers and the clock are still there —
answers the rest and hands in: the score shows at once. The personnel division sees the result
on the exam's page and now confirms the appointment.

The live server runs on the real clock: the exam's window is set around the moment the test
runs, the time limit is 30 minutes."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.browser_tests.conftest import Personas, log_in
from fazhi.core import laws
from fazhi.core.models import Organization
from fazhi.core.roles import Role
from fazhi.core.testing import make_user
from fazhi.learning import actions
from fazhi.learning.models import Employee, Exam

pytestmark = pytest.mark.browser
QUESTIONS = 6


def setting(personas: Personas) -> Any:
    personnel_division = Organization.objects.create(
        name="人事处", code="rsc", kind="division", parent=personas.bureau
    )
    personnel = make_user("personnel", org=personnel_division, roles=[Role.PERSONNEL], full_name="钱人事")
    legal = Organization.objects.create(
        name="政策法规处", code="zcfgc", kind="division", parent=personas.bureau
    )
    reviewer = make_user("reviewer", org=legal, roles=[Role.LEGAL_REVIEWER], full_name="王审核")
    law = laws.create_law(title="中华人民共和国行政处罚法", kind="law", actor=reviewer)
    laws.record_law_version(
        law,
        kind="adopted",
        adopted_on=datetime.date(2021, 1, 22),
        effective_on=datetime.date(2021, 7, 15),
        actor=reviewer,
    )
    version = law.versions.get()
    for i in range(QUESTIONS):
        actions.create_question(
            actor=personnel,
            code=f"B{i}",
            kind="true_false",
            category="administrative",
            stem=f"第{i + 1}题：行政处罚应当由具有行政执法资格的执法人员实施，执法人员不得少于两人。",
            answer="对",
            law=law,
            law_version=version,
            article="第四十二条",
        )
    me = Employee.objects.create(full_name="张起草", unit="市科技局基础研究处", user=personas.drafter)
    now = timezone.now()
    exam = actions.create_exam(
        actor=personnel,
        title="任前法律知识考试（拟任基础研究处副处长）",
        kind=Exam.Kind.PRE_APPOINTMENT,
        year=now.year,
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=1),
        time_limit_minutes=30,
        blueprint=[
            actions.BlueprintSpec("administrative", "true_false", QUESTIONS, actions.exams.Decimal(10))
        ],
    )
    actions.add_candidates(exam, [me], actor=personnel)
    actions.propose_promotion(
        actor=personnel,
        employee=me,
        post="基础研究处副处长",
        appointed_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    return personnel, exam


def seconds_left(page: Any) -> int:
    minutes, seconds = page.locator("#clock-left").inner_text().split(":")
    return int(minutes) * 60 + int(seconds)


def answer(page: Any, fieldset: Any) -> None:
    fieldset.get_by_label("对").check()
    expect(fieldset.locator(".save-state")).to_contain_text("已保存")


def test_staff_take_the_exam_and_the_personnel_division_confirms_after_the_pass(
    page: Any, live_server: Any, personas: Personas
) -> None:
    personnel, exam = setting(personas)

    # The appointment without a passed exam is refused, the rule cited.
    log_in(page, live_server.url, personnel.username)
    page.locator("#staff-menu").get_by_role("link", name="任前考试把关").click()
    row = page.locator("tr", has_text="基础研究处副处长")
    row.get_by_role("button", name="确认任职").click()
    expect(page.locator("ul.messages")).to_contain_text("没有通过任前法律知识考试，不能确认任职")
    expect(page.locator("ul.messages")).to_contain_text("任前法律知识考试成绩有效期12个月")
    page.get_by_role("button", name="退出").click()

    # The candidate takes the exam.
    log_in(page, live_server.url, personas.drafter.username)
    page.locator("#staff-menu").get_by_role("link", name="我的考试").click()
    page.locator("tr", has_text=exam.title).get_by_role("button", name="开始答题").click()
    expect(page.locator("#clock-left")).to_have_text(re.compile(r"^\d+:\d\d$"))
    fieldsets = page.locator("form#paper fieldset")
    expect(fieldsets).to_have_count(QUESTIONS)
    for i in range(QUESTIONS // 2):
        answer(page, fieldsets.nth(i))
    before = seconds_left(page)
    page.wait_for_timeout(1500)

    # A reload mid-way: the answers and the clock are the server's.
    page.reload()
    for i in range(QUESTIONS // 2):
        expect(fieldsets.nth(i).get_by_label("对")).to_be_checked()
    for i in range(QUESTIONS // 2, QUESTIONS):
        expect(fieldsets.nth(i).get_by_label("对")).not_to_be_checked()
    after = seconds_left(page)
    assert after < before <= 30 * 60, (before, after)

    for i in range(QUESTIONS // 2, QUESTIONS):
        answer(page, fieldsets.nth(i))
    page.get_by_role("button", name="交卷").click()
    expect(page.locator("ul.messages")).to_contain_text("已交卷。得分 60.0 / 60.0，合格。")
    expect(page.locator("#score")).to_have_text("60.0")
    expect(page.locator("#verdict")).to_have_text("合格")
    page.get_by_role("button", name="退出").click()

    # The personnel division sees the result and confirms the appointment.
    log_in(page, live_server.url, personnel.username)
    page.locator("#staff-menu").get_by_role("link", name="考试与成绩").click()
    page.get_by_role("link", name=exam.title).click()
    expect(page.locator("#result-table")).to_contain_text("张起草")
    expect(page.locator("#result-table")).to_contain_text("60.0")
    expect(page.locator("#passed-count")).to_have_text("1")
    page.locator("#staff-menu").get_by_role("link", name="任前考试把关").click()
    page.locator("tr", has_text="基础研究处副处长").get_by_role("button", name="确认任职").click()
    expect(page.locator("ul.messages")).to_contain_text("已确认任职")
    expect(page.locator("tr", has_text="基础研究处副处长")).to_contain_text("已任职")
