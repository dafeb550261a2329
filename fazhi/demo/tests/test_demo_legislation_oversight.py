from __future__ import annotations

import datetime

import time_machine
from django.test import TestCase

from fazhi.core import figures
from fazhi.core.models import CalendarYear, Law
from fazhi.demo.data import load_demo
from fazhi.legislation.models import LegislativeProject
from fazhi.oversight.models import Oversight

TITLES = {"天津市科学技术普及条例", "天津市科技成果转化条例", "天津国家自主创新示范区条例"}


@time_machine.travel("2026-06-16 10:00 +08:00", tick=False)
class DemoLegislationTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.notes = load_demo()["notes"]

    def test_the_three_regulations_of_the_report_were_amended_in_2021(self) -> None:
        for law in Law.objects.filter(title__in=TITLES):
            with self.subTest(law=law.title):
                kinds = list(law.versions.order_by("effective_on").values_list("kind", "adopted_on"))
                self.assertEqual([k for k, _d in kinds], ["adopted", "amended"])
                self.assertEqual(kinds[1][1].year, 2021)
        value = figures.compute("legislation.regulations_amended", None, 2021)
        self.assertEqual(value.value, 3)
        self.assertEqual(figures.compute("legislation.projects.promulgated", None, 2021).value, 3)

    def test_the_2026_revision_is_open_for_comment_on_the_day_the_demo_is_built(self) -> None:
        project = LegislativeProject.objects.get(plan_year=2026, part="lead", change="revised")
        self.assertEqual(project.stage, "public_comment")
        self.assertTrue(project.comment_window_open(datetime.date(2026, 6, 16)))
        self.assertEqual(project.comments.filter(adoption="").count(), 1)
        self.assertNotIn("立法项目征求意见未能开始", " ".join(self.notes))

    def test_the_2021_evaluation_and_central_inspection_are_closed_with_every_finding_rectified(self) -> None:
        closed = Oversight.objects.filter(year=2021)
        self.assertEqual(set(closed.values_list("kind", flat=True)), {"third_party", "central_inspection"})
        self.assertEqual(set(closed.values_list("status", flat=True)), {"closed"})
        self.assertEqual(figures.compute("oversight.findings", None, 2021).value, 4)
        self.assertEqual(figures.compute("oversight.findings_rectified", None, 2021).value, 4)
        for o in closed:
            self.assertTrue(o.head_parts.filter(kind="report_in_person").exists())

    def test_every_page_of_the_demo_opens_for_the_reviewer_and_the_public(self) -> None:
        from fazhi.core.models import User

        self.client.force_login(User.objects.get(username="reviewer"))
        urls = [
            "/work/legislation/",
            "/work/legislation/laws/",
            "/work/legislation/flags/?status=",
            "/work/oversight/",
        ]
        urls += [f"/work/legislation/{pk}/" for pk in LegislativeProject.objects.values_list("pk", flat=True)]
        urls += [f"/work/legislation/laws/{pk}/" for pk in Law.objects.values_list("pk", flat=True)]
        urls += [f"/work/oversight/{pk}/" for pk in Oversight.objects.values_list("pk", flat=True)]
        for url in urls:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)
        self.assertContains(self.client.get("/work/"), "草案意见待答复")
        self.client.logout()
        self.assertContains(self.client.get("/legislation/"), "《天津市科学技术普及条例》修订")

    def test_loading_twice_changes_nothing(self) -> None:
        before = (Law.objects.count(), LegislativeProject.objects.count(), Oversight.objects.count())
        load_demo()
        self.assertEqual(
            (Law.objects.count(), LegislativeProject.objects.count(), Oversight.objects.count()), before
        )


class DemoLegislationCalendarTests(TestCase):
    def test_a_window_reaching_an_uncovered_year_opens_on_its_bound_and_is_extended_later(self) -> None:
        CalendarYear.objects.filter(year=2027).delete()
        with time_machine.travel("2026-12-20 10:00 +08:00", tick=False):
            notes = load_demo()["notes"]
        self.assertEqual(notes, [])
        project = LegislativeProject.objects.get(plan_year=2026, part="lead", change="revised")
        self.assertEqual(project.stage, "public_comment")
        self.assertEqual(
            project.comment_closes_on, datetime.date(2027, 2, 3)
        )  # 45 days, past the 30-day bound
