"""Two departments of a city on one installation (issue 12): the bureau and 天津市教育委员会.

The commission's normative document is walked through the real pages: its drafter sends it for
legality review, the commission's own 政策法规处 accepts, assigns its public lawyer and concludes
(the bureau's reviewer cannot even open that review), its reviewer records the 主任办公会 — the
commission's words, not the bureau's — numbers it 津教规〔年〕1号, publishes and files it with
天津市司法局, whose filing officer accepts it. An anonymous visitor then finds it on the public
policy list under the commission (`?dept=tjjw`, the 部门 column) and not under the bureau; and the
commission's drafter gets 404 on the bureau's document.

As in test_documents.py, the document is created and put out for comment through the actions
three weeks earlier (time-machine), so that its comment window has closed by today."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.browser_tests.conftest import Personas, log_in, save_screenshot
from fazhi.core.calendar import compute_deadline, seed_calendar_years
from fazhi.core.models import CalendarYear, NumberSeries, Organization
from fazhi.core.roles import Role
from fazhi.core.rulebook import seed_rulebook
from fazhi.core.testing import Department, make_department, make_user
from fazhi.documents import actions
from fazhi.documents.models import Filing, NormativeDocument
from fazhi.reviews.counsel import save_counsel
from fazhi.reviews.models import LegalCounsel, ReviewRequest

pytestmark = pytest.mark.browser

TITLE = "天津市中小学校课后服务管理办法"
TEXT = "第一条 为规范中小学校课后服务，制定本办法。\n第二条 本办法适用于本市义务教育阶段学校。"
BUREAU_TITLE = "天津市科技创新券管理办法"


def city(personas: Personas) -> dict[str, Any]:
    """The Justice Bureau and its filing officer, the bureau's legal affairs division and
    reviewer, and the commission (make_department: its divisions, one person per role, its series
    津教规 / 津教法审) with a public lawyer registered by its own reviewer."""
    seed_calendar_years()
    seed_rulebook()
    CalendarYear.objects.get_or_create(year=2027, defaults={"source": "测试"})
    justice = Organization.objects.create(name="天津市司法局", code="tjsfj", kind="justice_bureau")
    Organization.objects.filter(pk=personas.bureau.pk).update(filing_authority=justice)
    bureau_legal = Organization.objects.create(
        name="政策法规处", code="zcfgc", kind="division", parent=personas.bureau, is_legal_affairs=True
    )
    NumberSeries.objects.create(organization=personas.bureau, kind="normative", prefix="津科规")
    commission = make_department(filing_authority=justice)
    counsel = save_counsel(
        None,
        actor=commission.reviewer,
        kind=LegalCounsel.Kind.PUBLIC_LAWYER,
        name="唐公正",
        firm="天津市教育委员会政策法规处",
        certificate_number="31201202000000021",
        term_start=datetime.date(2024, 1, 1),
        fields="教育法",
    )
    return {
        "commission": commission,
        "counsel": counsel,
        "bureau_reviewer": make_user(
            "reviewer", org=bureau_legal, roles=[Role.LEGAL_REVIEWER], full_name="王审核"
        ),
        "filing_officer": make_user("filing", org=justice, roles=[Role.FILING_OFFICER], full_name="吴备案"),
    }


def solicited_three_weeks_ago(commission: Department, personas: Personas) -> tuple[NormativeDocument, Any]:
    """The commission's document drafted and put out for comment 21 days ago with the shortest
    window (closed by today), and a draft of the bureau's made the same day."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=21)
    with time_machine.travel(f"{start.isoformat()} 10:00 +08:00", tick=False):
        document = actions.create_document(actor=commission.drafter, title=TITLE, text=TEXT)
        minimum = compute_deadline(start, actions.comment_rule_code(document))
        actions.open_solicitation(document, actor=commission.drafter, closes_on=minimum.due)
        bureau_document = actions.create_document(actor=personas.drafter, title=BUREAU_TITLE, text=TEXT)
    assert minimum.due < today, "the comment window must have closed before the browser part"
    return document, bureau_document


def switch_user(page: Any, base_url: str, username: str, url: str) -> Any:
    page.context.clear_cookies()
    log_in(page, base_url, username)
    return page.goto(url)


def says(page: Any, text: str) -> None:
    expect(page.locator("ul.messages")).to_contain_text(text)


def step(page: Any, name: str) -> Any:
    return page.locator(f"#step-{name} form")


