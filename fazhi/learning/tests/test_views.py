"""The pages: taking an exam (answers saved as given, a reload keeps them and the clock, a late
hand-in refused), who sees scores, the gate, the imports."""

from __future__ import annotations

import io

import time_machine
from openpyxl import Workbook

from fazhi.learning import actions
from fazhi.learning.models import Answer, Attempt, Exam, Promotion, Question
from fazhi.learning.tests.base import D, LearningTestCase, at


class TakingAnExamTests(LearningTestCase):
    def setUp(self) -> None:
        self.the_exam = self.exam()
        self.login(self.drafter)

    def start(self) -> Attempt:
        response = self.client.post(f"/work/learning/exams/{self.the_exam.pk}/start/")
        attempt = Attempt.objects.get()
        self.assertRedirects(response, f"/work/learning/attempts/{attempt.pk}/")
        return attempt

    def test_the_open_exam_is_on_my_work_until_passed(self) -> None:
        self.assertContains(
            self.client.get("/work/"), "待参加考试：2026年度学法用法考试（2026年6月30日 18:00 截止）"
        )
        attempt = actions.open_attempt(self.the_exam, self.drafter)
        self.answer_all(attempt)
        actions.submit_attempt(attempt, actor=self.drafter)
        self.assertNotContains(self.client.get("/work/"), "待参加考试")

    def test_my_exams_lists_the_open_exam_with_a_start_button(self) -> None:
        response = self.client.get("/work/learning/")
        self.assertContains(response, "2026年度学法用法考试")
        self.assertContains(response, "开始答题")

    def test_an_answer_is_saved_as_given_and_a_reload_keeps_it_and_the_clock(self) -> None:
        attempt = self.start()
        qid = next(q for q in attempt.question_ids if Question.objects.get(pk=q).kind == "true_false")
        response = self.client.post(
            f"/work/learning/attempts/{attempt.pk}/answer/{qid}/", {f"q-{qid}": "对"}, HTTP_HX_REQUEST="true"
        )
        self.assertContains(response, "已保存")
        self.assertEqual(Answer.objects.get().value, "对")
        with time_machine.travel(at(2026, 6, 10, 9, 20), tick=False):
            page = self.client.get(f"/work/learning/attempts/{attempt.pk}/")
        self.assertContains(page, 'data-remaining="2400"')
        self.assertContains(page, f'name="q-{qid}" value="对" checked')

    def test_a_multiple_choice_posts_each_ticked_box(self) -> None:
        attempt = self.start()
        qid = next(q for q in attempt.question_ids if Question.objects.get(pk=q).kind == "multiple")
        self.client.post(f"/work/learning/attempts/{attempt.pk}/answer/{qid}/", {f"q-{qid}": ["C", "A"]})
        self.assertEqual(Answer.objects.get().value, "AC")

    def test_submitting_grades_at_once_and_shows_the_score(self) -> None:
        attempt = self.start()
        self.answer_all(attempt)
        response = self.client.post(f"/work/learning/attempts/{attempt.pk}/submit/", follow=True)
        self.assertContains(response, "已交卷。得分 80.0 / 80.0，合格。")
        self.assertContains(response, "考试结束后可查看标准答案和解析")
        self.assertNotContains(response, "解析：依据科学技术进步法")
        with time_machine.travel(at(2026, 7, 1, 9), tick=False):
            self.login(self.drafter)  # a new day, a new session
            later = self.client.get(f"/work/learning/attempts/{attempt.pk}/")
        self.assertContains(later, "解析：依据科学技术进步法")

    def test_a_late_submission_is_refused(self) -> None:
        attempt = self.start()
        with time_machine.travel(at(2026, 6, 10, 10, 30), tick=False):
            response = self.client.post(f"/work/learning/attempts/{attempt.pk}/submit/", follow=True)
            self.assertContains(response, "逾时交卷不予接受")
            late = self.client.post(
                f"/work/learning/attempts/{attempt.pk}/answer/{attempt.question_ids[0]}/", {"x": "1"}
            )
            self.assertContains(late, "已交卷")

    def test_another_persons_sitting_is_not_found(self) -> None:
        attempt = self.start()
        self.login(self.outsider)
        self.assertEqual(self.client.get(f"/work/learning/attempts/{attempt.pk}/").status_code, 404)
        self.assertEqual(self.client.post(f"/work/learning/attempts/{attempt.pk}/submit/").status_code, 404)

    def test_someone_not_on_the_roster_cannot_start(self) -> None:
        self.login(self.division_head)
        self.assertEqual(self.client.post(f"/work/learning/exams/{self.the_exam.pk}/start/").status_code, 404)


