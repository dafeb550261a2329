from __future__ import annotations

import datetime
import json
from typing import Any, get_args

from fazhi.api import api
from fazhi.core.models import AuditEvent
from fazhi.decisions import actions
from fazhi.decisions import api as decisions_api
from fazhi.decisions.models import DecisionComment, MajorDecision
from fazhi.decisions.tests.factories import at, decided, through_expert_and_risk, through_review
from fazhi.decisions.tests.test_actions import DecisionTestCase

D = datetime.date
BASE = "/api/v1/decisions"


class ApiTestCase(DecisionTestCase):
    def post(self, path: str, body: Any) -> Any:
        return self.client.post(path, data=json.dumps(body), content_type="application/json")

    def assertDetail(self, response: Any, status: int, text: str = "") -> None:
        self.assertEqual(response.status_code, status, response.content.decode())
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        self.assertIn(text, response.json()["detail"])

    def with_comments(self) -> tuple[MajorDecision, DecisionComment, DecisionComment]:
        decision = self.new()
        with at("2026-01-06"):
            consultation = actions.open_consultation(decision, actor=self.drafter, closes_on=D(2026, 2, 10))
            actions.schedule_hearing(
                decision,
                actor=self.drafter,
                held_on=D(2026, 1, 20),
                place="局会议室",
                participants="企业代表3名",
            )
        with at("2026-01-21"):
            first = actions.add_public_comment(
                consultation, text="建议增加人才引进目标", author_name="王先生"
            )
            same = actions.add_public_comment(consultation, text="希望写入人才引进指标")
            actions.mark_duplicate(same, of=first, actor=self.drafter)
        return decision, first, same


class EnumTests(ApiTestCase):
    def test_the_literals_of_the_api_are_the_model_choices(self) -> None:
        self.assertEqual(list(get_args(decisions_api.StageValue)), list(MajorDecision.Stage.values))
        self.assertEqual(list(get_args(decisions_api.AdoptionValue)), list(DecisionComment.Adoption.values))

    def test_no_route_takes_a_public_comment(self) -> None:
        paths = api.get_openapi_schema()["paths"]
        for path, operations in paths.items():
            if path.startswith(BASE):
                self.assertFalse("post" in operations and "answer" not in path, path)


class PublicCatalogTests(ApiTestCase):
    def adjusted(self) -> None:
        with at("2026-01-05"):
            kept, dropped = (
                actions.propose_decision(
                    actor=self.drafter, year=2026, title=t, legal_basis="法", reason="因"
                )
                for t in ("天津市科技创新“十五五”规划", "天津市基础研究十年行动方案")
            )
            v1 = actions.create_catalog(actor=self.reviewer, agency=self.bureau, year=2026)
            actions.add_to_catalog(v1, kept, actor=self.reviewer)
            actions.add_to_catalog(v1, dropped, actor=self.reviewer)
            actions.approve_catalog(v1, actor=self.reviewer, meeting="局党委会", approved_on=D(2026, 1, 5))
            actions.publish_catalog(v1, actor=self.reviewer)
        with at("2026-06-01"):
            v2 = actions.adjust_catalog(v1, actor=self.reviewer, note="年中调整")
            actions.remove_from_catalog(v2, dropped, actor=self.reviewer, reason="并入规划")
            actions.approve_catalog(v2, actor=self.reviewer, meeting="局党委会", approved_on=D(2026, 6, 1))
            actions.publish_catalog(v2, actor=self.reviewer)
        with at("2026-06-10"):
            actions.adjust_catalog(v2, actor=self.reviewer, note="尚未审议的第3版")

    def test_anyone_gets_the_published_catalog_with_its_items(self) -> None:
        self.adjusted()
        response = self.client.get(f"{BASE}/catalogs", {"year": 2026})
        self.assertEqual(response.status_code, 200, response.content)
        data = response.json()
        self.assertEqual(
            (data["year"], data["version"], data["agency"]["name"]), (2026, 2, "天津市科学技术局")
        )
        self.assertEqual(data["change_note"], "年中调整")
        (item,) = data["items"]
        self.assertEqual(item["title"], "天津市科技创新“十五五”规划")
        self.assertEqual(item["lead_division"], "基础研究处")
        self.assertEqual((item["stage"], item["stage_label"]), ("drafting", "起草中"))
        self.assertEqual([v["version"] for v in data["versions"]], [1, 2])
        self.assertEqual(
            [(c["title"], c["change"], c["change_label"]) for c in data["versions"][1]["changes"]],
            [("天津市基础研究十年行动方案", "removed", "调出")],
        )

    def test_a_year_without_a_published_catalog_is_404(self) -> None:
        self.assertDetail(self.client.get(f"{BASE}/catalogs", {"year": 2025}), 404, "未找到")
        with at("2026-01-05"):
            catalog = actions.create_catalog(actor=self.reviewer, agency=self.bureau, year=2027)
        self.assertTrue(catalog.pk)
        self.assertDetail(self.client.get(f"{BASE}/catalogs", {"year": 2027}), 404, "未找到")

    def test_a_year_of_the_wrong_shape_is_422(self) -> None:
        for year in ("1800", "2100", "abc", "", str(2**64), "-1"):
            with self.subTest(year=year):
                self.assertDetail(
                    self.client.get(f"{BASE}/catalogs", {"year": year}), 422, "请求参数格式不正确"
                )
        self.assertDetail(self.client.get(f"{BASE}/catalogs"), 422)

    def test_the_catalog_runs_a_fixed_number_of_queries(self) -> None:
        self.adjusted()
        # The departments with a catalog of the year, the versions and the entries.
        with self.assertNumQueries(3):
            self.client.get(f"{BASE}/catalogs", {"year": 2026})


