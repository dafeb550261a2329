"""/api/v1/publicity: the year's figures for the legal affairs division and the leadership, the
activities as `visible_to` scopes them, and recording one through its action — 401 without an
account, 404 for anyone the area or the record is not for, 4xx JSON with a Chinese detail for a
body of the wrong shape or a refused one, nothing saved."""

from __future__ import annotations

import json
from typing import Any, get_args

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.attachments import attach_file
from fazhi.core.models import AuditEvent
from fazhi.core.tokens import create_token
from fazhi.legal_publicity import api as publicity_api
from fazhi.legal_publicity.models import Activity
from fazhi.legal_publicity.tests.base import D, PublicityTestCase

BASE = "/api/v1/publicity"
HIDDEN = ("advisor", "filing_officer", "admin_user")  # outside the area: 404 everywhere


class ApiTestCase(PublicityTestCase):
    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"{BASE}{path}", params)

    def post(self, path: str, body: Any = None) -> Any:
        data = json.dumps(body if body is not None else {})
        return self.client.post(f"{BASE}{path}", data=data, content_type="application/json")

    def assertDetail(self, response: Any, status: int, text: str = "") -> None:
        self.assertEqual(response.status_code, status, response.content.decode())
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        self.assertIn(text, response.json()["detail"])

    def body(self, **overrides: Any) -> dict[str, Any]:
        values: dict[str, Any] = {
            "held_on": "2026-05-18",
            "division_id": self.sci_division.pk,
            "kind": "lecture",
            "audience": "public",
            "title": "科技进步法进企业",
            "laws": "《中华人民共和国科学技术进步法》",
            "reach": 120,
        }
        values.update(overrides)
        return values


class EnumTests(ApiTestCase):
    def test_the_literals_of_the_api_are_the_model_choices(self) -> None:
        self.assertEqual(list(get_args(publicity_api.KindValue)), list(Activity.Kind.values))
        self.assertEqual(list(get_args(publicity_api.AudienceValue)), list(Activity.Audience.values))


