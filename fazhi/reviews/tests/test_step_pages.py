"""A review's steps taken from its page, and the refused ones shown again with the input kept."""

from __future__ import annotations

import datetime

from django.urls import reverse

from fazhi.core.formats import cn_date
from fazhi.core.models import AuditEvent
from fazhi.reviews import actions
from fazhi.reviews.models import ReviewOpinion
from fazhi.reviews.tests.factories import accepted_review, draft_review, make_counsel, submitted_review
from fazhi.reviews.tests.test_views import K, S, ViewTestCase, act, detail


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
