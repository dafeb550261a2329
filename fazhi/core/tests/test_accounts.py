from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.contrib.auth.hashers import identify_hasher
from django.test import override_settings

from fazhi.core.menus import staff_menu
from fazhi.core.models import User
from fazhi.core.testing import PASSWORD, BaseTestCase

PROJECT_DIR = Path(__file__).resolve().parents[3]


class LoginTests(BaseTestCase):
    def test_passwords_are_hashed_with_argon2(self) -> None:
        from django.conf import settings

        with override_settings(PASSWORD_HASHERS=[h for h in settings.PASSWORD_HASHERS if "MD5" not in h]):
            user = User.objects.create_user("argon", password="Kj8-long-pass-2026")
            self.assertEqual(identify_hasher(user.password).algorithm, "argon2")

    def test_login_with_the_right_password_lands_on_my_work(self) -> None:
        response = self.client.post(
            "/accounts/login/", {"username": "drafter", "password": PASSWORD}, follow=True
        )
        self.assertEqual(response.redirect_chain[-1][0], "/work/")
        self.assertContains(response, "我的工作")

    def test_wrong_password_shows_a_chinese_error(self) -> None:
        response = self.client.post("/accounts/login/", {"username": "drafter", "password": "wrong-password"})
        self.assertContains(response, "用户名或密码不正确")

    def test_five_failures_lock_the_account_for_that_address(self) -> None:
        for _ in range(5):
            self.client.post("/accounts/login/", {"username": "drafter", "password": "wrong-password"})
        response = self.client.post("/accounts/login/", {"username": "drafter", "password": PASSWORD})
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "账户已暂时锁定", status_code=429)

    def test_logout_returns_to_the_portal(self) -> None:
        self.login(self.drafter)
        response = self.client.post("/accounts/logout/")
        self.assertRedirects(response, "/")
        self.assertEqual(self.client.get("/work/").status_code, 302)

    def test_password_change_validates_in_chinese_and_then_saves(self) -> None:
        self.login(self.drafter)
        response = self.client.post(
            "/accounts/password/", {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"}
        )
        self.assertContains(response, "密码长度太短")
        response = self.client.post(
            "/accounts/password/",
            {
                "old_password": PASSWORD,
                "new_password1": "Kj8-long-pass-2026",
                "new_password2": "Kj8-long-pass-2026",
            },
            follow=True,
        )
        self.assertContains(response, "密码已修改")
        self.assertTrue(User.objects.get(pk=self.drafter.pk).check_password("Kj8-long-pass-2026"))


class MenuTests(BaseTestCase):
    def _names(self, user: User) -> set[str]:
        return {name for _section, entries in staff_menu(user) for _label, _url, name in entries}

    def test_staff_and_director_see_different_menus(self) -> None:
        self.assertIn("core:dashboard", self._names(self.drafter))
        self.assertNotIn("core:audit_list", self._names(self.drafter))
        self.assertIn("core:audit_list", self._names(self.director))

    def test_the_menu_is_rendered_in_the_sidebar(self) -> None:
        self.login(self.reviewer)
        response = self.client.get("/work/")
        self.assertContains(response, 'data-menu="core:numbering"')
        self.assertContains(response, 'id="staff-menu"')

    def test_the_public_has_no_staff_menu(self) -> None:
        response = self.client.get("/")
        self.assertNotContains(response, 'id="staff-menu"')
        self.assertContains(response, "政策文件库")


class SecurityHeaderTests(BaseTestCase):
    def test_pages_carry_a_content_security_policy_without_inline_scripts(self) -> None:
        response = self.client.get("/")
        csp = response["Content-Security-Policy"]
        self.assertIn("script-src 'self'", csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertEqual(response["X-Frame-Options"], "DENY")

    def test_english_is_available(self) -> None:
        response = self.client.get("/", headers={"Accept-Language": "en"})
        self.assertContains(response, 'lang="en"')
        self.assertContains(response, "Rule-of-Law Government Platform")


class DeployCheckTests(BaseTestCase):
    def test_check_deploy_is_clean_under_production_settings(self) -> None:
        env = {
            **os.environ,
            "FAZHI_SECRET_KEY": "k" * 20 + "-production-secret-key-with-enough-entropy-9f3a7c1e",
            "FAZHI_HTTPS": "1",
            "FAZHI_ALLOWED_HOSTS": "fazhi.example.gov.cn",
            "FAZHI_DEBUG": "0",
        }
        env.pop("PYTEST_VERSION", None)
        result = subprocess.run(
            [sys.executable, "-m", "fazhi.cli", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=PROJECT_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout)


@override_settings(LANGUAGE_CODE="zh-hans")
class ApiErrorShapeTests(BaseTestCase):
    def test_unauthenticated_api_call_answers_json_401(self) -> None:
        response = self.client.get("/api/v1/me")
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"detail": "未登录或令牌无效"})

    def test_a_body_that_is_not_json_answers_400_in_chinese(self) -> None:
        self.login(self.drafter)
        response = self.client.post("/api/v1/reviews", data="not json", content_type="application/json")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json(), {"detail": "请求体不是有效的 JSON"})

    def test_openapi_document_is_public(self) -> None:
        response = self.client.get("/api/v1/openapi.json")
        self.assertEqual(response.status_code, 200)
        self.assertIn("/api/v1/me", response.json()["paths"])
