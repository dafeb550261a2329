from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import time_machine
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from fazhi.core.models import ApiToken, AuditEvent
from fazhi.core.testing import BaseTestCase
from fazhi.core.tokens import create_token, end_of_day, revoke_token
from fazhi.core.workflow import DomainError

D = datetime.date


class TokenCommandTests(BaseTestCase):
    def test_token_create_prints_the_token_alone_on_its_last_line(self) -> None:
        out = StringIO()
        call_command("token", "create", "reviewer", stdout=out)
        token = out.getvalue().strip().splitlines()[-1]
        self.assertTrue(token.startswith("fz_"))
        self.assertNotIn(" ", token)
        response = self.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["username"], "reviewer")

    def test_token_create_for_an_unknown_user_fails_in_chinese(self) -> None:
        with self.assertRaisesMessage(CommandError, "用户 nobody 不存在"):
            call_command("token", "create", "nobody", stdout=StringIO())

    def test_only_the_hash_is_stored(self) -> None:
        _token, raw = create_token(self.reviewer, actor=self.reviewer, name="对接")
        self.assertFalse(ApiToken.objects.filter(token_hash=raw).exists())
        self.assertTrue(ApiToken.objects.filter(token_hash=ApiToken.hash_token(raw)).exists())
        self.assertTrue(AuditEvent.objects.filter(verb="token.create").exists())


class TokenAuthTests(BaseTestCase):
    def test_a_revoked_token_is_refused_with_json(self) -> None:
        token, raw = create_token(self.reviewer, actor=self.reviewer)
        revoke_token(token, actor=self.reviewer)
        response = self.client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["detail"], "未登录或令牌无效")

    def test_a_token_of_a_deactivated_user_is_refused(self) -> None:
        _token, raw = create_token(self.outsider, actor=self.outsider)
        self.outsider.is_active = False
        self.outsider.save()
        response = self.client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
        self.assertEqual(response.status_code, 401)

    def test_me_describes_the_user_and_roles(self) -> None:
        self.login(self.director)
        body = self.client.get("/api/v1/me").json()
        self.assertEqual(body["full_name"], "陈局长")
        self.assertEqual(body["roles"], ["leadership"])
        self.assertEqual(body["organization"]["name"], "天津市科学技术局")


class TokenPageTests(BaseTestCase):
    def test_user_creates_a_token_shown_once_and_revokes_it(self) -> None:
        self.login(self.drafter)
        response = self.client.post("/work/tokens/", {"name": "数据对接"})
        self.assertContains(response, "只显示这一次")
        token = ApiToken.objects.get(user=self.drafter)
        response = self.client.post("/work/tokens/", {"revoke": token.pk}, follow=True)
        self.assertContains(response, "令牌已吊销")
        token.refresh_from_db()
        self.assertIsNotNone(token.revoked_at)

    def test_empty_name_shows_an_error_next_to_the_field(self) -> None:
        self.login(self.drafter)
        response = self.client.post("/work/tokens/", {"name": ""})
        self.assertContains(response, "请说明令牌用途")
        self.assertFalse(ApiToken.objects.exists())

    def test_a_user_cannot_revoke_another_users_token(self) -> None:
        token, _raw = create_token(self.reviewer, actor=self.reviewer)
        self.login(self.drafter)
        response = self.client.post("/work/tokens/", {"revoke": token.pk})
        self.assertEqual(response.status_code, 404)
        token.refresh_from_db()
        self.assertIsNone(token.revoked_at)

    def test_a_non_numeric_revoke_value_is_404_not_500(self) -> None:
        self.login(self.drafter)
        self.assertEqual(self.client.post("/work/tokens/", {"revoke": "abc"}).status_code, 404)


