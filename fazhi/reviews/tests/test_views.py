from __future__ import annotations

from typing import Any

from django.contrib.messages import get_messages
from django.urls import reverse

from fazhi.reviews import actions
from fazhi.reviews.models import ReviewRequest
from fazhi.reviews.tests.factories import accepted_review, draft_review, submitted_review
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
