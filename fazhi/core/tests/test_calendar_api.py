"""GET /api/v1/calendar/deadline and /api/v1/calendar/rules: answers, errors in Chinese, never 500."""

from __future__ import annotations

from fazhi.core.models import ApiToken
from fazhi.core.testing import BaseTestCase, without_calendar_year

URL = "/api/v1/calendar/deadline"


class DeadlineApiTest(BaseTestCase):
    def setUp(self) -> None:
        without_calendar_year(2027)  # next year missing, whatever the test clock
        self.login(self.drafter)

    def get(self, **params: object):  # type: ignore[no-untyped-def]
        return self.client.get(URL, params)

    def test_a_rule_deadline_names_the_rule_its_version_and_basis(self) -> None:
        response = self.get(start="2026-02-13", rule="decision.legality_review_min")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["start"], "2026-02-13")
        self.assertEqual(body["due"], "2026-03-02")
        self.assertEqual(body["rule"], "decision.legality_review_min")
        self.assertEqual(body["rule_version"], 1)
        self.assertIn("第二十六条", body["basis"])
        self.assertEqual(body["unit"], "working_days")

    def test_a_plain_period_has_no_rule_and_cites_the_civil_code(self) -> None:
        cases = {
            "working_days": ("5", "2026-02-27"),
            "days": ("5", "2026-02-24"),
            "months": ("1", "2026-03-13"),
        }
        for name, (amount, due) in cases.items():
            body = self.get(start="2026-02-13", **{name: amount}).json()
            self.assertEqual(body["due"], due, name)
            self.assertIsNone(body["rule"])
            self.assertIn("民法典", body["basis"])

    def test_exactly_one_kind_of_period_is_required(self) -> None:
        for params in (
            {"start": "2026-02-13"},
            {"start": "2026-02-13", "days": 3, "months": 1},
            {"start": "2026-02-13", "rule": "litigation.defence", "working_days": 5},
        ):
            response = self.get(**params)
            self.assertEqual(response.status_code, 422, params)
            self.assertIn("只指定一种期限", response.json()["detail"])

    def test_an_unknown_rule_is_404_in_json(self) -> None:
        response = self.get(start="2026-02-13", rule="no.such_rule")
        self.assertEqual(response.status_code, 404)
        self.assertIn("no.such_rule", response.json()["detail"])

    def test_an_uncovered_year_is_422_naming_the_year(self) -> None:
        response = self.get(start="2026-12-20", working_days=15)
        self.assertEqual(response.status_code, 422)
        self.assertIn("2027 年的工作日历尚未录入", response.json()["detail"])

    def test_malformed_and_absurd_input_is_a_4xx_never_a_500(self) -> None:
        for params in (
            {"start": "2026-13-01", "days": 1},
            {"start": "yesterday", "days": 1},
            {"start": "2026-01-01", "days": "abc"},
            {"start": "2026-01-01", "days": "-1"},
            {"start": "2026-01-01", "days": "9" * 40},
            {"start": "2026-01-01", "working_days": "3651"},
            {"start": "2026-01-01", "months": "121"},
            {"start": "9999-12-31", "days": "3650"},
            {"start": "9999-12-31", "months": "120"},
            {"start": "9999-12-31", "rule": "annual_report.submit"},
            {"start": "0001-01-01", "days": "1"},
            {"start": "0001-01-01", "rule": "decision.hearing_materials_min"},
            {"start": "2026-01-01", "rule": "x" * 500},
            {"start": "2026-01-01", "rule": ""},
            {"start": "2026-01-01", "rule": "document.filing\x00"},
            {"start": "2026-01-01", "rule": "规则"},
            {"days": "1"},
        ):
            response = self.get(**params)
            self.assertIn(response.status_code, (404, 422), params)
            self.assertIn("detail", response.json(), params)

    def test_anonymous_callers_are_refused_and_tokens_work(self) -> None:
        self.client.logout()
        self.assertEqual(self.get(start="2026-02-13", days=5).status_code, 401)
        raw = "fz_test_token_for_the_calendar_api"
        ApiToken.objects.create(
            user=self.drafter, name="test", prefix=raw[:10], token_hash=ApiToken.hash_token(raw)
        )
        response = self.client.get(
            URL, {"start": "2026-02-13", "days": 5}, HTTP_AUTHORIZATION=f"Bearer {raw}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["due"], "2026-02-24")


class RulesApiTest(BaseTestCase):
    def test_the_current_rules_are_listed_with_their_period(self) -> None:
        self.login(self.reviewer)
        with self.assertNumQueries(3):  # session, user, rules
            response = self.client.get("/api/v1/calendar/rules")
        self.assertEqual(response.status_code, 200)
        rules = {r["code"]: r for r in response.json()}
        self.assertEqual(rules["reconsideration.reply"]["amount"], 10)
        self.assertEqual(
            rules["reconsideration.reply"]["period"], "收到申请书副本或申请笔录复印件之日后10个工作日"
        )
        self.assertEqual(rules["annual_report.submit"]["period"], "次年3月1日")
        self.assertEqual(rules["document.filing"]["source_tag"], "U")