class TokenExpiryTests(BaseTestCase):
    """Issue 15: API tokens get an optional expiry."""

    def me(self, raw: str) -> Any:
        return self.client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})

    def test_a_token_works_until_its_expiry_and_is_refused_after(self) -> None:
        with time_machine.travel("2026-06-01 10:00 +08:00", tick=False):
            token, raw = create_token(
                self.reviewer, actor=self.reviewer, expires_at=end_of_day(D(2026, 6, 30))
            )
            self.assertEqual(
                AuditEvent.objects.get(verb="token.create").data["expires_at"], token.expires_at.isoformat()
            )
        with time_machine.travel("2026-06-30 23:59 +08:00", tick=False):
            self.assertEqual(self.me(raw).status_code, 200)
        with time_machine.travel("2026-07-01 00:00 +08:00", tick=False):
            response = self.me(raw)
            self.assertEqual(response.status_code, 401)
            self.assertEqual(response.json()["detail"], "未登录或令牌无效")

    def test_an_expiry_in_the_past_is_refused(self) -> None:
        with time_machine.travel("2026-06-01 10:00 +08:00", tick=False):
            with self.assertRaisesMessage(DomainError, "令牌有效期应晚于现在"):
                create_token(self.reviewer, actor=self.reviewer, expires_at=end_of_day(D(2026, 5, 31)))
            with self.assertRaisesMessage(CommandError, "令牌有效期应晚于现在"):
                call_command("token", "create", "reviewer", "--expires", "2026-05-31", stdout=StringIO())
        self.assertFalse(ApiToken.objects.exists())

    def test_the_command_takes_a_date_or_a_number_of_days(self) -> None:
        with time_machine.travel("2026-06-01 10:00 +08:00", tick=False):
            out = StringIO()
            call_command("token", "create", "reviewer", "--expires", "2026-12-31", stdout=out)
            self.assertIn("有效期至 2027-01-01 00:00", out.getvalue())
            call_command("token", "create", "reviewer", "--expires", "90d", stdout=StringIO())
            with self.assertRaisesMessage(CommandError, "应为日期（如 2027-06-30）或天数（如 90d）"):
                call_command("token", "create", "reviewer", "--expires", "soon", stdout=StringIO())
            expiries = sorted(t.expires_at for t in ApiToken.objects.all())
        self.assertEqual(
            [timezone.localtime(e).strftime("%Y-%m-%d %H:%M") for e in expiries if e],
            ["2026-08-30 10:00", "2027-01-01 00:00"],
        )
        with time_machine.travel("2026-09-01 10:00 +08:00", tick=False):
            out = StringIO()
            call_command("token", "list", "reviewer", stdout=out)
            self.assertIn("已过期 2026-08-30", out.getvalue())

    def test_the_page_creates_a_token_with_an_expiry_and_refuses_a_past_day(self) -> None:
        self.login(self.drafter)
        with time_machine.travel("2026-06-01 10:00 +08:00", tick=False):
            response = self.client.post("/work/tokens/", {"name": "对接", "expires_on": "2026-05-31"})
            self.assertEqual(response.context["form"].errors["expires_on"], ["有效期不能早于今天"])
            self.client.post("/work/tokens/", {"name": "对接", "expires_on": "2026-06-30"})
        token = ApiToken.objects.get(user=self.drafter)
        self.assertEqual(token.expires_at, end_of_day(D(2026, 6, 30)))


class AnonymousWriteTests(BaseTestCase):
    """Issue 15: an anonymous API write is 401 (not signed in), not a CSRF 403."""

    def test_an_anonymous_write_answers_401_even_with_csrf_checks_on(self) -> None:
        client = Client(enforce_csrf_checks=True)
        for path in ("/api/v1/reviews", "/api/v1/enforcement/cases", "/api/v1/ledger/items"):
            with self.subTest(path=path):
                response = client.post(path, data="{}", content_type="application/json")
                self.assertEqual(response.status_code, 401)
                self.assertEqual(response.json()["detail"], "未登录或令牌无效")

    def test_a_signed_in_session_still_needs_the_csrf_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.drafter)
        response = client.post("/api/v1/reviews", data="{}", content_type="application/json")
        self.assertEqual(response.status_code, 403)

    def test_a_bearer_token_needs_no_csrf_token(self) -> None:
        _token, raw = create_token(self.drafter, actor=self.drafter)
        client = Client(enforce_csrf_checks=True)
        response = client.post(
            "/api/v1/reviews",
            data='{"title": "合同审核", "subject_kind": "contract"}',
            content_type="application/json",
            headers={"Authorization": f"Bearer {raw}"},
        )
        self.assertEqual(response.status_code, 201, response.content)
