"""/api/v1/learning: a sitting over JSON, and who reads the scores."""

from __future__ import annotations

import time_machine

from fazhi.learning.models import Attempt, Question
from fazhi.learning.tests.base import LearningTestCase, at


class SittingApiTests(LearningTestCase):
    def setUp(self) -> None:
        self.the_exam = self.exam()

    def test_a_candidate_starts_answers_and_submits(self) -> None:
        self.login(self.drafter)
        response = self.client.post(f"/api/v1/learning/exams/{self.the_exam.pk}/attempts")
        self.assertEqual(response.status_code, 201)
        paper = response.json()
        self.assertEqual(len(paper["questions"]), 8)
        self.assertEqual(paper["seconds_left"], 3600)
        for q in paper["questions"]:
            question = Question.objects.get(pk=q["id"])
            value = question.accepted()[0] if question.kind == "fill" else question.answer
            saved = self.client.post(
                f"/api/v1/learning/attempts/{paper['id']}/answers",
                {"question_id": q["id"], "value": value},
                content_type="application/json",
            )
            self.assertEqual(saved.status_code, 200)
        result = self.client.post(f"/api/v1/learning/attempts/{paper['id']}/submit").json()
        self.assertEqual((result["score"], result["passed"]), ("80.0", True))

    def test_an_answer_after_the_deadline_is_409_and_another_persons_sitting_404(self) -> None:
        self.login(self.drafter)
        paper = self.client.post(f"/api/v1/learning/exams/{self.the_exam.pk}/attempts").json()
        qid = paper["questions"][0]["id"]
        with time_machine.travel(at(2026, 6, 10, 10, 30), tick=False):
            self.login(self.drafter)
            late = self.client.post(
                f"/api/v1/learning/attempts/{paper['id']}/answers",
                {"question_id": qid, "value": "A"},
                content_type="application/json",
            )
        self.assertEqual(late.status_code, 409)
        self.assertIn("答题时间已到", late.json()["detail"])
        self.login(self.outsider)
        other = self.client.post(
            f"/api/v1/learning/attempts/{paper['id']}/answers",
            {"question_id": qid, "value": "A"},
            content_type="application/json",
        )
        self.assertEqual(other.status_code, 404)

    def test_results_are_read_by_the_personnel_division_and_the_leadership_only(self) -> None:
        self.login(self.drafter)
        self.client.post(f"/api/v1/learning/exams/{self.the_exam.pk}/attempts")
        attempt = Attempt.objects.get()
        for user, status in (
            (self.personnel, 200),
            (self.director, 200),
            (self.outsider, 404),
            (self.drafter, 404),
        ):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.get(f"/api/v1/learning/exams/{self.the_exam.pk}/results")
                self.assertEqual(response.status_code, status)
        self.login(self.drafter)
        self.assertEqual(self.client.get("/api/v1/learning/my/attempts").json()[0]["attempt_id"], attempt.pk)
