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

from fazhi.core.attachments import attachments_of
from fazhi.core.models import AuditEvent, User
from fazhi.core.roles import Role
from fazhi.core.testing import make_user, without_calendar_year
from fazhi.disputes import actions
from fazhi.disputes.models import (
    CourtObservation,
    DisputeScreening,
    Litigation,
    Mediation,
    MediationMeeting,
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


class MediationPageTests(ViewTestCase):
    def test_a_mediation_is_requested_accepted_met_and_agreed_through_its_page(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            MEDIATION_CREATE,
            {
                "kind": "civil",
                "parties": "甲公司、乙研究院",
                "summary": "技术合同款项纠纷",
                "requested_on": "2026-09-21",
            },
        )
        mediation = Mediation.objects.get()
        self.assertRedirects(response, detail(mediation), fetch_redirect_response=False)
        self.assertEqual(set(self.client.get(detail(mediation)).context["forms"]), {"accept", "refuse"})
        self.assertStepDone(self.step(mediation, "accept", accepted_on="2026-09-22"), mediation)
        # An agreement before any meeting: refused with the rule, nothing saved.
        response = self.step(mediation, "conclude", result="agreed", text="分期支付", closed_on="2026-09-22")
        self.assertRefused(response, "conclude", None, "自愿")
        self.assertContains(response, "分期支付</textarea>")
        self.assertEqual(Mediation.objects.get().status, M.ACCEPTED)
        self.assertStepDone(
            self.step(
                mediation, "add_meeting", held_on="2026-09-22", participants="双方代表", note="达成一致"
            ),
            mediation,
        )
        self.assertStepDone(
            self.step(mediation, "conclude", result="agreed", text="分期支付", closed_on="2026-09-22"),
            mediation,
        )
        mediation = Mediation.objects.get()
        self.assertEqual((mediation.status, mediation.agreement), (M.AGREED, "分期支付"))
        page = self.client.get(detail(mediation))
        self.assertEqual(page.context["forms"], {})
        self.assertContains(page, "双方代表")
        self.assertEqual(MediationMeeting.objects.count(), 1)
        self.assertEqual(
            verbs(mediation),
            ["mediation.request", "mediation.accept", "mediation.meeting", "mediation.agree"],
        )

    def test_a_refusal_needs_its_reason(self) -> None:
        mediation = self.mediation()
        self.login(self.reviewer)
        response = self.step(mediation, "refuse", reason=" ")
        self.assertEqual(response.context["forms"]["refuse"].errors["reason"], ["请填写不予受理的理由"])
        self.assertStepDone(self.step(mediation, "refuse", reason="不属于本机关职责范围"), mediation)
        self.assertEqual(Mediation.objects.get().status, M.REFUSED)
        self.assertContains(self.client.get(detail(mediation)), "不属于本机关职责范围")

    def test_a_meeting_before_the_acceptance_date_is_refused(self) -> None:
        mediation = self.mediation()
        actions.accept_mediation(mediation, actor=self.reviewer, accepted_on=D(2026, 9, 22))
        self.login(self.reviewer)
        response = self.step(mediation, "add_meeting", held_on="2026-09-21", participants="双方", note="x")
        self.assertRefused(response, "add_meeting", "held_on", "不能早于")
        self.assertFalse(MediationMeeting.objects.exists())


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
            {"2026年11月3日 出庭应诉：天津某实验动物中心诉本局（天津市和平区人民法院）": None},
        )
        with on("2026-11-04"):
            # The session passed unrecorded; the head's hearings are behind them.
            self.assertIn(
                "记录开庭情况：天津某实验动物中心（天津市和平区人民法院）", self.titles(self.reviewer)
            )
            self.assertEqual(self.titles(deputy), {})
            self.assertEqual(self.titles(self.director), {})
