"""/api/v1/enforcement: the public decision list (masked, withdrawn ones as withdrawn), the
yearly figures for those who read every case, the cases each person may see, and every step of
a case through its action — 401 without an account, 404 for what is hidden or not one's to do,
409 with the article for a closed legal gate or a wrong state, 4xx JSON for a wrong body."""

from __future__ import annotations

import json
from typing import Any, get_args

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.models import AuditEvent
from fazhi.core.tokens import create_token
from fazhi.enforcement import actions
from fazhi.enforcement import api as enforcement_api
from fazhi.enforcement.models import CaseRecord, EnforcementCase
from fazhi.enforcement.tests.base import on
from fazhi.enforcement.tests.test_public import ID_NUMBER, PERSON, USCC, PublicTestCase
from fazhi.reviews import actions as review_actions
from fazhi.reviews.models import ReviewRequest

BASE = "/api/v1/enforcement"
S = EnforcementCase.Status
CERTIFICATES = ["120200001", "120200002"]


class ApiTestCase(PublicTestCase):
    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"{BASE}{path}", params)

    def post(self, path: str, body: Any = None) -> Any:
        data = json.dumps(body if body is not None else {})
        return self.client.post(f"{BASE}{path}", data=data, content_type="application/json")

    def step(self, case: EnforcementCase, step: str, body: Any = None, status: int = 200) -> Any:
        response = self.post(f"/cases/{case.pk}/{step}", body)
        self.assertEqual(response.status_code, status, response.content.decode())
        return response.json()

    def assertDetail(self, response: Any, status: int, text: str = "") -> None:
        self.assertEqual(response.status_code, status, response.content.decode())
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        self.assertIn(text, response.json()["detail"])

    def filing(self, **overrides: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "title": "未取得实验动物使用许可证从事动物实验",
            "category": "penalty",
            "party_name": "天津某生物科技有限公司",
            "party_kind": "organization",
            "party_code": USCC,
            "facts": "双随机抽查发现该公司未取得许可证即开展动物实验。",
            "officers": CERTIFICATES,
            "discovered_on": "2026-09-21",
            "violation_occurred_on": "2026-09-20",
        }
        body.update(overrides)
        return body


class EnumTests(ApiTestCase):
    def test_the_literals_of_the_api_are_the_model_choices(self) -> None:
        pairs = [
            (enforcement_api.StatusValue, EnforcementCase.Status),
            (enforcement_api.CategoryValue, EnforcementCase.Category),
            (enforcement_api.PartyKindValue, EnforcementCase.PartyKind),
            (enforcement_api.OutcomeValue, EnforcementCase.Outcome),
            (enforcement_api.MajorGroundValue, EnforcementCase.MajorGround),
            (enforcement_api.RecordStepValue, CaseRecord.Step),
            (enforcement_api.RecordKindValue, CaseRecord.Kind),
        ]
        for literal, choices in pairs:
            self.assertEqual(list(get_args(literal)), list(choices.values))


