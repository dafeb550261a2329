"""The plan pages: who sees them, a plan set up, published with the contributors' commitments and
drawn with their secrets through the pages (each step with its audit event), bad input refused
in Chinese next to the field with nothing saved, and no way to draw a plan twice."""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any

from django.urls import reverse

from fazhi.core.formats import cn_date
from fazhi.core.models import AuditEvent
from fazhi.inspections.draw import commitment_of
from fazhi.inspections.models import (
    Draw,
    Entity,
    FrozenPool,
    InspectionPlan,
    InspectionTask,
    RiskLevel,
    SeedContributor,
    Stratum,
)
from fazhi.inspections.tests.base import InspectionTestCase
from fazhi.inspections.tests.factories import (
    DRAW_ON,
    SECRETS,
    draft_plan,
    drawn,
    make_entities,
    make_inspector,
    on_draw_day,
    publish,
    uscc,
    verify,
)
from fazhi.inspections.worklist import inspection_items

P = InspectionPlan.Status
PLANS = reverse("inspections:plan_list")
NEW_PLAN = reverse("inspections:plan_create")


def detail(plan: InspectionPlan) -> str:
    return reverse("inspections:plan_detail", args=[plan.pk])


def act(plan: InspectionPlan, action: str) -> str:
    return reverse("inspections:plan_action", args=[plan.pk, action])


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


