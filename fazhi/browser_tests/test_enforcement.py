"""One enforcement case walked through the real pages from 立案 to 结案归档 and onto the public
publicity page (行政执法三项制度): an enforcement officer files it from the menu with two
certified officers, records the investigation with a scanned record, notifies the party (no
hearing right) and records their waiver; the director decides a fine and the page gives the
decision number and the service and publicity deadlines with their legal basis on hover; the
officer serves, adds the decision and service records, publishes, records the execution and
closes; an anonymous visitor then finds the decision on 行政执法公示.

The live server runs on fixed days of 2026 under time-machine (`on`), which moves the clock of
the live server too (it patches the process, every thread); the browser keeps its own clock and
each person signs in again on each day (a session lasts a working day). The days cross the
Mid-Autumn holiday (25 September) and the National Day holidays (1–7 October), and 10 October,
a Saturday, is a working day: a decision on Thursday 24 September is to be served and published
within 7 working days, by Monday 12 October. The officers (the inspectors' registry, kept by
政策法规处) and the penalty number series are set up through the actions and the models, as
in `fazhi.enforcement.tests.base.EnforcementTestCase`."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from fazhi.browser_tests.conftest import Personas, log_in, save_screenshot
from fazhi.core.models import NumberSeries, Organization, User
from fazhi.core.roles import Role
from fazhi.core.testing import make_user
from fazhi.inspections import registry

pytestmark = pytest.mark.browser

TITLE = "未取得实验动物使用许可证从事动物实验"
PARTY = "天津某生物科技有限公司"
PARTY_CODE = "91120116MA05XXXX1M"
NUMBER = "津科罚〔2026〕1号"
DUE = "2026年10月12日"  # 7 working days after Thursday 24 September 2026


@contextmanager
def on(day: str) -> Iterator[None]:
    """Run the block on `day` (YYYY-MM-DD) from 10:00 Beijing time, the clock running."""
    with time_machine.travel(f"{day} 10:00 +08:00", tick=True):
        yield


def officers_of(personas: Personas) -> User:
    """Two enforcement officers of 科技监督与诚信建设处, each linked to an entry of the inspectors'
    registry with a certificate valid until 2028, and the bureau's penalty number series. Returns
    the first, who files the case."""
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
            certificate_expires_on=datetime.date(2028, 12, 31),
            domains=["lab_animals"],
            user=officer,
        )
        officers.append(officer)
    NumberSeries.objects.create(organization=personas.bureau, kind=NumberSeries.Kind.PENALTY, prefix="津科罚")
    return officers[0]


def switch_user(page: Any, base_url: str, username: str, url: str) -> None:
    page.context.clear_cookies()
    log_in(page, base_url, username)
    page.goto(url)


def says(page: Any, text: str) -> None:
    """The page that the last click led to shows `text` among its messages (waits for it)."""
    expect(page.locator("ul.messages")).to_contain_text(text)


def step(page: Any, name: str) -> Any:
    """The form of one step on the case's page."""
    return page.locator(f"#step-{name}")


def add_record(page: Any, *, stage: str, title: str, upload: Path | None = None) -> None:
    """Add an entry of the full-process record (执法全过程记录) on the case's page."""
    records = page.locator("#records")
    if not step(page, "add_record").is_visible():
        records.get_by_text("增加全过程记录").click()
    form = step(page, "add_record")
    form.get_by_label("环节").select_option(label=stage)
    form.get_by_label("记录名称").fill(title)
    if upload is not None:
        form.get_by_label("文件", exact=True).set_input_files(str(upload))
    form.get_by_role("button", name="增加记录").click()
    says(page, f"已增加全过程记录：{title}。")
    expect(page.locator("#records tbody tr", has_text=title)).to_contain_text(stage)


def expect_deadline(page: Any, row: str, basis: str) -> None:
    """The row of the 法定期限 table gives DUE, with its basis in the title and in the tip that
    hovering shows."""
    deadline = page.locator("#deadlines tr", has_text=row).locator(".deadline")
    expect(deadline.locator("time")).to_have_text(DUE)
    expect(deadline).to_have_attribute("title", re.compile(re.escape(basis)))
    tip = deadline.locator(".basis-tip")
    expect(tip).to_be_hidden()
    deadline.hover()
    expect(tip).to_be_visible()
    expect(tip).to_have_text(f"依据：{basis}")


