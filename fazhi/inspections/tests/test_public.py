"""The public pages at /inspections/: the item list, a plan before its draw (commitments, no
secrets), the draw with everything needed to recompute it, the bundle and the verifier downloads,
and the result list with natural persons masked."""

from __future__ import annotations

import datetime
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import time_machine

from fazhi.inspections import actions, registry
from fazhi.inspections.draw import BUNDLE_KEYS, commitment_of
from fazhi.inspections.models import Draw, InspectionPlan, InspectionTask
from fazhi.inspections.tests.base import InspectionTestCase
from fazhi.inspections.tests.factories import (
    SECRETS,
    VERIFIER_PATH,
    draft_plan,
    drawn,
    make_entities,
    make_inspector,
    publish,
    uscc,
)

R = InspectionTask.Result
D = datetime.date
NATURAL_NAME = "王小明3"


class PublicTestCase(InspectionTestCase):
    """Two enterprises and one natural person (an individual breeder), all high risk; two
    officers; a plan published for 10 April 2026, not yet drawn."""

    plan: InspectionPlan

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        make_entities(2)
        make_entities(1, start=3, natural=True)
        make_inspector(cls.reviewer, 1, user=cls.officer)
        make_inspector(cls.reviewer, 2, user=cls.officer2)
        cls.plan = publish(cls.reviewer, draft_plan(cls.reviewer, cls.item, experts=0))

    def draw(self) -> Draw:
        with time_machine.travel("2026-04-10 09:00 +08:00", tick=False):
            return drawn(self.reviewer, self.plan)

    def publish_results(self) -> None:
        """Each officer's results recorded on 20 April and published on 24 April."""
        with time_machine.travel("2026-04-20 15:00 +08:00", tick=False):
            for task in InspectionTask.objects.filter(plan=self.plan):
                actions.record_result(task, actor=self.officer, result=R.NO_PROBLEM, ended_on=D(2026, 4, 20))
        with time_machine.travel("2026-04-24 10:00 +08:00", tick=False):
            actions.publish_results(InspectionTask.objects.filter(plan=self.plan), actor=self.reviewer)


