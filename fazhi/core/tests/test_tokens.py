from __future__ import annotations

from io import StringIO

from django.core.management import CommandError, call_command

from fazhi.core.models import ApiToken, AuditEvent
from fazhi.core.testing import BaseTestCase
from fazhi.core.tokens import create_token, revoke_token


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
