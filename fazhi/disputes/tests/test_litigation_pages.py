"""A lawsuit walked through its pages."""

from __future__ import annotations

from typing import Any

from fazhi.core.attachments import attachments_of
from fazhi.disputes import actions
from fazhi.disputes.models import Litigation
from fazhi.disputes.stats import dispute_figures
from fazhi.disputes.tests.base import D, on
from fazhi.disputes.tests.test_views import LITIGATION_CREATE, L, ViewTestCase, detail, flashed, proof, verbs


class LitigationPageTests(ViewTestCase):
    def form_data(self, **overrides: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "plaintiff": "天津某实验动物中心",
            "court": "天津市和平区人民法院",
            "case_number": "（2026）津0101行初12号",
            "instance": "first",
            "challenged_act": "津科罚〔2026〕2号行政处罚决定",
            "complaint_received_on": "2026-09-22",
            "head_required": "on",
            "enforcement_case": "",
        }
        data.update(overrides)
        return data

    def test_a_lawsuit_walks_through_its_page_to_judgment(self) -> None:
        penalty = self.published_penalty()
        self.login(self.reviewer)
        response = self.client.post(LITIGATION_CREATE, self.form_data(enforcement_case=penalty.pk))
        lawsuit = Litigation.objects.get()
        self.assertRedirects(response, detail(lawsuit), fetch_redirect_response=False)
        self.assertIn("应于 2026年10月8日 前提交答辩状和证据", flashed(response)[-1])
        self.assertTrue(lawsuit.head_required)
        self.assertStepDone(self.step(lawsuit, "submit_defence", defended_on="2026-09-22"), lawsuit)

        # No head and no proof of the excuse: refused with the article, nothing saved.
        excused = {
            "hearing_on": "2026-11-03",
            "excuse": "official_duty",
            "excuse_detail": "出席国务院会议",
            "appearing_staff": "王审核",
        }
        response = self.step(lawsuit, "plan_appearance", **excused)
        self.assertRefused(response, "plan_appearance", "proof", "第九条")
        self.assertContains(response, "出席国务院会议</textarea>")
        response = self.step(lawsuit, "plan_appearance", hearing_on="2026-11-03", appearing_staff="王审核")
        self.assertRefused(response, "plan_appearance", "excuse", "第八条")
        self.assertIsNone(Litigation.objects.get().hearing_on)
        self.assertEqual(list(attachments_of(lawsuit)), [])
        response = self.step(lawsuit, "plan_appearance", files={"plan_appearance-proof": proof()}, **excused)
        # The proof bears the seal or the principal head's signature (法释〔2020〕3号第九条): say which.
        self.assertRefused(
            response, "plan_appearance", "proof", "加盖行政机关印章或者由该机关主要负责人签字认可"
        )
        response = self.step(
            lawsuit,
            "plan_appearance",
            files={"plan_appearance-proof": proof()},
            proof_form="signature",
            **excused,
        )
        self.assertStepDone(response, lawsuit)
        page = self.client.get(detail(lawsuit))
        self.assertEqual(page.context["forms"]["plan_appearance"].initial["excuse_detail"], "出席国务院会议")
        self.assertContains(page, "公务证明.pdf")
        self.assertContains(page, "需要履行他人不能代替的公务")
        self.assertContains(page, "由该机关主要负责人签字认可")
        self.assertEqual([a.purpose for a in attachments_of(lawsuit)], ["负责人不能出庭的证明材料"])

        # Then the director can appear after all.
        self.assertStepDone(
            self.step(lawsuit, "plan_appearance", hearing_on="2026-11-03", head=self.director.pk), lawsuit
        )
        self.assertNotIn("record_court_hearing", self.client.get(detail(lawsuit)).context["forms"])
        with on("2026-11-03"):
            self.login(self.reviewer)
            page = self.client.get(detail(lawsuit))
            self.assertEqual(
                page.context["forms"]["record_court_hearing"].initial["heard_on"], D(2026, 11, 3)
            )
            response = self.step(
                lawsuit, "record_court_hearing", heard_on="2026-11-03", head_appeared="on", head_spoke="on"
            )
            self.assertStepDone(response, lawsuit)
            response = self.step(
                lawsuit,
                "record_judgment",
                judged_on="2026-11-03",
                outcome="revoked",
                summary="认定事实不清",
                judicial_recommendation="建议规范告知程序",
            )
            self.assertStepDone(response, lawsuit)
            self.assertIn("尚未发生法律效力", flashed(response)[-1])
            page = self.client.get(detail(lawsuit))
            self.assertContains(page, "尚未生效")
        with on("2026-11-20"):
            self.login(self.reviewer)
            response = self.step(lawsuit, "record_judgment_effect", effective_on="2026-11-20")
            self.assertStepDone(response, lawsuit)
            self.assertIn(penalty.code, flashed(response)[-1])
            page = self.client.get(detail(lawsuit))
        lawsuit = Litigation.objects.get()
        penalty.refresh_from_db()
        self.assertEqual((lawsuit.status, lawsuit.head_appeared, lawsuit.head_spoke), (L.JUDGED, True, True))
        self.assertEqual(
            (penalty.reversed_on, penalty.reversal_effective_on), (D(2026, 11, 3), D(2026, 11, 20))
        )
        self.assertEqual(page.context["forms"], {})
        self.assertContains(page, "建议规范告知程序")
        self.assertContains(page, "决定已被变更、撤销或者确认违法、无效")
        self.assertEqual(
            verbs(lawsuit),
            [
                "litigation.register",
                "litigation.defence",
                "litigation.appearance_plan",
                "attachment.upload",
                "litigation.appearance_plan",
                "litigation.hearing",
                "litigation.judgment",
                "litigation.judgment_effect",
            ],
        )
        self.assertEqual(dispute_figures(2026).head_appearances, 1)

    def test_a_rejected_proof_file_saves_nothing(self) -> None:
        lawsuit = self.litigation()
        self.login(self.reviewer)
        response = self.step(
            lawsuit,
            "plan_appearance",
            files={"plan_appearance-proof": proof(b"not a pdf")},
            hearing_on="2026-11-03",
            excuse="accident",
            excuse_detail="交通事故",
            proof_form="seal",
            appearing_staff="王审核",
        )
        self.assertRefused(response, "plan_appearance", "proof", "不符")
        self.assertContains(response, 'value="王审核"')
        self.assertIsNone(Litigation.objects.get().hearing_on)
        self.assertEqual(list(attachments_of(lawsuit)), [])

    def test_the_head_cannot_be_recorded_as_appearing_when_none_was_planned(self) -> None:
        lawsuit = self.litigation()
        actions.plan_appearance(
            lawsuit,
            actor=self.reviewer,
            hearing_on=D(2026, 9, 22),
            excuse="accident",
            excuse_detail="交通事故",
            proof=proof(),
            proof_form="seal",
            appearing_staff="王审核",
        )
        self.login(self.reviewer)
        response = self.step(lawsuit, "record_court_hearing", heard_on="2026-09-22", head_appeared="on")
        self.assertRefused(response, "record_court_hearing", "head_appeared", "没有负责人")
        self.assertEqual(Litigation.objects.get().status, L.RECEIVED)
        self.assertStepDone(self.step(lawsuit, "record_court_hearing", heard_on="2026-09-22"), lawsuit)
        self.assertFalse(Litigation.objects.get().head_appeared)

    def test_the_bureau_heads_not_a_division_head_nor_the_administrator_are_offered_as_the_head(self) -> None:
        lawsuit = self.litigation()
        self.login(self.reviewer)
        heads = self.client.get(detail(lawsuit)).context["forms"]["plan_appearance"].fields["head"].queryset
        self.assertEqual(list(heads), [self.director])
        response = self.step(lawsuit, "plan_appearance", hearing_on="2026-11-03", head=self.division_head.pk)
        self.assertIn("所选人员不是本机关负责人", response.context["forms"]["plan_appearance"].errors["head"])