class PublicPagesTests(PublicTestCase):
    def test_every_page_answers_without_an_account(self) -> None:
        made = self.draw()
        for path in (
            "/inspections/",
            "/inspections/items/",
            f"/inspections/plans/{self.plan.pk}/",
            f"/inspections/draws/{made.pk}/",
            "/inspections/results/",
            f"/inspections/results/?plan={self.plan.pk}",
            "/inspections/verify_draw.py",
        ):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path).status_code, 200)

    def test_the_item_list_shows_each_published_item_with_its_basis_body_method_and_domain(self) -> None:
        hidden = registry.create_item(
            actor=self.reviewer,
            name="尚未公开的事项",
            legal_basis="《实验动物管理条例》",
            inspecting_body="天津市科学技术局",
            method="书面检查",
            domain="lab_animals",
        )
        response = self.client.get("/inspections/items/")
        for text in (
            self.item.name,
            "《实验动物管理条例》第五条、第二十九条",
            "天津市科学技术局",
            "现场检查、书面检查",
            "实验动物",
        ):
            self.assertContains(response, text)
        self.assertNotContains(response, hidden.name)

    def test_missing_draft_and_absurd_ids_answer_404(self) -> None:
        draft = draft_plan(self.reviewer, self.item)
        for path in (
            f"/inspections/plans/{draft.pk}/",
            "/inspections/plans/0/",
            "/inspections/plans/99999/",
            "/inspections/plans/99999999999999999999999/",
            "/inspections/draws/1/",
            "/inspections/draws/99999999999999999999999/",
            "/inspections/draws/99999999999999999999999/bundle.json",
            "/inspections/draws/5/bundle.json",
            "/inspections/results/?plan=abc",
            "/inspections/results/?plan=-3",
            f"/inspections/results/?plan={draft.pk}",
            "/inspections/results/?plan=99999999999999999999999",
        ):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path).status_code, 404)

    def test_a_plan_before_its_draw_shows_the_commitments_and_digests_but_no_secret(self) -> None:
        response = self.client.get(f"/inspections/plans/{self.plan.pk}/")
        self.assertContains(response, "2026年4月10日")
        for secret in SECRETS:
            self.assertContains(response, commitment_of(secret))
            self.assertNotContains(response, secret)
        for digest in self.plan.digests().values():
            self.assertContains(response, digest)
        self.assertContains(response, "政策法规处")
        self.assertContains(response, "抽取时公开")
        # The stratum with its ratio, its size in the frozen pool and how many will be drawn.
        (row,) = response.context["strata"]
        self.assertEqual((row.stratum.ratio, row.size, row.selected), ("1", 3, 3))
        self.assertNotContains(response, "抽取结果一经产生")

    def test_the_draw_page_shows_the_revealed_secrets_and_everything_needed_to_recompute(self) -> None:
        made = self.draw()
        response = self.client.get(f"/inspections/draws/{made.pk}/")
        for secret in SECRETS:
            self.assertContains(response, secret)
            self.assertContains(response, commitment_of(secret))
        for text in (made.seed, made.bundle_sha256, *self.plan.digests().values(), "fazhi-draw-v1"):
            self.assertContains(response, text)
        self.assertContains(response, f"/inspections/draws/{made.pk}/bundle.json")
        self.assertContains(response, "/inspections/verify_draw.py")
        self.assertContains(response, f"python verify_draw.py fazhi-draw-{made.pk}.json")
        self.assertContains(response, f"--pool-digest {self.plan.pool_digest}")
        rows = response.context["rows"]
        bundle = made.bundle
        self.assertEqual([r["entity"]["uscc"] for r in rows], [e for _s, e in bundle["selected"]])
        for r in rows:
            self.assertEqual(
                r["inspectors"], sorted(bundle["assignments"][r["entity"]["uscc"]]["inspectors"])
            )
        # The plan page now links to the draw and shows the secrets too.
        plan_page = self.client.get(f"/inspections/plans/{self.plan.pk}/")
        self.assertContains(plan_page, f"/inspections/draws/{made.pk}/")
        self.assertContains(plan_page, SECRETS[0])

    def test_a_certificate_renewed_after_the_draw_keeps_the_number_it_was_drawn_under(self) -> None:
        made = self.draw()
        inspector = self.officer.inspector
        registry.update_inspector(
            inspector,
            actor=self.reviewer,
            name=inspector.name,
            certificate_number="NEW-0001",
            certificate_expires_on=D(2031, 12, 31),
            domains=inspector.domains,
            user=self.officer,
        )
        response = self.client.get(f"/inspections/draws/{made.pk}/")
        self.assertContains(response, "120100001")
        self.assertNotContains(response, "NEW-0001")

    def test_natural_persons_are_masked_on_the_draw_page(self) -> None:
        made = self.draw()
        response = self.client.get(f"/inspections/draws/{made.pk}/")
        self.assertNotContains(response, NATURAL_NAME)
        self.assertContains(response, "王*")
        self.assertContains(response, uscc(3))
        self.assertContains(response, "天津某实验动物中心1号")  # a legal person keeps its name

    def test_the_draw_page_is_paged(self) -> None:
        made = self.draw()
        response = self.client.get(f"/inspections/draws/{made.pk}/", {"page": "x"})
        self.assertEqual(response.context["page"].number, 1)
        self.assertEqual(len(response.context["rows"]), 3)