def test_an_officer_files_a_case_the_director_decides_and_the_decision_is_published(
    page: Any, live_server: Any, personas: Personas, tmp_path: Path
) -> None:
    base = live_server.url
    scan = tmp_path / "现场检查笔录.pdf"
    scan.write_bytes(b"%PDF-1.4\n% on-site inspection record\n%%EOF\n")

    # Tuesday 22 September: the officer files the case from the menu with both officers.
    with on("2026-09-22"):
        officer = officers_of(personas)
        log_in(page, base, officer.username)
        page.locator("#staff-menu").get_by_role("link", name="执法案件").click()
        expect(page).to_have_url(base + reverse("enforcement:list"))
        expect(page.locator("main")).to_contain_text("尚无执法案件。")
        page.get_by_role("link", name="立案", exact=True).click()
        expect(page).to_have_url(base + reverse("enforcement:create"))
        form = page.locator("#file-case-form")
        form.get_by_label("案由").fill(TITLE)
        expect(form.get_by_label("执法类别")).to_have_value("penalty")
        form.get_by_role("textbox", name="当事人", exact=True).fill(PARTY)
        form.get_by_label("法人或者其他组织").check()
        form.get_by_label("统一社会信用代码或身份证件号码").fill(PARTY_CODE)
        form.get_by_label("案件来源及基本事实").fill("双随机抽查发现该公司未取得许可证即开展动物实验。")
        form.get_by_label("发现之日").fill("2026-09-21")
        form.get_by_label("违法行为发生之日").fill("2026-09-20")
        form.get_by_role("checkbox", name=re.compile("^周执法（执法证号 120200001")).check()
        form.get_by_role("checkbox", name=re.compile("^吴执法（执法证号 120200002")).check()
        form.get_by_role("button", name="立案", exact=True).click()
        says(page, "应于 2026年12月21日 前作出决定。")
        expect(page).to_have_url(re.compile(re.escape(base) + r"/work/enforcement/\d+/$"))
        detail_url = page.url
        code = page.locator("#info tr", has_text="案件编号").locator("td").inner_text()
        assert re.fullmatch(r"ZF2026-\d{4}", code), code
        says(page, f"已立案，案件编号 {code}")
        expect(page.locator("h1")).to_contain_text(TITLE)
        expect(page.locator("#status")).to_contain_text("调查取证")
        expect(page.locator("#officers")).to_contain_text("周执法")
        expect(page.locator("#officers")).to_contain_text("吴执法")

        # The investigation, with the scanned record; then the notice without a hearing right,
        # and the party's written waiver.
        add_record(page, stage="调查取证", title="现场检查笔录", upload=scan)
        expect(page.locator("#records").get_by_role("link", name="现场检查笔录.pdf")).to_be_visible()
        notice = step(page, "notify")
        notice.get_by_label("拟作出的决定及理由、依据").fill(
            "依据《实验动物管理条例》第二十九条，拟给予警告并处罚款一万元。"
        )
        expect(notice.get_by_label("告知听证权利")).not_to_be_checked()
        notice.get_by_role("button", name="告知当事人").click()
        says(page, "已告知当事人。")
        expect(page.locator("#notice")).to_contain_text("不适用")
        statement = step(page, "record_statement")
        statement.get_by_label("当事人明确放弃陈述、申辩和听证").check()
        statement.get_by_role("button", name="记录陈述、申辩").click()
        says(page, "已记录当事人明确放弃陈述、申辩和听证。")
        expect(page.locator("#status")).to_contain_text("已告知，待决定")
        expect(step(page, "decide")).to_have_count(0)
        save_screenshot(page, "enforcement-case-notified")

    # Thursday 24 September: the director finds the case in the list and decides a fine.
    with on("2026-09-24"):
        switch_user(page, base, personas.director.username, base + reverse("core:dashboard"))
        page.locator("#staff-menu").get_by_role("link", name="执法案件").click()
        page.get_by_role("link", name=code).click()
        expect(page).to_have_url(detail_url)
        expect(page.locator("#decision-waits")).to_have_count(0)
        decide = step(page, "decide")
        decide.get_by_label("给予行政处罚", exact=True).check()
        decide.get_by_label("决定内容").fill("给予警告，并处罚款人民币壹万元整。")
        decide.get_by_label("罚款金额（元）").fill("10000")
        decide.get_by_role("button", name="作出决定").click()
        says(page, f"已作出决定，决定书文号 {NUMBER}；应于 {DUE} 前送达，{DUE} 前公示。")
        decision = page.locator("#decision")
        expect(decision.locator("tr", has_text="决定书文号")).to_contain_text(NUMBER)
        expect(decision).to_contain_text("给予行政处罚：罚款 10000.00 元")
        expect(decision).to_contain_text("在决定期限内")
        expect(page.locator("#status")).to_contain_text("已决定，待送达")
        expect_deadline(page, "送达决定书", "《行政处罚法》第六十一条、第八十五条")
        expect_deadline(page, "公示决定", "国办发〔2018〕118号")
        save_screenshot(page, "enforcement-case-decided")

    # Monday 28 September: the officer serves the decision, adds its records and publishes it.
    with on("2026-09-28"):
        switch_user(page, base, officer.username, detail_url)
        serve = step(page, "serve")
        expect(serve.get_by_label("送达日期")).to_have_value("2026-09-28")
        serve.get_by_label("送达方式").fill("直接送达")
        serve.get_by_role("button", name="记录送达").click()
        says(page, "已记录送达。")
        expect(page.locator("#service")).to_contain_text("2026年9月28日 · 直接送达")
        add_record(page, stage="决定", title="行政处罚决定书")
        add_record(page, stage="送达", title="送达回证")
        step(page, "publish").get_by_role("button", name="公示决定").click()
        says(page, "已公示决定。")
        expect(page.locator("#publicity")).to_contain_text("按期公示")

    # Saturday 10 October, a working day: the fine has been paid; the officer closes the case.
    with on("2026-10-10"):
        switch_user(page, base, officer.username, detail_url)
        expect(page.locator("#status")).to_contain_text("已送达，待执行")
        execute = step(page, "execute")
        execute.get_by_label("执行完毕日期").fill("2026-10-09")
        execute.get_by_label("执行情况").fill("当事人已于2026年10月9日缴纳罚款壹万元。")
        execute.get_by_role("button", name="记录执行完毕").click()
        says(page, "已记录执行完毕。")
        step(page, "close").get_by_role("button", name="结案归档").click()
        says(page, "已结案归档。")
        expect(page.locator("#status")).to_contain_text("已结案归档")
        expect(page.locator("#service tr", has_text="结案归档")).to_contain_text("2026年10月10日")
        expect(page.locator("#deadlines tr", has_text="送达决定书")).to_contain_text("按期")
        expect(step(page, "add_record")).to_have_count(0)
        save_screenshot(page, "enforcement-case-closed")

        # An anonymous visitor opens 行政执法公示 from the public menu and finds the decision.
        page.context.clear_cookies()
        page.goto(base + reverse("portal:home"))
        page.locator("nav.public-nav").get_by_role("link", name="行政执法公示").click()
        expect(page).to_have_url(base + reverse("public_enforcement:index"))
        row = page.locator("tr", has_text=NUMBER)
        expect(row).to_contain_text(PARTY)
        expect(row).to_contain_text("给予行政处罚")
        expect(row).to_contain_text("10000.00")
        expect(row).to_contain_text("2026年9月24日")
        save_screenshot(page, "enforcement-public-index")
        row.get_by_role("link", name=NUMBER).click()
        expect(page.locator("h1")).to_have_text(f"行政执法决定 {NUMBER}")
        expect(page.locator("main")).to_contain_text("给予警告，并处罚款人民币壹万元整。")
