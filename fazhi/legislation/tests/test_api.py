from __future__ import annotations

import json
from typing import Any

from fazhi.legislation.models import LegislativeProject
from fazhi.legislation.tests.base import TITLE, LegislationTestCase, on


class LegislationApiTests(LegislationTestCase):
    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(path, json.dumps(body), content_type="application/json")

    def test_the_register_lists_laws_with_their_versions(self) -> None:
        self.login(self.outsider)
        data = self.client.get("/api/v1/legislation/laws").json()
        self.assertEqual(data[0]["title"], TITLE)
        self.assertEqual(data[0]["versions"][0]["kind"], "adopted")
        self.assertEqual(
            self.post("/api/v1/legislation/laws", {"title": "x", "kind": "law"}).status_code, 404
        )

    def test_the_reviewer_adds_a_version_and_a_bad_one_is_refused_in_chinese(self) -> None:
        self.login(self.reviewer)
        url = f"/api/v1/legislation/laws/{self.law.pk}/versions"
        response = self.post(
            url, {"kind": "amended", "adopted_on": "2026-02-01", "effective_on": "2026-01-01"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("施行日期不得早于", response.json()["detail"])
        response = self.post(
            url, {"kind": "amended", "adopted_on": "2026-02-01", "effective_on": "2026-05-01"}
        )
        self.assertEqual(response.status_code, 201)
        self.assertEqual(len(response.json()["versions"]), 2)
        self.assertEqual(self.post(url, {"kind": "bogus"}).status_code, 422)

    def test_a_project_runs_through_its_steps_and_the_gates_answer_409(self) -> None:
        self.login(self.reviewer)
        response = self.post(
            "/api/v1/legislation/projects",
            {
                "title": "《天津市科学技术普及条例》修订",
                "law_kind": "local_regulation",
                "change": "revised",
                "law_id": self.law.pk,
                "plan_year": 2026,
                "plan_kind": "formal",
                "part": "lead",
                "division_id": self.sci_division.pk,
            },
        )
        self.assertEqual(response.status_code, 201, response.content)
        pk = response.json()["id"]
        base = f"/api/v1/legislation/projects/{pk}"
        self.assertEqual(self.post(f"{base}/start_drafting", {}).status_code, 200)
        self.assertEqual(self.post(f"{base}/draft", {"draft_text": "第一条"}).status_code, 200)
        self.assertEqual(self.post(f"{base}/open_comment", {"closes_on": "2026-03-10"}).status_code, 409)
        self.assertEqual(self.post(f"{base}/open_comment", {"closes_on": "2026-04-01"}).status_code, 200)
        response = self.post(
            f"{base}/comments", {"source": "organ", "author_name": "市科协", "contact": "秘", "text": "意见"}
        )
        self.assertEqual(response.status_code, 201)
        comment = response.json()["comments"][0]
        self.assertNotIn("contact", comment)
        self.assertEqual(
            self.post(f"{base}/comments/{comment['id']}/answer", {"adoption": "adopted"}).status_code, 200
        )
        with on("2026-04-01"):
            self.login(self.reviewer)  # a new session on another day
            self.assertEqual(
                self.post(f"{base}/submit_for_review", {"submitted_on": "2026-04-01"}).status_code, 409
            )
        with on("2026-04-02"):
            self.login(self.reviewer)
            response = self.post(f"{base}/submit_for_review", {"submitted_on": "2026-04-02"})
        self.assertEqual(response.json()["stage"], "legality_review")
        self.assertEqual(LegislativeProject.objects.get(pk=pk).stage, "legality_review")

    def test_a_division_reads_its_project_but_takes_no_step(self) -> None:
        project = self.project()
        self.login(self.drafter)
        self.assertEqual(self.client.get(f"/api/v1/legislation/projects/{project.pk}").status_code, 200)
        self.assertEqual(
            self.post(f"/api/v1/legislation/projects/{project.pk}/start_drafting", {}).status_code, 404
        )
        self.login(self.outsider)
        self.assertEqual(self.client.get(f"/api/v1/legislation/projects/{project.pk}").status_code, 404)

    def test_the_stats_list_each_figure_with_its_records(self) -> None:
        project = self.project()
        self.login(self.director)
        data = {f["key"]: f for f in self.client.get("/api/v1/legislation/stats?year=2026").json()}
        self.assertEqual(data["legislation.projects.planned"]["records"], [project.pk])
