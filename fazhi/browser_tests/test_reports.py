"""The annual rule-of-law report from the records to the public column.

On Tuesday 15 February 2022 the legal affairs reviewer (政策法规处) opens 年度报告 from the menu
and creates the 2021 draft (the seed's part order). She edits the first section of 主要举措和成效
with a figure placeholder, generates the figures, opens the figure's records (the two normative
documents published in 2021, not the one of 2022) and sends the draft to review. The director
approves it (局党委会, the date of the meeting); the reviewer submits it, records the secrecy
check and publishes it. An anonymous visitor then reads it on /reports/2021/, with its data
table, and downloads the .docx."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import time_machine
from docx import Document
from playwright.sync_api import expect

from fazhi.browser_tests.conftest import Personas, log_in
from fazhi.core.models import Organization, User
from fazhi.core.roles import Role
from fazhi.core.testing import make_user
from fazhi.documents.models import NormativeDocument

pytestmark = pytest.mark.browser

TEXT = "全年出台行政规范性文件{{documents.issued}}件，全部经合法性审核和集体审议。"


@contextmanager
def on(day: str) -> Iterator[None]:
    with time_machine.travel(f"{day} 10:00 +08:00", tick=True):
        yield


def reviewer_of(personas: Personas) -> User:
    legal = Organization.objects.create(
        name="政策法规处", code="zcfgc", kind="division", parent=personas.bureau, is_legal_affairs=True
    )
    return make_user("reviewer", org=legal, roles=[Role.LEGAL_REVIEWER], full_name="王审核")


def says(page: Any, text: str) -> None:
    expect(page.locator("ul.messages")).to_contain_text(text)


def test_the_legal_affairs_division_drafts_the_director_approves_and_the_public_reads_it(
    page: Any, live_server: Any, personas: Personas, browser: Any
) -> None:
    base = live_server.url
    for title, day in (
        ("甲文件", datetime.date(2021, 3, 1)),
        ("乙文件", datetime.date(2021, 9, 1)),
        ("丙文件", datetime.date(2022, 1, 5)),
    ):
        NormativeDocument.objects.create(
            title=title,
            agency=personas.bureau,
            division=personas.sci_division,
            created_by=personas.drafter,
            published_on=day,
        )

    with on("2022-02-15"):
        reviewer = reviewer_of(personas)
        log_in(page, base, reviewer.username)
        page.locator("#staff-menu").get_by_role("link", name="年度报告").click()
        expect(page.locator("h1")).to_have_text("法治政府建设年度报告")
        form = page.locator("#create-form")
        expect(form.get_by_label("报告年度")).to_have_value("2021")
        form.get_by_role("button", name="创建报告").click()
        says(page, "已创建报告")
        expect(page.locator("h1")).to_contain_text("市科技局2021年法治政府建设情况报告")
        expect(page.locator("#report-status")).to_have_text("起草中")

        # Edit a section with a figure placeholder.
        page.get_by_role("link", name="编辑“主要举措和成效”").click()
        section = page.locator("#section-form")
        section.get_by_label("小标题").fill("完善依法行政制度体系")
        section.get_by_label("正文").fill(TEXT)
        section.get_by_role("button", name="保存").click()
        says(page, "已保存章节")

        # Generate the figures and open the records behind one.
        page.locator("#step-generate").get_by_role("button").click()
        # The figures are computed in a background thread while the page polls its progress
        # every second: on a busy 2-core machine this takes longer than expect's 5 s.
        expect(page.locator("ul.messages")).to_contain_text("已生成报告数字", timeout=60_000)
        figure = page.locator("#text a.figure[data-key='documents.issued']")
        expect(figure).to_have_text("2")
        expect(page.locator("#text")).to_contain_text("全年出台行政规范性文件2件")
        figure.click()
        expect(page.locator("#figure-value")).to_have_text("2件")
        records = page.locator("#records")
        expect(records).to_contain_text("甲文件")
        expect(records).to_contain_text("乙文件")
        expect(records).not_to_contain_text("丙文件")
        page.go_back()
        page.locator("#step-send_to_review").get_by_role("button").click()
        says(page, "已提交法制机构审核")
        report_url = page.url.split("#")[0]

        # The director approves.
        director = browser.new_context(locale="zh-CN").new_page()
        log_in(director, base, personas.director.username)
        director.goto(report_url)
        approve = director.locator("#step-approve")
        approve.get_by_label("审议会议").fill("局党委会（2022年第4次）")
        expect(approve.get_by_label("审议日期")).to_have_value("2022-02-15")
        approve.get_by_role("button", name="审议通过").click()
        expect(director.locator("ul.messages")).to_contain_text("已审议通过")
        expect(director.locator("#report-status")).to_have_text("已审议通过")
        director.context.close()

        # The reviewer submits, records the secrecy check and publishes.
        page.goto(report_url)
        submit = page.locator("#step-submit")
        submit.get_by_label("报送单位").fill("中共天津市委、天津市人民政府")
        submit.get_by_role("button", name="报送").click()
        says(page, "已报送")
        secrecy = page.locator("#step-secrecy_check")
        secrecy.get_by_label("保密审查人").fill("王审核")
        secrecy.get_by_role("button", name="记录保密审查").click()
        says(page, "已记录保密审查")
        page.locator("#step-publish").get_by_role("button", name="向社会公开").click()
        says(page, "已向社会公开")
        expect(page.locator("#report-status")).to_have_text("已公开")

    # An anonymous visitor reads it and downloads the .docx.
    visitor = browser.new_context(locale="zh-CN").new_page()
    visitor.goto(f"{base}/reports/")
    visitor.get_by_role("link", name="市科技局2021年法治政府建设情况报告").click()
    # The report's page names its department (?dept=): one installation serves a city's departments.
    expect(visitor).to_have_url(f"{base}/reports/2021/?dept=tjkjj")
    expect(visitor.locator("article")).to_contain_text("全年出台行政规范性文件2件")
    expect(visitor.locator("#figures-table")).to_contain_text("印发行政规范性文件")
    with visitor.expect_download() as download_info:
        visitor.get_by_role("link", name="下载 Word 文档（.docx）").click()
    path = download_info.value.path()
    with open(path, "rb") as fh:
        doc = Document(io.BytesIO(fh.read()))
    assert doc.paragraphs[0].text == "市科技局2021年法治政府建设情况报告"
    assert any("全年出台行政规范性文件2件" in p.text for p in doc.paragraphs)
    visitor.context.close()
