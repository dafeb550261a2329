"""The catalog pages, their versions and the expert pool."""

from __future__ import annotations

from fazhi.core.models import AuditEvent
from fazhi.decisions import actions
from fazhi.decisions.models import CatalogEntry, DecisionCatalog, DecisionExpert
from fazhi.decisions.tests.factories import at
from fazhi.decisions.tests.test_actions import DecisionTestCase
from fazhi.decisions.tests.test_views import CATALOGS, EXPERTS, D, G, ViewTestCase, catalog_act, catalog_url


class CatalogPageTests(ViewTestCase):
    def test_the_legal_affairs_division_compiles_approves_and_publishes_the_catalog(self) -> None:
        with at("2026-01-05"):
            decision = actions.propose_decision(
                actor=self.drafter,
                year=2026,
                title="天津市科技创新“十四五”规划",
                legal_basis="法",
                reason="因",
            )
        self.login(self.reviewer)
        response = self.client.post(CATALOGS, {"year": "2026"})
        catalog = DecisionCatalog.objects.get()
        self.assertRedirects(response, catalog_url(catalog), fetch_redirect_response=False)
        page = self.client.get(catalog_url(catalog))
        self.assertContains(page, "天津市科技创新“十四五”规划（基础研究处）")  # a candidate
        self.client.post(catalog_act(catalog, "add"), {"add-decision": str(decision.pk)})
        self.assertTrue(CatalogEntry.objects.filter(catalog=catalog, decision=decision).exists())
        response = self.client.post(
            catalog_act(catalog, "approve"),
            {"approve-meeting": "局党委会", "approve-approved_on": "2026-06-15"},
        )
        self.assertIn("已记录局党委会审议通过，可以公布。", self.messages_of(response))
        response = self.client.post(catalog_act(catalog, "publish"))
        catalog.refresh_from_db()
        self.assertEqual((catalog.status, catalog.published_on), ("published", D(2026, 6, 16)))
        self.assertEqual(self.stage_of(decision), G.DRAFTING)
        verbs = list(
            AuditEvent.objects.filter(object_type="decisions.decisioncatalog").values_list("verb", flat=True)
        )
        self.assertEqual(verbs, ["catalog.create", "catalog.add", "catalog.approve", "catalog.publish"])
        page = self.client.get(catalog_url(catalog))
        self.assertContains(page, "审议通过")
        self.assertContains(page, 'id="step-adjust"')

    def test_publishing_before_approval_is_refused_with_the_rule(self) -> None:
        with at("2026-01-05"):
            catalog = actions.create_catalog(actor=self.reviewer, agency=self.bureau, year=2026)
        self.login(self.reviewer)
        response = self.client.post(catalog_act(catalog, "publish"))
        self.assertIn(
            "当前状态为“编制中”，不能公布目录（目录经审议通过后方可公布）", self.messages_of(response)
        )
        catalog.refresh_from_db()
        self.assertEqual(catalog.status, "draft")

    def test_an_approval_dated_tomorrow_is_refused_next_to_the_date_and_kept(self) -> None:
        with at("2026-01-05"):
            decision = actions.propose_decision(
                actor=self.drafter, year=2026, title="规划", legal_basis="法", reason="因"
            )
            catalog = actions.create_catalog(actor=self.reviewer, agency=self.bureau, year=2026)
            actions.add_to_catalog(catalog, decision, actor=self.reviewer)
        self.login(self.reviewer)
        response = self.client.post(
            catalog_act(catalog, "approve"),
            {"approve-meeting": "局党委会", "approve-approved_on": "2026-06-17"},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, '<p class="field-error" role="alert">审议日期不能晚于今天</p>', html=True
        )
        self.assertContains(response, 'value="2026-06-17"')

    def test_an_adjustment_marks_the_changes_and_compares_with_the_version_before(self) -> None:
        kept, dropped = self.several("天津市科技创新“十四五”规划", "天津市基础研究十年行动方案")
        v1 = DecisionCatalog.objects.get()
        with at("2026-06-01"):
            added = actions.propose_decision(
                actor=self.drafter,
                year=2026,
                title="天津市科技成果转化三年行动计划",
                legal_basis="法",
                reason="新增",
            )
        self.login(self.reviewer)
        response = self.client.post(catalog_act(v1, "adjust"), {"adjust-note": "年中调整"})
        v2 = DecisionCatalog.objects.get(version=2)
        self.assertRedirects(response, catalog_url(v2), fetch_redirect_response=False)
        self.client.post(catalog_act(v2, "add"), {"add-decision": str(added.pk)})
        response = self.client.post(
            catalog_act(v2, "remove"),
            {"remove-decision": str(dropped.pk), "remove-reason": ""},
            follow=True,
        )
        self.assertContains(response, "请填写调出理由")
        self.client.post(
            catalog_act(v2, "remove"), {"remove-decision": str(dropped.pk), "remove-reason": "并入十四五规划"}
        )
        page = self.client.get(catalog_url(v2))
        self.assertContains(page, "与第 1 版比较")
        diff = page.content.decode().split('id="diff"')[1].split("</section>")[0]
        self.assertIn("新增", diff)
        self.assertIn("天津市科技成果转化三年行动计划", diff)
        self.assertIn("调出", diff)
        self.assertIn("天津市基础研究十年行动方案", diff)
        self.assertNotIn(kept.title, diff)
        self.assertIn("另有 1 个事项未调整", diff)
        self.client.post(
            catalog_act(v2, "approve"), {"approve-meeting": "局党委会", "approve-approved_on": "2026-06-16"}
        )
        self.client.post(catalog_act(v2, "publish"))
        self.assertEqual((self.stage_of(dropped), self.stage_of(added)), (G.REMOVED, G.DRAFTING))
        listing = self.client.get(CATALOGS)
        self.assertContains(listing, "第 2 版")
        self.assertContains(listing, "年中调整")

    def test_the_leadership_reads_the_catalog_without_its_forms(self) -> None:
        self.new()
        catalog = DecisionCatalog.objects.get()
        self.login(self.director)
        response = self.client.get(catalog_url(catalog))
        self.assertContains(response, "天津市科技创新“十四五”规划")
        self.assertNotContains(response, 'id="steps"')
        self.assertEqual(
            self.client.post(catalog_act(catalog, "adjust"), {"adjust-note": "x"}).status_code, 404
        )