def test_the_commissions_document_is_reviewed_by_its_own_division_filed_and_listed_under_it(
    page: Any, live_server: Any, personas: Personas, tmp_path: Path
) -> None:
    people = city(personas)
    commission: Department = people["commission"]
    document, bureau_document = solicited_three_weeks_ago(commission, personas)
    base = live_server.url
    year = timezone.localdate().year
    detail_url = base + reverse("documents:detail", args=[document.pk])

    # The commission's drafter sends it for legality review.
    log_in(page, base, commission.drafter.username)
    page.goto(detail_url)
    submit = step(page, "submit_for_review")
    submit.get_by_label("法律依据").fill("《中华人民共和国教育法》《中华人民共和国义务教育法》")
    submit.get_by_label("起草说明").fill("为规范课后服务，起草本办法；征求意见期间未收到意见。")
    submit.get_by_role("button", name="送请合法性审核").click()
    says(page, "已送请合法性审核")
    review = ReviewRequest.objects.get()
    review_url = base + reverse("reviews:detail", args=[review.pk])

    # The bureau's legal affairs reviewer cannot open it: it goes to the commission's own division.
    response = switch_user(page, base, people["bureau_reviewer"].username, review_url)
    assert response is not None and response.status == 404

    # The commission's reviewer accepts, assigns its public lawyer and concludes 合法.
    switch_user(page, base, commission.reviewer.username, detail_url)
    page.locator("#review").get_by_role("link", name=review.code).click()
    page.get_by_role("button", name="受理").click()
    says(page, "已受理，审核期限至")
    page.get_by_label(commission.reviewer.full_name).check()
    page.get_by_label("唐公正（公职律师，天津市教育委员会政策法规处）").check()
    page.get_by_role("button", name="指派", exact=True).click()
    says(page, "已指派。")
    conclude = page.locator("#conclude-form")
    conclude.get_by_label("合法", exact=True).check()
    conclude.get_by_label("审核意见说明").fill("经审核，本办法合法。")
    if conclude.get_by_label("提前出具意见的理由").count():
        conclude.get_by_label("提前出具意见的理由").fill("主任办公会议程已定，需提前出具意见。")
    conclude.get_by_role("button", name="出具审核意见").click()
    says(page, "已出具审核意见")
    review.refresh_from_db()
    assert review.concluded_by == commission.reviewer
    assert review.letter_number.startswith(f"津教法审〔{year}〕"), review.letter_number

    # The meeting is the commission's 主任办公会; the number comes from its series 津教规.
    page.goto(detail_url)
    expect(page.locator("#gate")).to_contain_text("可以提交集体审议")
    minutes = tmp_path / "主任办公会纪要.pdf"
    minutes.write_bytes(b"%PDF-1.4\n% minutes of the director's office meeting\n%%EOF\n")
    deliberation = step(page, "record_deliberation")
    expect(deliberation.get_by_label("审议会议")).to_have_value("主任办公会")
    deliberation.get_by_label("审议通过", exact=True).check()
    deliberation.get_by_label("审议情况").fill("会议同意印发。")
    deliberation.get_by_label("会议纪要").set_input_files(str(minutes))
    deliberation.get_by_role("button", name="记录审议结果").click()
    says(page, "已记录集体审议：审议通过。")
    step(page, "issue").get_by_label("签发人").fill(commission.director.full_name)
    step(page, "issue").get_by_role("button", name="编号并印发").click()
    number = f"津教规〔{year}〕1号"
    says(page, f"已统一编号印发：{number}。")
    publish = step(page, "publish")
    publish.get_by_label("公布载体").fill("天津市教育委员会网站")
    publish.get_by_role("button", name="公布").click()
    says(page, "已公布")
    filing_step = step(page, "file")
    filing_step.get_by_label("起草说明").fill(
        "为规范课后服务，制定本办法。经合法性审核、主任办公会审议通过。"
    )
    filing_step.get_by_role("button", name="报送备案").click()
    says(page, "已报送")
    save_screenshot(page, "commission-document-filed")

    # The Justice Bureau's filing officer finds it among the filings addressed to the bureau.
    switch_user(page, base, people["filing_officer"].username, base + reverse("documents:filings"))
    row = page.locator("tr", has_text=TITLE)
    expect(row).to_contain_text(number)
    row.get_by_role("link", name=TITLE).click()
    page.get_by_label("予以备案").check()
    page.get_by_role("button", name="作出审查结论").click()
    says(page, "已作出审查结论：予以备案。")
    document.refresh_from_db()
    assert (document.status, document.number, document.agency) == (
        NormativeDocument.Status.PUBLISHED,
        number,
        commission.agency,
    )
    filing = Filing.objects.get(document=document)
    assert (filing.status, filing.authority.code) == (Filing.Status.FILED, "tjsfj")

    # It counts in the Justice Bureau's figures by department: filed, on time, 予以备案.
    year = document.published_on.year
    page.goto(f"{base}{reverse('documents:filings_by_department')}?year={year}")
    row = page.locator("tbody tr", has_text=commission.agency.name)
    cells = row.locator("td")
    expect(cells.nth(1)).to_have_text("1")  # 报送备案
    expect(cells.nth(2)).to_have_text("1")  # 按期报送
    expect(cells.nth(3)).to_contain_text("100")  # 按期报送率
    expect(cells.nth(4)).to_have_text("1")  # 予以备案
    save_screenshot(page, "filings-by-department")

    # On the public portal it is listed under the commission, with the department column.
    page.context.clear_cookies()
    page.goto(f"{base}{reverse('library:index')}?dept={commission.agency.code}")
    row = page.locator("tr", has_text=TITLE)
    expect(row).to_contain_text(re.compile(f"{commission.agency.short_name}|{commission.agency.name}"))
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    page.goto(f"{base}{reverse('library:index')}?dept={personas.bureau.code}")
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)
    save_screenshot(page, "policies-by-department")

    # The commission's staff get 404 on the bureau's document, whatever their role.
    bureau_url = base + reverse("documents:detail", args=[bureau_document.pk])
    for person in (commission.drafter, commission.reviewer, commission.director):
        response = switch_user(page, base, person.username, bureau_url)
        assert response is not None and response.status == 404, person.username
