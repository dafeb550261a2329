"""A refused step in a real browser: the drafter puts a document out for comment with a window
shorter than the rule book allows. The page comes back at the document's own address (not the
step's /action/ address) with the reason next to the date and the date kept; reloading it sends
nothing again (a plain GET, the refusal shown once, no new audit event)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.browser_tests.conftest import Personas, log_in, save_screenshot
from fazhi.core.calendar import seed_calendar_years
from fazhi.core.models import AuditEvent, CalendarYear
from fazhi.core.rulebook import seed_rulebook
from fazhi.documents import actions
from fazhi.documents.models import NormativeDocument

pytestmark = pytest.mark.browser


def test_a_refused_step_comes_back_on_the_record_page_and_a_reload_resends_nothing(
    page: Any, live_server: Any, personas: Personas
) -> None:
    seed_calendar_years()
    seed_rulebook()
    today = timezone.localdate()
    for year in (today.year, today.year + 1):
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "测试"})
    document = actions.create_document(
        actor=personas.drafter, title="天津市科技成果登记办法", text="第一条 为规范科技成果登记，制定本办法。"
    )
    detail = reverse("documents:detail", args=[document.pk])
    too_soon = (today + datetime.timedelta(days=1)).isoformat()

    log_in(page, live_server.url, personas.drafter.username)
    page.goto(live_server.url + detail)
    step = page.locator("#step-open_solicitation")
    # The steps open to the drafter are at the top of the page, before the record's details.
    assert page.locator("#steps").bounding_box()["y"] < page.locator("#text").bounding_box()["y"]
    step.locator("input[name='solicit-closes_on']").fill(too_soon)
    with page.expect_navigation():
        step.locator("button[type=submit]").click()

    assert page.url.split("#")[0] == live_server.url + detail
    error = page.locator("#id_solicit-closes_on_error")
    expect(error).to_contain_text("截止日不得早于")
    expect(page.locator("input[name='solicit-closes_on']")).to_have_value(too_soon)
    expect(page.locator(".messages")).to_contain_text("截止日不得早于")
    save_screenshot(page, "refused-step")

    events = AuditEvent.objects.filter(object_id=str(document.pk)).count()
    methods: list[str] = []
    page.on("request", lambda request: methods.append(request.method))
    page.reload()
    assert "POST" not in methods
    assert page.url.split("#")[0] == live_server.url + detail
    # Shown once: the reloaded page is the plain page again, with the empty form.
    expect(page.locator("#id_solicit-closes_on_error")).to_have_count(0)
    expect(page.locator("input[name='solicit-closes_on']")).not_to_have_value(too_soon)
    assert AuditEvent.objects.filter(object_id=str(document.pk)).count() == events
    assert NormativeDocument.objects.get(pk=document.pk).status == NormativeDocument.Status.DRAFTING