class StaffListTests(ApiTestCase):
    def test_each_role_sees_the_matters_it_may(self) -> None:
        self.new()
        for user, count in ((self.reviewer, 1), (self.director, 1), (self.drafter, 1), (self.outsider, 0)):
            with self.subTest(user=user.username):
                self.login(user)
                data = self.client.get(BASE).json()
                self.assertEqual(data["count"], count)
        self.login(self.advisor)
        self.assertDetail(self.client.get(BASE), 404)
        self.client.logout()
        self.assertDetail(self.client.get(BASE), 401)

    def test_filters_and_bad_filters(self) -> None:
        self.new()
        self.login(self.reviewer)
        self.assertEqual(self.client.get(BASE, {"stage": "public_participation"}).json()["count"], 1)
        self.assertEqual(self.client.get(BASE, {"stage": "published"}).json()["count"], 0)
        self.assertEqual(self.client.get(BASE, {"year": 2025}).json()["count"], 0)
        for params in ({"stage": "nope"}, {"year": 10**20}, {"limit": 0}, {"offset": -1}, {"offset": 2**63}):
            with self.subTest(params=params):
                self.assertDetail(self.client.get(BASE, params), 422)

    def test_the_list_runs_a_fixed_number_of_queries(self) -> None:
        with at("2026-01-05"):
            for title in ("一", "二", "三"):
                actions.propose_decision(
                    actor=self.drafter, year=2026, title=title, legal_basis="法", reason="因"
                )
        self.login(self.reviewer)
        # The session, the user, roles and permissions (5), the user's organization (their
        # agency), then the count and the page.
        with self.assertNumQueries(8):
            response = self.client.get(BASE)
        self.assertEqual(response.json()["count"], 3)


