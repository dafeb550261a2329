from __future__ import annotations

import json
from typing import Any, get_args

from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext

from fazhi.core.models import AuditEvent
from fazhi.core.tokens import create_token
from fazhi.reviews import actions
from fazhi.reviews import api as reviews_api
from fazhi.reviews.models import ReviewOpinion, ReviewRequest
from fazhi.reviews.tests.factories import accepted_review, draft_review, submitted_review
from fazhi.reviews.tests.test_actions import ReviewTestCase
from fazhi.reviews.tests.test_stats import StatsTestCase

S = ReviewRequest.Status
K = ReviewRequest.SubjectKind
BASE = "/api/v1/reviews"


class ApiTestCase(ReviewTestCase):
    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params)

    def post(self, path: str, body: Any = None, **extra: Any) -> Any:
        data = json.dumps(body if body is not None else {})
        return self.client.post(path, data=data, content_type="application/json", **extra)

    def assertDetail(self, response: Any, status: int, text: str = "") -> None:
        self.assertEqual(response.status_code, status, response.content.decode())
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        self.assertIn(text, response.json()["detail"])


class EnumTests(ApiTestCase):
    def test_the_literals_of_the_api_are_the_model_choices(self) -> None:
        pairs = [
            (reviews_api.StatusValue, ReviewRequest.Status),
            (reviews_api.KindValue, ReviewRequest.SubjectKind),
            (reviews_api.ConclusionValue, ReviewRequest.Conclusion),
            (reviews_api.OpinionKindValue, ReviewOpinion.Kind),
            (reviews_api.ResponseValue, ReviewOpinion.Response),
        ]
        for literal, choices in pairs:
            self.assertEqual(list(get_args(literal)), list(choices.values))


class StatsApiTests(StatsTestCase, ApiTestCase):
    def test_the_figures_match_a_count_taken_straight_from_the_database(self) -> None:
        self.login(self.reviewer)
        data = self.get(f"{BASE}/stats", year=2026).json()
        concluded = ReviewRequest.objects.filter(status__in=[S.CONCLUDED, S.CLOSED], concluded_on__year=2026)
        opinions = ReviewOpinion.objects.filter(review__in=concluded)
        self.assertEqual(data["year"], 2026)
        self.assertEqual(data["matters"], concluded.count())
        self.assertEqual(data["opinions"], opinions.count())
        per_kind = {
            r["subject_kind"]: r["n"] for r in concluded.values("subject_kind").annotate(n=Count("pk"))
        }
        self.assertEqual({r["kind"]: r["matters"] for r in data["by_kind"] if r["matters"]}, per_kind)
        per_division = dict(concluded.values_list("division__name").annotate(n=Count("pk")))
        self.assertEqual({r["division"]: r["matters"] for r in data["by_division"]}, per_division)
        answered = opinions.exclude(response="")
        used = answered.filter(response__in=["adopted", "partly_adopted"]).count()
        self.assertEqual(data["adoption"]["answered"], answered.count())
        self.assertEqual(data["adoption"]["rate"], used / answered.count())
        by_counsel = {r["name"]: r["opinions"] for r in data["by_counsel"]}
        self.assertEqual(
            by_counsel,
            dict(opinions.filter(~Q(counsel=None)).values_list("counsel__name").annotate(n=Count("pk"))),
        )
        self.assertEqual([y["year"] for y in data["years"]], [2025, 2026])

    def test_only_those_who_may_view_statistics_get_them(self) -> None:
        for user in (self.drafter, self.advisor, self.outsider, self.filing_officer):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertDetail(self.get(f"{BASE}/stats", year=2026), 404, "未找到")
        self.client.logout()
        self.assertEqual(self.get(f"{BASE}/stats", year=2026).status_code, 401)

    def test_the_year_is_required_and_between_1949_and_9999(self) -> None:
        self.login(self.director)
        self.assertEqual(self.get(f"{BASE}/stats", year=1949).status_code, 200)
        for params in ({}, {"year": "abc"}, {"year": 1948}, {"year": 10000}, {"year": "9" * 40}):
            with self.subTest(params=params):
                self.assertDetail(self.client.get(f"{BASE}/stats", params), 422, "请求参数格式不正确")

    def test_a_bearer_token_authenticates(self) -> None:
        _token, raw = create_token(self.reviewer, actor=self.reviewer)
        response = self.client.get(f"{BASE}/stats", {"year": 2026}, HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["matters"], 2)
        bad = self.client.get(f"{BASE}/stats", {"year": 2026}, HTTP_AUTHORIZATION="Bearer fz_wrong")
        self.assertEqual(bad.status_code, 401)


