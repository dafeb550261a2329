"""The staff pages of reconsideration, litigation and mediation: who may open them, the overview
with the year's figures and what is open, registration through the forms, a reconsideration
and a lawsuit walked through their pages, refusals shown next to the form with the legal reason
and nothing saved, the records of court observation and dispute screening, the lists' query
counts and the work list."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.models import AuditEvent, User
from fazhi.core.roles import Role
from fazhi.core.testing import make_user
from fazhi.disputes import actions
from fazhi.disputes.models import (
    CourtObservation,
    DisputeScreening,
    Litigation,
    Mediation,
    Reconsideration,
)
from fazhi.disputes.stats import dispute_figures
from fazhi.disputes.tests.base import D, DisputeTestCase, on
from fazhi.disputes.worklist import dispute_items
from fazhi.enforcement import actions as enforcement_actions
from fazhi.enforcement.models import EnforcementCase

R = Reconsideration.Status
L = Litigation.Status
M = Mediation.Status
INDEX = reverse("disputes:index")
RECONSIDERATIONS = reverse("disputes:reconsiderations")
RECONSIDERATION_CREATE = reverse("disputes:reconsideration_create")
LITIGATIONS = reverse("disputes:litigations")
LITIGATION_CREATE = reverse("disputes:litigation_create")
MEDIATIONS = reverse("disputes:mediations")
MEDIATION_CREATE = reverse("disputes:mediation_create")
OBSERVATIONS = reverse("disputes:observations")
OBSERVATION_CREATE = reverse("disputes:observation_create")
SCREENINGS = reverse("disputes:screenings")
SCREENING_CREATE = reverse("disputes:screening_create")
DETAIL = {
    Reconsideration: "disputes:reconsideration_detail",
    Litigation: "disputes:litigation_detail",
    Mediation: "disputes:mediation_detail",
}
ACTION = {
    Reconsideration: "disputes:reconsideration_action",
    Litigation: "disputes:litigation_action",
    Mediation: "disputes:mediation_action",
}


def detail(obj: Any) -> str:
    return reverse(DETAIL[type(obj)], args=[obj.pk])


def act(obj: Any, action: str) -> str:
    return reverse(ACTION[type(obj)], args=[obj.pk, action])


def prefixed(action: str, **values: Any) -> dict[str, Any]:
    return {f"{action}-{name}": value for name, value in values.items()}


def verbs(obj: Any) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .order_by("seq")
        .values_list("verb", flat=True)
    )


def flashed(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


def proof(content: bytes = b"%PDF-1.4 sealed proof") -> SimpleUploadedFile:
    return SimpleUploadedFile("公务证明.pdf", content, content_type="application/pdf")


class ViewTestCase(DisputeTestCase):
    def reconsideration(self, **overrides: Any) -> Reconsideration:
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "applicant": "天津某生物科技有限公司",
            "challenged_act": "津科罚〔2026〕1号行政处罚决定",
            "received_on": D(2026, 9, 22),
        }
        values.update(overrides)
        return actions.register_reconsideration(**values)

    def litigation(self, **overrides: Any) -> Litigation:
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "plaintiff": "天津某实验动物中心",
            "court": "天津市和平区人民法院",
            "challenged_act": "津科罚〔2026〕2号行政处罚决定",
            "complaint_received_on": D(2026, 9, 22),
        }
        values.update(overrides)
        return actions.register_litigation(**values)

    def mediation(self, **overrides: Any) -> Mediation:
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "kind": "civil",
            "parties": "甲公司、乙研究院",
            "summary": "技术合同款项纠纷",
            "requested_on": D(2026, 9, 21),
        }
        values.update(overrides)
        return actions.request_mediation(**values)

    def published_penalty(self) -> EnforcementCase:
        penalty = self.notified()
        enforcement_actions.record_statement(penalty, actor=self.officer, waived=True)
        enforcement_actions.decide(penalty, actor=self.director, outcome="penalty", decision_text="罚款")
        enforcement_actions.publish(penalty, actor=self.officer)
        return penalty

    def step(self, obj: Any, action: str, files: dict[str, Any] | None = None, **values: Any) -> Any:
        response = self.client.post(act(obj, action), {**prefixed(action, **values), **(files or {})})
        # A refused step answers 303 to the matter's page, which shows it (core.refusals).
        return self.client.get(response["Location"]) if response.status_code == 303 else response

    def assertStepDone(self, response: Any, obj: Any) -> None:
        self.assertEqual(response.status_code, 302, flashed(response))
        self.assertTrue(response["Location"].startswith(detail(obj)))

    def assertRefused(self, response: Any, action: str, field: str | None, text: str) -> None:
        """The page again (200), the step's form with `text` next to `field` (None: above it)."""
        self.assertEqual(response.status_code, 200)
        form = response.context["forms"][action]
        errors = form.non_field_errors() if field is None else form.errors.get(field, [])
        self.assertIn(text, " ".join(errors), form.errors)