class DownloadTests(PublicTestCase):
    def test_the_bundle_is_the_published_json_with_its_digest_and_verify_draw_accepts_it(self) -> None:
        made = self.draw()
        response = self.client.get(f"/inspections/draws/{made.pk}/bundle.json")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        self.assertEqual(response["Content-Disposition"], f'attachment; filename="fazhi-draw-{made.pk}.json"')
        body = b"".join(response.streaming_content)
        self.assertEqual(int(response["Content-Length"]), len(body))
        self.assertEqual(hashlib.sha256(body).hexdigest(), made.bundle_sha256)
        bundle = json.loads(body)
        self.assertEqual(set(bundle), set(BUNDLE_KEYS))
        self.assertEqual(bundle, made.bundle)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"fazhi-draw-{made.pk}.json"
            path.write_bytes(body)
            digests = [
                f"--{name}-digest={value}"
                for name, value in zip(
                    ("pool", "inspector", "expert", "conflict"), self.plan.digests().values(), strict=True
                )
            ]
            run = subprocess.run(  # noqa: S603 - the verifier of this repository on a file it wrote
                [sys.executable, str(VERIFIER_PATH), str(path), *digests],
                capture_output=True,
                text=True,
                check=False,
            )
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        self.assertIn("OK", run.stdout)

    def test_the_bundle_answers_304_to_its_own_etag(self) -> None:
        made = self.draw()
        response = self.client.get(
            f"/inspections/draws/{made.pk}/bundle.json", HTTP_IF_NONE_MATCH=f'"{made.bundle_sha256}"'
        )
        self.assertEqual(response.status_code, 304)

    def test_the_verifier_downloads_as_verify_draw_py(self) -> None:
        response = self.client.get("/inspections/verify_draw.py")
        self.assertEqual(response["Content-Type"], "text/x-python; charset=utf-8")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="verify_draw.py"')
        self.assertEqual(b"".join(response.streaming_content), VERIFIER_PATH.read_bytes())


class ResultListTests(PublicTestCase):
    def test_published_results_show_their_publication_date_and_mask_natural_persons(self) -> None:
        self.draw()
        self.publish_results()
        with time_machine.travel("2026-05-01 10:00 +08:00", tick=False):
            response = self.client.get("/inspections/results/", {"plan": self.plan.pk})
        self.assertEqual(len(response.context["rows"]), 3)
        self.assertContains(response, "2026年4月24日")  # published
        self.assertContains(response, "2026年5月20日")  # due: 20 working days after 20 April
        self.assertContains(response, "按期公示")
        self.assertNotContains(response, NATURAL_NAME)
        self.assertNotContains(response, "科研西路3号")
        self.assertContains(response, "王*")
        self.assertContains(response, "天津市南开区***")
        self.assertContains(response, "天津某实验动物中心1号")
        self.assertContains(response, "未发现问题")
        index = self.client.get("/inspections/")
        self.assertNotContains(index, NATURAL_NAME)
        self.assertEqual(index.context["result_count"], 3)

    def test_recorded_but_unpublished_results_are_not_shown_and_overdue_ones_stand_out(self) -> None:
        self.draw()
        with time_machine.travel("2026-04-20 15:00 +08:00", tick=False):
            task = InspectionTask.objects.filter(plan=self.plan).order_by("sequence").first()
            assert task is not None
            actions.record_result(
                task,
                actor=self.officer,
                result=R.PROBLEMS_FOUND,
                ended_on=D(2026, 4, 20),
                description="记录不全",
            )
        with time_machine.travel("2026-05-21 10:00 +08:00", tick=False):
            response = self.client.get("/inspections/results/")
            plan_page = self.client.get(f"/inspections/plans/{self.plan.pk}/")
        self.assertEqual(response.context["rows"], [])
        self.assertNotContains(response, "记录不全")
        (overdue,) = response.context["overdue"]
        self.assertEqual((overdue["task"].pk, overdue["days"]), (task.pk, 1))
        self.assertContains(response, "逾期未公示")
        self.assertContains(plan_page, "1 项检查结果已超过公示期限尚未公示")

    def test_the_index_and_the_result_list_read_a_fixed_number_of_rows(self) -> None:
        self.draw()
        self.publish_results()
        # ... and the departments of the department filter (issue 12).
        with self.assertNumQueries(6 + 1):
            self.client.get("/inspections/")
        with self.assertNumQueries(4 + 1):
            self.client.get("/inspections/results/")