class ListAndDetailTests(ApiTestCase):
    def test_an_outsider_sees_none_of_the_drafters_requests(self) -> None:
        draft_review(self.drafter)
        submitted_review(self.drafter)
        self.login(self.outsider)
        data = self.get(BASE).json()
        self.assertEqual((data["count"], data["items"]), (0, []))
        self.login(self.drafter)
        self.assertEqual(self.get(BASE).json()["count"], 2)
        self.login(self.reviewer)
        self.assertEqual(self.get(BASE).json()["count"], 2)

    def test_people_outside_legality_review_get_404(self) -> None:
        for user in (self.filing_officer,):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertDetail(self.get(BASE), 404)

    def test_filters_and_pages(self) -> None:
        draft_review(self.drafter, title="草稿一")
        submitted_review(self.drafter, title="合同一", kind=K.CONTRACT)
        done = accepted_review(self.drafter, self.reviewer, self.counsel, title="已出具")
        actions.conclude_review(done, actor=self.reviewer, conclusion="lawful")
        self.login(self.reviewer)
        self.assertEqual([r["title"] for r in self.get(BASE, status="draft").json()["items"]], ["草稿一"])
        self.assertEqual([r["title"] for r in self.get(BASE, kind="contract").json()["items"]], ["合同一"])
        self.assertEqual([r["title"] for r in self.get(BASE, year=2026).json()["items"]], ["已出具"])
        self.assertEqual(self.get(BASE, year=2025).json()["count"], 0)
        page = self.get(BASE, limit=1, offset=1).json()
        self.assertEqual((page["count"], page["limit"], page["offset"], len(page["items"])), (3, 1, 1, 1))
        self.assertEqual(page["items"][0]["title"], "合同一")  # newest first
        for params in (
            {"limit": 101},
            {"limit": 0},
            {"offset": -1},
            {"offset": 2**63},
            {"status": "lost"},
            {"kind": "x"},
            {"year": 99999},
        ):
            with self.subTest(params=params):
                self.assertDetail(self.client.get(BASE, params), 422)

    def test_the_list_takes_the_same_queries_for_3_or_6_requests(self) -> None:
        self.login(self.drafter)
        for _ in range(3):
            draft_review(self.drafter)
        with CaptureQueriesContext(connection) as three:
            self.get(BASE)
        for _ in range(3):
            draft_review(self.drafter)
        with self.assertNumQueries(len(three.captured_queries)):
            data = self.get(BASE).json()
        self.assertEqual(data["count"], 6)

    def test_detail_with_opinions_for_those_who_see_it(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel)
        actions.add_opinion(
            review, actor=self.advisor, text="建议明确有效期", kind="suggestion", legal_basis="依据"
        )
        for user in (self.drafter, self.reviewer, self.advisor, self.director):
            with self.subTest(user=user.username):
                self.login(user)
                data = self.get(f"{BASE}/{review.pk}").json()
                self.assertEqual(
                    (data["id"], data["code"], data["status"]), (review.pk, review.code, S.UNDER_REVIEW)
                )
                self.assertEqual(data["opinions"][0]["text"], "建议明确有效期")
                self.assertEqual(data["opinions"][0]["counsel"], "赵律师")
                self.assertEqual(data["counsel"][0]["certificate_number"], self.counsel.certificate_number)
                self.assertIsNone(data["letter_url"])
        self.login(self.reviewer)
        self.assertIn("conclude", self.get(f"{BASE}/{review.pk}").json()["available_actions"])

    def test_hidden_missing_and_absurd_ids(self) -> None:
        review = draft_review(self.drafter)
        self.login(self.outsider)
        self.assertDetail(self.get(f"{BASE}/{review.pk}"), 404, "未找到")
        self.login(self.reviewer)
        self.assertDetail(self.get(f"{BASE}/{review.pk + 1000}"), 404)
        for bad in ("0", "-1", "abc", str(2**63), "9" * 40, "1.5"):
            with self.subTest(id=bad):
                response = self.get(f"{BASE}/{bad}")
                self.assertIn(response.status_code, (404, 422))
                self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")


