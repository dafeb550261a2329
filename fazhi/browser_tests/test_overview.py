"""The director opens the leadership overview from the dashboard: the charts are drawn, each
beside its data table; screenshots at 1366 px and 390 px."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from fazhi.browser_tests.conftest import Personas, log_in, save_screenshot
from fazhi.ledger.models import LedgerItem

pytestmark = pytest.mark.browser


def test_the_director_opens_the_overview_from_the_dashboard(
    page: Any, live_server: Any, personas: Personas
) -> None:
    # An open task due long ago: overdue whatever today is.
    LedgerItem.objects.create(
        year=2020,
        title="早已逾期的任务",
        division=personas.sci_division,
        lead=personas.director,
        due_on=datetime.date(2020, 6, 30),
        created_by=personas.director,
    )
    log_in(page, live_server.url, personas.director.username)
    page.locator("#overview-link a.button").click()
    page.wait_for_load_state("networkidle")
    assert page.url == live_server.url + reverse("core:overview")
    assert page.locator("h1").inner_text() == "领导工作总览"
    assert page.locator('[data-chart="chart-overdue"] canvas').count() == 1
    assert page.locator('[data-chart="chart-trend"] canvas').count() == 1
    assert page.locator("#overdue-table").is_visible()
    assert page.locator("#trend-table tbody tr").count() == 6
    assert "早已逾期的任务" in page.locator("#overdue").inner_text()
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        save_screenshot(page, f"overview-director-{width}")