class AccessTests(ViewTestCase):
    def test_each_page_renders_for_the_roles_allowed_and_answers_404_to_others(self) -> None:
        handle_only = {self.reviewer}
        read = {self.reviewer, self.director}
        pages = {
            INDEX: read,
            RECONSIDERATIONS: read,
            LITIGATIONS: read,
            MEDIATIONS: read,
            OBSERVATIONS: read,
            SCREENINGS: read,
            RECONSIDERATION_CREATE: handle_only,
            LITIGATION_CREATE: handle_only,
            MEDIATION_CREATE: handle_only,
            OBSERVATION_CREATE: handle_only,
            SCREENING_CREATE: handle_only,
            detail(self.reconsideration()): read,
            detail(self.litigation()): read,
            detail(self.mediation()): read,
        }
        everyone = [
            self.drafter,
            self.division_head,
            self.reviewer,
            self.advisor,
            self.director,
            self.officer,
            self.filing_officer,
            self.admin_user,
            self.outsider,
        ]
        for url, allowed in pages.items():
            for user in everyone:
                with self.subTest(url=url, user=user.username):
                    self.login(user)
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200 if user in allowed else 404)

    def test_anonymous_visitors_are_sent_to_log_in(self) -> None:
        case = self.reconsideration()
        for url in (INDEX, RECONSIDERATIONS, RECONSIDERATION_CREATE, OBSERVATIONS, detail(case)):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertTrue(response["Location"].startswith("/accounts/login/"))

    def test_the_director_reads_every_page_but_takes_no_step(self) -> None:
        case, lawsuit, mediation = self.reconsideration(), self.litigation(), self.mediation()
        self.login(self.director)
        for obj in (case, lawsuit, mediation):
            with self.subTest(page=type(obj).__name__):
                self.assertEqual(self.client.get(detail(obj)).context["forms"], {})
        self.assertNotContains(self.client.get(RECONSIDERATIONS), f'href="{RECONSIDERATION_CREATE}"')
        posts: list[tuple[Any, str, dict[str, Any]]] = [
            (case, "submit_reply", {"replied_on": "2026-09-22", "summary": "答复"}),
            (lawsuit, "submit_defence", {"defended_on": "2026-09-22"}),
            (mediation, "accept", {"accepted_on": "2026-09-22"}),
        ]
        for obj, action, values in posts:
            with self.subTest(action=action):
                self.assertEqual(self.step(obj, action, **values).status_code, 404)
        self.assertEqual(
            (
                Reconsideration.objects.get().status,
                Litigation.objects.get().status,
                Mediation.objects.get().status,
            ),
            (R.RECEIVED, L.RECEIVED, M.REQUESTED),
        )
        self.login(self.officer)
        self.assertEqual(
            self.step(case, "submit_reply", replied_on="2026-09-22", summary="答复").status_code, 404
        )

    def test_an_unknown_action_answers_404_and_a_get_405(self) -> None:
        case = self.reconsideration()
        self.login(self.reviewer)
        self.assertEqual(self.client.post(act(case, "delete")).status_code, 404)
        self.assertEqual(self.client.post(act(self.mediation(), "submit_reply")).status_code, 404)
        self.assertEqual(self.client.get(act(case, "submit_reply")).status_code, 405)
        self.assertEqual(self.client.get(reverse(DETAIL[Litigation], args=[99999])).status_code, 404)

    def test_the_menu_leads_to_the_pages_each_role_may_open(self) -> None:
        everything = {
            "disputes:index",
            "disputes:reconsiderations",
            "disputes:litigations",
            "disputes:mediations",
            "disputes:observations",
            "disputes:screenings",
        }
        for user, expected in (
            (self.reviewer, everything),
            (self.director, everything),
            (self.officer, set()),
            (self.drafter, set()),
            (self.filing_officer, set()),
        ):
            with self.subTest(user=user.username):
                self.login(user)
                html = self.client.get(reverse("core:dashboard")).content.decode()
                shown = set(re.findall(r'data-menu="(disputes:[a-z_]+)"', html))
                self.assertEqual(shown, expected)
                if expected:
                    self.assertIn("复议诉讼调解", html)


