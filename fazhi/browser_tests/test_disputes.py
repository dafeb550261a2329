"""A reconsideration and a lawsuit walked through the real pages by the legal affairs reviewer
(复议诉讼调解), and the director finding the court session in 我的工作.

A penalty decision of the bureau, decided, served and published on Monday 14 September 2026, is
set up through the enforcement actions. The reviewer opens 复议诉讼调解 from the menu and
registers the reconsideration the municipal government sent (application copy received on
Tuesday 22 September), linked to that case: the reply is due in 10 working days, across the
Mid-Autumn (25 September) and National Day (1–7 October) holidays with Saturday 10 October worked,
by Tuesday 13 October, its basis shown on hover. The reviewer replies on 29 September and plans
the hearing with the director attending, which the director then finds in 我的工作; on 20 November the reconsideration organ revokes the
decision, and both the reconsideration's page and the enforcement case's page (through its link)
show the reversal and the 3-working-day withdrawal of its publicity, by 25 November. On
23 November the reviewer registers a lawsuit and plans the court appearance: with the head
excused but no sealed proof, the page refuses it citing 法释〔2020〕3号第九条 and saves nothing;
then with the director. On 24 November the director finds the session in 我的工作.

As in test_enforcement.py, the live server runs on fixed days under time-machine (`on`), which
moves the live server's clock too; each person signs in again on each day."""

from __future__ import annotations

import datetime
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
from fazhi.core.models import Inspector, NumberSeries, Organization, User
from fazhi.core.roles import Role
from fazhi.core.testing import make_user
from fazhi.enforcement import actions as enforcement
from fazhi.enforcement.models import CaseRecord, EnforcementCase
from fazhi.inspections import registry

pytestmark = pytest.mark.browser

D = datetime.date
TITLE = "未取得实验动物使用许可证从事动物实验"
PARTY = "天津某生物科技有限公司"
PENALTY_NUMBER = "津科罚〔2026〕1号"
APPLICANT = PARTY
REPLY_DUE = "2026年10月13日"  # 10 working days after Tuesday 22 September 2026
REPLY_BASIS = "《行政复议法》第四十八条、第八十八条"
WITHDRAWAL_DUE = "2026年11月25日"  # 3 working days after Friday 20 November 2026
WITHDRAWAL_BASIS = "《行政处罚法》第四十八条、第八十五条"
PLAINTIFF = "天津某实验动物中心"
COURT = "天津市和平区人民法院"


@contextmanager
def on(day: str) -> Iterator[None]:
    """Run the block on `day` (YYYY-MM-DD) from 10:00 Beijing time, the clock running."""
    with time_machine.travel(f"{day} 10:00 +08:00", tick=True):
        yield


@dataclass
class Cast:
    reviewer: User
    officer: User
    director: User


def cast_of(personas: Personas) -> Cast:
    """政策法规处 with its legal affairs reviewer, and 科技监督与诚信建设处 with two enforcement
    officers, each linked to an entry of the inspectors' registry with a certificate valid until
    2028; and the bureau's penalty number series."""
    legal = Organization.objects.create(
        name="政策法规处", code="zcfgc", kind="division", parent=personas.bureau, is_legal_affairs=True
    )
    supervision = Organization.objects.create(
        name="科技监督与诚信建设处", code="jdcxc", kind="division", parent=personas.bureau
    )
    reviewer = make_user("reviewer", org=legal, roles=[Role.LEGAL_REVIEWER], full_name="王审核")
    officers = []
    for n, (username, name) in enumerate([("officer", "周执法"), ("officer2", "吴执法")], start=1):
        officer = make_user(username, org=supervision, roles=[Role.ENFORCEMENT_OFFICER], full_name=name)
        registry.create_inspector(
            actor=reviewer,
            name=name,
            certificate_number=f"12020{n:04d}",
            certificate_expires_on=D(2028, 12, 31),
            domains=["lab_animals"],
            user=officer,
        )
        officers.append(officer)
    NumberSeries.objects.create(organization=personas.bureau, kind=NumberSeries.Kind.PENALTY, prefix="津科罚")
    return Cast(reviewer=reviewer, officer=officers[0], director=personas.director)


