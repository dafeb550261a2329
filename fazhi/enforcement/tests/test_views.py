"""The staff pages of enforcement cases: who may open them, filing through the form, a case
walked through its steps on its page, refusals shown next to the form with nothing lost, the
year's figures, the list's query count and the work list."""

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
from fazhi.core.testing import make_user
from fazhi.enforcement import actions
from fazhi.enforcement.models import CaseRecord, EnforcementCase
from fazhi.enforcement.stats import year_figures
from fazhi.enforcement.tests.base import D, EnforcementTestCase, on
from fazhi.enforcement.worklist import enforcement_items
from fazhi.reviews import actions as review_actions
from fazhi.reviews.models import ReviewRequest

S = EnforcementCase.Status
G = EnforcementCase.MajorGround
LIST = reverse("enforcement:list")
CREATE = reverse("enforcement:create")
STATS = reverse("enforcement:stats")


def detail(case: EnforcementCase) -> str:
    return reverse("enforcement:detail", args=[case.pk])


def act(case: EnforcementCase, action: str) -> str:
    return reverse("enforcement:action", args=[case.pk, action])


def prefixed(action: str, **values: Any) -> dict[str, Any]:
    return {f"{action}-{name}": value for name, value in values.items()}


def verbs(case: EnforcementCase) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="enforcement.enforcementcase", object_id=str(case.pk))
        .order_by("seq")
        .values_list("verb", flat=True)
    )


