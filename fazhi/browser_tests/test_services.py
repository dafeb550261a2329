"""A certification matter under notification-commitment (证明事项告知承诺制) walked through the
government-service pages (政务服务) by the legal affairs reviewer, from the catalog to a false
commitment, its credit record and the repair that opens the route again.

On Tuesday 22 September 2026 the reviewer (政策法规处) opens 政务服务 › 概况 from the menu,
registers 技术合同认定登记 (handled by 基础研究处) under notification-commitment — the business
licence copy replaced by the commitment, checked online, within 10 working days — and finds it in
the 告知承诺制清单. From the matter's page the reviewer accepts an applicant's commitment (the
applicant chose it freely): it is to be verified by Tuesday 13 October (10 working days across
the National Day holidays), the date's source shown on hover. On Friday 9 October 我的工作 lists
the verification as due soon; the reviewer finds the commitment false and terminates the
matter, and the applicant's credit record appears. A new commitment by the same applicant is
refused (信用修复前不适用告知承诺制). On Monday 12 October the reviewer records the credit repair
and the applicant's second commitment is accepted.

As in test_ledger.py, the live server runs on fixed days under time-machine (`on`), which moves
the live server's clock too; the reviewer signs in again on each day."""

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
from fazhi.core.models import Organization, User
from fazhi.core.roles import Role
from fazhi.core.testing import make_user

pytestmark = pytest.mark.browser

CODE = "TJKJ-001"
MATTER = "技术合同认定登记"
DIVISION = "基础研究处"
PROOF = "营业执照复印件"
METHOD = "通过信用信息共享平台在线核查"
APPLICANT = "天津某科技有限公司"
APPLICANT_CODE = "91120116MA05XXXX1M"
BASIS = "该事项确定的核查时限（国办发〔2020〕42号未规定统一时限）"
BARRED = (
    "有较严重的不良信用记录或者曾作出虚假承诺的申请人，在信用修复前不适用告知承诺制（国办发〔2020〕42号）"
)


@contextmanager
def on(day: str) -> Iterator[None]:
    """Run the block on `day` (YYYY-MM-DD) from 10:00 Beijing time, the clock running."""
    with time_machine.travel(f"{day} 10:00 +08:00", tick=True):
        yield


def reviewer_of(personas: Personas) -> User:
    """政策法规处 with its legal affairs reviewer, who keeps the government-service pages."""
    legal = Organization.objects.create(
        name="政策法规处", code="zcfgc", kind="division", parent=personas.bureau, is_legal_affairs=True
    )
    return make_user("reviewer", org=legal, roles=[Role.LEGAL_REVIEWER], full_name="王审核")


def says(page: Any, text: str) -> None:
    """The page that the last click led to shows `text` among its messages (waits for it)."""
    expect(page.locator("ul.messages")).to_contain_text(text)


def area_nav(page: Any) -> Any:
    return page.get_by_role("navigation", name="政务服务")


def expect_deadline(deadline: Any, due: str) -> None:
    """A verification date gives `due`, with its source in the title and in the tip that
    hovering shows."""
    expect(deadline.locator("time")).to_have_text(due)
    expect(deadline).to_have_attribute("title", re.compile(re.escape(BASIS)))
    tip = deadline.locator(".basis-tip")
    expect(tip).to_be_hidden()
    deadline.hover()
    expect(tip).to_be_visible()
    expect(tip).to_have_text(f"依据：{BASIS}")


def fill_commitment(page: Any, *, applicant: str, signed_on: str) -> Any:
    """The form of 受理告知承诺 filled in for the matter, the applicant's free choice ticked."""
    form = page.locator("#create-form")
    matter = form.get_by_role("combobox", name="事项", exact=True)
    expect(matter.locator("option")).to_have_text(["请选择", f"{CODE} {MATTER}"])  # the list's matters
    matter.select_option(label=f"{CODE} {MATTER}")
    form.get_by_role("textbox", name="申请人", exact=True).fill(applicant)
    form.get_by_role("textbox", name="统一社会信用代码或身份证件号码", exact=True).fill(APPLICANT_CODE)
    expect(form.get_by_label("承诺日期")).to_have_value(signed_on)
    form.get_by_role("checkbox", name="申请人自愿选择告知承诺方式").check()
    return form


