"""One normative document walked through the real pages from draft to 予以备案: the drafter sends
it for legality review once its comment window has closed, the reviewer accepts, assigns counsel
and concludes, records the director's office meeting with the minutes, issues it (津科规〔年〕1号),
publishes and files it; the Justice Bureau's filing officer accepts the filing; an anonymous
visitor then finds it in the public library with a two-character search, sees the SHA-256 of its
text and checks the downloaded text against it.

The live server runs on the real date. The comment window must be at least 7 working days and a
test cannot wait that long, so the document is created and its solicitation opened through the
actions three weeks earlier (time-machine), before the browser part; every later step is taken
on the pages. A second document is drafted and put out for comment through the pages, to cover
the drafting form and the solicitation form with the minimum window from the rule book."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.browser_tests.conftest import Personas, log_in, save_screenshot
from fazhi.core.calendar import compute_deadline, seed_calendar_years
from fazhi.core.models import AuditEvent, CalendarYear, NumberSeries, Organization
from fazhi.core.roles import Role
from fazhi.core.rulebook import seed_rulebook
from fazhi.core.testing import make_user
from fazhi.documents import actions
from fazhi.documents.models import Filing, NormativeDocument
from fazhi.reviews.models import LegalCounsel, ReviewRequest

pytestmark = pytest.mark.browser

TITLE = "天津市科技创新券管理办法"
SEARCH = "创新"  # two characters of the title
TEXT = "第一条 为规范科技创新券的发放和使用，制定本办法。\n第二条 本办法适用于本市科技型中小企业。"


def cast(personas: Personas) -> dict[str, Any]:
    """The legal affairs reviewer, an engaged legal advisor, the Justice Bureau's filing officer
    and the bureau's normative number series. The calendar and the rule book are seeded again (a
    transactional test before this one flushed them), and 2027 is registered so that a filing
    deadline crossing New Year can be computed."""
    seed_calendar_years()
    seed_rulebook()
    CalendarYear.objects.get_or_create(year=2027, defaults={"source": "测试"})
    legal = Organization.objects.create(
        name="政策法规处", code="zcfgc", kind="division", parent=personas.bureau, is_legal_affairs=True
    )
    justice = Organization.objects.create(name="天津市司法局", code="tjsfj", kind="justice_bureau")
    NumberSeries.objects.create(organization=personas.bureau, kind="normative", prefix="津科规")
    advisor = make_user("advisor", org=None, roles=[Role.LEGAL_ADVISOR], full_name="赵律师")
    LegalCounsel.objects.create(
        kind=LegalCounsel.Kind.LEGAL_ADVISOR,
        name="赵律师",
        firm="天津某律师事务所",
        certificate_number="11201200510123456",
        term_start=datetime.date(2025, 1, 1),
        term_end=None,
        fields="行政法",
        user=advisor,
    )
    return {
        "reviewer": make_user("reviewer", org=legal, roles=[Role.LEGAL_REVIEWER], full_name="王审核"),
        "filing_officer": make_user("filing", org=justice, roles=[Role.FILING_OFFICER], full_name="吴备案"),
    }


def solicited_three_weeks_ago(personas: Personas) -> NormativeDocument:
    """Drafted and put out for comment 21 days ago with the shortest window the rule book
    allows, which has therefore closed by today."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=21)
    with time_machine.travel(f"{start.isoformat()} 10:00 +08:00", tick=False):
        document = actions.create_document(actor=personas.drafter, title=TITLE, text=TEXT)
        minimum = compute_deadline(start, actions.comment_rule_code(document))
        actions.open_solicitation(document, actor=personas.drafter, closes_on=minimum.due)
    assert minimum.due < today, "the comment window must have closed before the browser part"
    return document


def switch_user(page: Any, base_url: str, username: str, url: str) -> None:
    page.context.clear_cookies()
    log_in(page, base_url, username)
    page.goto(url)


def says(page: Any, text: str) -> None:
    """The page that the last click led to shows `text` among its messages (waits for it)."""
    expect(page.locator("ul.messages")).to_contain_text(text)


def step(page: Any, name: str) -> Any:
    """The form of one step in the 办理 section of the document page."""
    return page.locator(f"#step-{name} form")