def flashed(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


class ViewTestCase(EnforcementTestCase):
    def step(self, case: EnforcementCase, action: str, **values: Any) -> Any:
        response = self.client.post(act(case, action), prefixed(action, **values))
        # A refused step answers 303 to the case's page, which shows it (core.refusals).
        return self.client.get(response["Location"]) if response.status_code == 303 else response

    def assertStepDone(self, response: Any, case: EnforcementCase) -> None:
        self.assertEqual(response.status_code, 302, flashed(response))
        self.assertTrue(response["Location"].startswith(detail(case)))

    def fresh(self, case: EnforcementCase) -> EnforcementCase:
        return EnforcementCase.objects.get(pk=case.pk)


class AccessTests(ViewTestCase):
    def test_each_page_renders_for_the_roles_allowed_and_answers_404_to_others(self) -> None:
        case = self.file()
        pages = {
            LIST: {self.officer, self.director, self.reviewer},
            CREATE: {self.officer},
            STATS + "?year=2026": {self.director, self.reviewer},
            detail(case): {self.officer, self.director, self.reviewer},
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
        case = self.file()
        for url in (LIST, CREATE, STATS, detail(case)):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertTrue(response["Location"].startswith("/accounts/login/"))

    def test_an_officer_not_on_the_case_neither_sees_it_nor_takes_its_steps(self) -> None:
        case = self.file()
        stranger = make_user("officer3", org=self.other_division, roles=[Role.ENFORCEMENT_OFFICER])
        self.login(stranger)
        self.assertEqual(self.client.get(detail(case)).status_code, 404)
        response = self.step(case, "add_record", step="investigation", kind="text", title="笔录")
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(self.client.get(LIST), case.code)
        self.assertFalse(CaseRecord.objects.exists())

    def test_a_step_the_user_may_never_take_answers_404(self) -> None:
        case = self.notified()
        actions.record_statement(case, actor=self.officer, waived=True)
        cases: list[tuple[User, str, dict[str, Any]]] = [
            (self.reviewer, "record_statement", {"waived": "on"}),  # the legal division only reads
            (self.officer, "decide", {"outcome": "penalty", "decision_text": "罚款"}),  # the head decides
            (self.director, "notify", {"proposed_decision": "拟警告"}),  # the officers notify
        ]
        for user, action, values in cases:
            with self.subTest(user=user.username, action=action):
                self.login(user)
                self.assertEqual(self.step(case, action, **values).status_code, 404)
        self.assertEqual(self.fresh(case).status, S.NOTIFIED)

    def test_an_unknown_action_answers_404_and_a_get_405(self) -> None:
        case = self.file()
        self.login(self.officer)
        self.assertEqual(self.client.post(act(case, "delete")).status_code, 404)
        self.assertEqual(self.client.get(act(case, "notify")).status_code, 405)
        self.assertEqual(self.client.get(reverse("enforcement:detail", args=[99999])).status_code, 404)

    def test_the_menu_leads_to_the_pages_each_role_may_open(self) -> None:
        for user, expected in (
            (self.officer, {"enforcement:list"}),
            (self.director, {"enforcement:list", "enforcement:stats"}),
            (self.reviewer, {"enforcement:list", "enforcement:stats"}),
            (self.drafter, set()),
            (self.filing_officer, set()),
        ):
            with self.subTest(user=user.username):
                self.login(user)
                html = self.client.get(reverse("core:dashboard")).content.decode()
                shown = set(re.findall(r'data-menu="(enforcement:[a-z_]+)"', html))
                self.assertEqual(shown, expected)


class ListTests(ViewTestCase):
    def test_the_list_filters_by_status_and_year_and_marks_what_is_late(self) -> None:
        investigating = self.file(title="甲案")
        notified = self.notified(title="乙案")
        self.login(self.officer)
        response = self.client.get(LIST, {"status": S.NOTIFIED})
        self.assertEqual([c.pk for c in response.context["page"]], [notified.pk])
        response = self.client.get(LIST, {"year": "2025"})
        self.assertEqual(list(response.context["page"]), [])
        self.assertContains(response, "没有符合条件的案件")
        response = self.client.get(LIST, {"year": "abc"})
        self.assertContains(response, "已忽略无效的筛选条件")
        self.assertEqual(len(response.context["page"]), 2)
        with on("2026-12-22"):
            self.login(self.officer)  # a session of September has expired by then
            response = self.client.get(LIST)
        self.assertContains(response, "超过决定期限", count=2)
        # The next step and its deadline with the rule that sets it.
        self.assertContains(response, f'href="{detail(investigating)}#notice"')
        self.assertContains(response, "第六十条")

    def test_the_file_button_is_there_for_those_who_may_file(self) -> None:
        self.login(self.officer)
        self.assertContains(self.client.get(LIST), f'href="{CREATE}"')
        self.login(self.director)
        self.assertNotContains(self.client.get(LIST), f'href="{CREATE}"')

    def test_the_list_query_count_does_not_grow_with_the_cases(self) -> None:
        for _n in range(2):
            self.notified(major_grounds=[G.COMPLEX])
        self.login(self.officer)
        self.client.get(LIST)  # warm the content-type cache
        with CaptureQueriesContext(connection) as two:
            self.client.get(LIST)
        for _n in range(4):
            self.notified(major_grounds=[G.COMPLEX])
        with self.assertNumQueries(len(two.captured_queries)):
            response = self.client.get(LIST)
        self.assertEqual(len(response.context["page"]), 6)


class FilingTests(ViewTestCase):
    def form_data(self, **overrides: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "title": "未取得实验动物使用许可证从事动物实验",
            "category": "penalty",
            "party_name": "天津某生物科技有限公司",
            "party_kind": "organization",
            "party_code": "91120116MA05XXXX1M",
            "facts": "双随机抽查发现该公司未取得许可证即开展动物实验。",
            "discovered_on": "2026-09-21",
            "violation_occurred_on": "2026-09-20",
            "officers": [self.inspector1.pk, self.inspector2.pk],
            "major_grounds": [G.COMPLEX],
        }
        data.update(overrides)
        return data

    def test_an_officer_files_a_case_through_the_form(self) -> None:
        self.login(self.officer)
        response = self.client.post(CREATE, self.form_data())
        case = EnforcementCase.objects.get()
        self.assertRedirects(response, detail(case), fetch_redirect_response=False)
        self.assertEqual(set(case.officers.all()), {self.inspector1, self.inspector2})
        self.assertEqual(
            (case.status, case.major_grounds, case.filed_by), (S.INVESTIGATING, [G.COMPLEX], self.officer)
        )
        self.assertIn("应于 2026年12月21日 前作出决定", flashed(response)[-1])
        self.assertEqual(verbs(case), ["enforcement.file"])

    def test_a_refused_filing_shows_the_legal_reason_next_to_the_field_and_saves_nothing(self) -> None:
        self.login(self.officer)
        response = self.client.post(CREATE, self.form_data(officers=[self.inspector1.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertIn("第四十二条", " ".join(response.context["form"].errors["officers"]))
        self.assertContains(response, "双随机抽查发现该公司未取得许可证即开展动物实验。")  # nothing lost
        response = self.client.post(CREATE, self.form_data(violation_occurred_on="2024-09-20"))
        self.assertIn("第三十六条", " ".join(response.context["form"].errors["violation_occurred_on"]))
        response = self.client.post(CREATE, self.form_data(party_code="91120116MA05XXXX1X"))
        self.assertIn("校验位错误", " ".join(response.context["form"].errors["party_code"]))
        self.assertFalse(EnforcementCase.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(verb="enforcement.file").exists())

    def test_the_form_offers_only_officers_certified_today_and_says_what_is_missing(self) -> None:
        self.login(self.officer)
        response = self.client.get(CREATE)
        offered = set(response.context["form"].fields["officers"].queryset)
        self.assertEqual(offered, {self.inspector1, self.inspector2})
        response = self.client.post(CREATE, self.form_data(officers=[self.inspector1.pk, self.lapsed.pk]))
        self.assertIn("证件已失效", " ".join(response.context["form"].errors["officers"]))
        response = self.client.post(CREATE, {}, follow=True)
        self.assertEqual(response.context["form"].errors["title"], ["请填写案由"])
        self.assertFalse(EnforcementCase.objects.exists())


class DetailTests(ViewTestCase):
    def test_the_page_shows_the_parties_officers_and_every_deadline_with_its_basis(self) -> None:
        case = self.notified(hearing_right=True)
        self.login(self.reviewer)
        response = self.client.get(detail(case))
        for text in (
            "天津某生物科技有限公司",
            "执法证号 120200001",
            "执法证号 120200002",
            "拟警告并罚款一万元",
        ):
            self.assertContains(response, text)
        rows = {str(r["label"]): r["deadline"] for r in response.context["deadlines"]}
        self.assertEqual(set(rows), {"作出决定", "当事人申请听证"})
        self.assertEqual(rows["作出决定"].due, D(2026, 12, 21))
        for d in rows.values():
            self.assertContains(response, f'title="{d.basis}')
        self.assertEqual(response.context["forms"], {})  # the legal division only reads

    def test_the_forms_match_the_state_and_the_reader(self) -> None:
        case = self.file()
        self.login(self.officer)
        self.assertEqual(
            set(self.client.get(detail(case)).context["forms"]),
            {"add_record", "set_major_grounds", "notify", "transfer"},
        )
        self.login(self.director)
        self.assertEqual(set(self.client.get(detail(case)).context["forms"]), {"set_major_grounds"})
        actions.add_record(case, actor=self.officer, step="investigation", title="询问笔录")
        actions.notify(case, actor=self.officer, proposed_decision="拟警告", hearing_right=True)
        self.assertEqual(set(self.client.get(detail(case)).context["forms"]), {"set_major_grounds", "decide"})
        self.login(self.officer)
        self.assertEqual(
            set(self.client.get(detail(case)).context["forms"]),
            {"add_record", "set_major_grounds", "record_statement", "request_hearing", "transfer"},
        )

    def test_the_record_lists_its_files_with_links(self) -> None:
        case = self.file()
        photo = SimpleUploadedFile("现场照片.png", b"\x89PNG\r\n\x1a\nxx", content_type="image/png")
        record = actions.add_record(
            case, actor=self.officer, step="investigation", title="现场检查", files=[photo]
        )
        attachment = attachments_of(record).get()
        self.login(self.director)
        response = self.client.get(detail(case))
        self.assertContains(response, "现场照片.png")
        self.assertContains(response, reverse("core:attachment_download", args=[attachment.pk]))
        self.assertEqual(
            self.client.get(reverse("core:attachment_download", args=[attachment.pk])).status_code, 200
        )

    def test_the_legality_review_is_linked_only_for_those_who_may_open_it(self) -> None:
        case = self.notified(major_grounds=[G.COMPLEX])
        actions.record_statement(case, actor=self.officer, waived=True)
        review = actions.submit_for_review(case, actor=self.officer)
        link = reverse("reviews:detail", args=[review.pk])
        self.login(self.reviewer)
        self.assertContains(self.client.get(detail(case)), f'href="{link}"')
        # The officer's division sent it: they open it too; the drafter of another division does not.
        self.login(self.officer)
        response = self.client.get(detail(case))
        self.assertContains(response, f'href="{link}"')
        self.assertNotIn("submit_for_review", response.context["forms"])  # already under review
        self.assertEqual(self.client.get(link).status_code, 200)
        officer3 = make_user("officer3", org=self.sci_division, roles=[Role.ENFORCEMENT_OFFICER])
        case.officers.add(self.inspector(5, user=officer3))
        self.login(officer3)
        response = self.client.get(detail(case))
        self.assertContains(response, review.code)
        self.assertNotContains(response, f'href="{link}"')
        self.assertContains(response, "合法性审核尚未完成")


class WalkthroughTests(ViewTestCase):
    def test_a_case_walks_through_its_page_to_closed_and_published(self) -> None:
        self.login(self.officer)
        case = self.file()
        evidence = SimpleUploadedFile("询问笔录.pdf", b"%PDF-1.4 record", content_type="application/pdf")
        response = self.client.post(
            act(case, "add_record"),
            prefixed("add_record", step="investigation", kind="text", title="询问笔录", attachments=evidence),
        )
        self.assertStepDone(response, case)
        self.assertEqual(len(attachments_of(CaseRecord.objects.get())), 1)
        self.assertStepDone(self.step(case, "notify", proposed_decision="拟警告并罚款一万元"), case)
        self.assertStepDone(self.step(case, "record_statement", waived="on"), case)
        with on("2026-09-30"):  # a session lasts 8 hours: each day signs in again
            self.login(self.director)
            response = self.step(
                case, "decide", outcome="penalty", decision_text="罚款一万元", fine_amount="10000"
            )
        self.assertStepDone(response, case)
        self.assertIn("津科罚〔2026〕1号", flashed(response)[-1])
        with on("2026-10-09"):
            self.login(self.officer)
            self.assertStepDone(self.step(case, "serve", served_on="2026-10-09", method="直接送达"), case)
            self.assertStepDone(self.step(case, "execute", executed_on="2026-10-09", note="罚款已缴纳"), case)
            for step, title in (("decision", "行政处罚决定书"), ("service", "送达回证")):
                self.assertStepDone(self.step(case, "add_record", step=step, kind="text", title=title), case)
            self.assertStepDone(self.step(case, "close"), case)
            self.assertStepDone(self.step(case, "publish"), case)
        case = self.fresh(case)
        self.assertEqual(
            (case.status, case.closed_on, case.published_on), (S.CLOSED, D(2026, 10, 9), D(2026, 10, 9))
        )
        self.assertEqual(case.fine_amount, 10000)
        self.assertEqual(
            verbs(case),
            [
                "enforcement.file",
                "enforcement.record",
                "enforcement.notify",
                "enforcement.statement",
                "enforcement.decide",
                "enforcement.serve",
                "enforcement.execute",
                "enforcement.record",
                "enforcement.record",
                "enforcement.close",
                "enforcement.publish",
            ],
        )
        response = self.client.get(detail(case))
        self.assertEqual(set(response.context["forms"]), {"record_reversal"})
        self.assertContains(response, "已结案归档")

    def test_a_wrong_step_for_the_state_shows_the_error_and_changes_nothing(self) -> None:
        case = self.file()
        self.login(self.officer)
        response = self.step(case, "close")
        self.assertStepDone(response, case)  # a button: the refusal comes back as a message
        self.assertIn("方可结案", flashed(response)[-1])
        response = self.step(case, "serve", served_on="2026-09-22", method="邮寄送达")
        self.assertEqual(response.status_code, 200)
        form = response.context["forms"]["serve"]
        self.assertIn("送达日期应当在决定之日至今天之间", form.errors["served_on"])
        self.assertContains(response, 'value="邮寄送达"')  # the input is kept
        response = self.step(case, "notify", proposed_decision="拟警告")  # no investigation record yet
        self.assertIn("第四十七条", " ".join(response.context["forms"]["notify"].non_field_errors()))
        self.assertContains(response, "拟警告</textarea>")
        self.assertEqual(self.fresh(case).status, S.INVESTIGATING)
        self.assertEqual(verbs(case), ["enforcement.file"])

    def test_a_refused_decision_keeps_what_the_head_wrote_and_cites_the_rule(self) -> None:
        case = self.notified()
        self.login(self.director)
        response = self.step(
            case, "decide", outcome="penalty", decision_text="警告，罚款五千元", fine_amount="5000"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("第六十二条", " ".join(response.context["forms"]["decide"].non_field_errors()))
        self.assertContains(response, "警告，罚款五千元</textarea>")
        response = self.step(case, "decide", outcome="penalty", decision_text="罚款", fine_amount="-1")
        actions.record_statement(case, actor=self.officer, waived=True)
        response = self.step(case, "decide", outcome="penalty", decision_text="罚款", fine_amount="-1")
        self.assertIn("罚款金额应当大于零", response.context["forms"]["decide"].errors["fine_amount"])
        self.assertEqual(self.fresh(case).status, S.NOTIFIED)

    def test_a_rejected_file_saves_no_record(self) -> None:
        case = self.file()
        self.login(self.officer)
        fake = SimpleUploadedFile("笔录.pdf", b"not a pdf", content_type="application/pdf")
        response = self.client.post(
            act(case, "add_record"),
            prefixed("add_record", step="investigation", kind="text", title="询问笔录", attachments=fake),
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("不符", " ".join(response.context["forms"]["add_record"].errors["attachments"]))
        self.assertContains(response, 'value="询问笔录"')
        self.assertFalse(CaseRecord.objects.exists())

    def test_the_hearing_and_the_legality_check_of_a_major_decision(self) -> None:
        case = self.investigated()
        with on("2026-09-28"):
            self.login(self.officer)
            self.assertStepDone(
                self.step(case, "notify", proposed_decision="拟罚款五万元", hearing_right="on"), case
            )
            self.assertStepDone(self.step(case, "request_hearing"), case)
            response = self.step(case, "schedule_hearing", hearing_on="2026-10-12")
            self.assertIn(
                "2026年9月24日", " ".join(response.context["forms"]["schedule_hearing"].errors["hearing_on"])
            )
            self.assertStepDone(self.step(case, "schedule_hearing", hearing_on="2026-10-13"), case)
            self.assertNotIn("record_hearing", self.client.get(detail(case)).context["forms"])
        with on("2026-10-13"):
            self.login(self.officer)
            self.assertStepDone(self.step(case, "record_hearing", record="当事人到场陈述，承认事实"), case)
            page = self.client.get(detail(case))
            self.assertIn("submit_for_review", page.context["forms"])
            self.assertStepDone(self.step(case, "submit_for_review"), case)
        case = self.fresh(case)
        self.assertEqual(case.major_grounds, [G.HEARING])
        review = ReviewRequest.objects.get()
        with on("2026-10-14"):
            self.login(self.director)
            response = self.step(
                case, "decide", outcome="penalty", decision_text="罚款五万元", fine_amount="50000"
            )
            self.assertIn("第五十八条", " ".join(response.context["forms"]["decide"].non_field_errors()))
            review_actions.accept_review(review, actor=self.reviewer)
            review_actions.conclude_review(review, actor=self.reviewer, conclusion="lawful", text="事实清楚")
            response = self.step(
                case, "decide", outcome="penalty", decision_text="罚款五万元", fine_amount="50000"
            )
        self.assertStepDone(response, case)
        self.assertEqual(self.fresh(case).status, S.DECIDED)

    def test_transfer_and_the_withdrawal_of_a_reversed_publication(self) -> None:
        transferred = self.investigated()
        self.login(self.officer)
        self.assertStepDone(
            self.step(transferred, "transfer", transferred_to="天津市公安局", reason="涉嫌犯罪"), transferred
        )
        self.assertEqual(self.fresh(transferred).status, S.TRANSFERRED)
        self.assertEqual(self.client.get(detail(transferred)).context["forms"], {})

        case = self.notified()
        actions.record_statement(case, actor=self.officer, waived=True)
        actions.decide(case, actor=self.director, outcome="no_penalty", decision_text="不予处罚")
        self.assertStepDone(self.step(case, "publish"), case)
        with on("2026-10-09"):
            self.login(self.officer)
            response = self.step(case, "record_reversal", reversed_on="2026-10-09", reason="行政复议决定撤销")
            self.assertStepDone(response, case)
            # 3 working days: 10 October (a Saturday worked in lieu), 12 and 13 October.
            self.assertIn("2026年10月13日", flashed(response)[-1])
            page = self.client.get(detail(case))
            self.assertIn("withdraw_publicity", page.context["forms"])
            self.assertIn("撤回公示", [str(r["label"]) for r in page.context["deadlines"]])
            self.assertStepDone(self.step(case, "withdraw_publicity"), case)
        self.assertEqual(self.fresh(case).withdrawn_on, D(2026, 10, 9))


class StatsTests(ViewTestCase):
    def test_the_page_shows_the_figures_of_the_year(self) -> None:
        decided = self.notified()
        actions.record_statement(decided, actor=self.officer, waived=True)
        self.file(category=EnforcementCase.Category.COERCION)
        transferred = self.investigated()
        actions.transfer(transferred, actor=self.officer, transferred_to="天津市公安局", reason="涉嫌犯罪")
        with on("2026-09-30"):
            actions.decide(
                decided, actor=self.director, outcome="penalty", decision_text="罚款", fine_amount="12345.60"
            )
            actions.publish(decided, actor=self.officer)
            self.login(self.reviewer)
            response = self.client.get(STATS, {"year": "2026"})
            figures = year_figures(2026, today=D(2026, 9, 30))
        self.assertEqual(response.context["figures"], figures)
        html = response.content.decode()
        for row, value in (
            ("filed", figures.filed),
            ("decided", figures.decided),
            ("penalties", figures.penalties),
            ("transferred", figures.transferred),
            ("fines", figures.fines_total),
            ("published-in-time", figures.published_in_time),
            ("open", figures.open_cases),
        ):
            with self.subTest(row=row):
                self.assertRegex(
                    html, rf'<tr id="fig-{row}"><th scope="row">[^<]+</th><td class="num">{value}</td>'
                )
        self.assertEqual((figures.filed, figures.decided, figures.transferred), (3, 1, 1))
        self.assertEqual(figures.fines_total, "12345.60")
        self.assertContains(response, "100.0%")
        chart = response.context["chart"]
        self.assertEqual(chart["series"][0]["data"][:2], [figures.filed, figures.decided])
        self.assertContains(response, 'id="chart-figures"')
        self.assertNotRegex(html, r"<script>(?!\s*</script>)")  # no inline script for the CSP
        self.assertNotIn('style="', html)

    def test_a_bad_year_is_noted_and_the_current_year_shown(self) -> None:
        self.login(self.director)
        response = self.client.get(STATS, {"year": "二〇二六"})
        self.assertEqual(response.context["year"], 2026)
        self.assertContains(response, "不是有效的年份")
        self.assertEqual(self.client.get(STATS, {"year": "2021"}).context["figures"].filed, 0)


class WorklistTests(ViewTestCase):
    def test_an_officer_sees_the_decision_deadline_of_their_case(self) -> None:
        case = self.file()
        items = list(enforcement_items(self.officer))
        self.assertEqual(len(items), 1)
        self.assertIn(case.code, items[0].title)
        self.assertEqual(
            (items[0].due.due, items[0].due.rule_code), (D(2026, 12, 21), "enforcement.decision_max")
        )
        self.login(self.officer)
        response = self.client.get(reverse("core:dashboard"))
        self.assertContains(response, "2026年12月21日")
        self.assertContains(response, case.decision_deadline.basis)  # type: ignore[union-attr]
        self.assertContains(response, f"{detail(case)}#notice")
        self.assertEqual(list(enforcement_items(self.drafter)), [])

    def test_the_hearing_window_then_the_leadership_then_service_and_publicity(self) -> None:
        case = self.notified(hearing_right=True)
        officer_items = list(enforcement_items(self.officer))
        self.assertEqual([i.due.due for i in officer_items], [D(2026, 9, 30)])  # the hearing-request window
        self.assertEqual(list(enforcement_items(self.director)), [])  # not yet for the head
        actions.record_statement(case, actor=self.officer, waived=True)
        (item,) = enforcement_items(self.director)
        self.assertIn("待作出决定", item.title)
        self.assertEqual(item.due.due, D(2026, 12, 21))
        self.assertEqual(list(enforcement_items(self.officer)), [])  # the head's move
        actions.decide(case, actor=self.director, outcome="penalty", decision_text="罚款", fine_amount="100")
        titles = {i.title.split("：")[0]: i.due.due for i in enforcement_items(self.officer)}
        self.assertEqual(titles, {"送达决定书": D(2026, 10, 9), "公示决定": D(2026, 10, 9)})
        self.assertEqual(list(enforcement_items(self.director)), [])