class CreateApiTests(ApiTestCase):
    body = {
        "title": "天津市科技计划项目管理办法（送审稿）",
        "subject_kind": "normative_document",
        "legal_basis": "《科学技术进步法》",
        "explanation": "说明",
    }

    def test_a_division_creates_a_draft_through_the_action(self) -> None:
        self.login(self.drafter)
        response = self.post(BASE, self.body)
        self.assertEqual(response.status_code, 201, response.content)
        data = response.json()
        self.assertEqual(
            (data["status"], data["division"], data["title"]), (S.DRAFT, "基础研究处", self.body["title"])
        )
        self.assertTrue(AuditEvent.objects.filter(verb="review.create", object_id=str(data["id"])).exists())

    def test_someone_without_a_division_role_gets_404(self) -> None:
        self.login(self.reviewer)
        self.assertDetail(self.post(BASE, self.body), 404)
        self.assertFalse(ReviewRequest.objects.exists())

    def test_a_body_of_the_wrong_shape_is_422(self) -> None:
        self.login(self.drafter)
        for body in (
            {"subject_kind": "contract"},
            {**self.body, "subject_kind": "poem"},
            {**self.body, "title": "长" * 201},
            {**self.body, "title": ["a"]},
            {**self.body, "explanation": "a\x00b"},
            [1, 2],
        ):
            with self.subTest(body=str(body)[:40]):
                self.assertDetail(self.post(BASE, body), 422)
        bad_json = self.client.post(BASE, data="{not json", content_type="application/json")
        self.assertIn(bad_json.status_code, (400, 422))
        self.assertFalse(ReviewRequest.objects.exists())

    def test_an_empty_title_is_refused_by_the_action_in_chinese(self) -> None:
        self.login(self.drafter)
        self.assertDetail(self.post(BASE, {**self.body, "title": "  "}), 400, "请填写送审事项")