class IndexTests(ViewTestCase):
    def test_the_overview_shows_what_is_open_by_when_and_what_is_late(self) -> None:
        case = self.reconsideration()
        lawsuit = self.litigation()
        mediation = self.mediation()
        closed = self.mediation(parties="丙、丁")
        actions.refuse_mediation(closed, actor=self.reviewer, reason="不属于本机关职责范围")
        with on("2026-10-14"):
            self.login(self.director)
            response = self.client.get(INDEX)
        self.assertEqual([c.pk for c in response.context["reconsiderations"]], [case.pk])
        self.assertEqual([c.pk for c in response.context["litigations"]], [lawsuit.pk])
        self.assertEqual([m.pk for m in response.context["mediations"]], [mediation.pk])
        self.assertContains(response, "超过答复期限")
        self.assertContains(response, "超过答辩期限")
        # Each deadline with the rule that sets it, on hover.
        self.assertContains(response, f'title="{case.reply_deadline.basis}')
        self.assertContains(response, f'title="{lawsuit.defence_deadline.basis}')
        self.assertContains(response, f'href="{detail(case)}#reply"')
        self.assertContains(response, f'href="{detail(lawsuit)}#defence"')
        self.assertNotContains(response, "丙、丁")
        self.assertNotContains(response, f'href="{RECONSIDERATION_CREATE}"')  # the director reads

    def test_the_figures_of_the_year_chosen(self) -> None:
        case = self.reconsideration()
        actions.submit_reply(case, actor=self.reviewer, replied_on=D(2026, 9, 22), summary="事实清楚")
        self.litigation()
        actions.record_observation(
            actor=self.reviewer,
            held_on=D(2026, 9, 18),
            court="天津市第一中级人民法院",
            case_name="某案",
            attendees=12,
        )
        self.login(self.reviewer)
        response = self.client.get(INDEX, {"year": "2026"})
        figures = dispute_figures(2026)
        self.assertEqual(response.context["figures"], figures)
        html = response.content.decode()
        for row, value in (
            ("reconsiderations", 1),
            ("replies-in-time", 1),
            ("litigations", 1),
            ("court-hearings", 0),
            ("head-rate", "—"),
            ("observers", 12),
        ):
            with self.subTest(row=row):
                self.assertRegex(
                    html, rf'<tr id="fig-{row}"><th scope="row">[^<]+</th><td class="num">{value}</td>'
                )
        self.assertNotRegex(html, r"<script>(?!\s*</script>)")  # no inline script for the CSP
        self.assertNotIn('style="', html)
        response = self.client.get(INDEX, {"year": "2021"})
        self.assertEqual((response.context["year"], response.context["figures"].reconsiderations), (2021, 0))
        self.assertIn(2021, response.context["choices"])
        response = self.client.get(INDEX, {"year": "明年"})
        self.assertEqual(response.context["year"], 2026)
        self.assertContains(response, "不是有效的年份")