class PublicDecisionApiTests(ApiTestCase):
    def test_published_decisions_are_public_masked_and_newest_first(self) -> None:
        org = self.published()
        person = self.person()
        self.decided(party_name="天津某未公示有限公司")
        response = self.get("/public/decisions")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(PERSON, response.content.decode())
        self.assertNotIn(ID_NUMBER, response.content.decode())
        data = response.json()
        self.assertEqual((data["count"], [r["id"] for r in data["items"]]), (2, [person.pk, org.pk]))
        masked, shown = data["items"]
        self.assertEqual(
            (masked["party"], masked["party_code"], masked["natural_person"]), ("欧***", "", True)
        )
        self.assertEqual((shown["party"], shown["party_code"]), ("天津某生物科技有限公司", USCC))
        self.assertEqual(
            (shown["decision_number"], shown["fine_amount"], shown["decided_on"], shown["published_on"]),
            (org.decision_number, "10000.00", "2026-09-30", "2026-10-09"),
        )
        self.assertEqual((shown["outcome"], shown["decision_text"]), ("penalty", "警告，罚款一万元"))
        self.assertTrue(shown["url"].endswith(f"/enforcement/{org.pk}/"))

    def test_a_withdrawn_decision_carries_the_reason_and_none_of_its_content(self) -> None:
        case = self.withdrawn()
        (row,) = self.get("/public/decisions").json()["items"]
        self.assertEqual(
            (row["decision_number"], row["withdrawn"], row["withdrawn_on"], row["withdrawal_reason"]),
            (case.decision_number, True, "2026-10-09", "经行政复议，原决定被撤销"),
        )
        for field in ("party", "party_code", "title", "outcome", "decision_text", "fine_amount", "category"):
            self.assertIsNone(row[field], field)

    def test_filters_pages_and_wrong_parameters(self) -> None:
        first = self.published()
        other = self.published(category=EnforcementCase.Category.OTHER)
        self.assertEqual(
            [r["id"] for r in self.get("/public/decisions", category="other").json()["items"]], [other.pk]
        )
        self.assertEqual(self.get("/public/decisions", year=2026).json()["count"], 2)
        self.assertEqual(self.get("/public/decisions", year=2025).json()["count"], 0)
        page = self.get("/public/decisions", limit=1, offset=1).json()
        self.assertEqual((page["count"], [r["id"] for r in page["items"]]), (2, [first.pk]))
        for params in (
            {"limit": 0},
            {"limit": 101},
            {"offset": -1},
            {"year": 1999},
            {"year": "x"},
            {"category": "fine"},
        ):
            with self.subTest(params=params):
                self.assertDetail(
                    self.client.get(f"{BASE}/public/decisions", params), 422, "请求参数格式不正确"
                )

    def test_the_list_reads_two_queries_whatever_its_length(self) -> None:
        self.published()
        with CaptureQueriesContext(connection) as one:
            self.get("/public/decisions")
        self.person()
        self.withdrawn()
        with CaptureQueriesContext(connection) as three:
            self.assertEqual(self.get("/public/decisions").json()["count"], 3)
        self.assertEqual(len(one.captured_queries), len(three.captured_queries))
        self.assertEqual(len(three.captured_queries), 2)