def test_a_false_commitment_goes_on_the_credit_record_and_bars_the_applicant_until_repaired(
    page: Any, live_server: Any, personas: Personas
) -> None:
    base = live_server.url
    index = base + reverse("services:index")
    commitment_create = base + reverse("services:commitment_create")
    matter_detail = re.compile(re.escape(base + reverse("services:matters")) + r"(\d+)/$")
    commitment_detail = re.compile(re.escape(base + reverse("services:commitments")) + r"(\d+)/(#\w+)?$")
    credit_detail = re.compile(re.escape(base + reverse("services:credit_records")) + r"(\d+)/(#\w+)?$")

    # Tuesday 22 September: the reviewer registers the matter and accepts a commitment.
    with on("2026-09-22"):
        reviewer = reviewer_of(personas)
        log_in(page, base, reviewer.username)
        menu = page.locator("#staff-menu")
        expect(menu.get_by_role("heading", name="政务服务")).to_be_visible()
        menu.locator(f'a[href="{reverse("services:index")}"]').click()
        expect(page).to_have_url(index)
        expect(page.locator("h1")).to_have_text("政务服务概况")
        expect(page.locator("#waiting")).to_contain_text("没有待核查的告知承诺。")

        area_nav(page).get_by_role("link", name="告知承诺制清单").click()
        expect(page).to_have_url(base + reverse("services:matters") + "?commitment=yes")
        expect(page.locator("h1")).to_have_text("告知承诺制清单")
        expect(page.locator("main")).to_contain_text("没有符合条件的服务事项。")
        page.get_by_role("link", name="登记服务事项").click()
        expect(page).to_have_url(base + reverse("services:matter_create"))
        form = page.locator("#create-form")
        form.get_by_role("textbox", name="事项编码", exact=True).fill(CODE)
        form.get_by_role("textbox", name="事项名称", exact=True).fill(MATTER)
        form.get_by_role("combobox", name="事项类型", exact=True).select_option(label="政务服务事项")
        form.get_by_role("combobox", name="承办处室", exact=True).select_option(label=DIVISION)
        form.get_by_role("textbox", name="设定依据", exact=True).fill("《技术合同认定登记管理办法》")
        form.get_by_role("checkbox", name="已在网上办事大厅公开").check()
        form.get_by_role("checkbox", name="实行告知承诺制").check()
        form.get_by_role("textbox", name="以承诺替代的证明材料", exact=True).fill(PROOF)
        form.get_by_role("textbox", name="核查方式", exact=True).fill(METHOD)
        form.get_by_role("spinbutton", name="核查时限", exact=True).fill("10")
        expect(form.get_by_role("combobox", name="核查时限单位", exact=True)).to_have_value("working_days")
        form.get_by_role("button", name="保存").click()
        says(page, f"已登记服务事项：{CODE} {MATTER}。")
        expect(page).to_have_url(matter_detail)
        matter_url = page.url
        expect(page.locator("h1")).to_contain_text(MATTER)
        terms = page.locator("#terms")
        expect(terms.locator("tr", has_text="以承诺替代的证明材料")).to_contain_text(PROOF)
        expect(terms.locator("tr", has_text="核查方式")).to_contain_text(METHOD)
        expect(terms.locator("tr", has_text="核查时限")).to_contain_text("自承诺之日起 10 个工作日")

        # The matter is on the notification-commitment list.
        page.locator("nav.breadcrumbs").get_by_role("link", name="政务服务").click()
        expect(page).to_have_url(index)
        area_nav(page).get_by_role("link", name="告知承诺制清单").click()
        row = page.locator("#matters tbody tr", has_text=MATTER)
        expect(row).to_contain_text(CODE)
        expect(row).to_contain_text(DIVISION)
        expect(row).to_contain_text("实行")
        expect(row).to_contain_text("10 个工作日内核查")
        expect(row.locator("td").last).to_have_text("0")

        # The applicant chooses to commit instead of proving.
        row.get_by_role("link", name=MATTER).click()
        expect(page).to_have_url(matter_url)
        page.get_by_role("link", name="受理该事项的告知承诺").click()
        expect(page).to_have_url(re.compile(re.escape(commitment_create) + r"\?matter=\d+$"))
        expect(page.get_by_role("combobox", name="事项", exact=True).locator("option:checked")).to_have_text(
            f"{CODE} {MATTER}"
        )
        fill_commitment(page, applicant=APPLICANT, signed_on="2026-09-22")
        page.locator("#create-form").get_by_role("button", name="保存").click()
        says(page, "已受理告知承诺，应于 2026年10月13日 前完成核查。")
        expect(page).to_have_url(commitment_detail)
        commitment_url = page.url
        expect(page.locator("h1")).to_have_text(f"告知承诺：{APPLICANT}")
        expect(page.locator("#status")).to_contain_text("已受理，待核查")
        expect(page.locator("#status")).to_contain_text("剩 21 天")
        info = page.locator("#info")
        expect(info.locator("tr", has_text="以承诺替代的证明材料")).to_contain_text(PROOF)
        expect(info.locator("tr", has_text="承诺日期")).to_contain_text("2026年9月22日 · 王审核 受理")
        expect_deadline(info.locator("tr", has_text="核查期限").locator(".deadline"), "2026年10月13日")
        save_screenshot(page, "services-commitment-accepted")

    # Friday 9 October: the verification is due soon; the commitment proves false.
    with on("2026-10-09"):
        page.context.clear_cookies()
        log_in(page, base, reviewer.username)
        pending = page.locator("section", has=page.get_by_role("heading", name="待办事项")).locator("li")
        due_soon = pending.filter(has_text=f"临近核查期限：{APPLICANT}（{MATTER}）")
        expect(due_soon.locator(".tag")).to_have_text("告知承诺")
        expect(due_soon.locator(".deadline time")).to_have_text("2026年10月13日")
        due_soon.get_by_role("link", name=f"临近核查期限：{APPLICANT}（{MATTER}）").click()
        expect(page).to_have_url(commitment_url + "#verify")

        verify = page.locator("#step-verify")
        expect(verify.get_by_label("核查日期")).to_have_value("2026-10-09")
        verify.get_by_role("radio", name="承诺不实（虚假承诺）").check()
        verify.get_by_role("textbox", name="核查情况", exact=True).fill(
            "经信用信息共享平台核查，营业执照已被吊销。"
        )
        verify.get_by_role("combobox", name="处理", exact=True).select_option(label="终止办理")
        verify.get_by_role("button", name="记录核查结果").click()
        says(page, "已记录：承诺不实，已作出处理并记入告知承诺失信记录，信用修复前该申请人不适用告知承诺制。")
        expect(page).to_have_url(commitment_url + "#verify")
        expect(page.locator("#status")).to_contain_text("核查发现虚假承诺")
        checked = page.locator("#verify")
        expect(checked.locator("tr", has_text="核查日期")).to_have_text("核查日期2026年10月9日")
        expect(checked.locator("tr", has_text="核查结果")).to_contain_text("核查发现虚假承诺")
        expect(checked.locator("tr", has_text="处理")).to_contain_text("终止办理")
        expect(page.locator("#step-verify")).to_have_count(0)

        # The credit record appears.
        page.locator("#record").get_by_role("link", name="告知承诺失信记录").click()
        expect(page).to_have_url(credit_detail)
        record_url = page.url
        expect(page.locator("h1")).to_have_text(f"告知承诺失信记录：{APPLICANT}")
        expect(page.locator("#status")).to_contain_text("未修复 信用修复前，该申请人不适用告知承诺制。")
        record_info = page.locator("#info")
        expect(record_info.locator("tr", has_text="统一社会信用代码")).to_contain_text(APPLICANT_CODE)
        expect(record_info.locator("tr", has_text="处理")).to_contain_text("终止办理")
        expect(record_info.locator("tr", has_text="记录日期")).to_contain_text("2026年10月9日")
        page.locator("nav.breadcrumbs").get_by_role("link", name="失信记录").click()
        expect(page).to_have_url(base + reverse("services:credit_records"))
        listed = page.locator("#records tbody tr", has_text=APPLICANT)
        expect(listed).to_contain_text(APPLICANT_CODE)
        expect(listed).to_contain_text("2026年10月9日")
        expect(listed).to_contain_text("未修复")

        # A new commitment by the same applicant is refused, the input kept.
        menu = page.locator("#staff-menu")
        menu.locator(f'a[href="{reverse("services:commitments")}"]').click()
        expect(page).to_have_url(base + reverse("services:commitments"))
        row = page.locator("#commitments tbody tr", has_text=APPLICANT)
        expect(row.locator(".badge")).to_have_text("核查发现虚假承诺")
        page.get_by_role("link", name="受理告知承诺").click()
        expect(page).to_have_url(commitment_create)
        fill_commitment(page, applicant=APPLICANT, signed_on="2026-10-09")
        page.locator("#create-form").get_by_role("button", name="保存").click()
        says(page, "请按提示修改后再提交。")
        expect(page).to_have_url(commitment_create)
        code_field = page.locator(
            ".field", has=page.get_by_role("textbox", name="统一社会信用代码或身份证件号码")
        )
        expect(code_field.locator(".field-error")).to_have_text(BARRED)
        expect(page.get_by_role("textbox", name="统一社会信用代码或身份证件号码")).to_have_value(
            APPLICANT_CODE
        )
        save_screenshot(page, "services-applicant-barred")

    # Monday 12 October: the credit is repaired; the second commitment is accepted.
    with on("2026-10-12"):
        page.context.clear_cookies()
        log_in(page, base, reviewer.username)
        page.locator("#staff-menu").locator(f'a[href="{reverse("services:index")}"]').click()
        open_records = page.locator("#records")
        expect(open_records.locator("tbody tr", has_text=APPLICANT)).to_contain_text(APPLICANT_CODE)
        open_records.get_by_role("link", name=APPLICANT).click()
        expect(page).to_have_url(record_url)
        repair = page.locator("#step-repair")
        repair.get_by_role("textbox", name="信用修复情况", exact=True).fill("已主动终止申请并完成信用修复。")
        repair.get_by_role("button", name="记录信用修复").click()
        says(page, f"已记录信用修复：{APPLICANT} 可再次选择告知承诺方式。")
        expect(page).to_have_url(record_url + "#repair")
        expect(page.locator("#status")).to_contain_text(
            "已修复 2026年10月12日 信用修复，可再次选择告知承诺方式。"
        )
        expect(page.locator("#info tr", has_text="信用修复情况")).to_contain_text(
            "已主动终止申请并完成信用修复。"
        )
        expect(page.locator("#step-repair")).to_have_count(0)

        page.locator("#staff-menu").locator(f'a[href="{reverse("services:commitments")}"]').click()
        page.get_by_role("link", name="受理告知承诺").click()
        fill_commitment(page, applicant=APPLICANT, signed_on="2026-10-12")
        page.locator("#create-form").get_by_role("button", name="保存").click()
        says(page, "已受理告知承诺，应于 2026年10月26日 前完成核查。")
        expect(page).to_have_url(commitment_detail)
        assert page.url != commitment_url
        expect(page.locator("#status")).to_contain_text("已受理，待核查")
        expect_deadline(page.locator("#info tr", has_text="核查期限").locator(".deadline"), "2026年10月26日")

        page.locator("nav.breadcrumbs").get_by_role("link", name="告知承诺").click()
        rows = page.locator("#commitments tbody tr")
        expect(rows).to_have_count(2)
        expect(rows.first.locator(".badge")).to_have_text("已受理，待核查")
        expect(rows.last.locator(".badge")).to_have_text("核查发现虚假承诺")
        save_screenshot(page, "services-second-commitment")