class ScoreVisibilityTests(LearningTestCase):
    def setUp(self) -> None:
        exam = self.exam()
        attempt = actions.open_attempt(exam, self.drafter)
        self.answer_all(attempt)
        actions.submit_attempt(attempt, actor=self.drafter)
        self.the_exam = exam

    def test_the_personnel_division_and_the_leadership_see_every_score(self) -> None:
        for user in (self.personnel, self.director):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.get(f"/work/learning/exams/{self.the_exam.pk}/")
                self.assertContains(response, "张起草")
                self.assertContains(response, "80.0")

    def test_anyone_else_sees_no_score_but_their_own(self) -> None:
        for user in (self.outsider, self.reviewer, self.division_head, self.admin_user):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(
                    self.client.get(f"/work/learning/exams/{self.the_exam.pk}/").status_code, 404
                )
                self.assertEqual(self.client.get("/work/learning/figures/").status_code, 404)
                self.assertFalse(Attempt.objects.visible_to(user).exists())
        self.login(self.drafter)
        self.assertContains(self.client.get("/work/learning/"), "80.0")
        self.assertEqual(Attempt.objects.visible_to(self.drafter).count(), 1)

    def test_the_figures_page_counts_the_year(self) -> None:
        self.login(self.director)
        response = self.client.get("/work/learning/figures/?year=2026")
        self.assertContains(
            response,
            '<tr id="kind-annual"><th scope="row">年度学法用法考试</th><td class="num">1</td><td class="num">1</td><td class="num">100.00%</td>',
        )


class GatePageTests(LearningTestCase):
    def test_a_promotion_without_a_pass_is_refused_with_the_rule_and_confirmed_after_one(self) -> None:
        promotion = actions.propose_promotion(
            actor=self.personnel, employee=self.me, post="副处长", appointed_on=D(2026, 7, 1)
        )
        self.login(self.personnel)
        response = self.client.post(f"/work/learning/promotions/{promotion.pk}/confirm/", follow=True)
        self.assertContains(
            response, "没有通过任前法律知识考试，不能确认任职（任前法律知识考试成绩有效期12个月"
        )
        exam = self.exam(kind=Exam.Kind.PRE_APPOINTMENT, title="任前考试")
        attempt = actions.open_attempt(exam, self.drafter)
        self.answer_all(attempt)
        actions.submit_attempt(attempt, actor=self.drafter)
        response = self.client.post(f"/work/learning/promotions/{promotion.pk}/confirm/", follow=True)
        self.assertContains(response, "已确认任职")
        promotion.refresh_from_db()
        self.assertEqual(promotion.status, Promotion.Status.CONFIRMED)

    def test_the_leadership_reads_the_gate_but_cannot_confirm(self) -> None:
        promotion = actions.propose_promotion(
            actor=self.personnel, employee=self.me, post="副处长", appointed_on=D(2026, 7, 1)
        )
        self.login(self.director)
        self.assertContains(self.client.get("/work/learning/promotions/"), "副处长")
        self.assertEqual(
            self.client.post(f"/work/learning/promotions/{promotion.pk}/confirm/").status_code, 404
        )


