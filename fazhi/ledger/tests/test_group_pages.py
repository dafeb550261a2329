"""The leading group's page."""

from __future__ import annotations

from fazhi.core.models import AuditEvent
from fazhi.ledger import actions
from fazhi.ledger.models import LeadingGroupMember
from fazhi.ledger.tests.test_views import BOARD, GROUP, ViewTestCase


class GroupPageTests(ViewTestCase):
    def test_the_reviewer_sets_the_leading_group_and_everyone_in_the_area_reads_it(self) -> None:
        deputy = self.deputy()
        self.login(self.reviewer)
        response = self.client.get(GROUP, {"year": "2026"})
        self.assertContains(response, "尚未设置本年度领导小组")
        response = self.client.post(
            GROUP + "?year=2026",
            {
                "year": "2026",
                "head": str(self.director.pk),
                "deputies": [str(deputy.pk)],
                "divisions": [str(self.sci_division.pk)],
            },
        )
        self.assertRedirects(response, GROUP + "?year=2026", fetch_redirect_response=False)
        group = {
            (m.position, m.name, m.organization_id, m.user_id)
            for m in LeadingGroupMember.objects.filter(year=2026)
        }
        self.assertEqual(
            group,
            {
                ("head", "陈局长", self.bureau.pk, self.director.pk),
                ("deputy", "周副局长", self.bureau.pk, deputy.pk),
                ("member", "李处长", self.sci_division.pk, self.division_head.pk),
            },
        )
        member = LeadingGroupMember.objects.get(position="member")
        self.assertEqual(member.title, "基础研究处负责人")
        self.assertTrue(AuditEvent.objects.filter(verb="ledger.leading_group", object_id="2026").exists())
        self.login(self.drafter)
        page = self.client.get(GROUP, {"year": "2026"})
        self.assertIsNone(page.context["form"])
        html = page.content.decode()
        self.assertLess(html.index("陈局长"), html.index("周副局长"))  # the head first
        self.assertLess(html.index("周副局长"), html.index("李处长"))
        self.assertEqual(
            self.client.post(GROUP, {"year": "2026", "head": str(self.drafter.pk)}).status_code, 404
        )
        self.assertContains(self.client.get(BOARD, {"year": "2026"}), "周副局长")

    def test_a_refused_group_shows_the_reason_next_to_the_field_and_saves_nothing(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            GROUP,
            {
                "year": "2026",
                "head": str(self.director.pk),
                "deputies": [str(self.director.pk)],
                "divisions": [str(self.other_division.pk)],  # no division head account there
            },
        )
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors
        self.assertEqual(errors["deputies"], ["组长不能同时担任副组长"])
        self.assertEqual(errors["divisions"], ["科技监督与诚信建设处 尚无处室负责人账户"])
        response = self.client.post(GROUP, {"year": "2026", "head": str(self.division_head.pk)})
        self.assertEqual(response.context["form"].errors["head"], ["所选人员不是本机关领导"])
        self.assertFalse(LeadingGroupMember.objects.exists())

    def test_a_new_year_starts_from_the_last_group(self) -> None:
        actions.set_leading_group(
            2025,
            actor=self.reviewer,
            head=("陈局长", "局长", self.bureau, self.director),
            deputies=[],
            members=[("李处长", "处长", self.sci_division, self.division_head)],
        )
        self.login(self.reviewer)
        response = self.client.get(GROUP, {"year": "2026"})
        self.assertEqual(response.context["copied_from"], 2025)
        self.assertEqual(
            response.context["form"].initial,
            {"year": 2026, "head": self.director.pk, "deputies": [], "divisions": [self.sci_division.pk]},
        )
        self.assertContains(response, "已按 2025 年的名单预填")
        self.assertIsNone(self.client.get(GROUP, {"year": "2025"}).context["copied_from"])
