"""Signing in through the login form, and the menus each role sees afterwards."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from fazhi.browser_tests.conftest import Personas, log_in, save_screenshot

pytestmark = pytest.mark.browser


def menu_names(page: Any) -> list[str]:
    return page.locator("nav#staff-menu a[data-menu]").evaluate_all("links => links.map(a => a.dataset.menu)")


def test_director_sees_audit_trail_in_menu_and_division_staff_does_not(
    page: Any, live_server: Any, personas: Personas
) -> None:
    dashboard = live_server.url + reverse("core:dashboard")

    log_in(page, live_server.url, personas.director.username)
    assert page.url == dashboard
    assert page.locator("h1").inner_text() == "我的工作"
    director_menu = menu_names(page)
    save_screenshot(page, "dashboard-director")

    page.context.clear_cookies()
    log_in(page, live_server.url, personas.drafter.username)
    assert page.url == dashboard
    staff_menu = menu_names(page)
    save_screenshot(page, "dashboard-division-staff")

    assert "core:dashboard" in director_menu
    assert "core:dashboard" in staff_menu
    assert "core:audit_list" in director_menu
    assert "core:audit_list" not in staff_menu
    assert page.locator('nav#staff-menu a[data-menu="core:audit_list"]').count() == 0


def test_wrong_password_shows_the_error_in_chinese_and_stays_on_login(
    page: Any, live_server: Any, personas: Personas
) -> None:
    log_in(page, live_server.url, personas.drafter.username, "not-the-password")

    assert page.url.startswith(live_server.url + reverse("login"))
    assert "用户名或密码不正确" in page.locator(".form-errors").inner_text()
    assert page.locator("nav#staff-menu").count() == 0


def test_login_page_loads_its_stylesheet_and_scripts(page: Any, live_server: Any) -> None:
    static_responses: list[tuple[int, str]] = []
    page.on(
        "response",
        lambda r: static_responses.append((r.status, r.url)) if "/static/" in r.url else None,
    )
    page.goto(live_server.url + reverse("login"))
    page.wait_for_load_state("networkidle")

    assert static_responses, "the page asked for no static files"
    assert [(status, url) for status, url in static_responses if status != 200] == []
