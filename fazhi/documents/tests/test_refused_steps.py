"""A refused step redirects to the document's page (post/redirect/get): the page shows the
refusal once, with the input kept and the reason next to its field; a reload sends nothing
again; an English page writes the refusal's dates in English."""

from __future__ import annotations

from django.urls import reverse

from fazhi.documents.models import Comment
from fazhi.documents.tests.factories import at, drafted, reviewed, soliciting
from fazhi.documents.tests.test_views import S, ViewTestCase, act, detail, minutes


class RefusedStepTests(ViewTestCase):
    def test_a_refused_step_answers_303_to_the_page_which_shows_it_once(self) -> None:
        document = drafted(self.drafter)
        self.login(self.drafter)
        response = self.client.post(act(document, "open_solicitation"), {"solicit-closes_on": "2026-06-20"})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(response["Location"], detail(document))
        page = self.client.get(detail(document))
        self.assertContains(page, "截止日不得早于 2026年6月26日")
        self.assertContains(page, 'id="id_solicit-closes_on_error"')
        self.assertContains(page, 'value="2026-06-20"')
        # Reloading the page (a GET) shows the empty form again: the refusal was shown once.
        again = self.client.get(detail(document))
        self.assertNotContains(again, 'id="id_solicit-closes_on_error"')
        self.assertNotContains(again, 'value="2026-06-20"')
        self.assertEqual(self.status_of(document), S.DRAFTING)

    def test_the_refusal_is_kept_for_its_own_record_only(self) -> None:
        refused = drafted(self.drafter)
        other = drafted(self.drafter, title="另一份文件")
        self.login(self.drafter)
        self.client.post(act(refused, "open_solicitation"), {"solicit-closes_on": "2026-06-20"})
        self.assertNotContains(self.client.get(detail(other)), 'value="2026-06-20"')
        self.assertContains(self.client.get(detail(refused)), 'value="2026-06-20"')

    def test_a_chosen_file_must_be_chosen_again_and_the_page_says_so(self) -> None:
        document = reviewed(self.drafter, self.reviewer, self.counsel)
        self.login(self.reviewer)
        data = {
            "deliberation-meeting_name": "局长办公会",
            "deliberation-meeting_on": "2026-05-01",
            "deliberation-outcome": "passed",
            "deliberation-minutes": minutes(),
        }
        response = self.client.post(act(document, "record_deliberation"), data)
        self.assertEqual(response.status_code, 303)
        page = self.client.get(response["Location"])
        self.assertContains(page, "审议日期早于合法性审核意见出具日")
        self.assertContains(page, "所选文件未保留，请重新选择。")
        self.assertContains(page, 'value="局长办公会"')

    def test_an_english_page_shows_the_refusals_date_in_english(self) -> None:
        document = drafted(self.drafter)
        self.login(self.drafter)
        response = self.client.post(
            act(document, "open_solicitation"),
            {"solicit-closes_on": "2026-06-20"},
            HTTP_ACCEPT_LANGUAGE="en",
            follow=True,
        )
        self.assertEqual(response.redirect_chain[-1], (detail(document), 303))
        self.assertContains(response, "June 26, 2026")
        self.assertNotContains(response, "2026年6月26日")

    def test_a_refused_answer_to_a_comment_comes_back_in_its_row(self) -> None:
        document = soliciting(self.drafter)
        self.login(self.division_head)
        with at("2026-04-10"):
            self.client.post(act(document, "comment"), {"comment-text": "建议明确申报时限"})
        comment = Comment.objects.get()
        self.login(self.drafter)
        url = reverse("documents:comment_answer", args=[document.pk, comment.pk])
        response = self.client.post(url, {f"answer-{comment.pk}-adoption": "not_adopted"})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(response["Location"], detail(document) + "#comments")
        page = self.client.get(detail(document))
        self.assertContains(page, "部分采纳或未采纳的，请填写答复理由")
        self.assertContains(page, f'id="id_answer-{comment.pk}-answer_error"')
        self.assertRegex(page.content.decode(), r'value="not_adopted"[^>]* checked')