class PlanPageTestCase(InspectionTestCase):
    """Four high-risk lab-animal entities and two linked officers, plus a third inspector
    whose certificate expires before the draw date."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        make_entities(4)
        cls.inspector1 = make_inspector(cls.reviewer, 1, user=cls.officer)
        cls.inspector2 = make_inspector(cls.reviewer, 2, user=cls.officer2)
        cls.expired = make_inspector(cls.reviewer, 3, expires=datetime.date(2026, 4, 5))

    def commitments_post(self, plan: InspectionPlan, values: list[str] | None = None) -> dict[str, str]:
        values = values if values is not None else [commitment_of(s) for s in SECRETS]
        contributors = list(plan.contributors.order_by("order"))
        return {f"publish-commitment_{c.pk}": v for c, v in zip(contributors, values, strict=True)}

    def secrets_post(self, plan: InspectionPlan, values: list[str] | None = None) -> dict[str, str]:
        values = values if values is not None else SECRETS
        contributors = list(plan.contributors.order_by("order"))
        return {f"draw-secret_{c.pk}": v for c, v in zip(contributors, values, strict=True)}


class PlanPermissionTests(PlanPageTestCase):
    def test_anonymous_visitors_are_sent_to_log_in(self) -> None:
        plan = draft_plan(self.reviewer, self.item)
        for url in (PLANS, NEW_PLAN, detail(plan), reverse("inspections:plan_tasks", args=[plan.pk])):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertTrue(response["Location"].startswith("/accounts/login/"))

    def test_staff_outside_inspections_get_404_for_every_plan_page(self) -> None:
        plan = draft_plan(self.reviewer, self.item)
        for user in (self.drafter, self.outsider, self.advisor, self.filing_officer):
            self.login(user)
            for url in (PLANS, NEW_PLAN, detail(plan)):
                self.assertEqual(self.client.get(url).status_code, 404, (user, url))
            self.assertEqual(self.client.post(act(plan, "publish"), {}).status_code, 404)

    def test_an_officer_sees_published_plans_but_not_drafts_and_takes_no_step(self) -> None:
        draft = draft_plan(self.reviewer, self.item)
        self.login(self.officer)
        self.assertEqual(self.client.get(detail(draft)).status_code, 404)
        self.assertNotContains(self.client.get(PLANS), draft.title)
        publish(self.reviewer, draft)
        response = self.client.get(detail(draft))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'id="step-draw"')
        secrets = self.secrets_post(draft)
        self.assertEqual(self.client.post(act(draft, "draw"), secrets).status_code, 404)
        self.assertFalse(Draw.objects.exists())
        self.assertEqual(self.client.get(NEW_PLAN).status_code, 404)

    def test_the_director_reads_a_draft_but_cannot_change_it(self) -> None:
        plan = draft_plan(self.reviewer, self.item)
        self.login(self.director)
        response = self.client.get(detail(plan))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'id="step-publish"')
        response = self.client.post(act(plan, "add_contributor"), {"contributor-name": "某处"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(plan.contributors.count(), 2)

    def test_an_unknown_step_answers_404(self) -> None:
        plan = draft_plan(self.reviewer, self.item)
        self.login(self.reviewer)
        self.assertEqual(self.client.post(act(plan, "delete")).status_code, 404)
        self.assertEqual(self.client.get(act(plan, "publish")).status_code, 405)


class PlanSetupTests(PlanPageTestCase):
    def test_the_planner_creates_a_plan_through_the_form_with_its_audit_event(self) -> None:
        self.login(self.reviewer)
        self.assertContains(self.client.get(PLANS), "制定抽查计划")
        response = self.client.post(
            NEW_PLAN,
            {
                "year": "2026",
                "batch": "2",
                "item": str(self.item.pk),
                "title": "",
                "draw_on": "2026-04-10",
                "inspectors_per_entity": "2",
                "inspector_cap": "",
                "experts_per_entity": "0",
                "public_value_source": "",
            },
        )
        plan = InspectionPlan.objects.get()
        self.assertRedirects(response, detail(plan))
        self.assertEqual((plan.year, plan.batch, plan.inspector_cap, plan.status), (2026, 2, None, P.DRAFT))
        self.assertEqual(plan.title, "2026年第2批“实验动物生产和使用单位监督检查”随机抽查计划")
        event = AuditEvent.objects.get(verb="inspection.plan_create")
        self.assertEqual(event.actor, self.reviewer)
        self.assertEqual(event.object_id, str(plan.pk))

    def test_fewer_than_two_inspectors_or_a_negative_cap_is_refused_next_to_the_field(self) -> None:
        self.login(self.reviewer)
        base = {
            "year": "2026",
            "batch": "1",
            "item": str(self.item.pk),
            "draw_on": "2026-04-10",
            "inspectors_per_entity": "2",
            "experts_per_entity": "0",
        }
        response = self.client.post(NEW_PLAN, {**base, "inspectors_per_entity": "1"})
        self.assertEqual(response.status_code, 200)
        errors = " ".join(response.context["form"].errors["inspectors_per_entity"])
        self.assertIn("抽查计划规则", errors)
        self.assertNotIn("行政处罚法", errors)
        response = self.client.post(NEW_PLAN, {**base, "inspector_cap": "-3"})
        self.assertEqual(
            response.context["form"].errors["inspector_cap"],
            ["每名执法人员最多分派对象数应为正整数，或留空不设上限"],
        )
        self.assertContains(response, "每名执法人员最多分派对象数应为正整数")
        response = self.client.post(NEW_PLAN, {**base, "inspector_cap": "两个"})
        self.assertEqual(response.context["form"].errors["inspector_cap"], ["请填写整数"])
        self.assertFalse(InspectionPlan.objects.exists())

    def test_strata_show_the_registry_size_and_k_and_a_bad_ratio_is_refused(self) -> None:
        plan = draft_plan(self.reviewer, self.item, strata={RiskLevel.HIGH: "0.3"})
        self.login(self.reviewer)
        response = self.client.get(detail(plan))
        row = response.context["strata"][0]
        # N = 4 active high-risk entities; k = ceil(4 × 0.3) = 2.
        self.assertEqual((row.size, row.k), (4, 2))
        response = self.client.post(
            act(plan, "add_stratum"),
            {"stratum-risk_level": "low", "stratum-ratio": "3%"},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        errors = response.context["forms"]["add_stratum"].errors["ratio"]
        self.assertEqual(errors, ["抽查比例“3%”应为十进制小数（如 0.03 表示 3%，最多 10 位小数）"])
        self.assertEqual(plan.strata.count(), 1)
        response = self.client.post(
            act(plan, "add_stratum"), {"stratum-risk_level": "low", "stratum-ratio": "0.05"}
        )
        self.assertRedirects(response, detail(plan) + "#strata")
        self.assertTrue(Stratum.objects.filter(plan=plan, risk_level="low", ratio="0.05").exists())
        self.assertEqual(AuditEvent.objects.filter(verb="inspection.stratum_add").count(), 2)

    def test_an_overlapping_stratum_is_refused_with_the_reason(self) -> None:
        plan = draft_plan(self.reviewer, self.item)
        self.login(self.reviewer)
        response = self.client.post(
            act(plan, "add_stratum"),
            {"stratum-risk_level": "", "stratum-ratio": "0.1"},
            follow=True,
        )
        self.assertContains(response, "的范围重叠：同一检查对象只能属于一个分层")
        self.assertEqual(plan.strata.count(), 1)

    def test_contributors_are_added_and_removed_with_their_events(self) -> None:
        plan = draft_plan(self.reviewer, self.item)
        self.login(self.reviewer)
        self.client.post(act(plan, "add_contributor"), {"contributor-name": "驻局纪检监察组"})
        third = plan.contributors.get(name="驻局纪检监察组")
        self.assertEqual(third.order, 3)
        response = self.client.post(
            act(plan, "add_contributor"), {"contributor-name": "政策法规处"}, follow=True
        )
        self.assertEqual(
            response.context["forms"]["add_contributor"].errors["name"], ["种子提供方“政策法规处”已添加"]
        )
        self.client.post(act(plan, "remove_contributor"), {"id": str(third.pk)})
        self.assertFalse(SeedContributor.objects.filter(pk=third.pk).exists())
        self.assertEqual(
            [
                e.verb
                for e in AuditEvent.objects.filter(verb__startswith="inspection.contributor").order_by("seq")
            ][-2:],
            ["inspection.contributor_add", "inspection.contributor_remove"],
        )
        self.assertEqual(self.client.post(act(plan, "remove_contributor"), {"id": "999"}).status_code, 404)

    def test_the_page_explains_how_to_make_a_secret_offline_and_never_makes_one(self) -> None:
        plan = draft_plan(self.reviewer, self.item)
        self.login(self.reviewer)
        response = self.client.get(detail(plan))
        self.assertContains(
            response,
            "python3 -c &quot;import secrets,hashlib; s=secrets.token_hex(32); print(&#x27;secret&#x27;, s); "
            "print(&#x27;commitment&#x27;, hashlib.sha256(s.encode()).hexdigest())&quot;",
        )
        self.assertContains(response, "平台不为正式计划生成秘密值")
        self.assertNotContains(response, 'value="' + commitment_of(SECRETS[0]))


class PublishThroughThePageTests(PlanPageTestCase):
    def test_pasting_the_commitments_publishes_the_plan_and_shows_digests_exclusions_and_commitments(
        self,
    ) -> None:
        plan = draft_plan(self.reviewer, self.item)
        self.login(self.reviewer)
        response = self.client.post(act(plan, "publish"), self.commitments_post(plan))
        self.assertRedirects(response, detail(plan) + "#pools")
        plan.refresh_from_db()
        self.assertEqual(plan.status, P.PUBLISHED)
        event = AuditEvent.objects.get(verb="inspection.plan_publish")
        self.assertEqual((event.from_status, event.to_status), (P.DRAFT, P.PUBLISHED))
        response = self.client.get(detail(plan))
        for digest in plan.digests().values():
            self.assertContains(response, digest)
        self.assertContains(response, commitment_of(SECRETS[0]))
        self.assertContains(response, commitment_of(SECRETS[1]))
        # The expired certificate is left out, with the reason.
        self.assertContains(response, "执法人员3（120100003）：执法证有效期至 2026年4月5日，早于抽取日期")
        self.assertEqual(FrozenPool.objects.get(plan=plan, kind="inspectors").size, 2)
        self.assertContains(response, 'id="step-draw"')
        self.assertNotContains(response, 'id="step-publish"')

    def test_a_malformed_commitment_is_refused_next_to_its_contributor_and_nothing_is_saved(self) -> None:
        plan = draft_plan(self.reviewer, self.item)
        self.login(self.reviewer)
        post = self.commitments_post(plan, [commitment_of(SECRETS[0]), "abc123"])
        response = self.client.post(act(plan, "publish"), post, follow=True)
        self.assertEqual(response.status_code, 200)
        second = plan.contributors.get(order=2)
        form = response.context["forms"]["publish"]
        self.assertEqual(
            form.errors[f"commitment_{second.pk}"],
            ["种子提供方“科技监督与诚信建设处”的承诺值应为 64 位十六进制字符（SHA-256）"],
        )
        self.assertContains(response, "abc123")  # kept as typed
        plan.refresh_from_db()
        self.assertEqual(plan.status, P.DRAFT)
        self.assertFalse(FrozenPool.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(verb="inspection.plan_publish").exists())

    def test_an_unpublished_item_stops_the_publication_with_the_rule(self) -> None:
        from fazhi.inspections import registry

        plan = draft_plan(self.reviewer, self.item)
        registry.set_item_published(self.item, actor=self.reviewer, published=False)
        self.login(self.reviewer)
        response = self.client.post(act(plan, "publish"), self.commitments_post(plan), follow=True)
        self.assertContains(response, "国办发〔2015〕58号", status_code=200)
        self.assertEqual(InspectionPlan.objects.get().status, P.DRAFT)


class DrawThroughThePageTests(PlanPageTestCase):
    def test_revealing_the_secrets_draws_and_the_page_shows_everything_to_recompute_it(self) -> None:
        plan = publish(self.reviewer, draft_plan(self.reviewer, self.item))
        self.login(self.reviewer)
        with on_draw_day(plan):
            self.login(self.reviewer)  # a session of the draw day
            response = self.client.post(act(plan, "draw"), self.secrets_post(plan))
        self.assertRedirects(response, detail(plan) + "#draw")
        made = Draw.objects.get(plan=plan)
        self.assertEqual(made.selected_count, 4)
        event = AuditEvent.objects.get(verb="inspection.draw")
        self.assertEqual(
            (event.from_status, event.to_status, event.data["seed"]), (P.PUBLISHED, P.DRAWN, made.seed)
        )
        response = self.client.get(detail(plan))
        self.assertContains(response, made.seed)
        for secret in SECRETS:
            self.assertContains(response, secret)
        self.assertContains(response, reverse("inspections:draw_bundle", args=[plan.pk]))
        self.assertContains(response, f'href="/inspections/draws/{made.pk}/"')
        self.assertContains(
            response,
            f"python3 verify_draw.py fazhi-draw-{made.pk}.json \\\n  --pool-digest {plan.pool_digest}",
        )
        self.assertContains(response, "不得重新抽取")
        self.assertNotContains(response, 'id="step-draw"')
        self.assertEqual(len(response.context["assignments"]), 4)
        self.assertEqual(response.context["strata"][0].selected, 4)

    def test_an_inspector_sees_links_only_to_the_tasks_they_may_open(self) -> None:
        plan = publish(self.reviewer, draft_plan(self.reviewer, self.item))
        drawn(self.reviewer, plan)
        tasks = list(plan.tasks.order_by("sequence"))
        tasks[0].inspectors.remove(self.inspector1)  # someone else's task for the officer
        self.login(self.officer)
        page = self.client.get(detail(plan)).content.decode()
        self.assertNotIn(f'href="{reverse("inspections:task_detail", args=[tasks[0].pk])}"', page)
        for task in tasks[1:]:
            url = reverse("inspections:task_detail", args=[task.pk])
            self.assertIn(f'href="{url}"', page)
            self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(
            self.client.get(reverse("inspections:task_detail", args=[tasks[0].pk])).status_code, 404
        )
        self.login(self.reviewer)
        page = self.client.get(detail(plan)).content.decode()
        for task in tasks:
            self.assertIn(f'href="{reverse("inspections:task_detail", args=[task.pk])}"', page)

    def test_the_bundle_downloads_and_the_standalone_verifier_accepts_it(self) -> None:
        plan = publish(self.reviewer, draft_plan(self.reviewer, self.item))
        drawn(self.reviewer, plan)
        self.login(self.director)
        response = self.client.get(reverse("inspections:draw_bundle", args=[plan.pk]))
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        made = Draw.objects.get(plan=plan)
        self.assertIn(f"fazhi-draw-{made.pk}.json", response["Content-Disposition"])
        # Exactly the stored text: its SHA-256 is the one the draw recorded.
        self.assertEqual(hashlib.sha256(response.content).hexdigest(), made.bundle_sha256)
        bundle = json.loads(response.content)
        verify(bundle)  # raises on any mismatch
        self.assertEqual(bundle["secrets"], SECRETS)

    def test_the_planner_downloads_the_export_for_the_supervision_platform_from_the_plan_page(self) -> None:
        plan = publish(self.reviewer, draft_plan(self.reviewer, self.item))
        drawn(self.reviewer, plan)
        xlsx_url = reverse("inspections:plan_export_xlsx", args=[plan.pk])
        json_url = reverse("inspections:plan_export_json", args=[plan.pk])
        self.login(self.reviewer)
        response = self.client.get(detail(plan))
        self.assertContains(response, xlsx_url)
        self.assertContains(response, json_url)
        self.assertEqual(self.client.get(xlsx_url).status_code, 200)
        self.assertEqual(self.client.get(json_url)["Content-Type"], "application/json; charset=utf-8")
        self.login(self.director)
        self.assertNotContains(self.client.get(detail(plan)), xlsx_url)
        self.assertEqual(self.client.get(xlsx_url).status_code, 404)

    def test_a_secret_that_does_not_match_names_the_contributor_and_nothing_is_saved(self) -> None:
        plan = publish(self.reviewer, draft_plan(self.reviewer, self.item))
        self.login(self.reviewer)
        with on_draw_day(plan):
            self.login(self.reviewer)  # a session of the draw day
            response = self.client.post(
                act(plan, "draw"), self.secrets_post(plan, [SECRETS[0], "cd" * 32]), follow=True
            )
        self.assertEqual(response.status_code, 200)
        second = plan.contributors.get(order=2)
        self.assertEqual(
            response.context["forms"]["draw"].errors[f"secret_{second.pk}"],
            ["种子提供方“科技监督与诚信建设处”提交的秘密值与其公布的承诺值不符，抽取未进行"],
        )
        plan.refresh_from_db()
        self.assertEqual(plan.status, P.PUBLISHED)
        self.assertFalse(Draw.objects.exists())
        self.assertFalse(InspectionTask.objects.exists())
        self.assertFalse(SeedContributor.objects.exclude(secret="").exists())

    def test_too_few_eligible_inspectors_fails_the_draw_as_a_whole_with_the_reason(self) -> None:
        from fazhi.inspections import registry

        # A conflict frozen with the plan leaves one entity a single inspector.
        first = Entity.objects.get(uscc=uscc(1))
        registry.add_conflict(
            actor=self.reviewer, entity=first, person=self.inspector1, reason="近亲属在该单位任职"
        )
        plan = publish(self.reviewer, draft_plan(self.reviewer, self.item))
        self.login(self.reviewer)
        with on_draw_day(plan):
            self.login(self.reviewer)  # a session of the draw day
            response = self.client.post(act(plan, "draw"), self.secrets_post(plan), follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response,
            f"检查对象 {first.uscc} 可选派的执法人员只有 1 名（已排除回避人员），少于每个对象 2 名的要求，抽取未进行，未保存任何结果",
        )
        self.assertFalse(Draw.objects.exists())
        self.assertFalse(InspectionTask.objects.exists())
        self.assertEqual(InspectionPlan.objects.get().status, P.PUBLISHED)

    def test_a_plan_is_never_drawn_twice_through_any_url(self) -> None:
        plan = publish(self.reviewer, draft_plan(self.reviewer, self.item))
        drawn(self.reviewer, plan)
        self.login(self.reviewer)
        with on_draw_day(plan):
            self.login(self.reviewer)  # a session of the draw day
            response = self.client.post(act(plan, "draw"), self.secrets_post(plan), follow=True)
        self.assertIn("抽取结果一经产生即为最终结果，不得重新抽取", " ".join(messages_of(response)))
        for name in ("redraw", "clear", "reset", "undraw"):
            self.assertEqual(self.client.post(act(plan, name)).status_code, 404, name)
        self.assertEqual(Draw.objects.count(), 1)
        self.assertEqual(AuditEvent.objects.filter(verb="inspection.draw").count(), 1)
        response = self.client.get(detail(plan))
        self.assertNotContains(response, "重新抽取</button>")

    def test_a_redraw_is_a_new_plan_with_a_reason_copying_strata_and_contributors(self) -> None:
        plan = publish(self.reviewer, draft_plan(self.reviewer, self.item))
        drawn(self.reviewer, plan)
        self.login(self.reviewer)
        url = NEW_PLAN + f"?redraw_of={plan.pk}"
        self.assertContains(self.client.get(url), "不能清除或重抽")
        post = {
            "year": "2026",
            "batch": "1",
            "item": str(self.item.pk),
            "draw_on": "2026-04-10",
            "inspectors_per_entity": "2",
            "experts_per_entity": "0",
            "redraw_of": str(plan.pk),
            "redraw_reason": "",
        }
        response = self.client.post(url, post)
        self.assertEqual(response.context["form"].errors["redraw_reason"], ["请填写重新抽取的理由"])
        self.assertEqual(InspectionPlan.objects.count(), 1)
        post["redraw_reason"] = "抽取后发现名录库中两家单位已注销，经局务会研究另行抽取"
        response = self.client.post(url, post)
        new = InspectionPlan.objects.exclude(pk=plan.pk).get()
        self.assertRedirects(response, detail(new))
        self.assertEqual(new.redraw_of, plan)
        self.assertEqual(
            list(new.strata.values_list("name", flat=True)), list(plan.strata.values_list("name", flat=True))
        )
        self.assertEqual(new.contributors.count(), 2)
        self.assertFalse(new.contributors.exclude(commitment="").exists())
        self.assertContains(self.client.get(detail(plan)), new.title)
        # A draft or published plan cannot be "replaced".
        self.assertEqual(self.client.get(NEW_PLAN + f"?redraw_of={new.pk}").status_code, 404)


class PlanWorklistTests(PlanPageTestCase):
    def test_the_planner_is_asked_to_publish_and_then_to_draw_on_the_draw_date(self) -> None:
        plan = draft_plan(self.reviewer, self.item)
        titles = [i.title for i in inspection_items(self.reviewer)]
        self.assertIn(f"待公布（抽取日期 {cn_date(DRAW_ON)}）：{plan.title}", titles)
        publish(self.reviewer, plan)
        titles = [i.title for i in inspection_items(self.reviewer)]
        self.assertIn(f"待抽取（抽取日期 {cn_date(DRAW_ON)}）：{plan.title}", titles)
        self.assertEqual(inspection_items(self.officer), [])
        self.assertEqual(list(inspection_items(self.drafter)), [])

    def test_the_plan_list_takes_the_same_queries_however_many_plans(self) -> None:
        self.login(self.reviewer)
        draft_plan(self.reviewer, self.item)
        self.client.get(PLANS)
        with self.assertNumQueries(8):
            self.client.get(PLANS)
        publish(self.reviewer, draft_plan(self.reviewer, self.item))
        with self.assertNumQueries(8):
            response = self.client.get(PLANS)
        self.assertEqual(len(response.context["page"].object_list), 2)