class TransitionApiTests(ApiTestCase):
    def test_submit(self) -> None:
        review = draft_review(self.drafter)
        self.login(self.reviewer)  # sees the draft, may not submit it
        self.assertDetail(self.post(f"{BASE}/{review.pk}/submit"), 404)
        self.login(self.outsider)
        self.assertDetail(self.post(f"{BASE}/{review.pk}/submit"), 404)
        self.login(self.drafter)
        self.assertEqual(self.post(f"{BASE}/{review.pk}/submit").json()["status"], S.SUBMITTED)
        self.assertDetail(self.post(f"{BASE}/{review.pk}/submit"), 409, "当前状态为“已送审”，不能送审")
        self.assertDetail(self.post(f"{BASE}/abc/submit"), 422)

    def test_submit_without_the_draft_attached_names_what_is_missing(self) -> None:
        review = draft_review(self.drafter, with_draft=False)
        self.login(self.drafter)
        self.assertDetail(self.post(f"{BASE}/{review.pk}/submit"), 409, "送审稿（附件）")

    def test_accept(self) -> None:
        review = submitted_review(self.drafter)
        self.login(self.drafter)
        self.assertDetail(self.post(f"{BASE}/{review.pk}/accept"), 404)
        self.login(self.reviewer)
        data = self.post(f"{BASE}/{review.pk}/accept").json()
        self.assertEqual(data["status"], S.UNDER_REVIEW)
        self.assertIsNotNone(data["due_on"])
        self.assertDetail(self.post(f"{BASE}/{review.pk}/accept"), 409, "当前状态为“审核中”，不能受理")
        self.assertDetail(self.post(f"{BASE}/{2**63}/accept"), 422)

    def test_return(self) -> None:
        review = submitted_review(self.drafter)
        self.login(self.drafter)
        self.assertDetail(self.post(f"{BASE}/{review.pk}/return", {"reason": "补充"}), 404)
        self.login(self.reviewer)
        self.assertDetail(self.post(f"{BASE}/{review.pk}/return", {}), 422)
        self.assertDetail(self.post(f"{BASE}/{review.pk}/return", {"reason": ["补充"]}), 422)
        self.assertDetail(self.post(f"{BASE}/{review.pk}/return", {"reason": " "}), 400, "请填写退回理由")
        data = self.post(f"{BASE}/{review.pk}/return", {"reason": "请补充调研情况"}).json()
        self.assertEqual((data["status"], data["return_reason"]), (S.RETURNED, "请补充调研情况"))
        self.assertDetail(
            self.post(f"{BASE}/{review.pk}/return", {"reason": "再退"}), 409, "不能退回补充材料"
        )

    def test_assign(self) -> None:
        review = submitted_review(self.drafter)
        self.login(self.reviewer)
        body = {"reviewers": ["reviewer"], "counsel": [self.counsel.certificate_number]}
        self.assertDetail(
            self.post(f"{BASE}/{review.pk}/assign", body), 409, "当前状态为“已送审”，不能指派审核人员"
        )
        actions.accept_review(review, actor=self.reviewer)
        self.login(self.drafter)
        self.assertDetail(self.post(f"{BASE}/{review.pk}/assign", body), 404)
        self.login(self.reviewer)
        self.assertDetail(self.post(f"{BASE}/{review.pk}/assign", {"reviewers": "reviewer"}), 422)
        self.assertDetail(self.post(f"{BASE}/{review.pk}/assign", {"reviewers": ["nobody"]}), 422, "nobody")
        self.assertDetail(
            self.post(f"{BASE}/{review.pk}/assign", {"reviewers": ["outsider"]}), 400, "不是法制审核人员"
        )
        data = self.post(f"{BASE}/{review.pk}/assign", body).json()
        self.assertEqual(data["reviewers"], ["reviewer"])
        self.assertEqual([c["name"] for c in data["counsel"]], ["赵律师"])

    def test_the_callers_permission_is_checked_before_any_name_or_state(self) -> None:
        """Issue 15: an unauthorised caller learned whether a user name or a certificate number
        exists (422 naming the unknown one) and what state the record is in (409)."""
        review = submitted_review(self.drafter)
        self.login(self.drafter)  # sees the review (own division), may not assign or accept
        for body in ({"reviewers": ["nobody"]}, {"reviewers": ["reviewer"]}, {"counsel": ["000"]}):
            with self.subTest(body=body):
                self.assertDetail(self.post(f"{BASE}/{review.pk}/assign", body), 404)
        for step, step_body in (
            ("conclude", {"conclusion": "lawful"}),
            ("opinions", {"text": "x", "kind": "suggestion"}),
        ):
            with self.subTest(step=step):
                self.assertDetail(self.post(f"{BASE}/{review.pk}/{step}", step_body), 404)
        self.login(self.reviewer)
        self.assertDetail(self.post(f"{BASE}/{review.pk}/submit"), 404)
        self.assertDetail(self.post(f"{BASE}/{review.pk}/opinions/1/answer", {"response": "adopted"}), 404)
        self.assertFalse(AuditEvent.objects.filter(verb="review.assign").exists())

    def test_opinions(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel)
        url = f"{BASE}/{review.pk}/opinions"
        self.login(self.drafter)
        self.assertDetail(self.post(url, {"text": "意见", "kind": "suggestion"}), 404)
        self.login(self.advisor)
        self.assertDetail(self.post(url, {"text": "意见", "kind": "advice"}), 422)
        response = self.post(
            url, {"text": "建议明确有效期", "kind": "suggestion", "legal_basis": "《立法法》"}
        )
        self.assertEqual(response.status_code, 201)
        self.assertEqual((response.json()["number"], response.json()["counsel"]), (1, "赵律师"))
        self.login(self.reviewer)
        self.assertEqual(self.post(url, {"text": "删除第五条", "kind": "must_change"}).json()["number"], 2)
        actions.conclude_review(review, actor=self.reviewer, conclusion="lawful_with_changes")
        self.assertDetail(
            self.post(url, {"text": "晚了", "kind": "suggestion"}),
            409,
            "当前状态为“已出具意见”，不能提出意见",
        )

    def test_conclude(self) -> None:
        review = accepted_review(self.drafter, self.reviewer)  # a document review, no counsel assigned
        url = f"{BASE}/{review.pk}/conclude"
        self.login(self.drafter)
        self.assertDetail(self.post(url, {"conclusion": "lawful"}), 404)
        self.login(self.reviewer)
        self.assertDetail(self.post(url, {"conclusion": "fine"}), 422)
        self.assertDetail(self.post(url, {"conclusion": "lawful"}), 409, "尚未指派法律顾问或公职律师")
        actions.assign_review(review, actor=self.reviewer, counsel=[self.counsel])
        data = self.post(url, {"conclusion": "lawful", "text": "合法"}).json()
        self.assertEqual((data["status"], data["conclusion"]), (S.CLOSED, "lawful"))  # no opinion to answer
        self.assertEqual(data["letter_url"], f"/work/reviews/{review.pk}/letter.docx")
        self.assertDetail(
            self.post(url, {"conclusion": "lawful"}), 409, "当前状态为“已办结”，不能出具审核意见"
        )

    def test_answer(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel)
        must = actions.add_opinion(review, actor=self.reviewer, text="删除第五条", kind="must_change")
        actions.add_opinion(review, actor=self.reviewer, text="建议调整表述", kind="suggestion")
        url = f"{BASE}/{review.pk}/opinions/{{}}/answer"
        self.login(self.drafter)
        self.assertDetail(
            self.post(url.format(1), {"response": "adopted"}), 409, "当前状态为“审核中”，不能答复意见"
        )
        actions.conclude_review(review, actor=self.reviewer, conclusion="lawful_with_changes")
        self.login(self.reviewer)
        self.assertDetail(self.post(url.format(1), {"response": "adopted"}), 404)
        self.login(self.drafter)
        self.assertDetail(self.post(url.format(1), {"response": "yes"}), 422)
        self.assertDetail(self.post(url.format(3), {"response": "adopted"}), 404)
        self.assertDetail(self.post(url.format(0), {"response": "adopted"}), 422)
        self.assertDetail(self.post(url.format(2), {"response": "not_adopted"}), 400, "应当说明理由")
        data = self.post(url.format(1), {"response": "adopted"}).json()
        self.assertEqual((data["status"], data["opinions"][0]["response"]), (S.CONCLUDED, "adopted"))
        data = self.post(url.format(2), {"response": "partly_adopted", "reason": "保留部分"}).json()
        self.assertEqual(data["status"], S.CLOSED)
        must.refresh_from_db()
        self.assertEqual(must.responded_by, self.drafter)

    def test_a_bearer_token_may_write_without_a_csrf_token(self) -> None:
        review = submitted_review(self.drafter)
        _token, raw = create_token(self.reviewer, actor=self.reviewer)
        self.client.handler.enforce_csrf_checks = True
        response = self.post(f"{BASE}/{review.pk}/accept", HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], S.UNDER_REVIEW)


