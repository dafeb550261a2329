"""/api/v1/ledger: the year's figures for the leadership and the legal affairs division, the key
tasks for them and for the owning division, and each step through its action — 401 without an
account, 404 for anyone else or a step not one's to take, 409 for a step the state does not
allow or a closed gate, 4xx JSON for a body of the wrong shape."""

from __future__ import annotations

import json
from typing import Any, get_args

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.models import AuditEvent
from fazhi.core.tokens import create_token
from fazhi.ledger import actions
from fazhi.ledger import api as ledger_api
from fazhi.ledger.models import LedgerItem, Supervision
from fazhi.ledger.tests.base import D, LedgerTestCase, on

BASE = "/api/v1/ledger"
S = LedgerItem.Status
NO_LEDGER = ("advisor", "officer", "filing_officer", "admin_user")


class ApiTestCase(LedgerTestCase):
    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"{BASE}{path}", params)

    def post(self, path: str, body: Any = None) -> Any:
        data = json.dumps(body if body is not None else {})
        return self.client.post(f"{BASE}{path}", data=data, content_type="application/json")

    def ok(self, path: str, body: Any = None, status: int = 200) -> Any:
        response = self.post(path, body)
        self.assertEqual(response.status_code, status, response.content.decode())
        return response.json()

    def assertDetail(self, response: Any, status: int, text: str = "") -> None:
        self.assertEqual(response.status_code, status, response.content.decode())
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        self.assertIn(text, response.json()["detail"])

    def body(self, **overrides: Any) -> dict[str, Any]:
        values: dict[str, Any] = {
            "year": 2026,
            "title": "开展科技法规清理",
            "division_id": self.sci_division.pk,
            "lead": self.director.username,
            "due_on": "2026-06-30",
        }
        values.update(overrides)
        return values

    def at_100(self, item: LedgerItem) -> LedgerItem:
        actions.report_progress(item, actor=self.drafter, progress=100, note="已完成")
        return item

    def pending(self) -> LedgerItem:
        item = self.at_100(self.item())
        actions.submit_for_signoff(item, actor=self.division_head)
        return item


class EnumTests(ApiTestCase):
    def test_the_literals_of_the_api_are_the_model_choices(self) -> None:
        self.assertEqual(list(get_args(ledger_api.StatusValue)), list(LedgerItem.Status.values))
        self.assertEqual(list(get_args(ledger_api.AssessmentValue)), list(LedgerItem.Assessment.values))
        self.assertEqual((ledger_api.MIN_YEAR, ledger_api.MAX_YEAR), (actions.MIN_YEAR, actions.MAX_YEAR))


