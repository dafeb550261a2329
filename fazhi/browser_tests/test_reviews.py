"""One legality review walked through the real pages, from the draft to 已办结: the drafter
creates and submits it with the draft attached, the reviewer accepts it and assigns counsel,
the reviewer and the advisor give opinions, the reviewer concludes before the shortest period
has run (so with a reason) and the drafter answers each opinion."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from fazhi.browser_tests.conftest import Personas, log_in, save_screenshot
from fazhi.core.models import CalendarYear, Organization
from fazhi.core.roles import Role
from fazhi.core.testing import make_user
from fazhi.reviews.models import LegalCounsel, ReviewOpinion, ReviewRequest

pytestmark = pytest.mark.browser

TITLE = "天津市科技创新平台管理办法（送审稿）"


def people(personas: Personas) -> dict[str, Any]:
    """The legal affairs reviewer and an engaged legal advisor with an account. The year after
    this one is registered, so that a 15-working-day period started late in December can be
    computed whatever day the test runs (the calendar and rule book themselves are restored
    after every flush by core's post_migrate handler)."""
    next_year = datetime.date.today().year + 1
    CalendarYear.objects.get_or_create(year=next_year, defaults={"source": "测试"})
    legal = Organization.objects.create(
        name="政策法规处", code="zcfgc", kind="division", parent=personas.bureau, is_legal_affairs=True
    )
    reviewer = make_user("reviewer", org=legal, roles=[Role.LEGAL_REVIEWER], full_name="王审核")
    advisor = make_user("advisor", org=None, roles=[Role.LEGAL_ADVISOR], full_name="赵律师")
    counsel = LegalCounsel.objects.create(
        kind=LegalCounsel.Kind.LEGAL_ADVISOR,
        name="赵律师",
        firm="天津某律师事务所",
        certificate_number="11201200510123456",
        term_start=datetime.date(2025, 1, 1),
        term_end=None,
        fields="行政法",
        user=advisor,
    )
    return {"reviewer": reviewer, "advisor": advisor, "counsel": counsel}


def switch_user(page: Any, base_url: str, username: str, detail_url: str) -> None:
    page.context.clear_cookies()
    log_in(page, base_url, username)
    page.goto(detail_url)


def says(page: Any, text: str) -> None:
    """The page that the last click led to shows `text` among its messages (waits for it)."""
    expect(page.locator("ul.messages")).to_contain_text(text)


def test_a_review_goes_from_draft_to_closed_through_the_pages(
    page: Any, live_server: Any, personas: Personas, tmp_path: Path
) -> None:
    cast = people(personas)
    base = live_server.url

    # The drafter creates the request from the list page.
    log_in(page, base, personas.drafter.username)
    page.goto(base + reverse("reviews:list"))
    page.get_by_role("link", name="新建送审").click()
    page.get_by_label("送审事项").fill(TITLE)
    page.get_by_label("事项类别").select_option(label="行政规范性文件")
    page.get_by_label("法律依据").fill("《中华人民共和国科学技术进步法》")
    page.get_by_label("起草说明").fill("为规范科技创新平台建设与运行管理，起草本办法。")
    page.get_by_role("button", name="保存草稿").click()
    says(page, "已创建送审草稿")
    review = ReviewRequest.objects.get(title=TITLE)
    detail_url = base + reverse("reviews:detail", args=[review.pk])
    assert page.url == detail_url

    # … attaches the draft and submits.
    draft = tmp_path / "送审稿.txt"
    draft.write_text("第一条 为了规范科技创新平台管理，制定本办法。\n", encoding="utf-8")
    page.get_by_label("上传文件").set_input_files(str(draft))
    page.get_by_label("材料类别").fill("送审稿")
    page.get_by_role("button", name="上传", exact=True).click()
    says(page, "已上传：送审稿.txt")
    page.get_by_role("button", name="送审", exact=True).click()
    says(page, "已送审，等待政策法规处受理。")

    # The reviewer finds it among the requests waiting, accepts, and assigns.
    switch_user(page, base, cast["reviewer"].username, base + reverse("reviews:list") + "?view=pending")
    page.get_by_role("link", name=review.code).click()
    page.get_by_role("button", name="受理").click()
    says(page, "已受理，审核期限至")
    page.get_by_label("王审核").check()
    page.get_by_label("赵律师（法律顾问，天津某律师事务所）").check()
    page.get_by_role("button", name="指派", exact=True).click()
    says(page, "已指派。")
    page.get_by_label("必须修改").check()
    page.get_by_label("意见内容").fill("第五条设定的备案义务缺乏上位法依据，应当删除。")
    page.get_by_label("引用依据").fill("《中华人民共和国立法法》第九十一条")
    page.get_by_role("button", name="提出意见").click()
    says(page, "已记录第1条审核意见。")

    # The assigned advisor adds a suggestion under their own name.
    switch_user(page, base, cast["advisor"].username, detail_url)
    page.get_by_label("建议", exact=True).check()
    page.get_by_label("意见内容").fill("建议对已认定的平台设置一年过渡期。")
    page.get_by_role("button", name="提出意见").click()
    says(page, "已记录第2条审核意见。")

    # The reviewer concludes before the 5-working-day floor has run, so gives the reason.
    switch_user(page, base, cast["reviewer"].username, detail_url)
    save_screenshot(page, "review-under-review-reviewer")
    conclude = page.locator("#conclude-form")
    assert "现在出具审核意见须说明理由" in conclude.inner_text()
    conclude.get_by_label("修改后合法").check()
    conclude.get_by_label("审核意见说明").fill("按第1条意见修改后合法。")
    conclude.get_by_label("提前出具意见的理由").fill("局长办公会议程已定，需提前出具意见。")
    conclude.get_by_role("button", name="出具审核意见").click()
    says(page, "已出具审核意见，请送审处室逐条答复。")

    # The drafter answers both opinions; the last answer closes the review.
    switch_user(page, base, personas.drafter.username, detail_url)
    first = page.locator("#opinion-1")
    first.get_by_label("采纳", exact=True).check()
    first.get_by_role("button", name="答复第 1 条").click()
    says(page, "已答复第1条意见。")
    second = page.locator("#opinion-2")
    second.get_by_label("部分采纳").check()
    second.get_by_label("采纳说明").fill("过渡期改为六个月，在配套通知中规定。")
    second.get_by_role("button", name="答复第 2 条").click()
    says(page, "全部意见均已答复，本审核已办结。")

    expect(page.locator("#status")).to_contain_text("已办结")
    assert page.get_by_role("link", name="下载法律审核意见书（.docx）").count() == 1
    save_screenshot(page, "review-closed-detail")

    review.refresh_from_db()
    assert review.status == ReviewRequest.Status.CLOSED
    assert review.short_review_reason == "局长办公会议程已定，需提前出具意见。"
    answers = list(review.opinions.order_by("number").values_list("kind", "counsel__name", "response"))
    assert answers == [
        (ReviewOpinion.Kind.MUST_CHANGE, None, ReviewOpinion.Response.ADOPTED),
        (ReviewOpinion.Kind.SUGGESTION, "赵律师", ReviewOpinion.Response.PARTLY_ADOPTED),
    ]
