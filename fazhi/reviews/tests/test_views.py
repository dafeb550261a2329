from __future__ import annotations

import datetime
from typing import Any

from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from fazhi.core.formats import cn_date
from fazhi.core.models import AuditEvent
from fazhi.reviews import actions
from fazhi.reviews.counsel import CounselInvalid, save_counsel
from fazhi.reviews.models import LegalCounsel, ReviewOpinion, ReviewRequest
from fazhi.reviews.tests.factories import accepted_review, draft_review, make_counsel, submitted_review
from fazhi.reviews.tests.test_actions import ReviewTestCase

S = ReviewRequest.Status
K = ReviewRequest.SubjectKind

LIST = reverse("reviews:list")


def act(review: ReviewRequest, action: str) -> str:
    return reverse("reviews:action", args=[review.pk, action])


def detail(review: ReviewRequest) -> str:
    return reverse("reviews:detail", args=[review.pk])


class ViewTestCase(ReviewTestCase):
    def messages_of(self, response: Any) -> list[str]:
        return [str(m) for m in get_messages(response.wsgi_request)]

    def status_of(self, review: ReviewRequest) -> str:
        return ReviewRequest.objects.values_list("status", flat=True).get(pk=review.pk)


class ListTests(ViewTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.own = submitted_review(cls.drafter, title="基础研究处的请求")
        cls.foreign = draft_review(cls.outsider, title="监督处的请求", kind=K.CONTRACT)

    def test_a_division_never_sees_another_divisions_requests_on_the_list(self) -> None:
        self.login(self.drafter)
        response = self.client.get(LIST)
        self.assertContains(response, "基础研究处的请求")
        self.assertNotContains(response, "监督处的请求")
        self.login(self.outsider)
        response = self.client.get(LIST)
        self.assertContains(response, "监督处的请求")
        self.assertNotContains(response, "基础研究处的请求")

    def test_an_outsider_gets_404_on_a_foreign_detail_page_and_its_steps(self) -> None:
        self.login(self.outsider)
        self.assertEqual(self.client.get(detail(self.own)).status_code, 404)
        self.assertEqual(self.client.post(act(self.own, "withdraw")).status_code, 404)
        self.assertEqual(self.client.get(reverse("reviews:edit", args=[self.own.pk])).status_code, 404)

    def test_a_missing_request_is_404_like_a_hidden_one(self) -> None:
        self.login(self.reviewer)
        self.assertEqual(self.client.get(reverse("reviews:detail", args=[999_999])).status_code, 404)

    def test_the_anonymous_are_sent_to_log_in_and_the_justice_bureau_gets_404(self) -> None:
        response = self.client.get(LIST)
        self.assertRedirects(response, f"{reverse('login')}?next={LIST}", fetch_redirect_response=False)
        self.login(self.filing_officer)
        self.assertEqual(self.client.get(LIST).status_code, 404)

    def test_the_reviewer_sees_every_request(self) -> None:
        self.login(self.reviewer)
        response = self.client.get(LIST)
        self.assertContains(response, "基础研究处的请求")
        self.assertContains(response, "监督处的请求")
        self.assertContains(response, self.own.code)

    def test_filters_by_status_kind_year_and_title(self) -> None:
        self.login(self.reviewer)
        self.assertNotContains(self.client.get(LIST, {"status": "draft"}), "基础研究处的请求")
        self.assertNotContains(self.client.get(LIST, {"kind": "contract"}), "基础研究处的请求")
        self.assertContains(self.client.get(LIST, {"year": "2026"}), "基础研究处的请求")
        self.assertNotContains(self.client.get(LIST, {"year": "2025"}), "基础研究处的请求")
        response = self.client.get(LIST, {"q": "监督"})
        self.assertContains(response, "监督处的请求")
        self.assertNotContains(response, "基础研究处的请求")

    def test_a_bad_filter_value_is_ignored_with_a_note_in_chinese(self) -> None:
        self.login(self.reviewer)
        response = self.client.get(LIST, {"year": "二〇二六", "status": "nonsense"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "已忽略无效的筛选条件“送审年度”")
        self.assertContains(response, "已忽略无效的筛选条件“状态”")
        self.assertContains(response, "基础研究处的请求")

    def test_the_reviewer_workbench_shows_pending_mine_and_overdue(self) -> None:
        mine_late = accepted_review(self.drafter, self.reviewer, self.counsel, title="已超期的审核")
        on_time = accepted_review(self.drafter, self.reviewer, self.counsel, title="刚受理的审核", days_ago=0)
        self.login(self.reviewer)
        pending = self.client.get(LIST, {"view": "pending"})
        self.assertContains(pending, "基础研究处的请求")
        self.assertNotContains(pending, on_time.title)
        reviewing = self.client.get(LIST, {"view": "reviewing"})
        self.assertContains(reviewing, mine_late.title)
        self.assertContains(reviewing, on_time.title)
        self.assertNotContains(reviewing, "基础研究处的请求")
        overdue = self.client.get(LIST, {"view": "overdue"})
        self.assertContains(overdue, mine_late.title)
        self.assertNotContains(overdue, on_time.title)

    def test_an_overdue_request_is_marked_in_words_not_colour_alone(self) -> None:
        accepted_review(self.drafter, self.reviewer, self.counsel, title="已超期的审核")
        self.login(self.reviewer)
        response = self.client.get(LIST)
        self.assertContains(
            response, '<span class="badge badge-bad"><strong>已逾期</strong></span>', html=True
        )
        self.assertContains(response, "<strong>已超期的审核</strong>", html=True)

    def test_each_person_gets_their_own_tabs(self) -> None:
        self.login(self.drafter)
        self.assertContains(self.client.get(LIST), "我的送审")
        self.assertNotContains(self.client.get(LIST), "待受理")
        self.login(self.advisor)
        response = self.client.get(LIST)
        self.assertContains(response, "指派给我的")
        self.assertNotContains(response, "新建送审")

    def test_the_advisor_sees_only_what_is_assigned_to_them(self) -> None:
        accepted_review(self.drafter, self.reviewer, self.counsel, title="请顾问审查的合同", kind=K.CONTRACT)
        self.login(self.advisor)
        response = self.client.get(LIST, {"view": "assigned"})
        self.assertContains(response, "请顾问审查的合同")
        self.assertNotContains(response, "基础研究处的请求")

    def test_only_those_who_may_create_see_the_new_button(self) -> None:
        self.login(self.drafter)
        self.assertContains(self.client.get(LIST), reverse("reviews:create"))
        self.login(self.reviewer)
        self.assertNotContains(self.client.get(LIST), reverse("reviews:create"))

    def test_the_list_runs_a_fixed_number_of_queries_whatever_the_rows(self) -> None:
        self.login(self.reviewer)
        self.client.get(LIST)  # warm the content-type cache
        # session, user, two permission queries, groups, count, page, the header's organization
        with self.assertNumQueries(8):
            response = self.client.get(LIST)
        self.assertEqual(len(response.context["page"].object_list), 2)
        for i in range(5):
            review = accepted_review(self.drafter, self.reviewer, self.counsel, title=f"第{i}项")
            actions.add_opinion(review, actor=self.reviewer, text="意见", kind="suggestion")
        with self.assertNumQueries(8):
            response = self.client.get(LIST)
        self.assertEqual(len(response.context["page"].object_list), 7)
        self.assertEqual(response.context["page"].object_list[0].opinion_count, 1)

    def test_a_division_list_with_a_tab_and_filters_also_runs_a_fixed_number_of_queries(self) -> None:
        for i in range(3):
            review = accepted_review(self.drafter, self.reviewer, self.counsel, title=f"第{i}项")
            actions.add_opinion(review, actor=self.reviewer, text="意见", kind="suggestion")
        self.login(self.drafter)
        params = {"view": "mine", "year": "2026", "q": "项"}
        self.client.get(LIST, params)
        with self.assertNumQueries(8):
            response = self.client.get(LIST, params)
        self.assertEqual([r.title for r in response.context["page"]], ["第2项", "第1项", "第0项"])
        self.assertEqual([r.opinion_count for r in response.context["page"]], [1, 1, 1])


class CreateAndEditTests(ViewTestCase):
    def test_the_drafter_creates_a_draft_and_lands_on_its_page(self) -> None:
        self.login(self.drafter)
        self.assertEqual(self.client.get(reverse("reviews:create")).status_code, 200)
        response = self.client.post(
            reverse("reviews:create"),
            {
                "title": "天津市科技成果转化办法（送审稿）",
                "subject_kind": K.NORMATIVE_DOCUMENT,
                "legal_basis": "《中华人民共和国促进科技成果转化法》",
                "explanation": "起草说明",
            },
            follow=True,
        )
        review = ReviewRequest.objects.get()
        self.assertRedirects(response, detail(review))
        self.assertContains(response, f"已创建送审草稿 {review.code}")
        self.assertEqual((review.status, review.division), (S.DRAFT, self.sci_division))
        self.assertEqual(self.events("review.create"), 1)

    def test_bad_input_shows_chinese_errors_next_to_the_fields_and_saves_nothing(self) -> None:
        self.login(self.drafter)
        response = self.client.post(
            reverse("reviews:create"),
            {
                "title": " ",
                "subject_kind": "poetry",
                "legal_basis": "依据",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<p class="field-error" role="alert">请填写送审事项</p>', html=True)
        self.assertContains(response, '<p class="field-error" role="alert">事项类别不正确</p>', html=True)
        self.assertContains(response, "依据")  # what was typed is kept
        self.assertFalse(ReviewRequest.objects.exists())
        self.assertEqual(self.events("review.create"), 0)

    def test_someone_who_may_not_create_gets_404(self) -> None:
        for user in (self.reviewer, self.advisor, self.filing_officer):
            self.login(user)
            self.assertEqual(self.client.get(reverse("reviews:create")).status_code, 404)
            self.assertEqual(self.client.post(reverse("reviews:create"), {"title": "x"}).status_code, 404)
        self.assertFalse(ReviewRequest.objects.exists())

    def test_the_division_edits_its_draft_through_the_action(self) -> None:
        review = draft_review(self.drafter)
        self.login(self.division_head)
        url = reverse("reviews:edit", args=[review.pk])
        self.assertContains(self.client.get(url), review.title)
        response = self.client.post(
            url, {"title": "新标题", "legal_basis": "新依据", "explanation": "新说明"}
        )
        self.assertRedirects(response, detail(review), fetch_redirect_response=False)
        review.refresh_from_db()
        self.assertEqual(
            (review.title, review.legal_basis, review.subject_kind),
            ("新标题", "新依据", K.NORMATIVE_DOCUMENT),
        )
        self.assertEqual(self.events("review.update"), 1)

    def test_editing_a_submitted_request_is_refused_in_chinese(self) -> None:
        review = submitted_review(self.drafter)
        self.login(self.drafter)
        response = self.client.get(reverse("reviews:edit", args=[review.pk]))
        self.assertRedirects(response, detail(review), fetch_redirect_response=False)
        self.assertIn("当前状态为“已送审”，不能修改", self.messages_of(response))

    def test_the_reviewer_cannot_edit_a_division_request(self) -> None:
        review = draft_review(self.drafter)
        self.login(self.reviewer)
        self.assertEqual(self.client.get(reverse("reviews:edit", args=[review.pk])).status_code, 404)


class DetailTests(ViewTestCase):
    def test_buttons_come_from_the_available_actions(self) -> None:
        review = draft_review(self.drafter)
        self.login(self.drafter)
        response = self.client.get(detail(review))
        self.assertContains(response, act(review, "submit"))
        self.assertContains(response, act(review, "withdraw"))
        self.assertNotContains(response, act(review, "accept"))
        self.login(self.reviewer)
        response = self.client.get(detail(review))
        self.assertNotContains(response, act(review, "submit"))
        self.assertNotContains(response, act(review, "accept"))
        self.assertNotContains(response, 'id="steps"')

    def test_the_page_shows_the_request_the_deadline_and_its_basis(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel, days_ago=0)
        review.refresh_from_db()
        self.login(self.drafter)
        response = self.client.get(detail(review))
        self.assertContains(response, review.code)
        self.assertContains(response, "《中华人民共和国科学技术进步法》")
        self.assertContains(response, review.due_rule.basis)
        self.assertContains(response, f"{review.due_on:%Y年}{review.due_on.month}月{review.due_on.day}日")
        self.assertContains(response, "最短审核期满日")
        self.assertContains(response, "送审稿.txt")
        self.assertContains(response, "赵律师")
        self.assertContains(response, "王审核")

    def test_the_timeline_names_each_step_in_chinese(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel)
        self.login(self.drafter)
        response = self.client.get(detail(review))
        for label in ("创建送审", "上传附件", "送审", "受理", "指派审核人员"):
            self.assertContains(response, f"<strong>{label}</strong>")
        self.assertContains(response, "草稿 → 已送审")
        self.assertContains(response, "已送审 → 审核中")

    def test_the_letter_link_appears_once_the_conclusion_is_issued(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel, kind=K.CONTRACT)
        letter = reverse("reviews:letter", args=[review.pk])
        self.login(self.drafter)
        self.assertNotContains(self.client.get(detail(review)), letter)
        actions.conclude_review(review, actor=self.reviewer, conclusion="lawful")
        response = self.client.get(detail(review))
        self.assertContains(response, letter)
        self.assertContains(response, "下载法律审核意见书（.docx）")

    def test_the_return_reason_is_shown_to_the_division(self) -> None:
        review = submitted_review(self.drafter)
        actions.return_review(review, actor=self.reviewer, reason="缺少征求意见情况")
        self.login(self.drafter)
        self.assertContains(self.client.get(detail(review)), "缺少征求意见情况")


class StepTests(ViewTestCase):
    def test_the_drafter_submits_through_the_page(self) -> None:
        review = draft_review(self.drafter)
        self.login(self.drafter)
        response = self.client.post(act(review, "submit"))
        self.assertRedirects(response, detail(review), fetch_redirect_response=False)
        self.assertEqual(self.status_of(review), S.SUBMITTED)
        self.assertEqual(self.events("review.submit"), 1)
        self.assertIn("已送审，等待政策法规处受理。", self.messages_of(response))

    def test_submitting_without_the_draft_names_what_is_missing_and_changes_nothing(self) -> None:
        review = draft_review(self.drafter, with_draft=False)
        self.login(self.drafter)
        response = self.client.post(act(review, "submit"), follow=True)
        self.assertContains(response, "送审材料不全，缺少：送审稿（附件）")
        self.assertEqual(self.status_of(review), S.DRAFT)
        self.assertEqual(self.events("review.submit"), 0)

    def test_the_reviewer_returns_with_a_reason(self) -> None:
        review = submitted_review(self.drafter)
        self.login(self.reviewer)
        response = self.client.post(act(review, "return"), {"return-reason": "请补充调研报告"})
        self.assertRedirects(response, detail(review), fetch_redirect_response=False)
        review.refresh_from_db()
        self.assertEqual((review.status, review.return_reason), (S.RETURNED, "请补充调研报告"))
        self.assertEqual(AuditEvent.objects.get(verb="review.return").data, {"reason": "请补充调研报告"})

    def test_returning_without_a_reason_is_refused_next_to_the_field(self) -> None:
        review = submitted_review(self.drafter)
        self.login(self.reviewer)
        response = self.client.post(act(review, "return"), {"return-reason": ""}, follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<p class="field-error" role="alert">请填写退回理由</p>', html=True)
        self.assertEqual(self.status_of(review), S.SUBMITTED)

    def test_the_reviewer_accepts_and_the_deadline_is_set(self) -> None:
        review = submitted_review(self.drafter)
        self.login(self.reviewer)
        response = self.client.post(act(review, "accept"))
        review.refresh_from_db()
        self.assertEqual((review.status, review.accepted_on), (S.UNDER_REVIEW, datetime.date(2026, 6, 16)))
        self.assertEqual(self.events("review.accept"), 1)
        self.assertIn(f"已受理，审核期限至 {cn_date(review.due_on)}。", self.messages_of(response))

    def test_the_reviewer_assigns_reviewers_and_counsel(self) -> None:
        review = submitted_review(self.drafter)
        actions.accept_review(review, actor=self.reviewer)
        self.login(self.reviewer)
        page = self.client.get(detail(review))
        self.assertContains(page, "赵律师（法律顾问，天津某律师事务所）")
        response = self.client.post(
            act(review, "assign"),
            {"assign-reviewers": [self.reviewer.pk], "assign-counsel": [self.counsel.pk]},
        )
        self.assertRedirects(response, detail(review), fetch_redirect_response=False)
        self.assertEqual(list(review.reviewers.all()), [self.reviewer])
        self.assertEqual(list(review.counsel.all()), [self.counsel])
        event = AuditEvent.objects.get(verb="review.assign")
        self.assertEqual(
            event.data, {"reviewers": ["reviewer"], "counsel": [self.counsel.certificate_number]}
        )

    def test_counsel_out_of_term_and_non_reviewers_are_not_offered(self) -> None:
        former = make_counsel(
            name="钱律师",
            number="11201200510999999",
            start=datetime.date(2020, 1, 1),
            end=datetime.date(2023, 12, 31),
        )
        review = submitted_review(self.drafter)
        actions.accept_review(review, actor=self.reviewer)
        self.login(self.reviewer)
        self.assertNotContains(self.client.get(detail(review)), "钱律师")
        response = self.client.post(
            act(review, "assign"),
            {"assign-reviewers": [self.outsider.pk], "assign-counsel": [former.pk]},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "所选审核人员不可指派")
        self.assertContains(response, "所选法律顾问不在聘期内或已指派")
        self.assertFalse(review.counsel.exists())
        self.assertEqual(self.events("review.assign"), 0)

    def test_assigning_nobody_is_refused(self) -> None:
        review = submitted_review(self.drafter)
        actions.accept_review(review, actor=self.reviewer)
        self.login(self.reviewer)
        response = self.client.post(act(review, "assign"), {}, follow=True)
        self.assertContains(response, "请至少选择一名审核人员或法律顾问/公职律师")

    def test_the_reviewer_and_the_assigned_advisor_add_numbered_opinions(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel)
        self.login(self.reviewer)
        self.client.post(
            act(review, "add_opinion"),
            {
                "opinion-kind": "must_change",
                "opinion-text": "第五条缺乏上位法依据",
                "opinion-legal_basis": "《立法法》",
            },
        )
        self.login(self.advisor)
        response = self.client.post(
            act(review, "add_opinion"),
            {
                "opinion-kind": "suggestion",
                "opinion-text": "建议增加过渡期",
                "opinion-legal_basis": "",
            },
        )
        self.assertIn("已记录第2条审核意见。", self.messages_of(response))
        opinions = list(review.opinions.values_list("number", "kind", "counsel__name"))
        self.assertEqual(opinions, [(1, "must_change", None), (2, "suggestion", "赵律师")])
        self.assertEqual(self.events("review.opinion"), 2)
        page = self.client.get(detail(review))
        self.assertContains(page, "第五条缺乏上位法依据")
        self.assertContains(page, "赵律师（法律顾问）")

    def test_a_refused_opinion_keeps_what_was_typed_next_to_the_error(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel)
        self.login(self.reviewer)
        response = self.client.post(
            act(review, "add_opinion"),
            {
                "opinion-kind": "must_change",
                "opinion-text": "",
                "opinion-legal_basis": "《行政许可法》第十六条",
            },
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<p class="field-error" role="alert">请填写意见内容</p>', html=True)
        self.assertContains(response, "《行政许可法》第十六条</textarea>")
        self.assertFalse(review.opinions.exists())

    def test_a_conclusion_the_rules_refuse_is_shown_again_with_the_reason(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel)
        self.login(self.reviewer)
        response = self.client.post(
            act(review, "conclude"),
            {
                "conclude-conclusion": "lawful_with_changes",
                "conclude-text": "按意见修改后合法",
            },
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "结论为“修改后合法”或“不合法”的，应当至少提出一条审核意见", count=2)
        self.assertContains(response, "按意见修改后合法</textarea>")
        self.assertEqual(self.status_of(review), S.UNDER_REVIEW)

    def test_the_reviewer_concludes_and_the_division_answers_every_opinion(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel)
        actions.add_opinion(review, actor=self.reviewer, text="删除第五条第二款", kind="must_change")
        actions.add_opinion(review, actor=self.advisor, text="建议增加过渡期", kind="suggestion")
        self.login(self.reviewer)
        response = self.client.post(
            act(review, "conclude"),
            {
                "conclude-conclusion": "lawful_with_changes",
                "conclude-text": "按意见修改后合法",
            },
        )
        self.assertRedirects(response, detail(review), fetch_redirect_response=False)
        self.assertEqual(self.status_of(review), S.CONCLUDED)
        self.assertEqual(self.events("review.conclude"), 1)

        self.login(self.drafter)
        page = self.client.get(detail(review))
        self.assertContains(page, reverse("reviews:opinion_answer", args=[review.pk, 1]))
        self.assertContains(page, reverse("reviews:opinion_answer", args=[review.pk, 2]))
        answer = reverse("reviews:opinion_answer", args=[review.pk, 1])
        response = self.client.post(answer, {"answer-1-response": "adopted", "answer-1-reason": ""})
        self.assertIn("已答复第1条意见。", self.messages_of(response))
        self.assertEqual(self.events("review.answer"), 1)
        refused = self.client.post(
            reverse("reviews:opinion_answer", args=[review.pk, 2]),
            {"answer-2-response": "not_adopted", "answer-2-reason": ""},
            follow=True,
        )
        self.assertContains(refused, "第2条意见部分采纳或未采纳的，应当说明理由")
        self.assertEqual(ReviewOpinion.objects.get(review=review, number=2).response, "")
        response = self.client.post(
            reverse("reviews:opinion_answer", args=[review.pk, 2]),
            {"answer-2-response": "not_adopted", "answer-2-reason": "已在配套通知中规定"},
            follow=True,
        )
        self.assertContains(response, "全部意见均已答复，本审核已办结。")
        self.assertContains(response, "已在配套通知中规定")
        self.assertEqual(self.status_of(review), S.CLOSED)
        self.assertEqual(self.events("review.close"), 1)

    def test_concluding_before_the_shortest_period_asks_for_the_reason(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel, kind=K.MAJOR_DECISION, days_ago=0)
        actions.add_opinion(review, actor=self.reviewer, text="删除第五条", kind="must_change")
        self.login(self.reviewer)
        page = self.client.get(detail(review))
        self.assertContains(page, "提前出具意见的理由")
        response = self.client.post(
            act(review, "conclude"), {"conclude-conclusion": "lawful_with_changes"}, follow=True
        )
        self.assertContains(response, "最短审核期尚未届满，提前出具意见的应当说明理由")
        self.assertEqual(self.status_of(review), S.UNDER_REVIEW)
        self.client.post(
            act(review, "conclude"),
            {
                "conclude-conclusion": "lawful_with_changes",
                "conclude-short_review_reason": "常务会议议程已定",
            },
        )
        review.refresh_from_db()
        self.assertEqual((review.status, review.short_review_reason), (S.CONCLUDED, "常务会议议程已定"))

    def test_the_division_withdraws_with_a_reason(self) -> None:
        review = submitted_review(self.drafter)
        self.login(self.drafter)
        self.client.post(act(review, "withdraw"), {"withdraw-reason": "改为下一年度制定"})
        self.assertEqual(self.status_of(review), S.WITHDRAWN)
        self.assertEqual(AuditEvent.objects.get(verb="review.withdraw").data, {"reason": "改为下一年度制定"})


class RefusedStepTests(ViewTestCase):
    def test_a_step_the_caller_may_never_take_is_404_whatever_the_state(self) -> None:
        """Permission first (issue 15): the drafter learns neither the review's state nor
        whether a name exists."""
        review = draft_review(self.drafter)
        self.login(self.drafter)
        for action in ("accept", "assign", "conclude"):
            with self.subTest(action=action):
                self.assertEqual(self.client.post(act(review, action)).status_code, 404)

    def test_accepting_a_draft_is_refused_in_chinese_and_changes_nothing(self) -> None:
        review = draft_review(self.drafter)
        before = AuditEvent.objects.count()
        self.login(self.reviewer)
        response = self.client.post(act(review, "accept"), follow=True)
        self.assertRedirects(response, detail(review))
        self.assertContains(response, "当前状态为“草稿”，不能受理")
        self.assertEqual(self.status_of(review), S.DRAFT)
        self.assertEqual(AuditEvent.objects.count(), before)

    def test_an_opinion_after_the_conclusion_is_refused_in_chinese(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel, kind=K.CONTRACT)
        actions.conclude_review(review, actor=self.reviewer, conclusion="lawful")
        self.login(self.reviewer)
        response = self.client.post(
            act(review, "add_opinion"), {"opinion-kind": "suggestion", "opinion-text": "迟到"}
        )
        self.assertIn("当前状态为“已办结”，不能提出审核意见", self.messages_of(response))
        self.assertFalse(review.opinions.exists())

    def test_a_step_the_user_may_never_take_is_404(self) -> None:
        review = submitted_review(self.drafter)
        self.login(self.drafter)
        self.assertEqual(self.client.post(act(review, "accept")).status_code, 404)
        self.login(self.advisor)  # not assigned: the request is not even visible
        self.assertEqual(self.client.post(act(review, "accept")).status_code, 404)
        self.assertEqual(self.status_of(review), S.SUBMITTED)

    def test_an_unknown_step_is_404(self) -> None:
        review = submitted_review(self.drafter)
        self.login(self.reviewer)
        self.assertEqual(self.client.post(act(review, "approve")).status_code, 404)
        self.assertEqual(self.client.post(act(review, "close")).status_code, 404)

    def test_steps_only_take_post(self) -> None:
        review = submitted_review(self.drafter)
        self.login(self.reviewer)
        self.assertEqual(self.client.get(act(review, "accept")).status_code, 405)
        self.assertEqual(self.status_of(review), S.SUBMITTED)

    def test_answering_a_missing_opinion_is_404(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel)
        self.login(self.drafter)
        url = reverse("reviews:opinion_answer", args=[review.pk, 7])
        self.assertEqual(self.client.post(url, {"answer-7-response": "adopted"}).status_code, 404)

    def test_answering_before_the_conclusion_is_refused_in_chinese(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel)
        actions.add_opinion(review, actor=self.reviewer, text="删除第五条", kind="must_change")
        self.login(self.drafter)
        url = reverse("reviews:opinion_answer", args=[review.pk, 1])
        response = self.client.post(url, {"answer-1-response": "adopted"})
        self.assertIn("当前状态为“审核中”，不能答复审核意见", self.messages_of(response))
        self.assertEqual(self.events("review.answer"), 0)


class CounselPageTests(ViewTestCase):
    COUNSEL_LIST = reverse("reviews:counsel_list")
    COUNSEL_NEW = reverse("reviews:counsel_create")

    def valid(self, **changes: Any) -> dict[str, Any]:
        data = {
            "kind": "public_lawyer",
            "name": "孙公职",
            "firm": "天津市科学技术局",
            "certificate_number": "P2026001",
            "term_start": "2026-01-01",
            "term_end": "",
            "expertise": "行政许可",
            "user": "",
            "is_active": "on",
        }
        data.update(changes)
        return data

    def test_the_register_is_read_by_those_who_work_with_reviews(self) -> None:
        make_counsel(
            name="钱律师",
            number="11201200510999999",
            start=datetime.date(2020, 1, 1),
            end=datetime.date(2023, 12, 31),
        )
        self.login(self.drafter)
        response = self.client.get(self.COUNSEL_LIST)
        self.assertContains(response, "赵律师")
        self.assertContains(response, '<span class="badge badge-ok">在聘</span>', html=True)
        self.assertContains(response, '<span class="badge badge-bad">已到期</span>', html=True)
        self.assertNotContains(response, self.COUNSEL_NEW)
        self.login(self.filing_officer)
        self.assertEqual(self.client.get(self.COUNSEL_LIST).status_code, 404)

    def test_only_those_who_keep_the_register_may_create_or_edit(self) -> None:
        edit = reverse("reviews:counsel_edit", args=[self.counsel.pk])
        for user in (self.drafter, self.advisor, self.director):
            self.login(user)
            self.assertEqual(self.client.get(self.COUNSEL_NEW).status_code, 404)
            self.assertEqual(self.client.post(self.COUNSEL_NEW, self.valid()).status_code, 404)
            self.assertEqual(self.client.post(edit, self.valid()).status_code, 404)
        self.assertEqual(LegalCounsel.objects.count(), 1)

    def test_the_reviewer_registers_a_public_lawyer_and_it_is_audited(self) -> None:
        self.login(self.reviewer)
        self.assertContains(self.client.get(self.COUNSEL_LIST), self.COUNSEL_NEW)
        response = self.client.post(self.COUNSEL_NEW, self.valid(user=self.officer.pk))
        self.assertRedirects(response, self.COUNSEL_LIST, fetch_redirect_response=False)
        counsel = LegalCounsel.objects.get(certificate_number="P2026001")
        self.assertEqual((counsel.name, counsel.user, counsel.term_end), ("孙公职", self.officer, None))
        event = AuditEvent.objects.get(verb="counsel.save")
        self.assertEqual(event.data["after"]["user"], "officer")
        self.assertTrue(event.data["created"])

    def test_a_term_ending_before_it_starts_is_refused_next_to_the_field(self) -> None:
        self.login(self.admin_user)
        response = self.client.post(
            self.COUNSEL_NEW, self.valid(term_start="2026-06-01", term_end="2026-05-31")
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "终止日（2026年5月31日）不得早于起始日（2026年6月1日）")
        self.assertEqual(LegalCounsel.objects.count(), 1)
        self.assertEqual(self.events("counsel.save"), 0)

    def test_a_certificate_number_already_registered_is_refused(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            self.COUNSEL_NEW, self.valid(certificate_number=self.counsel.certificate_number)
        )
        self.assertContains(response, f"证号 {self.counsel.certificate_number} 已登记（赵律师）")
        self.assertEqual(LegalCounsel.objects.count(), 1)

    def test_bad_dates_are_refused_in_chinese(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(self.COUNSEL_NEW, self.valid(term_start="去年"))
        self.assertContains(response, "日期格式应为 2026-01-01")

    def test_editing_records_what_changed(self) -> None:
        self.login(self.reviewer)
        edit = reverse("reviews:counsel_edit", args=[self.counsel.pk])
        self.assertContains(self.client.get(edit), self.counsel.certificate_number)
        data = self.valid(
            kind="legal_advisor",
            name="赵律师",
            firm="天津某律师事务所",
            certificate_number=self.counsel.certificate_number,
            term_start="2025-01-01",
            term_end="2026-06-15",
            user=self.advisor.pk,
        )
        self.client.post(edit, data)
        self.counsel.refresh_from_db()
        self.assertEqual(self.counsel.term_end, datetime.date(2026, 6, 15))
        self.assertEqual(AuditEvent.objects.get(verb="counsel.save").data["changed"], ["fields", "term_end"])
        self.assertContains(
            self.client.get(self.COUNSEL_LIST), '<span class="badge badge-bad">已到期</span>', html=True
        )


class SaveCounselTests(ViewTestCase):
    def test_only_those_who_keep_the_register_may_save(self) -> None:
        with self.assertRaises(PermissionDenied):
            save_counsel(self.counsel, actor=self.drafter, name="改名")
        self.counsel.refresh_from_db()
        self.assertEqual(self.counsel.name, "赵律师")

    def test_an_account_links_to_one_counsel_only(self) -> None:
        with self.assertRaisesMessage(CounselInvalid, "该账户已关联 赵律师"):
            save_counsel(
                None,
                actor=self.reviewer,
                kind="legal_advisor",
                name="钱律师",
                firm="某所",
                certificate_number="X1",
                term_start=datetime.date(2026, 1, 1),
                user=self.advisor,
            )