def published_penalty(cast: Cast) -> EnforcementCase:
    """Today: a case filed with both officers, investigated, the party notified (no hearing right)
    and waiving; the director decides a fine; the officer serves and publishes the decision."""
    case = enforcement.file_case(
        actor=cast.officer,
        title=TITLE,
        category=EnforcementCase.Category.PENALTY,
        party_name=PARTY,
        party_kind=EnforcementCase.PartyKind.ORGANIZATION,
        party_code="91120116MA05XXXX1M",
        facts="双随机抽查发现该公司未取得许可证即开展动物实验。",
        officers=list(Inspector.objects.order_by("certificate_number")),
        discovered_on=D(2026, 9, 11),
        violation_occurred_on=D(2026, 9, 10),
    )
    enforcement.add_record(case, actor=cast.officer, step=CaseRecord.Step.INVESTIGATION, title="现场检查笔录")
    enforcement.notify(
        case,
        actor=cast.officer,
        proposed_decision="依据《实验动物管理条例》第二十九条，拟给予警告并处罚款一万元。",
        hearing_right=False,
    )
    enforcement.record_statement(case, actor=cast.officer, waived=True)
    enforcement.decide(
        case,
        actor=cast.director,
        outcome=EnforcementCase.Outcome.PENALTY,
        decision_text="给予警告，并处罚款人民币壹万元整。",
        fine_amount="10000",
    )
    enforcement.serve(case, actor=cast.officer, served_on=D(2026, 9, 14), method="直接送达")
    enforcement.publish(case, actor=cast.officer)
    case.refresh_from_db()
    assert (case.decision_number, case.published_on) == (PENALTY_NUMBER, D(2026, 9, 14))
    return case


def switch_user(page: Any, base_url: str, username: str, url: str) -> None:
    page.context.clear_cookies()
    log_in(page, base_url, username)
    page.goto(url)


def says(page: Any, text: str) -> None:
    """The page that the last click led to shows `text` among its messages (waits for it)."""
    expect(page.locator("ul.messages")).to_contain_text(text)


def step(page: Any, name: str) -> Any:
    """The form of one step on the matter's page."""
    return page.locator(f"#step-{name}")


def pending_items(page: Any) -> Any:
    """The entries of 待办事项 on 我的工作."""
    return page.locator("section", has=page.get_by_role("heading", name="待办事项")).locator("li")


def expect_deadline(deadline: Any, due: str, basis: str) -> None:
    """A deadline gives `due`, with its basis in the title and in the tip that hovering shows."""
    expect(deadline.locator("time")).to_have_text(due)
    expect(deadline).to_have_attribute("title", re.compile(re.escape(basis)))
    tip = deadline.locator(".basis-tip")
    expect(tip).to_be_hidden()
    deadline.hover()
    expect(tip).to_be_visible()
    expect(tip).to_have_text(f"依据：{basis}")