# ---------------------------------------------------------------------------------------------
# Drafting and public participation


class ExpertPoolTests(ViewTestCase):
    def test_the_legal_affairs_division_adds_and_edits_an_expert_with_an_audit_event(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            EXPERTS, {"name": "钱教授", "organization": "天津大学", "field": "科技管理", "is_active": "on"}
        )
        self.assertIn("已将 钱教授 加入专家库。", self.messages_of(response))
        expert = DecisionExpert.objects.get(name="钱教授")
        self.assertContains(self.client.get(EXPERTS, {"edit": expert.pk}), 'value="天津大学"')
        self.client.post(
            EXPERTS,
            {"expert": str(expert.pk), "name": "钱教授", "organization": "天津大学", "field": "科技管理"},
        )
        expert.refresh_from_db()
        self.assertFalse(expert.is_active)
        verbs = list(
            AuditEvent.objects.filter(
                object_type="decisions.decisionexpert", object_id=str(expert.pk)
            ).values_list("verb", "data")
        )
        self.assertEqual(verbs[0][0], "decision.expert_pool.add")
        self.assertEqual(verbs[1], ("decision.expert_pool.change", {"changed": {"is_active": [True, False]}}))

    def test_the_same_expert_twice_is_refused_next_to_the_name(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            EXPERTS, {"name": "吴教授", "organization": "南开大学", "field": "x", "is_active": "on"}
        )
        self.assertContains(response, "南开大学的吴教授已在专家库中，不能重复登记")
        self.assertEqual(DecisionExpert.objects.filter(name="吴教授").count(), 1)

    def test_a_division_reads_the_pool_but_cannot_change_it(self) -> None:
        self.login(self.drafter)
        response = self.client.get(EXPERTS)
        self.assertContains(response, "吴教授")
        self.assertNotContains(response, 'id="expert-form"')
        self.assertEqual(
            self.client.post(EXPERTS, {"name": "x", "organization": "y", "field": "z"}).status_code, 404
        )


# ---------------------------------------------------------------------------------------------
# 我的工作


class CatalogChangePageTests(DecisionTestCase):
    def test_an_entry_is_changed_in_an_adjustment_and_marked(self) -> None:
        from fazhi.decisions.models import CatalogEntry, DecisionCatalog

        decision = self.new()
        catalog = DecisionCatalog.objects.get()
        v2 = actions.adjust_catalog(catalog, actor=self.reviewer, note="年中调整")
        self.login(self.reviewer)
        response = self.client.post(
            f"/work/decisions/catalogs/{v2.pk}/action/change/",
            {
                "change-decision": decision.pk,
                "change-title": "调整后的名称",
                "change-planned_end": "2026-12-31",
                "change-reason": "扩展规划期",
            },
        )
        self.assertRedirects(response, f"/work/decisions/catalogs/{v2.pk}/", fetch_redirect_response=False)
        entry = CatalogEntry.objects.get(catalog=v2, decision=decision)
        self.assertEqual((entry.title, entry.change), ("调整后的名称", "changed"))
        response = self.client.post(
            f"/work/decisions/catalogs/{v2.pk}/action/change/",
            {"change-decision": decision.pk, "change-title": "", "change-reason": ""},
            follow=True,
        )
        self.assertContains(response, "请填写变更理由")