class StatsApiTests(ApiTestCase):
    def test_the_leadership_and_the_legal_division_get_the_figures(self) -> None:
        self.published()
        self.investigated()
        for user in (self.director, self.reviewer):
            with self.subTest(user=user.username):
                self.login(user)
                data = self.get("/stats", year=2026).json()
                self.assertEqual(
                    (
                        data["year"],
                        data["filed"],
                        data["decided"],
                        data["penalties"],
                        data["published_in_time"],
                    ),
                    (2026, 2, 1, 1, 1),
                )
                self.assertEqual((data["fines_total"], data["publicity_rate"]), ("10000.00", 1.0))
                self.assertEqual(data["by_category"], {"penalty": 2, "coercion": 0, "other": 0})

    def test_a_year_without_cases_counts_zero(self) -> None:
        self.login(self.director)
        data = self.get("/stats", year=2021).json()
        self.assertEqual((data["filed"], data["decided"], data["major"], data["transferred"]), (0, 0, 0, 0))
        self.assertIsNone(data["publicity_rate"])

    def test_other_staff_get_404_and_no_account_401(self) -> None:
        for user in (
            self.officer,
            self.drafter,
            self.division_head,
            self.advisor,
            self.filing_officer,
            self.admin_user,
        ):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertDetail(self.get("/stats", year=2026), 404, "未找到")
        self.client.logout()
        self.assertDetail(self.get("/stats", year=2026), 401, "未登录")

    def test_the_year_is_required_and_bounded(self) -> None:
        self.login(self.director)
        for params in ({}, {"year": "abc"}, {"year": 1999}, {"year": 2100}, {"year": "9" * 40}):
            with self.subTest(params=params):
                self.assertDetail(self.client.get(f"{BASE}/stats", params), 422, "请求参数格式不正确")

    def test_a_bearer_token_authenticates(self) -> None:
        _token, raw = create_token(self.reviewer, actor=self.reviewer)
        response = self.client.get(f"{BASE}/stats", {"year": 2026}, HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.assertEqual(response.status_code, 200)
        bad = self.client.get(f"{BASE}/stats", {"year": 2026}, HTTP_AUTHORIZATION="Bearer fz_wrong")
        self.assertEqual(bad.status_code, 401)


class CaseReadTests(ApiTestCase):
    def other_case(self) -> EnforcementCase:
        """Filed by officer2 with an officer who is not `officer`: hidden from `officer`."""
        return self.file(actor=self.officer2, officers=[self.inspector2, self.inspector(4)])

    def test_officers_see_their_cases_the_leadership_and_legal_division_all(self) -> None:
        mine = self.file()
        theirs = self.other_case()
        self.login(self.officer)
        data = self.get("/cases").json()
        self.assertEqual((data["count"], [c["id"] for c in data["items"]]), (1, [mine.pk]))
        self.assertEqual(self.get(f"/cases/{mine.pk}").json()["code"], mine.code)
        self.assertDetail(self.get(f"/cases/{theirs.pk}"), 404, "未找到")
        for user in (self.director, self.reviewer, self.officer2):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.get("/cases").json()["count"], 2)
                self.assertEqual(self.get(f"/cases/{theirs.pk}").status_code, 200)

    def test_staff_outside_enforcement_get_404_and_no_account_401(self) -> None:
        case = self.file()
        for user in (self.drafter, self.division_head, self.advisor, self.filing_officer, self.admin_user):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertDetail(self.get("/cases"), 404)
                self.assertDetail(self.get(f"/cases/{case.pk}"), 404)
        self.client.logout()
        self.assertDetail(self.get("/cases"), 401)
        self.assertDetail(self.get(f"/cases/{case.pk}"), 401)

    def test_the_detail_shows_the_whole_case_to_staff_unmasked(self) -> None:
        case = self.investigated(
            party_name=PERSON, party_kind="person", party_code=ID_NUMBER, major_grounds=["complex"]
        )
        self.login(self.reviewer)
        data = self.get(f"/cases/{case.pk}").json()
        self.assertEqual((data["party_name"], data["party_code"]), (PERSON, ID_NUMBER))
        self.assertEqual([o["certificate_number"] for o in data["officers"]], CERTIFICATES)
        self.assertEqual([r["step"] for r in data["records"]], ["investigation"])
        self.assertEqual(data["major_grounds"], ["complex"])
        self.assertFalse(data["legality_check"]["cleared"])
        self.assertIn("第五十八条", data["legality_check"]["reason"])

    def test_filters_pages_and_wrong_parameters(self) -> None:
        first = self.file()
        second = self.investigated()
        actions.notify(second, actor=self.officer, proposed_decision="拟警告", hearing_right=False)
        self.login(self.officer)
        self.assertEqual(
            [c["id"] for c in self.get("/cases", status="notified").json()["items"]], [second.pk]
        )
        self.assertEqual(self.get("/cases", year=2026).json()["count"], 2)
        self.assertEqual(self.get("/cases", year=2025).json()["count"], 0)
        page = self.get("/cases", limit=1, offset=1).json()
        self.assertEqual((page["count"], [c["id"] for c in page["items"]]), (2, [first.pk]))
        for params in ({"limit": 101}, {"offset": 2**63}, {"status": "lost"}, {"year": 99999}):
            with self.subTest(params=params):
                self.assertDetail(self.client.get(f"{BASE}/cases", params), 422)
        for path in ("/cases/0", f"/cases/{2**31}", "/cases/abc"):
            with self.subTest(path=path):
                self.assertDetail(self.get(path), 422)
        self.assertDetail(self.get("/cases/99999"), 404)

    def test_the_list_takes_the_same_queries_for_2_or_5_cases(self) -> None:
        self.login(self.officer)
        for _ in range(2):
            self.file()
        with CaptureQueriesContext(connection) as two:
            self.get("/cases")
        for _ in range(3):
            self.file()
        with CaptureQueriesContext(connection) as five:
            self.assertEqual(self.get("/cases").json()["count"], 5)
        self.assertEqual(len(two.captured_queries), len(five.captured_queries))


