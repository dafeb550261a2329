"""A reconsideration walked through its pages."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.core.testing import without_calendar_year
from fazhi.disputes.models import Reconsideration
from fazhi.disputes.tests.base import D, on
from fazhi.disputes.tests.test_views import (
    RECONSIDERATION_CREATE,
    RECONSIDERATIONS,
    R,
    ViewTestCase,
    detail,
    flashed,
    verbs,
)


class ReconsiderationPageTests(ViewTestCase):
    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)  # next year missing, whatever the test clock

    def form_data(self, **overrides: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "applicant": "天津某生物科技有限公司",
            "organ": "天津市人民政府",
            "case_number": "津政复〔2026〕88号",
            "challenged_act": "津科罚〔2026〕1号行政处罚决定",
            "received_on": "2026-09-22",
            "enforcement_case": "",
        }
        data.update(overrides)
        return data

    def test_the_reviewer_registers_one_linked_to_a_decided_case(self) -> None:
        penalty = self.published_penalty()
        undecided = self.file(title="尚在调查的案件")
        self.login(self.reviewer)
        offered = set(
            self.client.get(RECONSIDERATION_CREATE).context["form"].fields["enforcement_case"].queryset
        )
        self.assertEqual(offered, {penalty})
        response = self.client.post(RECONSIDERATION_CREATE, self.form_data(enforcement_case=undecided.pk))
        self.assertIn("所选案件不存在或无权查看", response.context["form"].errors["enforcement_case"])
        response = self.client.post(RECONSIDERATION_CREATE, self.form_data(enforcement_case=penalty.pk))
        case = Reconsideration.objects.get()
        self.assertRedirects(response, detail(case), fetch_redirect_response=False)
        self.assertIn("应于 2026年10月13日 前提交答复和证据", flashed(response)[-1])
        self.assertEqual(
            (case.enforcement_case, case.division, case.status), (penalty, self.legal_division, R.RECEIVED)
        )
        page = self.client.get(detail(case))
        self.assertContains(page, f'href="{reverse("enforcement:detail", args=[penalty.pk])}"')
        self.assertContains(page, "决定未被变更、撤销")
        self.assertContains(page, f'title="{case.reply_deadline.basis}')
        self.assertEqual(
            set(page.context["forms"]),
            {
                "submit_reply",
                "plan_reconsideration_hearing",
                "record_reconsideration_decision",
                "record_opinion_letter",
            },
        )

    def test_a_refused_registration_shows_the_reason_next_to_the_field_and_saves_nothing(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(RECONSIDERATION_CREATE, self.form_data(received_on="2026-09-23"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("不能晚于今天", " ".join(response.context["form"].errors["received_on"]))
        self.assertContains(response, 'value="津政复〔2026〕88号"')  # nothing lost
        response = self.client.post(RECONSIDERATION_CREATE, self.form_data(applicant=""))
        self.assertEqual(response.context["form"].errors["applicant"], ["请填写申请人"])
        self.assertFalse(Reconsideration.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(verb="reconsideration.register").exists())

    def test_a_reply_due_in_a_year_without_its_calendar_is_shown_as_pending_never_guessed(self) -> None:
        with on("2026-12-28"):  # 10 working days from here run into 2027, whose calendar is not in
            self.login(self.reviewer)
            response = self.client.post(RECONSIDERATION_CREATE, self.form_data(received_on="2026-12-28"))
            case = Reconsideration.objects.get()
            self.assertIsNone(case.reply_due_on)
            self.assertIn("期限待录入 2027 年工作日历后计算", flashed(response)[-1])
            self.assertContains(self.client.get(detail(case)), "待录入 2027 年工作日历后计算")
            self.assertContains(self.client.get(RECONSIDERATIONS), "期限待录入 2027 年工作日历后计算")

    def test_a_reconsideration_walks_through_its_page_to_closed(self) -> None:
        penalty = self.published_penalty()
        self.login(self.reviewer)
        self.client.post(RECONSIDERATION_CREATE, self.form_data(enforcement_case=penalty.pk))
        case = Reconsideration.objects.get()
        self.assertStepDone(
            self.step(case, "submit_reply", replied_on="2026-09-22", summary="事实清楚，程序合法"), case
        )

        # The head neither attends nor explains: refused with the article, nothing saved.
        response = self.step(case, "plan_reconsideration_hearing", hearing_on="2026-10-20", delegate="王审核")
        self.assertRefused(response, "plan_reconsideration_hearing", "head", "第五十一条")
        self.assertContains(response, 'value="王审核"')
        self.assertIsNone(Reconsideration.objects.get().hearing_on)
        response = self.step(
            case, "plan_reconsideration_hearing", hearing_on="2026-10-20", head=self.director.pk
        )
        self.assertStepDone(response, case)
        self.assertEqual(Reconsideration.objects.get().attendee, "陈局长")
        self.assertContains(self.client.get(detail(case)), "2026年10月20日 复议听证：陈局长 参加")

        with on("2026-11-20"):
            self.login(self.reviewer)
            response = self.step(
                case,
                "record_reconsideration_decision",
                decided_on="2026-11-20",
                served_on="2026-11-20",
                outcome="revoked",
                summary="认定事实不清",
            )
            self.assertStepDone(response, case)
            # The published penalty was reversed: withdrawn within 3 working days.
            self.assertIn("2026年11月25日 前撤回公示", flashed(response)[-1])
            page = self.client.get(detail(case))
            self.assertContains(page, "决定已被变更、撤销或者确认违法、无效")
            self.assertContains(page, "须填写履行之日和履行情况后方可办结")
            self.assertEqual(set(page.context["forms"]), {"record_opinion_letter", "close_reconsideration"})
            response = self.step(case, "close_reconsideration", note="已撤销")
            self.assertRefused(response, "close_reconsideration", "performed_on", "第七十七条")
            self.assertContains(response, "已撤销</textarea>")
            self.assertStepDone(self.step(case, "record_opinion_letter", received_on="2026-11-20"), case)
            response = self.step(
                case, "close_reconsideration", performed_on="2026-11-20", note="已撤销并退还"
            )
            self.assertRefused(response, "close_reconsideration", None, "第七十六条")
            self.assertEqual(Reconsideration.objects.get().status, R.DECIDED)
            self.assertStepDone(self.step(case, "report_correction", reported_on="2026-11-20"), case)
            self.assertStepDone(
                self.step(case, "close_reconsideration", performed_on="2026-11-20", note="已撤销并退还"), case
            )
            page = self.client.get(detail(case))
        case = Reconsideration.objects.get()
        penalty.refresh_from_db()
        self.assertEqual((case.status, case.performed_on), (R.CLOSED, D(2026, 11, 20)))
        self.assertEqual(penalty.reversed_on, D(2026, 11, 20))
        self.assertEqual(page.context["forms"], {})
        self.assertEqual(
            verbs(case),
            [
                "reconsideration.register",
                "reconsideration.reply",
                "reconsideration.hearing",
                "reconsideration.decision",
                "reconsideration.opinion_letter",
                "reconsideration.correction_report",
                "reconsideration.close",
            ],
        )
        self.assertEqual(len(page.context["events"]), 7)

    def test_a_wrong_date_is_refused_next_to_its_field_with_the_input_kept(self) -> None:
        case = self.reconsideration()
        self.login(self.reviewer)
        response = self.step(case, "submit_reply", replied_on="2026-09-21", summary="答复要点甲")
        self.assertRefused(response, "submit_reply", "replied_on", "不能早于")
        self.assertContains(response, "答复要点甲</textarea>")
        response = self.step(
            case, "record_reconsideration_decision", decided_on="2026-09-22", outcome="", summary="x"
        )
        self.assertEqual(
            response.context["forms"]["record_reconsideration_decision"].errors["outcome"], ["请选择"]
        )
        self.assertEqual(verbs(case), ["reconsideration.register"])
