"""The staff pages of government services: who may open them (the legal affairs division keeps
them, the leadership reads, everyone else 404), the overview with the year's figures and the
commitments awaiting verification, each form through its action, refusals shown next to the
field with the input kept and nothing saved, the lists' query counts and the worklist item."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.core.worklist import work_items_for
from fazhi.services import actions
from fazhi.services.models import Commitment, CreditRecord, DelegatedPower, ServiceMatter
from fazhi.services.stats import service_figures
from fazhi.services.tests.base import D, ServiceTestCase

C = Commitment.Status
CODE = "91120116MA05XXXX1M"
INDEX = reverse("services:index")
MATTERS = reverse("services:matters")
MATTER_CREATE = reverse("services:matter_create")
COMMITMENTS = reverse("services:commitments")
COMMITMENT_CREATE = reverse("services:commitment_create")
CREDIT = reverse("services:credit_records")
POWERS = reverse("services:powers")
POWER_CREATE = reverse("services:power_create")
NOBODY = ("drafter", "division_head", "advisor", "officer", "filing_officer", "admin_user", "outsider")


def detail(obj: Any) -> str:
    names = {
        ServiceMatter: "services:matter_detail",
        Commitment: "services:commitment_detail",
        CreditRecord: "services:credit_detail",
        DelegatedPower: "services:power_detail",
    }
    return reverse(names[type(obj)], args=[obj.pk])


def step(obj: Any, action: str) -> str:
    names = {
        ServiceMatter: "services:matter_action",
        Commitment: "services:commitment_action",
        CreditRecord: "services:credit_action",
        DelegatedPower: "services:power_action",
    }
    return reverse(names[type(obj)], args=[obj.pk, action])


def flashed(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


def errors_of(response: Any, field: str | None, form: Any = "form") -> str:
    bound = response.context[form] if isinstance(form, str) else form
    return " ".join(bound.non_field_errors() if field is None else bound.errors.get(field, []))


class ViewTestCase(ServiceTestCase):
    def accept(self, matter: ServiceMatter | None = None, **overrides: Any) -> Commitment:
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "matter": matter or self.commitment_matter(),
            "applicant": "天津某科技有限公司",
            "applicant_code": CODE,
            "signed_on": D(2026, 9, 22),
            "chose_commitment": True,
        }
        values.update(overrides)
        return actions.accept_commitment(**values)

    def commitment_matter(self) -> ServiceMatter:
        return ServiceMatter.objects.filter(code="TJKJ-001").first() or self.matter()

    def false_commitment(self, applicant_code: str = CODE) -> Commitment:
        commitment = self.accept(applicant_code=applicant_code)
        actions.verify(
            commitment,
            actor=self.reviewer,
            verified_on=D(2026, 9, 22),
            truthful=False,
            note="营业执照已吊销",
            consequence="terminate",
        )
        return commitment

    def power(self, **overrides: Any) -> DelegatedPower:
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "name": "技术合同认定登记",
            "recipient": self.district,
            "document": "津政发〔2021〕号（演示）",
            "delegated_on": D(2021, 6, 1),
        }
        values.update(overrides)
        return actions.delegate_power(**values)


class AccessTests(ViewTestCase):
    def test_the_reviewer_keeps_the_pages_the_director_reads_and_others_get_404(self) -> None:
        commitment = self.false_commitment()
        readers = {self.reviewer, self.director}
        pages = {
            INDEX: readers,
            MATTERS: readers,
            COMMITMENTS: readers,
            CREDIT: readers,
            POWERS: readers,
            MATTER_CREATE: {self.reviewer},
            COMMITMENT_CREATE: {self.reviewer},
            POWER_CREATE: {self.reviewer},
            detail(commitment.matter): readers,
            detail(commitment): readers,
            detail(commitment.credit_record): readers,
            detail(self.power()): readers,
        }
        everyone = [self.reviewer, self.director, *(getattr(self, name) for name in NOBODY)]
        for url, allowed in pages.items():
            for user in everyone:
                with self.subTest(url=url, user=user.username):
                    self.login(user)
                    self.assertEqual(self.client.get(url).status_code, 200 if user in allowed else 404)

    def test_the_director_is_offered_no_form(self) -> None:
        commitment = self.accept()
        power = self.power()
        self.login(self.director)
        for url in (
            INDEX,
            MATTERS,
            COMMITMENTS,
            POWERS,
            detail(commitment),
            detail(power),
            detail(commitment.matter),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertNotContains(response, 'id="step-')
                self.assertNotContains(response, "/new/")

    def test_anonymous_visitors_are_sent_to_log_in(self) -> None:
        commitment = self.accept()
        for url in (INDEX, MATTERS, COMMITMENT_CREATE, detail(commitment)):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith("/accounts/login/"))
        response = self.client.post(step(commitment, "withdraw"), {"withdraw-withdrawn_on": "2026-09-22"})
        self.assertTrue(response["Location"].startswith("/accounts/login/"))

    def test_steps_are_post_only_unknown_ones_404_and_hidden_from_readers(self) -> None:
        commitment = self.accept()
        power = self.power()
        self.login(self.reviewer)
        self.assertEqual(self.client.get(step(commitment, "withdraw")).status_code, 405)
        for url in (step(commitment, "approve"), step(power, "delete"), step(commitment.matter, "verify")):
            with self.subTest(url=url):
                self.assertEqual(self.client.post(url).status_code, 404)
        missing = reverse("services:commitment_action", args=[99999, "withdraw"])
        self.assertEqual(self.client.post(missing, {"withdraw-withdrawn_on": "2026-09-22"}).status_code, 404)
        for user in (self.director, self.drafter, self.officer):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.post(
                    step(commitment, "withdraw"), {"withdraw-withdrawn_on": "2026-09-22"}
                )
                self.assertEqual(response.status_code, 404)
        commitment.refresh_from_db()
        self.assertEqual(commitment.status, C.ACCEPTED)

    def test_the_menu_leads_to_the_pages_of_the_area(self) -> None:
        area = {"services:index", "services:commitments", "services:powers"}
        for user, expected in (
            (self.reviewer, area),
            (self.director, area),
            (self.drafter, set()),
            (self.officer, set()),
            (self.filing_officer, set()),
            (self.admin_user, set()),
        ):
            with self.subTest(user=user.username):
                self.login(user)
                html = self.client.get(reverse("core:dashboard")).content.decode()
                self.assertEqual(set(re.findall(r'data-menu="(services:[a-z_]+)"', html)), expected)


class IndexTests(ViewTestCase):
    def test_the_overview_shows_the_years_figures_the_waiting_commitments_and_open_records(self) -> None:
        matter = self.matter()
        self.matter(code="TJKJ-002", name="科技企业登记", commitment_allowed=False, published=False)
        late = self.accept(matter, applicant="逾期公司", applicant_code="A1", signed_on=D(2026, 9, 1))
        fresh = self.accept(matter, applicant="新受理公司", applicant_code="A2")
        self.false_commitment(applicant_code="A3")
        self.power()
        self.login(self.reviewer)
        response = self.client.get(INDEX, {"year": "2026"})
        self.assertEqual(response.context["figures"], service_figures(2026, today=D(2026, 9, 22)))
        html = response.content.decode()
        for row, value in (
            ("matters", 2),
            ("published", 1),
            ("commitments", 3),
            ("false", 1),
            ("overdue", 1),
        ):
            with self.subTest(row=row):
                self.assertRegex(
                    html, rf'<tr id="fig-{row}"><th scope="row">[^<]+</th><td class="num">{value}</td>'
                )
        waiting = {c.pk: c.overdue for c in response.context["waiting"]}
        self.assertEqual(waiting, {late.pk: True, fresh.pk: False})
        self.assertContains(response, "已超过核查期限")
        # The verification date is the matter's, said on hover.
        self.assertContains(response, "该事项确定的核查时限")
        self.assertEqual(len(response.context["records"]), 1)
        self.assertContains(response, f'href="{MATTERS}?commitment=yes"')
        self.assertNotRegex(html, r"<script>(?!\s*</script>)")
        self.assertNotIn('style="', html)

    def test_a_year_that_is_not_one_is_noted(self) -> None:
        self.login(self.director)
        response = self.client.get(INDEX, {"year": "明年"})
        self.assertEqual(response.context["year"], 2026)
        self.assertContains(response, "不是有效的年份")


class MatterTests(ViewTestCase):
    def form(self, **overrides: Any) -> dict[str, Any]:
        values: dict[str, Any] = {
            "code": "TJKJ-010",
            "name": "科技型中小企业评价",
            "kind": "government",
            "division": self.sci_division.pk,
            "basis": "《科技型中小企业评价办法》",
            "published": "on",
            "commitment_allowed": "on",
            "proof_replaced": "研发费用专项审计报告",
            "verification_method": "部门间数据共享核查",
            "verification_days": "20",
            "day_kind": "working_days",
            "supervision_rules": "每年抽查不少于 5%",
        }
        values.update(overrides)
        return values

    def test_the_reviewer_registers_a_commitment_matter(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(MATTER_CREATE, self.form())
        matter = ServiceMatter.objects.get(code="TJKJ-010")
        self.assertRedirects(response, detail(matter))
        self.assertEqual(
            (matter.commitment_allowed, matter.verification_days, matter.published), (True, 20, True)
        )
        self.assertTrue(AuditEvent.objects.filter(verb="services.matter").exists())
        page = self.client.get(detail(matter))
        self.assertContains(page, "研发费用专项审计报告")
        self.assertContains(page, f"{COMMITMENT_CREATE}?matter={matter.pk}")

    def test_an_excluded_matter_under_the_system_is_refused_with_the_input_kept(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(MATTER_CREATE, self.form(excluded_reason="直接涉及人身健康"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("不适用告知承诺制", errors_of(response, "excluded_reason"))
        self.assertContains(response, 'value="科技型中小企业评价"')
        self.assertFalse(ServiceMatter.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(verb="services.matter").exists())

    def test_a_commitment_matter_without_its_verification_time_is_refused(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(MATTER_CREATE, self.form(verification_days=""))
        self.assertIn("核查时限", errors_of(response, "verification_days"))
        self.assertFalse(ServiceMatter.objects.exists())

    def test_the_terms_are_set_on_the_matters_page(self) -> None:
        matter = self.matter(code="TJKJ-002", commitment_allowed=False)
        self.login(self.reviewer)
        terms = {
            "terms-commitment_allowed": "on",
            "terms-proof_replaced": "无犯罪记录证明",
            "terms-verification_method": "公安部门协查",
            "terms-verification_days": "15",
            "terms-day_kind": "calendar_days",
        }
        response = self.client.post(
            step(matter, "terms"), {**terms, "terms-verification_days": "400"}, follow=True
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "核查时限", errors_of(response, "verification_days", response.context["forms"]["terms"])
        )
        self.assertContains(response, 'value="公安部门协查"')
        matter.refresh_from_db()
        self.assertFalse(matter.commitment_allowed)
        response = self.client.post(step(matter, "terms"), terms)
        self.assertRedirects(response, detail(matter) + "#terms")
        matter.refresh_from_db()
        self.assertEqual(
            (matter.commitment_allowed, matter.verification_days, matter.verification_day_kind),
            (True, 15, "calendar_days"),
        )

    def test_the_list_filters_and_the_commitment_list_is_the_catalog_filtered(self) -> None:
        under = self.matter()
        other = self.matter(code="TJKJ-002", kind="public", commitment_allowed=False, published=False)
        self.login(self.director)
        for params, expected in (
            ({}, {under.pk, other.pk}),
            ({"commitment": "yes"}, {under.pk}),
            ({"commitment": "no"}, {other.pk}),
            ({"kind": "public"}, {other.pk}),
            ({"published": "yes"}, {under.pk}),
            ({"kind": "nonsense"}, {under.pk, other.pk}),
        ):
            with self.subTest(params=params):
                response = self.client.get(MATTERS, params)
                self.assertEqual({m.pk for m in response.context["page"]}, expected)
        response = self.client.get(MATTERS, {"commitment": "yes"})
        self.assertContains(response, "<h1>告知承诺制清单</h1>", html=True)
        self.assertContains(self.client.get(MATTERS, {"kind": "nonsense"}), "已忽略无效的筛选条件")


class CommitmentTests(ViewTestCase):
    def form(self, matter: ServiceMatter, **overrides: Any) -> dict[str, Any]:
        values: dict[str, Any] = {
            "matter": matter.pk,
            "applicant": "天津某新材料有限公司",
            "applicant_code": "91120000MA0000002U",
            "signed_on": "2026-09-22",
            "chose_commitment": "on",
        }
        values.update(overrides)
        return values

    def test_the_reviewer_accepts_a_commitment_due_within_the_matters_days(self) -> None:
        matter = self.matter()
        self.login(self.reviewer)
        response = self.client.post(COMMITMENT_CREATE, self.form(matter))
        commitment = Commitment.objects.get()
        self.assertRedirects(response, detail(commitment))
        self.assertEqual(commitment.verification_due_on, D(2026, 10, 13))
        self.assertIn("2026年10月13日", flashed(response)[0])
        page = self.client.get(detail(commitment))
        self.assertContains(page, "该事项确定的核查时限")
        self.assertContains(page, 'id="step-verify"')
        self.assertContains(page, 'id="step-withdraw"')

    def test_the_matter_select_offers_only_the_commitment_matters(self) -> None:
        under = self.matter()
        excluded = self.matter(code="TJKJ-002", commitment_allowed=False, excluded_reason="直接涉及公共安全")
        self.login(self.reviewer)
        choices = list(self.client.get(COMMITMENT_CREATE).context["form"].fields["matter"].queryset)
        self.assertEqual(choices, [under])
        response = self.client.post(COMMITMENT_CREATE, self.form(excluded))
        self.assertTrue(errors_of(response, "matter"))
        self.assertFalse(Commitment.objects.exists())

    def test_an_applicant_who_did_not_choose_is_refused_with_the_input_kept(self) -> None:
        matter = self.matter()
        self.login(self.reviewer)
        form = self.form(matter)
        del form["chose_commitment"]
        response = self.client.post(COMMITMENT_CREATE, form)
        self.assertEqual(response.status_code, 200)
        self.assertIn("自愿选择", errors_of(response, "chose_commitment"))
        self.assertContains(response, 'value="天津某新材料有限公司"')
        self.assertFalse(Commitment.objects.exists())

    def test_a_barred_applicant_is_refused_until_their_credit_is_repaired(self) -> None:
        record = self.false_commitment().credit_record
        self.login(self.reviewer)
        response = self.client.post(
            COMMITMENT_CREATE, self.form(record.commitment.matter, applicant_code=CODE)
        )
        self.assertIn("信用修复前", errors_of(response, "applicant_code"))
        self.assertContains(response, f'value="{CODE}"')
        self.assertEqual(Commitment.objects.count(), 1)
        # The record's page repairs it; the route is open again.
        response = self.client.post(step(record, "repair"), {"repair-reason": "已履行整改义务，完成信用修复"})
        self.assertRedirects(response, detail(record) + "#repair")
        record.refresh_from_db()
        self.assertEqual(record.repaired_on, D(2026, 9, 22))
        self.assertNotContains(self.client.get(detail(record)), 'id="step-repair"')
        response = self.client.post(
            COMMITMENT_CREATE, self.form(record.commitment.matter, applicant_code=CODE)
        )
        self.assertEqual(Commitment.objects.count(), 2)

    def test_a_verification_found_false_names_its_consequence_and_goes_on_the_record(self) -> None:
        commitment = self.accept()
        self.login(self.reviewer)
        verify = {
            "verify-verified_on": "2026-09-22",
            "verify-truthful": "no",
            "verify-note": "营业执照已吊销",
        }
        response = self.client.post(step(commitment, "verify"), verify, follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertIn("终止办理", errors_of(response, "consequence", response.context["forms"]["verify"]))
        self.assertContains(response, "营业执照已吊销")
        commitment.refresh_from_db()
        self.assertEqual(commitment.status, C.ACCEPTED)
        self.assertFalse(CreditRecord.objects.exists())
        response = self.client.post(step(commitment, "verify"), {**verify, "verify-consequence": "revoke"})
        self.assertRedirects(response, detail(commitment) + "#verify")
        commitment.refresh_from_db()
        self.assertEqual((commitment.status, commitment.consequence), (C.FALSE, "revoke"))
        page = self.client.get(detail(commitment))
        self.assertContains(page, detail(CreditRecord.objects.get()))
        self.assertNotContains(page, 'id="step-verify"')
        # A second verification is refused by the transition.
        response = self.client.post(step(commitment, "verify"), {**verify, "verify-truthful": "yes"})
        self.assertIn("不能", " ".join(flashed(response)))

    def test_a_truthful_verification_and_a_withdrawal(self) -> None:
        verified = self.accept()
        withdrawn = self.accept(applicant_code="B2")
        self.login(self.reviewer)
        response = self.client.post(
            step(verified, "verify"),
            {"verify-verified_on": "2026-09-22", "verify-truthful": "yes", "verify-note": "信息属实"},
        )
        self.assertRedirects(response, detail(verified) + "#verify")
        response = self.client.post(
            step(withdrawn, "withdraw"), {"withdraw-withdrawn_on": "2026-09-30"}, follow=True
        )
        self.assertIn(
            "不能晚于今天", errors_of(response, "withdrawn_on", response.context["forms"]["withdraw"])
        )
        response = self.client.post(step(withdrawn, "withdraw"), {"withdraw-withdrawn_on": "2026-09-22"})
        self.assertRedirects(response, detail(withdrawn) + "#withdraw")
        statuses = dict(Commitment.objects.values_list("pk", "status"))
        self.assertEqual(statuses, {verified.pk: C.VERIFIED, withdrawn.pk: C.WITHDRAWN})

    def test_the_list_filters_by_year_status_and_matter_and_flags_what_is_overdue(self) -> None:
        matter = self.matter()
        other = self.matter(code="TJKJ-002")
        late = self.accept(matter, applicant_code="C1", signed_on=D(2026, 9, 1))
        fresh = self.accept(other, applicant_code="C2")
        old = self.accept(matter, applicant_code="C3", signed_on=D(2025, 12, 1))
        actions.verify(old, actor=self.reviewer, verified_on=D(2025, 12, 5), truthful=True, note="属实")
        self.login(self.director)
        for params, expected in (
            ({}, {late.pk, fresh.pk, old.pk}),
            ({"year": "2025"}, {old.pk}),
            ({"status": "verified"}, {old.pk}),
            ({"status": "overdue"}, {late.pk}),
            ({"matter": other.pk}, {fresh.pk}),
            ({"year": "abc"}, {late.pk, fresh.pk, old.pk}),
        ):
            with self.subTest(params=params):
                response = self.client.get(COMMITMENTS, params)
                self.assertEqual({c.pk for c in response.context["page"]}, expected)
        flags = {c.pk: c.overdue for c in self.client.get(COMMITMENTS).context["page"]}
        self.assertEqual(flags, {late.pk: True, fresh.pk: False, old.pk: False})


class CreditTests(ViewTestCase):
    def test_the_list_by_repair_and_a_refused_empty_repair(self) -> None:
        open_record = self.false_commitment(applicant_code="D1").credit_record
        repaired = self.false_commitment(applicant_code="D2").credit_record
        actions.repair_credit(repaired, actor=self.reviewer, reason="已修复")
        self.login(self.reviewer)
        for params, expected in (({}, {open_record.pk, repaired.pk}), ({"state": "open"}, {open_record.pk})):
            with self.subTest(params=params):
                self.assertEqual({r.pk for r in self.client.get(CREDIT, params).context["page"]}, expected)
        response = self.client.post(step(open_record, "repair"), {"repair-reason": ""}, follow=True)
        self.assertTrue(errors_of(response, "reason", response.context["forms"]["repair"]))
        open_record.refresh_from_db()
        self.assertIsNone(open_record.repaired_on)


class PowerTests(ViewTestCase):
    def test_the_reviewer_delegates_a_power_to_a_district(self) -> None:
        self.login(self.reviewer)
        form = {
            "name": "高新技术企业认定初审",
            "recipient": self.district.pk,
            "document": "津政发〔2024〕1号",
            "delegated_on": "2024-03-01",
        }
        choices = list(self.client.get(POWER_CREATE).context["form"].fields["recipient"].queryset)
        self.assertEqual(choices, [self.district])
        response = self.client.post(POWER_CREATE, {**form, "recipient": self.sci_division.pk})
        self.assertTrue(errors_of(response, "recipient"))
        response = self.client.post(POWER_CREATE, {**form, "delegated_on": "2026-12-01"})
        self.assertIn("不能晚于今天", errors_of(response, "delegated_on"))
        self.assertContains(response, 'value="高新技术企业认定初审"')
        self.assertFalse(DelegatedPower.objects.exists())
        response = self.client.post(POWER_CREATE, form)
        power = DelegatedPower.objects.get()
        self.assertRedirects(response, detail(power))

    def test_training_is_recorded_and_the_power_withdrawn(self) -> None:
        power = self.power()
        self.login(self.reviewer)
        response = self.client.post(
            step(power, "record_training"), {"record_training-held_on": "2021-05-01"}, follow=True
        )
        self.assertIn(
            "不能早于", errors_of(response, "held_on", response.context["forms"]["record_training"])
        )
        response = self.client.post(step(power, "record_training"), {"record_training-held_on": "2021-06-15"})
        self.assertRedirects(response, detail(power) + "#training")
        response = self.client.post(step(power, "withdraw"), {"withdraw-reason": "承接条件不具备"})
        self.assertRedirects(response, detail(power) + "#withdraw")
        power.refresh_from_db()
        self.assertEqual((power.trainings, power.status), (1, DelegatedPower.Status.WITHDRAWN))
        page = self.client.get(detail(power))
        self.assertNotContains(page, 'id="step-record_training"')
        self.assertEqual(
            {p.pk for p in self.client.get(POWERS, {"status": "withdrawn"}).context["page"]}, {power.pk}
        )


class QueryCountTests(ViewTestCase):
    def add_rows(self, n: int) -> None:
        matter = self.matter(code=f"Q-{n}", division=self.other_division)
        self.accept(matter, applicant_code=f"Q{n}A", signed_on=D(2026, 9, 1))
        self.false_commitment(applicant_code=f"Q{n}B")
        self.power(name=f"权力 {n}")

    def test_the_query_counts_do_not_grow_with_the_rows(self) -> None:
        self.add_rows(0)
        pages = [INDEX, MATTERS, COMMITMENTS, CREDIT, POWERS]
        self.login(self.reviewer)
        counts = {}
        for url in pages:
            with CaptureQueriesContext(connection) as queries:
                self.client.get(url)
            counts[url] = len(queries.captured_queries)
        for n in range(1, 4):
            self.add_rows(n)
        for url in pages:
            with self.subTest(url=url), self.assertNumQueries(counts[url]):
                response = self.client.get(url)
            self.assertEqual(response.status_code, 200)


class WorklistTests(ViewTestCase):
    def test_the_reviewer_is_reminded_of_verifications_due_within_seven_days_or_overdue(self) -> None:
        matter = self.matter()
        late = self.accept(matter, applicant="逾期公司", applicant_code="W1", signed_on=D(2026, 9, 1))
        soon = self.accept(matter, applicant="临期公司", applicant_code="W2", signed_on=D(2026, 9, 14))
        later = self.accept(matter, applicant="远期公司", applicant_code="W3")
        self.assertLess(late.verification_due_on, D(2026, 9, 22))
        self.assertLessEqual(soon.verification_due_on, D(2026, 9, 29))
        self.assertGreater(later.verification_due_on, D(2026, 9, 29))
        items = [i for i in work_items_for(self.reviewer) if i.kind == "告知承诺"]
        self.assertEqual(
            [(i.title, i.url) for i in items],
            [
                ("已超过核查期限：逾期公司（技术合同认定登记）", detail(late) + "#verify"),
                ("临近核查期限：临期公司（技术合同认定登记）", detail(soon) + "#verify"),
            ],
        )
        self.assertEqual(items[0].due.due, late.verification_due_on)
        for user in (self.director, self.drafter):
            with self.subTest(user=user.username):
                self.assertFalse([i for i in work_items_for(user) if i.kind == "告知承诺"])
        self.login(self.reviewer)
        self.assertContains(self.client.get(reverse("core:dashboard")), "临近核查期限：临期公司")
