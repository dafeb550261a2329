from __future__ import annotations

import json
from typing import Any

from fazhi.oversight.tests.base import OversightTestCase


class OversightApiTests(OversightTestCase):
    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(path, json.dumps(body), content_type="application/json")

    def test_an_inspection_its_finding_and_the_refused_close(self) -> None:
        self.login(self.reviewer)
        response = self.post(
            "/api/v1/oversight/",
            {
                "kind": "city_inspection",
                "year": 2026,
                "title": "2026年市级法治督察",
                "conducted_by": "市委依法治市办",
                "started_on": "2026-02-20",
                "scope": "法治政府建设",
            },
        )
        self.assertEqual(response.status_code, 201, response.content)
        pk = response.json()["id"]
        response = self.post(
            f"/api/v1/oversight/{pk}/findings",
            {"text": "问题", "division_id": self.sci_division.pk, "lead": "director", "due_on": "2026-06-30"},
        )
        self.assertEqual(response.status_code, 201)
        finding = response.json()["findings"][0]
        self.assertEqual((finding["task_status"], finding["rectified"]), ("open", False))
        response = self.post(f"/api/v1/oversight/{pk}/close", {"report": "报告", "closed_on": "2026-03-02"})
        self.assertEqual(response.status_code, 409)
        self.assertIn("整改任务尚未确认完成", response.json()["detail"])
        bad = self.post(
            f"/api/v1/oversight/{pk}/findings",
            {"text": "问题", "division_id": 999999, "lead": "director", "due_on": "2026-06-30"},
        )
        self.assertEqual(bad.status_code, 422)

    def test_the_director_reads_and_a_division_gets_404(self) -> None:
        oversight = self.oversight()
        self.login(self.director)
        self.assertEqual(
            self.client.get(f"/api/v1/oversight/{oversight.pk}").json()["title"], oversight.title
        )
        self.assertEqual(
            self.post(
                f"/api/v1/oversight/{oversight.pk}/close", {"report": "x", "closed_on": "2026-03-02"}
            ).status_code,
            404,
        )
        self.login(self.drafter)
        self.assertEqual(self.client.get(f"/api/v1/oversight/{oversight.pk}").status_code, 404)