class DetailTests(ApiTestCase):
    def test_the_detail_has_every_procedure(self) -> None:
        decision, first, _same = self.with_comments()
        with at("2026-02-11"):
            actions.answer_comment(first, actor=self.drafter, adoption="adopted", answer="已增加")
            actions.publish_adoption_report(decision, actor=self.drafter, report="采纳2条")
            actions.complete_public_participation(decision, actor=self.drafter)
        decision = through_expert_and_risk(decision, self.drafter, self.expert)
        decision = decided(through_review(decision, self.drafter, self.reviewer, self.counsel), self.director)
        with at("2026-03-05"):
            actions.publish_decision(
                decision, actor=self.reviewer, published_on=D(2026, 3, 5), channel="局网站"
            )
        with at("2026-06-15"):
            actions.add_execution_report(
                decision, actor=self.drafter, execution_unit="基础研究处", period="上半年", progress="过半"
            )
            actions.record_post_evaluation(
                decision,
                actor=self.reviewer,
                evaluator="天津市社会科学院",
                trigger="中期",
                report="报告",
                conclusion="良好",
            )
        self.login(self.drafter)
        data = self.client.get(f"{BASE}/{decision.pk}").json()
        self.assertEqual(data["stage"], "published")
        comments = data["consultation"]["comments"]
        self.assertEqual([c["adoption"] for c in comments], ["adopted", "adopted"])
        self.assertEqual(comments[1]["duplicate_of"], first.pk)
        self.assertEqual(data["hearings"][0]["place"], "局会议室")
        self.assertEqual(data["expert_opinions"][0]["expert"], "吴教授")
        self.assertEqual(data["risk_assessments"][0]["level"], "low")
        self.assertEqual(data["reviews"][0]["conclusion"], "lawful")
        self.assertEqual(data["execution_reports"][0]["progress"], "过半")
        self.assertEqual(data["evaluations"][0]["evaluator"], "天津市社会科学院")
        self.assertEqual(data["meeting_on"], "2026-03-03")
        self.assertEqual(data["archive_due_on"], "2026-04-02")

    def test_hidden_missing_and_absurd_ids(self) -> None:
        decision = self.new()
        self.login(self.outsider)
        self.assertDetail(self.client.get(f"{BASE}/{decision.pk}"), 404, "未找到")
        self.login(self.reviewer)
        self.assertDetail(self.client.get(f"{BASE}/999999"), 404)
        for bad in (0, 2**31, 2**64, "x"):
            with self.subTest(id=bad):
                self.assertDetail(self.client.get(f"{BASE}/{bad}"), 422)


class AnswerTests(ApiTestCase):
    def test_the_lead_division_answers_a_comment_and_its_duplicates(self) -> None:
        decision, first, same = self.with_comments()
        self.login(self.drafter)
        with at("2026-02-11"):
            response = self.post(
                f"{BASE}/{decision.pk}/comments/{same.pk}/answer",
                {"adoption": "partly_adopted", "answer": "部分写入第三章"},
            )
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["adoption_label"], "部分采纳")
        first.refresh_from_db()
        self.assertEqual((first.adoption, first.answer), ("partly_adopted", "部分写入第三章"))
        self.assertEqual(AuditEvent.objects.filter(verb="decision.comment.answer").count(), 1)

    def test_a_refusal_needs_a_reason(self) -> None:
        decision, first, _same = self.with_comments()
        self.login(self.drafter)
        response = self.post(f"{BASE}/{decision.pk}/comments/{first.pk}/answer", {"adoption": "not_adopted"})
        self.assertDetail(response, 400, "不采纳或部分采纳的理由")

    def test_wrong_shapes_are_422(self) -> None:
        decision, first, _same = self.with_comments()
        self.login(self.drafter)
        url = f"{BASE}/{decision.pk}/comments/{first.pk}/answer"
        for body in (
            {"adoption": "maybe"},
            {},
            {"adoption": "adopted", "answer": "x\x00"},
            {"adoption": "adopted", "answer": "长" * 5001},
        ):
            with self.subTest(body=body):
                self.assertDetail(self.post(url, body), 422)
        self.assertDetail(
            self.post(f"{BASE}/{decision.pk}/comments/{2**63}/answer", {"adoption": "adopted"}), 422
        )

    def test_others_cannot_answer_and_a_comment_of_another_matter_is_404(self) -> None:
        decision, first, _same = self.with_comments()
        self.login(self.outsider)
        self.assertDetail(
            self.post(f"{BASE}/{decision.pk}/comments/{first.pk}/answer", {"adoption": "adopted"}), 404
        )
        self.login(self.director)  # sees every matter, but does not run its procedures
        self.assertDetail(
            self.post(f"{BASE}/{decision.pk}/comments/{first.pk}/answer", {"adoption": "adopted"}), 404
        )
        self.login(self.drafter)
        self.assertDetail(
            self.post(f"{BASE}/{decision.pk}/comments/999999/answer", {"adoption": "adopted"}), 404
        )
        self.client.logout()
        self.assertDetail(
            self.post(f"{BASE}/{decision.pk}/comments/{first.pk}/answer", {"adoption": "adopted"}), 401
        )
        first.refresh_from_db()
        self.assertEqual(first.adoption, "")