class FilingApiTests(ApiTestCase):
    def test_an_officer_files_a_case_with_officers_named_by_certificate(self) -> None:
        self.login(self.officer)
        response = self.post("/cases", self.filing(major_grounds=["public_interest"]))
        self.assertEqual(response.status_code, 201, response.content.decode())
        data = response.json()
        case = EnforcementCase.objects.get()
        self.assertEqual((data["id"], data["code"], data["status"]), (case.pk, case.code, "investigating"))
        self.assertEqual((data["decision_due_on"], data["is_major"]), ("2026-12-21", True))
        self.assertEqual([o["certificate_number"] for o in data["officers"]], CERTIFICATES)
        self.assertEqual(AuditEvent.objects.filter(verb="enforcement.file").count(), 1)

    def test_an_unknown_certificate_answers_422_naming_it(self) -> None:
        self.login(self.officer)
        self.assertDetail(
            self.post("/cases", self.filing(officers=["120200001", "X-404", "Y-404"])), 422, "X-404、Y-404"
        )
        self.assertFalse(EnforcementCase.objects.exists())

    def test_the_legal_gates_of_filing_answer_409_with_the_article(self) -> None:
        self.login(self.officer)
        self.assertDetail(
            self.post("/cases", self.filing(officers=["120200001", "120200003"])), 409, "第四十二条"
        )
        self.assertDetail(
            self.post("/cases", self.filing(violation_occurred_on="2024-09-19", discovered_on="2026-09-21")),
            409,
            "第三十六条",
        )
        self.assertDetail(
            self.post("/cases", self.filing(discovered_on="2026-09-23")), 400, "发现之日不能晚于今天"
        )
        self.assertFalse(EnforcementCase.objects.exists())

    def test_bodies_of_the_wrong_shape_answer_4xx_json(self) -> None:
        self.login(self.officer)
        for body in (
            {},
            self.filing(officers="120200001"),
            self.filing(officers=[]),
            self.filing(discovered_on="2026-02-30"),
            self.filing(discovered_on="1999-12-31"),
            self.filing(party_kind="alien"),
            self.filing(major_grounds=["because"]),
            self.filing(title="x" * 201),
            self.filing(facts="a\x00b"),
            [1, 2],
            "text",
        ):
            with self.subTest(body=body):
                self.assertDetail(self.post("/cases", body), 422, "请求参数格式不正确")
        response = self.client.post(f"{BASE}/cases", data="{not json", content_type="application/json")
        self.assertDetail(response, 400, "请求体不是有效的 JSON")
        self.assertDetail(self.post("/cases", self.filing(title="  ")), 400, "请填写案由")
        self.assertFalse(EnforcementCase.objects.exists())

    def test_only_enforcement_officers_file_and_nobody_without_an_account(self) -> None:
        for user in (self.director, self.reviewer, self.drafter, self.admin_user):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertDetail(self.post("/cases", self.filing()), 404)
        self.client.logout()
        self.assertDetail(self.post("/cases", self.filing()), 401)
        self.assertFalse(EnforcementCase.objects.exists())