class GateApiTests(ApiTestCase):
    def gate(self, subject_type: str, subject_id: object, kind: str = "normative_document") -> Any:
        return self.get(f"{BASE}/gate", subject_type=subject_type, subject_id=subject_id, kind=kind)

    def test_the_gate_answers_for_a_subject_with_the_reason(self) -> None:
        self.login(self.reviewer)
        data = self.gate("core.calendaryear", 2026).json()
        self.assertEqual(
            data, {"allowed": False, "reason": data["reason"], "review_id": None, "review_code": None}
        )
        self.assertTrue(data["reason"].startswith("未经合法性审核："))
        subject = self.other_division
        review = accepted_review(self.drafter, self.reviewer, self.counsel, subject=subject)
        actions.conclude_review(review, actor=self.reviewer, conclusion="lawful")
        self.login(self.director)
        data = self.gate("core.organization", subject.pk).json()
        self.assertEqual(
            (data["allowed"], data["review_id"], data["review_code"]), (True, review.pk, review.code)
        )

    def test_unknown_subject_types_and_objects_are_404(self) -> None:
        self.login(self.reviewer)
        for subject_type, subject_id in (
            ("nothing.here", 1),
            ("core", 1),
            ("auth.group", 1),
            ("core.calendaryear", 1000),
            ("core.calendaryear", "abc"),
            ("core.organization", "9" * 40),
        ):
            with self.subTest(subject_type=subject_type, subject_id=subject_id):
                self.assertDetail(self.gate(subject_type, subject_id), 404)
        self.assertDetail(self.gate("core.calendaryear", 2026, kind="poem"), 422)

    def test_only_reviewers_and_statistics_viewers_may_ask(self) -> None:
        for user in (self.drafter, self.advisor, self.outsider, self.officer):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertDetail(self.gate("core.calendaryear", 2026), 404)