class ListTests(ViewTestCase):
    def test_the_lists_filter_by_status_open_and_year(self) -> None:
        received = self.reconsideration(applicant="甲")
        replied = self.reconsideration(applicant="乙")
        actions.submit_reply(replied, actor=self.reviewer, replied_on=D(2026, 9, 22), summary="答复")
        self.login(self.reviewer)
        response = self.client.get(RECONSIDERATIONS, {"status": R.REPLIED})
        self.assertEqual([c.pk for c in response.context["page"]], [replied.pk])
        response = self.client.get(RECONSIDERATIONS, {"status": "open"})
        self.assertEqual({c.pk for c in response.context["page"]}, {received.pk, replied.pk})
        response = self.client.get(RECONSIDERATIONS, {"year": "2025"})
        self.assertContains(response, "没有符合条件的行政复议")
        response = self.client.get(RECONSIDERATIONS, {"year": "abc", "status": "gone"})
        self.assertContains(response, "已忽略无效的筛选条件")
        self.assertEqual(len(response.context["page"]), 2)
        lawsuit = self.litigation()
        actions.record_judgment(
            lawsuit, actor=self.reviewer, judged_on=D(2026, 9, 22), outcome="withdrawn", summary="撤诉"
        )
        self.assertEqual(list(self.client.get(LITIGATIONS, {"status": "open"}).context["page"]), [])
        self.assertEqual(len(self.client.get(LITIGATIONS, {"status": L.JUDGED}).context["page"]), 1)
        self.mediation()
        self.assertEqual(len(self.client.get(MEDIATIONS, {"status": M.REQUESTED}).context["page"]), 1)
        self.assertEqual(list(self.client.get(MEDIATIONS, {"status": M.AGREED}).context["page"]), [])

    def add_rows(self, penalty: EnforcementCase) -> None:
        case = self.reconsideration(enforcement_case=penalty)
        actions.plan_reconsideration_hearing(
            case, actor=self.reviewer, hearing_on=D(2026, 10, 20), head=self.director
        )
        lawsuit = self.litigation(enforcement_case=penalty)
        actions.plan_appearance(lawsuit, actor=self.reviewer, hearing_on=D(2026, 11, 3), head=self.director)
        self.mediation()
        actions.record_observation(
            actor=self.reviewer,
            held_on=D(2026, 9, 18),
            court="天津市第一中级人民法院",
            case_name="某案",
            attendees=3,
        )
        actions.record_screening(
            actor=self.reviewer, screened_on=D(2026, 9, 20), scope="科技计划项目", found=1, resolved=1
        )

    def test_the_query_counts_do_not_grow_with_the_rows(self) -> None:
        penalty = self.published_penalty()
        self.login(self.reviewer)
        pages = [INDEX, RECONSIDERATIONS, LITIGATIONS, MEDIATIONS, OBSERVATIONS, SCREENINGS]
        self.add_rows(penalty)
        counts = {}
        for url in pages:
            self.client.get(url)  # warm the caches
            with CaptureQueriesContext(connection) as queries:
                self.client.get(url)
            counts[url] = len(queries.captured_queries)
        for _n in range(3):
            self.add_rows(penalty)
        for url in pages:
            with self.subTest(url=url), self.assertNumQueries(counts[url]):
                response = self.client.get(url)
            self.assertContains(response, "天津市" if url != MEDIATIONS else "甲公司")
        self.assertEqual(len(self.client.get(RECONSIDERATIONS).context["page"]), 4)