class StatsApiTests(ApiTestCase):
    def test_the_legal_division_and_the_leadership_get_the_figures(self) -> None:
        self.plan()
        item = self.responsibility()
        self.activity(responsibility=item)
        self.activity(kind="case", audience="internal", reach=30, case_used="某案")
        self.activity(actor=self.outsider, division=self.other_division, reach=0)
        for user in (self.reviewer, self.director):
            with self.subTest(user=user.username):
                self.login(user)
                data = self.get("/stats", year=2026).json()
                self.assertEqual(
                    (data["year"], data["activities"], data["internal"], data["public"], data["reach"]),
                    (2026, 3, 1, 2, 150),
                )
                self.assertEqual((data["by_kind"]["case"], data["by_kind"]["lecture"]), (1, 2))
                self.assertEqual((data["plan"], data["responsibilities"]), ("科技系统“九五”普法规划", 1))
        self.assertEqual(self.get("/stats", year=2025).json()["activities"], 0)

    def test_divisions_and_others_get_404_and_no_account_401(self) -> None:
        for role in ("drafter", "division_head", "officer", "outsider", *HIDDEN):
            with self.subTest(role=role):
                self.login(getattr(self, role))
                self.assertDetail(self.get("/stats", year=2026), 404, "未找到")
        self.client.logout()
        self.assertDetail(self.get("/stats", year=2026), 401, "未登录")

    def test_the_year_is_required_and_bounded(self) -> None:
        self.login(self.director)
        for params in ({}, {"year": "abc"}, {"year": 1999}, {"year": 2101}, {"year": "9" * 40}):
            with self.subTest(params=params):
                self.assertDetail(self.client.get(f"{BASE}/stats", params), 422, "请求参数格式不正确")

    def test_a_bearer_token_authenticates(self) -> None:
        _token, raw = create_token(self.director, actor=self.director)
        response = self.client.get(f"{BASE}/stats", {"year": 2026}, HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.assertEqual(response.status_code, 200)


class ReadApiTests(ApiTestCase):
    def test_each_reader_sees_what_visible_to_lets_them(self) -> None:
        mine = self.activity()
        theirs = self.activity(actor=self.outsider, division=self.other_division)
        for user, expected in (
            (self.reviewer, {mine.pk, theirs.pk}),
            (self.director, {mine.pk, theirs.pk}),
            (self.drafter, {mine.pk}),
            (self.division_head, {mine.pk}),
            (self.outsider, {theirs.pk}),
            (self.officer, {theirs.pk}),
        ):
            with self.subTest(user=user.username):
                self.login(user)
                data = self.get("/activities").json()
                self.assertEqual({a["id"] for a in data["items"]}, expected)
                self.assertEqual(data["count"], len(expected))
                for activity in (mine, theirs):
                    status = 200 if activity.pk in expected else 404
                    self.assertEqual(self.get(f"/activities/{activity.pk}").status_code, status)
        for role in HIDDEN:
            with self.subTest(role=role):
                self.login(getattr(self, role))
                self.assertDetail(self.get("/activities"), 404, "未找到")
                self.assertDetail(self.get(f"/activities/{mine.pk}"), 404, "未找到")
        self.client.logout()
        self.assertDetail(self.get("/activities"), 401, "未登录")
        self.assertDetail(self.get(f"/activities/{mine.pk}"), 401, "未登录")

    def test_the_detail_carries_the_case_the_list_item_and_the_materials(self) -> None:
        item = self.responsibility()
        activity = self.activity(kind="case", case_used="某公司未取得许可证被处罚案", responsibility=item)
        attach_file(
            activity,
            SimpleUploadedFile("课件.pdf", b"%PDF-1.4 slides", content_type="application/pdf"),
            actor=self.drafter,
        )
        self.login(self.division_head)
        data = self.get(f"/activities/{activity.pk}").json()
        self.assertEqual(
            (data["kind_label"], data["case_used"], data["responsibility_id"], data["responsibility"]),
            ("以案释法", "某公司未取得许可证被处罚案", item.pk, item.content),
        )
        self.assertEqual(
            ([m["name"] for m in data["materials"]], data["created_by"]), (["课件.pdf"], "张起草")
        )

    def test_filters_pages_and_wrong_parameters(self) -> None:
        lecture = self.activity()
        case = self.activity(kind="case", audience="internal", case_used="某案")
        old = self.activity(held_on=D(2025, 6, 1))
        other = self.activity(actor=self.outsider, division=self.other_division)
        self.login(self.reviewer)

        def ids(**params: Any) -> list[int]:
            return [a["id"] for a in self.get("/activities", **params).json()["items"]]

        self.assertEqual(ids(year=2025), [old.pk])
        self.assertEqual(ids(kind="case"), [case.pk])
        self.assertEqual(ids(audience="internal"), [case.pk])
        self.assertEqual(ids(division_id=self.other_division.pk), [other.pk])
        page = self.get("/activities", limit=2, offset=2).json()
        self.assertEqual((page["count"], page["limit"], page["offset"]), (4, 2, 2))
        self.assertEqual(len(page["items"]), 2)
        self.assertIn(lecture.pk, ids())
        for params in (
            {"limit": 0},
            {"limit": 101},
            {"offset": -1},
            {"offset": 2**63},
            {"kind": "song"},
            {"audience": "everyone"},
            {"year": 1999},
            {"year": "x"},
            {"division_id": 0},
        ):
            with self.subTest(params=params):
                self.assertDetail(self.client.get(f"{BASE}/activities", params), 422, "请求参数格式不正确")
        for path in ("/activities/0", f"/activities/{2**31}", "/activities/abc"):
            with self.subTest(path=path):
                self.assertDetail(self.get(path), 422)
        self.assertDetail(self.get("/activities/99999"), 404, "未找到")

    def test_the_list_takes_the_same_queries_for_1_or_3_activities(self) -> None:
        self.login(self.reviewer)
        self.activity(responsibility=self.responsibility())
        with CaptureQueriesContext(connection) as one:
            self.get("/activities")
        self.activity(responsibility=self.responsibility())
        self.activity(actor=self.outsider, division=self.other_division)
        with CaptureQueriesContext(connection) as three:
            self.assertEqual(self.get("/activities").json()["count"], 3)
        self.assertEqual(len(three.captured_queries), len(one.captured_queries))


class RecordApiTests(ApiTestCase):
    def test_a_division_records_its_own_activity_against_its_list_item(self) -> None:
        item = self.responsibility()
        self.login(self.drafter)
        response = self.post("/activities", self.body(responsibility_id=item.pk))
        self.assertEqual(response.status_code, 201, response.content.decode())
        data = response.json()
        self.assertEqual(
            (data["division_id"], data["responsibility_id"], data["reach"], data["created_by"]),
            (self.sci_division.pk, item.pk, 120, "张起草"),
        )
        self.assertEqual(Activity.objects.get().pk, data["id"])
        self.assertEqual(AuditEvent.objects.get(verb="publicity.activity").data["reach"], 120)
        # The legal affairs division records any division's.
        self.login(self.reviewer)
        response = self.post("/activities", self.body(division_id=self.other_division.pk))
        self.assertEqual((response.status_code, response.json()["division"]), (201, "科技监督与诚信建设处"))

    def test_refusals_answer_a_chinese_detail_and_save_nothing(self) -> None:
        sci_item = self.responsibility()
        last_year = self.responsibility(year=2025, due_on=D(2025, 12, 31))
        other_item = self.responsibility(division=self.other_division)
        self.login(self.drafter)
        self.assertDetail(self.post("/activities", self.body(kind="case")), 400, "请填写所释案例")
        self.assertDetail(
            self.post("/activities", self.body(held_on="2026-05-21")), 400, "活动日期不能晚于今天"
        )
        self.assertDetail(self.post("/activities", self.body(title="  ")), 400, "请填写活动名称")
        self.assertDetail(
            self.post("/activities", self.body(responsibility_id=last_year.pk)), 400, "属于 2025 年的清单"
        )
        # Another division's list item is hidden from the drafter: as if missing.
        self.assertDetail(
            self.post("/activities", self.body(responsibility_id=other_item.pk)),
            422,
            "未找到普法责任清单事项",
        )
        self.assertDetail(self.post("/activities", self.body(division_id=99999)), 422, "未找到处室")
        self.assertDetail(self.post("/activities", self.body(division_id=self.bureau.pk)), 422, "未找到处室")
        self.login(self.reviewer)
        self.assertDetail(
            self.post(
                "/activities", self.body(division_id=self.other_division.pk, responsibility_id=sci_item.pk)
            ),
            400,
            "责任清单事项不属于该处室",
        )
        self.assertFalse(Activity.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(verb="publicity.activity").exists())

    def test_only_those_who_record_may_and_only_for_their_own_division(self) -> None:
        self.login(self.outsider)
        self.assertDetail(self.post("/activities", self.body()), 404, "未找到")
        for role in ("director", *HIDDEN):
            with self.subTest(role=role):
                self.login(getattr(self, role))
                self.assertDetail(self.post("/activities", self.body()), 404, "未找到")
        self.client.logout()
        self.assertDetail(self.post("/activities", self.body()), 401, "未登录")
        self.assertFalse(Activity.objects.exists())

    def test_bodies_of_the_wrong_shape_answer_4xx_json(self) -> None:
        self.login(self.drafter)
        body = self.body()
        for bad in (
            {},
            {**body, "held_on": "2026-02-30"},
            {**body, "held_on": "1999-12-31"},
            {**body, "held_on": 20260518},
            {**body, "kind": "song"},
            {**body, "audience": None},
            {**body, "title": "x" * 201},
            {**body, "laws": "x" * 301},
            {**body, "case_used": "a\x00b"},
            {**body, "title": ["讲座"]},
            {**body, "reach": -1},
            {**body, "reach": 10_000_001},
            {**body, "reach": "many"},
            {**body, "division_id": 0},
            {**body, "division_id": 2**31},
            {**body, "responsibility_id": "one"},
            {key: value for key, value in body.items() if key != "division_id"},
            [1, 2],
            "text",
        ):
            with self.subTest(body=bad):
                self.assertDetail(self.post("/activities", bad), 422, "请求参数格式不正确")
        response = self.client.post(f"{BASE}/activities", data="{not json", content_type="application/json")
        self.assertDetail(response, 400, "请求体不是有效的 JSON")
        self.assertFalse(Activity.objects.exists())