def test_a_document_goes_from_draft_to_filed_and_into_the_public_library(
    page: Any, live_server: Any, personas: Personas, tmp_path: Path
) -> None:
    people = cast(personas)
    document = solicited_three_weeks_ago(personas)
    base = live_server.url
    year = timezone.localdate().year
    detail_url = base + reverse("documents:detail", args=[document.pk])

    # The drafter drafts another document through the form and puts it out for comment, with
    # the earliest closing date the page offers.
    log_in(page, base, personas.drafter.username)
    page.goto(base + reverse("documents:list"))
    page.get_by_role("link", name="新建文件").click()
    page.get_by_role("textbox", name="文件名称", exact=True).fill(
        "天津市科技企业孵化器认定办法（征求意见稿）"
    )
    page.get_by_role("textbox", name="文件文本", exact=True).fill(
        "第一条 为规范科技企业孵化器认定，制定本办法。"
    )
    page.get_by_role("button", name="保存").click()
    says(page, "已创建《天津市科技企业孵化器认定办法（征求意见稿）》（第 1 版）。")
    earliest = step(page, "open_solicitation").locator("..").locator("time").first.get_attribute("datetime")
    step(page, "open_solicitation").get_by_label("征求意见截止日").fill(earliest)
    step(page, "open_solicitation").get_by_role("button", name="公开征求意见").click()
    says(page, "已公开征求意见")

    # The window of the first document has closed: the drafter sends it for legality review.
    page.goto(detail_url)
    expect(page.locator("#status")).to_contain_text("征求意见期已届满")
    submit = step(page, "submit_for_review")
    submit.get_by_label("法律依据").fill("《中华人民共和国科学技术进步法》《天津市科技创新促进条例》")
    submit.get_by_label("起草说明").fill("为规范科技创新券管理，起草本办法；征求意见期间未收到意见。")
    submit.get_by_role("button", name="送请合法性审核").click()
    says(page, "已送请合法性审核")
    review = ReviewRequest.objects.get()
    expect(page.locator("#gate")).to_contain_text("不得提交集体审议")

    # The reviewer accepts, assigns the advisor and concludes 合法 on the review pages (early,
    # so with the reason the rule asks for).
    switch_user(page, base, people["reviewer"].username, detail_url)
    page.locator("#review").get_by_role("link", name=review.code).click()
    page.get_by_role("button", name="受理").click()
    says(page, "已受理，审核期限至")
    page.get_by_label("王审核").check()
    page.get_by_label("赵律师（法律顾问，天津某律师事务所）").check()
    page.get_by_role("button", name="指派", exact=True).click()
    says(page, "已指派。")
    conclude = page.locator("#conclude-form")
    conclude.get_by_label("合法", exact=True).check()
    conclude.get_by_label("审核意见说明").fill("经审核，本办法合法。")
    if conclude.get_by_label("提前出具意见的理由").count():
        conclude.get_by_label("提前出具意见的理由").fill("局长办公会议程已定，需提前出具意见。")
    conclude.get_by_role("button", name="出具审核意见").click()
    says(page, "已出具审核意见")

    # Back on the document: the gate is open; the reviewer records the meeting with the minutes.
    page.goto(detail_url)
    expect(page.locator("#gate")).to_contain_text("可以提交集体审议")
    minutes = tmp_path / "局长办公会纪要.pdf"
    minutes.write_bytes(b"%PDF-1.4\n% minutes of the director's office meeting\n%%EOF\n")
    deliberation = step(page, "record_deliberation")
    expect(deliberation.get_by_label("审议会议")).to_have_value("局长办公会")
    deliberation.get_by_label("审议通过", exact=True).check()
    deliberation.get_by_label("审议情况").fill("会议同意印发。")
    deliberation.get_by_label("会议纪要").set_input_files(str(minutes))
    deliberation.get_by_role("button", name="记录审议结果").click()
    says(page, "已记录集体审议：审议通过。")
    expect(page.locator(".attachments")).to_contain_text("局长办公会纪要.pdf")

    # … issues it with the next number of the series …
    step(page, "issue").get_by_label("签发人").fill("陈局长")
    step(page, "issue").get_by_role("button", name="编号并印发").click()
    number = f"津科规〔{year}〕1号"
    says(page, f"已统一编号印发：{number}。")
    expect(page.locator("#status")).to_contain_text(number)

    # … publishes it today, in force today …
    publish = step(page, "publish")
    publish.get_by_label("公布载体").fill("天津市科学技术局网站")
    publish.get_by_role("button", name="公布").click()
    says(page, "已公布")
    expect(page.locator("#status")).to_contain_text("现行有效")

    # … and files it with the Justice Bureau, the deadline shown with its basis.
    filing_step = step(page, "file")
    expect(filing_step.locator("..")).to_contain_text("报送期限")
    filing_step.get_by_label("起草说明").fill(
        "为规范科技创新券管理，制定本办法。经合法性审核、局长办公会审议通过。"
    )
    filing_step.get_by_role("button", name="报送备案").click()
    says(page, "已报送司法局备案")
    says(page, "按期报送")
    save_screenshot(page, "document-detail-filed")

    # The Justice Bureau's filing officer finds it among the filings and accepts it.
    switch_user(page, base, people["filing_officer"].username, base + reverse("documents:filings"))
    row = page.locator("tr", has_text=TITLE)
    expect(row).to_contain_text(number)
    expect(row).to_contain_text("按期")
    row.get_by_role("link", name=TITLE).click()
    expect(page.locator("#review")).to_contain_text(review.code)
    page.get_by_label("予以备案").check()
    page.get_by_role("button", name="作出审查结论").click()
    says(page, "已作出审查结论：予以备案。")
    save_screenshot(page, "filing-detail-filed")

    document.refresh_from_db()
    assert (document.status, document.number) == (NormativeDocument.Status.PUBLISHED, number)
    assert Filing.objects.get(document=document).status == Filing.Status.FILED

    # An anonymous visitor finds it in the public library by two characters of its title.
    page.context.clear_cookies()
    page.goto(f"{base}{reverse('library:index')}?q={SEARCH}")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()

    # The published text is the reviewed text (issue 15): the page shows its SHA-256, the same
    # one the review, the deliberation, the signing and the publication recorded, and the text
    # downloaded from the page hashes to it, as `sha256sum` would show anyone.
    page.get_by_role("link", name=TITLE).click()
    digest = hashlib.sha256(document.body.encode("utf-8")).hexdigest()
    expect(page.locator("#text-sha256")).to_have_text(digest)
    assert (
        AuditEvent.objects.get(verb="document.publish", object_id=str(document.pk)).data["sha256"] == digest
    )
    assert ReviewRequest.objects.get(pk=review.pk).text_sha256 == digest
    with page.expect_download() as download:
        page.get_by_role("link", name="下载正文（UTF-8 纯文本）").click()
    assert hashlib.sha256(Path(download.value.path()).read_bytes()).hexdigest() == digest
    save_screenshot(page, "library-document-text-hash")