class RecordPageTests(ViewTestCase):
    def test_a_court_observation_is_recorded_and_listed(self) -> None:
        self.login(self.reviewer)
        data = {
            "held_on": "2026-09-18",
            "court": "天津市第一中级人民法院",
            "case_name": "某行政诉讼案件",
            "attendees": "12",
            "leaders": "13",
            "note": "组织机关干部旁听",
        }
        response = self.client.post(OBSERVATION_CREATE, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("不能超过旁听人数", " ".join(response.context["form"].errors["leaders"]))
        self.assertContains(response, 'value="某行政诉讼案件"')
        self.assertFalse(CourtObservation.objects.exists())
        response = self.client.post(OBSERVATION_CREATE, {**data, "leaders": "3"})
        self.assertRedirects(response, OBSERVATIONS, fetch_redirect_response=False)
        page = self.client.get(OBSERVATIONS)
        self.assertContains(page, "某行政诉讼案件")
        self.assertEqual(CourtObservation.objects.get().leaders, 3)

    def test_a_dispute_screening_is_recorded_and_listed(self) -> None:
        self.login(self.reviewer)
        data = {
            "screened_on": "2026-09-20",
            "scope": "科技计划项目",
            "found": "1",
            "resolved": "2",
            "note": "",
        }
        response = self.client.post(SCREENING_CREATE, data)
        self.assertIn("不能超过发现数", " ".join(response.context["form"].errors["resolved"]))
        self.assertFalse(DisputeScreening.objects.exists())
        response = self.client.post(SCREENING_CREATE, {**data, "found": "2"})
        self.assertRedirects(response, SCREENINGS, fetch_redirect_response=False)
        self.assertEqual(DisputeScreening.objects.get().division, self.legal_division)
        self.assertContains(self.client.get(SCREENINGS), "科技计划项目")
        response = self.client.post(SCREENING_CREATE, {**data, "found": "-1"})
        self.assertEqual(response.context["form"].errors["found"], ["不能小于 0"])


class WorklistTests(ViewTestCase):
    def titles(self, user: User) -> dict[str, Any]:
        return {item.title: item.due.due if item.due else None for item in dispute_items(user)}

    def test_the_reviewer_sees_replies_defences_and_requests_with_their_deadlines(self) -> None:
        case = self.reconsideration()
        lawsuit = self.litigation()
        self.mediation()
        self.assertEqual(
            self.titles(self.reviewer),
            {
                "提交复议答复和证据：天津某生物科技有限公司": D(2026, 10, 13),
                "提交答辩状和证据：天津某实验动物中心（天津市和平区人民法院）": D(2026, 10, 8),
                "受理或不予受理调解申请：甲公司、乙研究院": None,
            },
        )
        self.login(self.reviewer)
        response = self.client.get(reverse("core:dashboard"))
        self.assertContains(response, f"{detail(case)}#reply")
        self.assertContains(response, case.reply_deadline.basis)
        self.assertContains(response, f"{detail(lawsuit)}#defence")
        for user in (self.drafter, self.officer, self.filing_officer):
            self.assertEqual(list(dispute_items(user)), [])
        self.assertEqual(self.titles(self.director), {})  # nothing planned for the head yet

    def test_hearings_and_correction_reports_then_the_head_sees_their_own_hearings(self) -> None:
        deputy = make_user("deputy", org=self.bureau, roles=[Role.LEADERSHIP], full_name="周副局长")
        case = self.reconsideration()
        actions.submit_reply(case, actor=self.reviewer, replied_on=D(2026, 9, 22), summary="答复")
        actions.plan_reconsideration_hearing(
            case, actor=self.reviewer, hearing_on=D(2026, 10, 20), head=self.director
        )
        lawsuit = self.litigation()
        actions.submit_defence(lawsuit, actor=self.reviewer, defended_on=D(2026, 9, 22))
        actions.plan_appearance(lawsuit, actor=self.reviewer, hearing_on=D(2026, 11, 3), head=deputy)
        other = self.reconsideration(applicant="丙")
        actions.record_reconsideration_decision(
            other,
            actor=self.reviewer,
            decided_on=D(2026, 9, 22),
            served_on=D(2026, 9, 22),
            outcome="upheld",
            summary="维持",
        )
        actions.record_opinion_letter(other, actor=self.reviewer, received_on=D(2026, 9, 22))
        self.assertEqual(
            self.titles(self.reviewer),
            {
                "2026年10月20日 复议听证（陈局长 参加）：天津某生物科技有限公司": None,
                "报送行政复议意见书整改情况：丙": D(2026, 11, 23),  # 60 days: 21 November is a Saturday
                "2026年11月3日 开庭（周副局长 出庭）：天津某实验动物中心（天津市和平区人民法院）": None,
            },
        )
        self.assertEqual(
            self.titles(self.director),
            {"2026年10月20日 参加复议听证：天津某生物科技有限公司申请行政复议（天津市人民政府）": None},
        )
        self.assertEqual(
            self.titles(deputy),
            {"2026年11月3日 出庭应诉：天津某实验动物中心诉市科技局（天津市和平区人民法院）": None},
        )
        with on("2026-11-04"):
            # The session passed unrecorded; the head's hearings are behind them.
            self.assertIn(
                "记录开庭情况：天津某实验动物中心（天津市和平区人民法院）", self.titles(self.reviewer)
            )
            self.assertEqual(self.titles(deputy), {})
            self.assertEqual(self.titles(self.director), {})