class StatsApiTests(ApiTestCase):
    def test_the_legal_division_and_the_leadership_get_the_figures(self) -> None:
        actions.set_leading_group(
            2026,
            actor=self.reviewer,
            head=("陈局长", "局长", self.bureau, self.director),
            deputies=[("周副局长", "副局长", self.bureau, None)],
            members=[],
        )
        late = self.item(due_on=D(2026, 3, 1))
        actions.supervise(late, actor=self.director, instruction="加快进度", respond_by=D(2026, 3, 5))
        self.pending()
        for user in (self.reviewer, self.director):
            with self.subTest(user=user.username):
                self.login(user)
                data = self.get("/stats", year=2026).json()
                self.assertEqual(
                    data,
                    {
                        "year": 2026,
                        "group_head": "陈局长",
                        "group_deputies": 1,
                        "group_members": 0,
                        "tasks": 2,
                        "done": 0,
                        "done_in_time": 0,
                        "overdue": 1,
                        "supervisions": 1,
                        "responded_in_time": 0,
                    },
                )
        self.assertEqual(self.get("/stats", year=2025).json()["tasks"], 0)

    def test_other_staff_get_404_and_no_account_401(self) -> None:
        for role in ("drafter", "division_head", "outsider", *NO_LEDGER):
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
        _token, raw = create_token(self.reviewer, actor=self.reviewer)
        response = self.client.get(f"{BASE}/stats", {"year": 2026}, HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.assertEqual(response.status_code, 200)


class ReadApiTests(ApiTestCase):
    def test_the_leadership_and_the_legal_division_read_the_whole_ledger(self) -> None:
        ours = self.item()
        theirs = self.item(title="推进科研诚信立法", division=self.other_division, due_on=D(2026, 9, 30))
        for user in (self.reviewer, self.director):
            with self.subTest(user=user.username):
                self.login(user)
                data = self.get("/items").json()
                self.assertEqual((data["count"], [i["id"] for i in data["items"]]), (2, [ours.pk, theirs.pk]))
                self.assertEqual(self.get(f"/items/{theirs.pk}").json()["division"], "科技监督与诚信建设处")

    def test_a_division_sees_the_tasks_it_owns(self) -> None:
        ours = self.item()
        theirs = self.item(title="推进科研诚信立法", division=self.other_division)
        for user, mine, other in (
            (self.drafter, ours, theirs),
            (self.division_head, ours, theirs),
            (self.outsider, theirs, ours),
        ):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual([i["id"] for i in self.get("/items").json()["items"]], [mine.pk])
                self.assertEqual(self.get(f"/items/{mine.pk}").json()["id"], mine.pk)
                self.assertDetail(self.get(f"/items/{other.pk}"), 404, "未找到")
                # Filtering on another division finds nothing rather than its tasks.
                self.assertEqual(self.get("/items", division=other.division_id).json()["count"], 0)

    def test_other_staff_get_404_and_no_account_401(self) -> None:
        item = self.item()
        for role in NO_LEDGER:
            with self.subTest(role=role):
                self.login(getattr(self, role))
                self.assertDetail(self.get("/items"), 404, "未找到")
                self.assertDetail(self.get(f"/items/{item.pk}"), 404, "未找到")
        self.client.logout()
        self.assertDetail(self.get("/items"), 401, "未登录")
        self.assertDetail(self.get(f"/items/{item.pk}"), 401, "未登录")

    def test_the_detail_carries_prerequisites_reports_and_supervisions(self) -> None:
        first = self.item(title="开展科技法规清理")
        second = self.item(title="公布清理结果", blocked_by=[first], description="年底前公布")
        actions.report_progress(second, actor=self.drafter, progress=40, note="已拟定公告")
        supervision = actions.supervise(
            second, actor=self.director, instruction="加快进度", respond_by=D(2026, 3, 9)
        )
        self.login(self.drafter)
        data = self.get(f"/items/{second.pk}").json()
        self.assertEqual(
            (data["status"], data["status_label"], data["progress"], data["lead"], data["lead_name"]),
            ("in_progress", "推进中", 40, "director", "陈局长"),
        )
        self.assertEqual(
            (data["description"], data["source"], data["created_by"], data["done_in_time"], data["overdue"]),
            ("年底前公布", "局党委年度工作要点", "王审核", None, False),
        )
        self.assertEqual(
            data["blocked_by"],
            [{"id": first.pk, "title": "开展科技法规清理", "status": "open", "status_label": "未开始"}],
        )
        self.assertEqual(
            [(r["progress"], r["note"], r["reported_by"], r["reported_on"]) for r in data["reports"]],
            [(40, "已拟定公告", "张起草", "2026-03-02")],
        )
        self.assertEqual(
            data["supervisions"],
            [
                {
                    "id": supervision.pk,
                    "issued_on": "2026-03-02",
                    "issued_by": "陈局长",
                    "instruction": "加快进度",
                    "respond_by": "2026-03-09",
                    "responded_on": None,
                    "response": "",
                    "open": True,
                }
            ],
        )
        with on("2026-07-01"):
            self.login(self.drafter)
            self.assertTrue(self.get(f"/items/{second.pk}").json()["overdue"])

    def test_filters_pages_and_wrong_parameters(self) -> None:
        first = self.item()
        second = self.item(title="推进科研诚信立法", division=self.other_division, due_on=D(2026, 9, 30))
        actions.report_progress(second, actor=self.outsider, progress=10, note="起步")
        earlier = self.item(year=2025, due_on=D(2025, 12, 31))
        self.login(self.reviewer)
        self.assertEqual(
            [i["id"] for i in self.get("/items", year=2026).json()["items"]], [first.pk, second.pk]
        )
        self.assertEqual([i["id"] for i in self.get("/items", year=2025).json()["items"]], [earlier.pk])
        self.assertEqual(
            [i["id"] for i in self.get("/items", status="in_progress").json()["items"]], [second.pk]
        )
        self.assertEqual(
            [i["id"] for i in self.get("/items", division=self.sci_division.pk).json()["items"]],
            [earlier.pk, first.pk],
        )
        page = self.get("/items", limit=1, offset=1).json()
        self.assertEqual((page["count"], page["limit"], [i["id"] for i in page["items"]]), (3, 1, [first.pk]))
        for params in (
            {"limit": 0},
            {"limit": 101},
            {"offset": -1},
            {"offset": 2**63},
            {"status": "lost"},
            {"year": 1999},
            {"year": "x"},
            {"division": 0},
            {"division": 2**31},
        ):
            with self.subTest(params=params):
                self.assertDetail(self.client.get(f"{BASE}/items", params), 422, "请求参数格式不正确")
        for path in ("/items/0", f"/items/{2**31}", "/items/abc"):
            with self.subTest(path=path):
                self.assertDetail(self.get(path), 422)
        self.assertDetail(self.get("/items/99999"), 404, "未找到")

    def test_the_list_takes_the_same_queries_for_1_or_3_tasks(self) -> None:
        self.item()
        self.login(self.drafter)
        with CaptureQueriesContext(connection) as one:
            self.get("/items")
        self.item(title="第二项", lead=self.director)
        self.item(title="第三项")
        with CaptureQueriesContext(connection) as three:
            self.assertEqual(self.get("/items").json()["count"], 3)
        self.assertEqual(len(three.captured_queries), len(one.captured_queries))


class CreateApiTests(ApiTestCase):
    def test_who_keeps_the_ledger_puts_a_task_on_it(self) -> None:
        first = self.item()
        self.login(self.reviewer)
        data = self.ok(
            "/items",
            self.body(
                title="公布清理结果", blocked_by=[first.pk], source="局党委年度工作要点", description="措施"
            ),
            201,
        )
        self.assertEqual(
            (
                data["year"],
                data["title"],
                data["status"],
                data["division_id"],
                data["division"],
                data["lead"],
            ),
            (2026, "公布清理结果", "open", self.sci_division.pk, "基础研究处", "director"),
        )
        self.assertEqual((data["due_on"], data["progress"], data["created_by"]), ("2026-06-30", 0, "王审核"))
        self.assertEqual([p["id"] for p in data["blocked_by"]], [first.pk])
        item = LedgerItem.objects.get(pk=data["id"])
        self.assertEqual(list(item.blocked_by.all()), [first])
        self.assertEqual(AuditEvent.objects.filter(verb="ledger.create").count(), 2)
        # The leadership keeps it too.
        self.login(self.director)
        self.assertEqual(self.post("/items", self.body()).status_code, 201)

    def test_others_may_not_and_nobody_without_an_account(self) -> None:
        for role in ("drafter", "division_head", "outsider", *NO_LEDGER):
            with self.subTest(role=role):
                self.login(getattr(self, role))
                self.assertDetail(self.post("/items", self.body()), 404, "未找到")
                # Nothing about the body is told to who may not write.
                self.assertDetail(self.post("/items", self.body(division_id=99999)), 404, "未找到")
        self.client.logout()
        self.assertDetail(self.post("/items", self.body()), 401, "未登录")
        self.assertFalse(LedgerItem.objects.exists())

    def test_unknown_and_wrong_references_are_refused_in_chinese(self) -> None:
        other_year = self.item(year=2025, due_on=D(2025, 12, 31))
        self.login(self.reviewer)
        for body, status, text in (
            (self.body(division_id=99999), 422, "未找到责任处室（编号 99999）"),
            (self.body(lead="nobody"), 422, "未找到分管领导"),
            (self.body(blocked_by=[99999, 99998]), 422, "未找到前置任务（编号 99998、99999）"),
            (self.body(division_id=self.bureau.pk), 400, "责任处室应当是本机关的处室"),
            (self.body(lead=self.division_head.username), 400, "分管领导应当是局领导"),
            (self.body(blocked_by=[other_year.pk]), 400, "前置任务应当是本机关同一年度的任务"),
            (self.body(title="   "), 400, "请填写任务"),
        ):
            with self.subTest(body=body):
                self.assertDetail(self.post("/items", body), status, text)
        self.assertEqual(LedgerItem.objects.count(), 1)

    def test_bodies_of_the_wrong_shape_answer_4xx_json(self) -> None:
        self.login(self.reviewer)
        for body in (
            {},
            self.body(year=1999),
            self.body(year=2101),
            self.body(year="二〇二六"),
            self.body(title="x" * 201),
            self.body(title="a\x00b"),
            self.body(title=["任务"]),
            self.body(source="x" * 101),
            self.body(description="x" * 5001),
            self.body(division_id=0),
            self.body(division_id=2**31),
            self.body(division_id="基础研究处"),
            self.body(lead=""),
            self.body(lead="x" * 151),
            self.body(lead=None),
            self.body(due_on="2026-02-30"),
            self.body(due_on="1999-12-31"),
            self.body(due_on="9999-12-31"),
            self.body(blocked_by=[0]),
            self.body(blocked_by=[2**31]),
            self.body(blocked_by="1"),
            self.body(blocked_by=list(range(1, 102))),
            {key: value for key, value in self.body().items() if key != "due_on"},
            [1, 2],
            "text",
        ):
            with self.subTest(body=body):
                self.assertDetail(self.post("/items", body), 422, "请求参数格式不正确")
        response = self.client.post(f"{BASE}/items", data="{not json", content_type="application/json")
        self.assertDetail(response, 400, "请求体不是有效的 JSON")
        self.assertFalse(LedgerItem.objects.exists())


class TaskApiTests(ApiTestCase):
    def test_a_task_goes_from_progress_to_the_leaders_sign_off(self) -> None:
        item = self.item()
        self.login(self.drafter)
        data = self.ok(f"/items/{item.pk}/progress", {"progress": 60, "note": "已形成修改建议稿"})
        self.assertEqual((data["status"], data["progress"], len(data["reports"])), ("in_progress", 60, 1))
        # The refusal of the gate, in Chinese: not at 100% yet.
        self.login(self.division_head)
        self.assertDetail(self.post(f"/items/{item.pk}/submit"), 409, "进度达到 100% 后方可提请确认完成")
        self.login(self.drafter)
        self.ok(f"/items/{item.pk}/progress", {"progress": 100, "note": "已报送市人大"})
        self.assertDetail(self.post(f"/items/{item.pk}/submit"), 404)  # the head submits
        with on("2026-06-15"):
            self.login(self.division_head)
            data = self.ok(f"/items/{item.pk}/submit")
            self.assertEqual((data["status"], data["completed_on"]), ("pending_signoff", "2026-06-15"))
            self.login(self.reviewer)
            self.assertDetail(self.post(f"/items/{item.pk}/sign_off"), 404)  # a leader signs off
            self.login(self.director)
            data = self.ok(f"/items/{item.pk}/sign_off")
        self.assertEqual(
            (data["status"], data["status_label"], data["signed_off_on"], data["done_in_time"]),
            ("done", "已完成", "2026-06-15", True),
        )
        self.assertEqual(
            list(AuditEvent.objects.filter(object_type="ledger.ledgeritem").values_list("verb", flat=True)),
            ["ledger.create", "ledger.progress", "ledger.progress", "ledger.submit", "ledger.sign_off"],
        )
        self.login(self.drafter)
        self.assertDetail(
            self.post(f"/items/{item.pk}/progress", {"progress": 100, "note": "再报"}), 409, "不再报告进展"
        )
        self.login(self.director)
        self.assertDetail(self.post(f"/items/{item.pk}/sign_off"), 409, "当前状态为“已完成”，不能确认完成")
        self.assertDetail(
            self.post(f"/items/{item.pk}/return", {"reason": ""}), 409, "当前状态为“已完成”，不能退回"
        )
        self.login(self.division_head)
        self.assertDetail(self.post(f"/items/{item.pk}/submit"), 409, "当前状态为“已完成”，不能提请确认完成")

    def test_a_task_waits_for_its_prerequisites(self) -> None:
        first = self.item(title="开展科技法规清理")
        second = self.at_100(self.item(title="公布清理结果", blocked_by=[first]))
        self.login(self.division_head)
        self.assertDetail(self.post(f"/items/{second.pk}/submit"), 409, "前置任务尚未完成：开展科技法规清理")
        self.assertEqual(LedgerItem.objects.get(pk=second.pk).status, S.IN_PROGRESS)

    def test_a_returned_task_goes_back_to_work_with_the_reason(self) -> None:
        item = self.pending()
        self.login(self.director)
        self.assertDetail(self.post(f"/items/{item.pk}/return", {"reason": "  "}), 400, "请填写退回理由")
        data = self.ok(f"/items/{item.pk}/return", {"reason": "尚缺征求意见材料"})
        self.assertEqual((data["status"], data["completed_on"]), ("in_progress", None))
        self.assertEqual(AuditEvent.objects.get(verb="ledger.return").data["reason"], "尚缺征求意见材料")

    def test_cancel_with_a_reason_by_who_keeps_the_ledger(self) -> None:
        item = self.item()
        for user in (self.drafter, self.division_head):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertDetail(self.post(f"/items/{item.pk}/cancel", {"reason": "调整"}), 404)
        self.login(self.reviewer)
        self.assertDetail(self.post(f"/items/{item.pk}/cancel", {"reason": ""}), 400, "请填写撤销理由")
        data = self.ok(f"/items/{item.pk}/cancel", {"reason": "任务调整至下一年度"})
        self.assertEqual((data["status"], data["cancel_reason"]), ("cancelled", "任务调整至下一年度"))
        self.assertDetail(
            self.post(f"/items/{item.pk}/cancel", {"reason": "再次"}), 409, "当前状态为“已撤销”，不能撤销"
        )
        self.login(self.director)
        self.assertDetail(
            self.post(f"/items/{item.pk}/supervise", {"instruction": "x", "respond_by": "2026-03-09"}),
            409,
            "当前状态为“已撤销”，不能督办",
        )

    def test_steps_on_a_task_one_may_not_see_or_not_ones_to_take_answer_404(self) -> None:
        item = self.pending()
        self.login(self.outsider)
        self.assertDetail(self.post(f"/items/{item.pk}/progress", {"progress": 10, "note": "x"}), 404)
        self.assertDetail(self.post(f"/items/{item.pk}/sign_off"), 404)
        self.login(self.drafter)
        for step, body in (
            ("sign_off", {}),
            ("return", {"reason": "x"}),
            ("supervise", {"instruction": "x", "respond_by": "2026-03-09"}),
            ("cancel", {"reason": "x"}),
            ("assess", {"assessment": "completed"}),
        ):
            with self.subTest(step=step):
                self.assertDetail(self.post(f"/items/{item.pk}/{step}", body), 404, "未找到")
        self.login(self.officer)
        self.assertDetail(self.post(f"/items/{item.pk}/sign_off"), 404)
        self.client.logout()
        self.assertDetail(self.post(f"/items/{item.pk}/sign_off"), 401)
        self.assertDetail(self.post(f"/items/{item.pk}/progress", {"progress": 10, "note": "x"}), 401)
        self.assertEqual(LedgerItem.objects.get().status, S.PENDING_SIGNOFF)

    def test_bodies_of_the_wrong_shape_answer_4xx_json(self) -> None:
        item = self.item()
        self.login(self.drafter)
        for body in (
            {},
            {"progress": 101, "note": "x"},
            {"progress": -1, "note": "x"},
            {"progress": "half", "note": "x"},
            {"progress": 50},
            {"progress": 50, "note": "x" * 5001},
            {"progress": 50, "note": "a\x00b"},
        ):
            with self.subTest(body=body):
                self.assertDetail(self.post(f"/items/{item.pk}/progress", body), 422, "请求参数格式不正确")
        self.assertDetail(
            self.post(f"/items/{item.pk}/progress", {"progress": 50, "note": " "}), 400, "请填写进展情况"
        )
        self.login(self.director)
        steps: tuple[tuple[str, dict[str, Any]], ...] = (
            ("return", {}),
            ("return", {"reason": None}),
            ("cancel", {"reason": 1}),
            ("supervise", {"instruction": "x"}),
            ("supervise", {"instruction": "x", "respond_by": "2026-13-01"}),
            ("supervise", {"instruction": "x", "respond_by": "9999-01-01"}),
            ("assess", {"assessment": "excellent"}),
            ("assess", {}),
        )
        for step, step_body in steps:
            with self.subTest(step=step, body=step_body):
                self.assertDetail(self.post(f"/items/{item.pk}/{step}", step_body), 422, "请求参数格式不正确")
        self.assertDetail(self.post(f"/items/{2**31}/sign_off"), 422)
        self.assertDetail(self.post("/items/99999/sign_off"), 404)
        self.assertEqual(LedgerItem.objects.get().status, S.OPEN)


class SupervisionApiTests(ApiTestCase):
    def test_a_leader_supervises_and_the_division_answers_once(self) -> None:
        item = self.item()
        self.login(self.director)
        self.assertDetail(
            self.post(f"/items/{item.pk}/supervise", {"instruction": "加快进度", "respond_by": "2026-03-01"}),
            400,
            "反馈时限不能早于今天",
        )
        data = self.ok(f"/items/{item.pk}/supervise", {"instruction": "加快进度", "respond_by": "2026-03-09"})
        supervision_id = data["supervisions"][0]["id"]
        self.login(self.reviewer)
        self.assertDetail(
            self.post(f"/items/{item.pk}/supervise", {"instruction": "x", "respond_by": "2026-03-09"}), 404
        )
        path = f"/items/{item.pk}/supervisions/{supervision_id}/respond"
        self.login(self.outsider)
        self.assertDetail(self.post(path, {"response": "x"}), 404)
        with on("2026-03-09"):
            self.login(self.drafter)
            self.assertDetail(self.post(path, {"response": ""}), 400, "请填写反馈情况")
            data = self.ok(path, {"response": "已召开专题会推进"})
            self.assertEqual(
                (data["supervisions"][0]["responded_on"], data["supervisions"][0]["open"]),
                ("2026-03-09", False),
            )
            self.assertDetail(self.post(path, {"response": "again"}), 409, "该督办已反馈")
        self.assertTrue(AuditEvent.objects.get(verb="ledger.respond").data["in_time"])
        self.assertEqual(Supervision.objects.get().response, "已召开专题会推进")

    def test_a_supervision_is_answered_only_under_its_own_task(self) -> None:
        item = self.item()
        other = self.item(title="另一项任务")
        supervision = actions.supervise(item, actor=self.director, instruction="x", respond_by=D(2026, 3, 9))
        self.login(self.drafter)
        self.assertDetail(
            self.post(f"/items/{other.pk}/supervisions/{supervision.pk}/respond", {"response": "x"}), 404
        )
        for path in (
            f"/items/{item.pk}/supervisions/0/respond",
            f"/items/{item.pk}/supervisions/{2**31}/respond",
        ):
            with self.subTest(path=path):
                self.assertDetail(self.post(path, {"response": "x"}), 422)
        self.assertDetail(self.post(f"/items/{item.pk}/supervisions/{supervision.pk}/respond", {}), 422)
        self.assertTrue(Supervision.objects.get().is_open)


class AssessmentApiTests(ApiTestCase):
    def test_the_year_end_assessment_waits_for_the_due_date_or_completion(self) -> None:
        late = self.item(due_on=D(2026, 3, 31))
        self.login(self.director)
        self.assertDetail(
            self.post(f"/items/{late.pk}/assess", {"assessment": "not_completed", "note": "未按期完成"}),
            409,
            "任务完成或完成时限届满后方可评价",
        )
        with on("2026-04-01"):
            self.login(self.director)
            self.assertDetail(
                self.post(f"/items/{late.pk}/assess", {"assessment": "not_completed"}), 400, "请填写评价意见"
            )
            data = self.ok(f"/items/{late.pk}/assess", {"assessment": "not_completed", "note": "未按期完成"})
        self.assertEqual(
            (data["assessment"], data["assessment_label"], data["assessment_note"], data["overdue"]),
            ("not_completed", "未完成", "未按期完成", True),
        )

    def test_a_done_task_is_assessed_and_a_cancelled_one_is_not(self) -> None:
        done = self.pending()
        actions.sign_off(done, actor=self.director)
        cancelled = self.item(title="已调整的任务")
        actions.cancel_item(cancelled, actor=self.reviewer, reason="任务调整")
        self.login(self.director)
        data = self.ok(f"/items/{done.pk}/assess", {"assessment": "completed"})
        self.assertEqual((data["assessment"], data["assessment_note"]), ("completed", ""))
        self.assertDetail(
            self.post(f"/items/{cancelled.pk}/assess", {"assessment": "completed"}),
            409,
            "已撤销的任务不作评价",
        )