class StepApiTests(ApiTestCase):
    def test_a_case_with_a_hearing_and_a_legality_check_from_filing_to_closing(self) -> None:
        self.login(self.officer)
        case_id = self.post("/cases", self.filing()).json()["id"]
        case = EnforcementCase.objects.get(pk=case_id)
        data = self.step(
            case, "records", {"step": "investigation", "title": "现场检查笔录", "kind": "audio_video"}
        )
        self.assertEqual([r["kind"] for r in data["records"]], ["audio_video"])
        # Sessions last 8 hours: each day of the case signs in afresh.
        with on("2026-09-28"):
            self.login(self.officer)
            data = self.step(case, "notify", {"proposed_decision": "拟罚款五万元", "hearing_right": True})
            self.assertEqual((data["status"], data["hearing_request_due_on"]), ("notified", "2026-10-10"))
            self.step(case, "request_hearing", {})
            data = self.step(case, "schedule_hearing", {"hearing_on": "2026-10-13"})
            self.assertEqual(data["hearing_on"], "2026-10-13")
        with on("2026-10-13"):
            self.login(self.officer)
            data = self.step(case, "record_hearing", {"record": "当事人到场陈述，承认事实"})
            self.assertEqual((data["major_grounds"], data["hearing_held_on"]), (["hearing"], "2026-10-13"))
            data = self.step(case, "submit_for_review", {"explanation": "经过听证"})
            review = ReviewRequest.objects.get(pk=data["legality_check"]["review_id"])
            self.assertEqual(
                (data["legality_check"]["cleared"], data["legality_check"]["review_status"]),
                (False, "submitted"),
            )
            review_actions.accept_review(review, actor=self.reviewer)
            review_actions.conclude_review(review, actor=self.reviewer, conclusion="lawful", text="事实清楚")
        with on("2026-10-14"):
            self.login(self.director)
            data = self.step(
                case, "decide", {"outcome": "penalty", "decision_text": "罚款五万元", "fine_amount": "50000"}
            )
        self.assertEqual(
            (data["status"], data["decision_number"], data["fine_amount"]),
            ("decided", "津科罚〔2026〕1号", "50000.00"),
        )
        self.assertTrue(data["legality_check"]["cleared"])
        with on("2026-10-15"):
            self.login(self.officer)
            self.step(case, "serve", {"served_on": "2026-10-15", "method": "直接送达"})
            data = self.step(case, "publish")
            self.assertEqual(data["published_on"], "2026-10-15")
            self.assertTrue(data["public_url"].endswith(f"/enforcement/{case.pk}/"))
            self.step(case, "execute", {"executed_on": "2026-10-15", "note": "罚款已缴纳"})
            self.step(case, "records", {"step": "decision", "title": "行政处罚决定书"})
            self.step(case, "records", {"step": "service", "title": "送达回证"})
            data = self.step(case, "close")
        self.assertEqual((data["status"], data["closed_on"]), ("closed", "2026-10-15"))
        verbs = list(
            AuditEvent.objects.filter(object_type="enforcement.enforcementcase", object_id=str(case.pk))
            .order_by("pk")
            .values_list("verb", flat=True)
        )
        for verb in (
            "file",
            "notify",
            "hearing_request",
            "hearing_schedule",
            "hearing_held",
            "submit_review",
            "decide",
            "serve",
            "publish",
            "execute",
            "close",
        ):
            self.assertIn(f"enforcement.{verb}", verbs)

    def test_a_statement_a_decision_without_a_fine_and_the_withdrawal_of_its_publicity(self) -> None:
        case = self.notified()
        self.login(self.officer)
        self.assertEqual(
            self.step(case, "record_statement", {"statement": "当事人称不知需要许可"})["statement"],
            "当事人称不知需要许可",
        )
        self.login(self.director)
        data = self.step(case, "decide", {"outcome": "no_penalty", "decision_text": "违法事实不能成立"})
        self.assertEqual((data["outcome"], data["fine_amount"]), ("no_penalty", None))
        with on("2026-10-09"):
            self.login(self.officer)
            self.step(case, "publish")
            data = self.step(
                case, "record_reversal", {"reversed_on": "2026-10-09", "reason": "本机关自行纠正"}
            )
            self.assertEqual(data["withdrawal_due_on"], "2026-10-13")  # 10, 12 and 13 October
            data = self.step(case, "withdraw_publicity")
        self.assertEqual(data["withdrawn_on"], "2026-10-09")
        (row,) = self.get("/public/decisions").json()["items"]
        self.assertEqual(
            (row["withdrawn"], row["withdrawal_reason"], row["decision_text"]), (True, "本机关自行纠正", None)
        )

    def test_transfer_and_major_grounds(self) -> None:
        case = self.investigated()
        self.login(self.officer)
        self.assertEqual(
            self.step(case, "major_grounds", {"grounds": ["by_law", "complex"]})["major_grounds"],
            ["complex", "by_law"],
        )
        data = self.step(case, "transfer", {"transferred_to": "天津市公安局", "reason": "涉嫌犯罪"})
        self.assertEqual((data["status"], data["transferred_to"]), ("transferred", "天津市公安局"))

    def test_a_closed_legal_gate_answers_409_with_the_article(self) -> None:
        case = self.investigated()
        self.login(self.officer)
        bare = self.file()
        self.assertDetail(
            self.post(f"/cases/{bare.pk}/notify", {"proposed_decision": "拟警告", "hearing_right": False}),
            409,
            "第四十七条",
        )
        self.step(case, "notify", {"proposed_decision": "拟警告", "hearing_right": False})
        self.login(self.director)
        self.assertDetail(
            self.post(f"/cases/{case.pk}/decide", {"outcome": "penalty", "decision_text": "警告"}),
            409,
            "第六十二条",
        )
        self.assertEqual(EnforcementCase.objects.get(pk=case.pk).status, S.NOTIFIED)

    def test_a_step_the_state_does_not_allow_answers_409_naming_the_state(self) -> None:
        case = self.file()
        self.login(self.officer)
        self.assertDetail(self.post(f"/cases/{case.pk}/close"), 409, "当前状态为“调查取证”，不能结案归档")
        self.assertDetail(
            self.post(f"/cases/{case.pk}/record_statement", {"waived": True}), 409, "不能记录陈述、申辩"
        )
        self.assertDetail(self.post(f"/cases/{case.pk}/publish"), 400, "作出决定后方可公示")

    def test_a_step_that_is_not_ones_to_take_answers_404(self) -> None:
        case = self.notified()
        actions.record_statement(case, actor=self.officer, waived=True)
        self.login(self.officer)  # sees the case, but the head decides
        self.assertDetail(
            self.post(f"/cases/{case.pk}/decide", {"outcome": "penalty", "decision_text": "警告"}), 404
        )
        self.login(self.reviewer)  # reads every case, takes none of its steps
        self.assertDetail(self.post(f"/cases/{case.pk}/record_hearing", {"record": "……"}), 404)
        self.login(self.drafter)
        self.assertDetail(
            self.post(f"/cases/{case.pk}/decide", {"outcome": "penalty", "decision_text": "警告"}), 404
        )
        self.client.logout()
        self.assertDetail(self.post(f"/cases/{case.pk}/close"), 401)
        self.assertEqual(EnforcementCase.objects.get(pk=case.pk).status, S.NOTIFIED)

    def test_step_bodies_of_the_wrong_shape_answer_4xx_json(self) -> None:
        case = self.notified()
        actions.record_statement(case, actor=self.officer, waived=True)
        self.login(self.director)
        for body in (
            {},
            {"outcome": "death", "decision_text": "x"},
            {"outcome": "penalty", "decision_text": "x", "fine_amount": "-5"},
            {"outcome": "penalty", "decision_text": "x", "fine_amount": "abc"},
            {"outcome": "penalty", "decision_text": "x", "fine_amount": "NaN"},
            {"outcome": "penalty", "decision_text": "x", "fine_amount": "0.001"},
            {"outcome": "penalty", "decision_text": "x", "fine_amount": "1e20"},
            {"outcome": "penalty", "decision_text": ["x"]},
        ):
            with self.subTest(body=body):
                self.assertDetail(self.post(f"/cases/{case.pk}/decide", body), 422, "请求参数格式不正确")
        self.login(self.officer)
        for step, body in (
            ("schedule_hearing", {"hearing_on": "9999-12-31"}),
            ("request_hearing", {"requested_on": "tomorrow"}),
            ("records", {"step": "lunch", "title": "x"}),
            ("major_grounds", {"grounds": "complex"}),
        ):
            with self.subTest(step=step):
                self.assertDetail(self.post(f"/cases/{case.pk}/{step}", body), 422, "请求参数格式不正确")
        self.assertEqual(EnforcementCase.objects.get(pk=case.pk).status, S.NOTIFIED)

    def test_steps_on_hidden_missing_and_absurd_cases(self) -> None:
        theirs = self.file(actor=self.officer2, officers=[self.inspector2, self.inspector(4)])
        self.login(self.officer)
        self.assertDetail(
            self.post(f"/cases/{theirs.pk}/transfer", {"transferred_to": "x", "reason": "y"}), 404
        )
        self.assertDetail(self.post("/cases/99999/publish"), 404)
        self.assertDetail(self.post(f"/cases/{2**31}/publish"), 422)
        self.assertEqual(EnforcementCase.objects.get(pk=theirs.pk).status, S.INVESTIGATING)


class DateBoundsTests(ApiTestCase):
    def test_dates_outside_the_calendar_years_are_refused_before_any_arithmetic(self) -> None:
        self.login(self.officer)
        for day in ("0001-01-01", "9999-12-31"):
            with self.subTest(day=day):
                self.assertDetail(self.post("/cases", self.filing(violation_occurred_on=day)), 422)
        self.assertFalse(EnforcementCase.objects.exists())