class ImportPageTests(LearningTestCase):
    def test_a_bad_question_file_lists_each_row_and_saves_nothing(self) -> None:
        wb = Workbook()
        ws = wb.active
        ws.append(["题号", "题型", "类别", "题干", "选项A", "选项B", "答案"])
        ws.append(["Z1", "单选题", "宪法", "题", "甲", "乙", "A"])
        ws.append(["Z2", "单选题", "宪法", "题", "甲", "乙", "D"])
        f = io.BytesIO()
        wb.save(f)
        f.seek(0)
        f.name = "q.xlsx"
        self.login(self.personnel)
        response = self.client.post("/work/learning/questions/import/", {"file": f})
        self.assertContains(response, "第 3 行：答案应为选项字母")
        self.assertFalse(Question.objects.filter(code="Z1").exists())

    def test_the_bank_exports_as_xlsx(self) -> None:
        self.login(self.personnel)
        response = self.client.get("/work/learning/questions/export.xlsx")
        self.assertEqual(
            response["Content-Type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )


class EnglishPageTests(LearningTestCase):
    def test_my_exams_reads_in_english(self) -> None:
        self.exam()
        self.login(self.drafter)
        response = self.client.get("/work/learning/", headers={"Accept-Language": "en"})
        self.assertContains(response, "Exams to take")
        self.assertContains(response, "Start")


class QuestionFormTests(LearningTestCase):
    def test_a_question_is_entered_and_a_bad_answer_is_shown_next_to_its_field_with_the_input_kept(
        self,
    ) -> None:
        self.login(self.personnel)
        data = {
            "code": "F1",
            "kind": "single",
            "category": "science",
            "stem": "科学技术进步法的施行日期",
            "options": "2022年1月1日\n2021年12月24日",
            "answer": "C",
            "law_version": self.v2021.pk,
        }
        response = self.client.post("/work/learning/questions/new/", data)
        self.assertContains(response, "只能是已有的选项")
        self.assertContains(response, "科学技术进步法的施行日期")
        self.assertIn("answer", response.context["form"].errors)
        data["answer"] = "A"
        response = self.client.post("/work/learning/questions/new/", data, follow=True)
        self.assertContains(response, "已录入试题 F1")
        self.assertEqual(Question.objects.get(code="F1").law, self.law)


class RosterTests(LearningTestCase):
    def test_the_personnel_division_finds_and_adds_people(self) -> None:
        self.login(self.personnel)
        self.assertContains(self.client.get("/work/learning/roster/?q=张"), "市科技局基础研究处")
        response = self.client.post(
            "/work/learning/roster/", {"full_name": "王五", "unit": "市科技局办公室", "username": "nobody"}
        )
        self.assertContains(response, "没有这个账号")
        response = self.client.post(
            "/work/learning/roster/", {"full_name": "王五", "unit": "市科技局办公室"}, follow=True
        )
        self.assertContains(response, "已加入名册")
        again = self.client.post("/work/learning/roster/", {"full_name": "王五", "unit": "市科技局办公室"})
        self.assertContains(again, "名册中已有市科技局办公室的王五")


class StudyPageTests(LearningTestCase):
    def test_a_session_and_a_law_to_know_are_recorded_and_every_member_of_staff_reads_them(self) -> None:
        self.login(self.personnel)
        response = self.client.post(
            "/work/learning/study/",
            {
                "form": "session",
                "kind": "pre_meeting",
                "held_on": "2026-06-08",
                "topic": "会前学法：科学技术进步法",
                "laws_text": "中华人民共和国科学技术进步法",
                "attendees": "陈局长\n李处长",
            },
            follow=True,
        )
        self.assertContains(response, "已记录学法活动")
        response = self.client.post(
            "/work/learning/study/",
            {"form": "law", "law-post": "处级领导干部", "law-law": self.law.pk},
            follow=True,
        )
        self.assertContains(response, "已加入应知应会法律法规清单")
        again = self.client.post(
            "/work/learning/study/", {"form": "law", "law-post": "处级领导干部", "law-law": self.law.pk}
        )
        self.assertContains(again, "清单中已有")
        self.login(self.drafter)
        page = self.client.get("/work/learning/study/")
        self.assertContains(page, "会前学法：科学技术进步法")
        self.assertContains(page, "处级领导干部：《中华人民共和国科学技术进步法》")
        self.assertEqual(self.client.post("/work/learning/study/", {"form": "law"}).status_code, 404)


class ExamFormTests(LearningTestCase):
    def data(self, **overrides: str) -> dict[str, str]:
        values = {
            "title": "2026年执法人员法律知识培训考试",
            "kind": "enforcement",
            "year": "2026",
            "opens_at": "2026-06-15T09:00",
            "closes_at": "2026-06-15T17:00",
            "time_limit_minutes": "45",
            "blueprint": "科技法律法规,单选题,2,10\n科技法律法规,判断题,2,5",
            "roster": "all",
        }
        values.update(overrides)
        return values

    def test_an_exam_is_set_with_its_blueprint_and_the_whole_roster(self) -> None:
        self.login(self.personnel)
        response = self.client.post("/work/learning/exams/new/", self.data(), follow=True)
        self.assertContains(response, "已设置考试")
        exam = Exam.objects.get(kind="enforcement")
        self.assertEqual(
            [(b.kind, b.count) for b in exam.blueprint.all()], [("single", 2), ("true_false", 2)]
        )
        self.assertEqual(exam.candidates.count(), 2)

    def test_a_blueprint_the_bank_cannot_meet_is_refused_next_to_it_with_the_input_kept(self) -> None:
        self.login(self.personnel)
        response = self.client.post(
            "/work/learning/exams/new/", self.data(blueprint="科技法律法规,单选题,9,10")
        )
        self.assertIn("blueprint", response.context["form"].errors)
        self.assertContains(response, "不足 9 道")
        self.assertContains(response, "2026年执法人员法律知识培训考试")
        bad = self.client.post("/work/learning/exams/new/", self.data(blueprint="科技,单选,1"))
        self.assertContains(bad, "第 1 行格式不正确")
        self.assertFalse(Exam.objects.exists())