def test_the_reviewer_answers_a_reconsideration_that_revokes_a_penalty_and_plans_a_court_appearance(
    page: Any, live_server: Any, personas: Personas
) -> None:
    base = live_server.url

    # Monday 14 September: the penalty decision, decided, served and published.
    with on("2026-09-14"):
        cast = cast_of(personas)
        penalty = published_penalty(cast)
    penalty_url = base + reverse("enforcement:detail", args=[penalty.pk])

    # Tuesday 22 September: the application copy arrives; the reviewer registers it from the menu.
    with on("2026-09-22"):
        log_in(page, base, cast.reviewer.username)
        menu = page.locator("#staff-menu")
        expect(menu.get_by_role("heading", name="复议诉讼调解")).to_be_visible()
        # Several sections have an 概况 entry: the one of this section.
        overview = menu.locator(f'a[href="{reverse("disputes:index")}"]')
        expect(overview).to_have_text("概况")
        overview.click()
        expect(page).to_have_url(base + reverse("disputes:index"))
        expect(page.locator("#open-reconsiderations")).to_contain_text("没有未办结的行政复议。")
        page.get_by_role("link", name="登记行政复议").click()
        expect(page).to_have_url(base + reverse("disputes:reconsideration_create"))
        form = page.locator("#create-form")
        form.get_by_role("textbox", name="申请人", exact=True).fill(APPLICANT)
        expect(form.get_by_role("textbox", name="复议机关", exact=True)).to_have_value("天津市人民政府")
        form.get_by_label("复议案号").fill("津政复〔2026〕88号")
        form.get_by_role("textbox", name="被申请复议的行政行为", exact=True).fill(
            f"{PENALTY_NUMBER}行政处罚决定"
        )
        form.get_by_label("收到申请书副本之日").fill("2026-09-22")
        # Only decided cases are offered.
        linked = form.get_by_label("关联执法案件")
        option = f"{penalty.code} {TITLE}（{PARTY}）"
        expect(linked.locator("option")).to_have_text(["（不关联）", option])
        linked.select_option(label=option)
        form.get_by_role("button", name="保存").click()
        says(page, f"已登记；应于 {REPLY_DUE} 前提交答复和证据。")
        expect(page).to_have_url(re.compile(re.escape(base) + r"/work/disputes/reconsiderations/\d+/$"))
        case_url = page.url
        expect(page.locator("h1")).to_contain_text(f"行政复议：{APPLICANT}")
        expect(page.locator("#status")).to_contain_text("已收到申请书副本，待答复")
        link_row = page.locator("#linked-case")
        expect(link_row.get_by_role("link", name=penalty.code)).to_have_attribute(
            "href", reverse("enforcement:detail", args=[penalty.pk])
        )
        expect(link_row).to_contain_text(f"决定书文号 {PENALTY_NUMBER}")
        expect(link_row).to_contain_text("决定未被变更、撤销")
        reply_row = page.locator("#deadlines tr", has_text="提交答复和证据")
        expect(reply_row).to_contain_text("待办")
        expect_deadline(reply_row.locator(".deadline"), REPLY_DUE, REPLY_BASIS)
        save_screenshot(page, "disputes-reconsideration-registered")

    # Tuesday 29 September: the reply goes in on time; the director will attend the hearing.
    with on("2026-09-29"):
        switch_user(page, base, cast.reviewer.username, case_url)
        reply = step(page, "submit_reply")
        expect(reply.get_by_label("提交答复和证据之日")).to_have_value("2026-09-29")
        reply.get_by_label("答复要点").fill("认定事实清楚，证据确凿，适用依据正确，程序合法。")
        reply.get_by_role("button", name="提交答复").click()
        says(page, "已提交答复。")
        expect(page.locator("#reply")).to_contain_text("2026年9月29日 按期答复")
        expect(page.locator("#deadlines tr", has_text="提交答复和证据")).to_contain_text("2026年9月29日 按期")
        expect(page.locator("#status")).to_contain_text("已答复，待决定")

        page.locator("#hearing summary", has_text="安排参加听证").click()
        hearing = step(page, "plan_reconsideration_hearing")
        hearing.get_by_label("听证日期").fill("2026-10-20")
        hearing.get_by_role("combobox", name="负责人", exact=True).select_option(label="陈局长")
        hearing.get_by_role("button", name="安排复议听证").click()
        says(page, "已安排复议听证。")
        expect(page.locator("#hearing tr", has_text="听证日期")).to_contain_text("2026年10月20日")
        expect(page.locator("#hearing tr", has_text="参加听证")).to_contain_text("陈局长 负责人参加")
        expect(page.locator("#status")).to_contain_text("2026年10月20日 复议听证：陈局长 参加")

        # The director finds the hearing in 我的工作.
        switch_user(page, base, cast.director.username, base + reverse("core:dashboard"))
        hearing_item = pending_items(page).filter(has_text="复议听证")
        expect(hearing_item).to_have_text(
            f"复议听证 2026年10月20日 参加复议听证：{APPLICANT}申请行政复议（天津市人民政府）"
        )
        hearing_item.get_by_role("link").click()
        expect(page).to_have_url(case_url + "#hearing")

    # Friday 20 November: the municipal government revokes the penalty decision.
    with on("2026-11-20"):
        switch_user(page, base, cast.reviewer.username, case_url)
        decision = step(page, "record_reconsideration_decision")
        decision.get_by_label("复议决定日期").fill("2026-11-20")
        decision.get_by_label("复议决定书送达之日").fill("2026-11-20")
        decision.get_by_label("复议结果").select_option(label="撤销")
        decision.get_by_label("复议决定要点").fill("认定事实不清，撤销该行政处罚决定。")
        decision.get_by_role("button", name="记录复议决定").click()
        says(
            page,
            f"已记录复议决定；关联执法案件 {penalty.code} 的决定已记为被变更、撤销，应于 {WITHDRAWAL_DUE} 前撤回公示。",
        )
        expect(page).to_have_url(case_url + "#decision")
        expect(page.locator("#status")).to_contain_text("复议机关已决定")
        outcome = page.locator("#decision tr", has_text="复议结果")
        expect(outcome).to_contain_text("撤销")
        expect(outcome).to_contain_text("行政行为被变更、撤销或者确认违法、无效")
        link_row = page.locator("#linked-case")
        expect(link_row).to_contain_text("决定已被变更、撤销或者确认违法、无效 2026年11月20日")
        expect(link_row).to_contain_text("撤回公示")
        expect_deadline(link_row.locator(".deadline"), WITHDRAWAL_DUE, WITHDRAWAL_BASIS)
        expect(page.locator("#must-perform")).to_contain_text("须填写履行之日和履行情况后方可办结")
        save_screenshot(page, "disputes-reconsideration-revoked")

        # The enforcement case's page, through the link, records the reversal and the withdrawal due.
        link_row.get_by_role("link", name=penalty.code).click()
        expect(page).to_have_url(penalty_url)
        publicity = page.locator("#publicity")
        reversal = publicity.locator("tr", has_text="决定被变更、撤销或者确认违法、无效")
        expect(reversal).to_contain_text("2026年11月20日")
        expect(reversal).to_contain_text("天津市人民政府行政复议决定撤销：认定事实不清，撤销该行政处罚决定。")
        withdrawal = publicity.locator("tr", has_text="撤回期限")
        expect_deadline(withdrawal.locator(".deadline"), WITHDRAWAL_DUE, WITHDRAWAL_BASIS)

    # Monday 23 November: a lawsuit; the appearance is refused without the head or sealed proof.
    with on("2026-11-23"):
        switch_user(page, base, cast.reviewer.username, base + reverse("core:dashboard"))
        page.locator("#staff-menu").get_by_role("link", name="行政诉讼").click()
        expect(page).to_have_url(base + reverse("disputes:litigations"))
        expect(page.locator("main")).to_contain_text("尚无行政诉讼。")
        page.get_by_role("link", name="登记行政诉讼").click()
        expect(page).to_have_url(base + reverse("disputes:litigation_create"))
        form = page.locator("#create-form")
        form.get_by_role("textbox", name="原告", exact=True).fill(PLAINTIFF)
        form.get_by_role("textbox", name="受理法院", exact=True).fill(COURT)
        form.get_by_label("案号").fill("（2026）津0101行初58号")
        expect(form.get_by_label("审级")).to_have_value("first")
        form.get_by_role("textbox", name="被诉行政行为", exact=True).fill(
            "市科技局对原告政府信息公开申请作出的答复"
        )
        form.get_by_label("收到起诉状副本之日").fill("2026-11-23")
        form.get_by_label("法院通知负责人出庭").check()
        form.get_by_role("button", name="保存").click()
        says(page, "已登记；应于 2026年12月8日 前提交答辩状和证据。")
        expect(page).to_have_url(re.compile(re.escape(base) + r"/work/disputes/litigations/\d+/$"))
        lawsuit_url = page.url
        expect(page.locator("h1")).to_contain_text(f"行政诉讼：{PLAINTIFF}")
        expect(page.locator("#info tr", has_text="法院通知负责人出庭")).to_contain_text("是")
        expect(page.locator("#appearance")).to_contain_text("尚未安排出庭。")

        # The head is away on a duty no one else can do, but no sealed proof is attached.
        plan = step(page, "plan_appearance")
        plan.get_by_label("开庭日期").fill("2026-12-15")
        expect(plan.get_by_role("combobox", name="负责人", exact=True)).to_have_value("")
        plan.get_by_label("负责人不能出庭的事由").select_option(label="需要履行他人不能代替的公务")
        plan.get_by_label("事由说明").fill("出席全国科技工作会议")
        plan.get_by_label("出庭工作人员").fill("王审核")
        plan.get_by_role("button", name="安排出庭").click()
        says(page, "加盖行政机关印章或者由该机关主要负责人签字认可（法释〔2020〕3号第九条）")
        plan = step(page, "plan_appearance")
        proof_field = plan.locator(".field", has=page.get_by_label("证明材料"))
        expect(proof_field.locator(".field-error")).to_contain_text("法释〔2020〕3号第九条")
        expect(plan.get_by_label("事由说明")).to_have_value("出席全国科技工作会议")  # nothing lost
        expect(page.locator("#appearance")).to_contain_text("尚未安排出庭。")  # nothing saved
        save_screenshot(page, "disputes-appearance-refused")

        # Then the director will appear after all.
        plan.get_by_role("combobox", name="负责人", exact=True).select_option(label="陈局长")
        plan.get_by_label("负责人不能出庭的事由").select_option(label="（负责人出庭）")
        plan.get_by_label("事由说明").fill("")
        plan.get_by_role("button", name="安排出庭").click()
        says(page, "已安排出庭。")
        expect(page).to_have_url(lawsuit_url + "#appearance")
        expect(page.locator("#appearance tr", has_text="开庭日期")).to_contain_text("2026年12月15日")
        expect(page.locator("#appearance tr", has_text="出庭负责人")).to_contain_text("陈局长 负责人出庭")
        expect(page.locator("#status")).to_contain_text("2026年12月15日 开庭：陈局长 出庭")

    # Tuesday 24 November: the director finds the court session in 我的工作.
    with on("2026-11-24"):
        switch_user(page, base, cast.director.username, base + reverse("core:dashboard"))
        expect(page.locator("h1")).to_have_text("我的工作")
        # The reconsideration was decided: its hearing is no longer on the list.
        expect(pending_items(page).filter(has_text="复议听证")).to_have_count(0)
        session = pending_items(page).filter(has_text="出庭应诉")
        expect(session).to_have_text(f"出庭应诉 2026年12月15日 出庭应诉：{PLAINTIFF}诉市科技局（{COURT}）")
        save_screenshot(page, "disputes-director-dashboard")
        session.get_by_role("link").click()
        expect(page).to_have_url(lawsuit_url + "#appearance")
        expect(page.locator("#appearance tr", has_text="出庭负责人")).to_contain_text("陈局长")
        expect(step(page, "plan_appearance")).to_have_count(0)  # the director reads, takes no step
