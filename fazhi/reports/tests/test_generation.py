"""Generating a report's figures with the progress shown: figure by figure, the progress in a
state file that every server process reads, one generation of a report at a time, nothing
stored by an interrupted or refused generation."""

from __future__ import annotations

import io
import json
import os
import time
from typing import Any
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import override_settings

from fazhi.core.testing import BaseTestCase
from fazhi.reports import actions, generation
from fazhi.reports.models import FigureSnapshot
from fazhi.reports.tests.factories import D, approved, at, drafted, issue_document

TEXT = "出台{{documents.issued}}件，报备{{documents.filed}}件，报备率{{documents.filing_rate}}。"


@override_settings(FAZHI_REPORT_IN_BACKGROUND=False)
class GenerationTests(BaseTestCase):
    def setUp(self) -> None:
        issue_document(self, D(2021, 3, 1))
        issue_document(self, D(2022, 1, 1))  # the next year: not counted

    def test_the_action_tells_its_progress_before_each_figure_and_at_the_end(self) -> None:
        seen: list[tuple[int, int, str]] = []
        with at("2022-01-10"):
            report = drafted(self, text=TEXT)
            actions.generate_figures(report, actor=self.reviewer, progress=lambda *p: seen.append(p))
        self.assertEqual(
            seen,
            [
                (0, 3, "印发行政规范性文件"),
                (1, 3, "报送备案行政规范性文件"),
                (2, 3, "行政规范性文件报备率"),
                (3, 3, ""),
            ],
        )
        self.assertEqual(FigureSnapshot.objects.get(key="documents.issued").value, 1)

    def test_a_generation_approved_meanwhile_stores_nothing(self) -> None:
        """The gate is checked again when the snapshots are stored, after the long computing."""
        with at("2022-01-10"):
            report = drafted(self, text=TEXT)
            actions.generate_figures(report, actor=self.reviewer)
            actions.send_to_review(report, actor=self.reviewer)

            def approve_midway(done: int, total: int, label: str) -> None:
                if done == 1:
                    actions.approve_report(
                        report, actor=self.director, meeting="局党委会", approved_on=D(2022, 1, 10)
                    )

            with self.assertRaisesMessage(actions.LegalGateClosed, "报告已审议通过"):
                actions.generate_figures(report, actor=self.reviewer, progress=approve_midway)
        self.assertEqual(FigureSnapshot.objects.filter(generation=2).count(), 0)

    def test_the_page_shows_the_outcome_once_to_the_person_who_generated(self) -> None:
        with at("2022-01-10"):
            report = drafted(self, text=TEXT)
            self.login(self.reviewer)
            response = self.client.post(f"/work/reports/{report.pk}/do/generate/")
            self.assertRedirects(
                response, f"/work/reports/{report.pk}/#generate", fetch_redirect_response=False
            )
            page = self.client.get(f"/work/reports/{report.pk}/")
            self.assertContains(page, "已生成报告数字（第 1 次生成）")
            self.assertNotContains(page, 'id="generation-progress"')
            again = self.client.get(f"/work/reports/{report.pk}/")
        self.assertNotContains(again, "已生成报告数字（第 1 次生成）")
        self.assertFalse(generation.Job(report.pk).path.exists())
        self.assertFalse(generation.Job(report.pk).claim_path.exists())

    def test_while_a_generation_runs_the_page_shows_which_figure_and_how_many_are_done(self) -> None:
        with at("2022-01-10"):
            report = drafted(self, text=TEXT)
            job = generation.Job(report.pk)
            self.assertTrue(job.claim())
            job.write(
                phase=generation.RUNNING,
                done=1,
                total=3,
                current="报送备案行政规范性文件",
                by=self.reviewer.pk,
            )
            self.login(self.reviewer)
            page = self.client.get(f"/work/reports/{report.pk}/")
            poll = self.client.get(f"/work/reports/{report.pk}/progress/")
            # A second start is refused while the first runs; nothing is stored.
            refused = self.client.post(f"/work/reports/{report.pk}/do/generate/", follow=True)
        self.assertContains(page, 'id="generation-progress"')
        self.assertContains(page, f'hx-get="/work/reports/{report.pk}/progress/"')
        self.assertNotContains(page, 'id="step-generate"')
        self.assertContains(poll, 'max="3" value="1"')
        self.assertContains(poll, "已完成 1 / 3 项（33%）")
        self.assertContains(poll, "正在计算：报送备案行政规范性文件")
        self.assertContains(refused, generation.BUSY)
        self.assertFalse(FigureSnapshot.objects.exists())

        # Done: the poll sends the page back to the report, which tells the outcome.
        with at("2022-01-10"):
            job.write(phase=generation.DONE, generation=1)
            job.release()
            over = self.client.get(f"/work/reports/{report.pk}/progress/")
        self.assertEqual(over.status_code, 204)
        self.assertEqual(over["HX-Redirect"], f"/work/reports/{report.pk}/")

    def test_a_generation_that_ends_while_the_page_is_read_is_shown_with_its_figures(self) -> None:
        from fazhi.reports import views

        with at("2022-01-10"):
            report = drafted(self, text=TEXT)
            self.login(self.reviewer)
            real = views._generation_progress

            def ends_meanwhile(request: Any, read: Any) -> Any:
                # The page has read the report; the background generation stores its figures
                # and says done before the page asks how the generation is going.
                generation.start(report, actor=self.reviewer)
                return real(request, read)

            with mock.patch.object(views, "_generation_progress", ends_meanwhile):
                page = self.client.get(f"/work/reports/{report.pk}/")
        self.assertContains(page, "已生成报告数字（第 1 次生成）")
        self.assertNotContains(page, "尚未生成")
        self.assertContains(page, 'data-key="documents.issued"')

    def test_an_interrupted_generation_is_said_and_may_be_started_again(self) -> None:
        with at("2022-01-10"):
            report = drafted(self, text=TEXT)
            job = generation.Job(report.pk)
            self.assertTrue(job.claim())
            job.write(phase=generation.RUNNING, done=1, total=3, current="x", by=self.reviewer.pk)
            old = time.time() - generation.STALE_SECONDS - 60
            os.utime(job.claim_path, (old, old))
            state = job.state()
            state["updated"] = old
            job.path.write_text(json.dumps(state), "utf-8")
            self.login(self.reviewer)
            poll = self.client.get(f"/work/reports/{report.pk}/progress/")
            page = self.client.get(f"/work/reports/{report.pk}/")
            self.assertEqual(poll.status_code, 204)
            self.assertContains(page, "上次生成报告数字被中断，未保存任何数字")
            self.assertContains(page, 'id="step-generate"')
            self.client.post(f"/work/reports/{report.pk}/do/generate/")
        self.assertEqual(FigureSnapshot.objects.get(key="documents.issued").value, 1)

    def test_a_failed_generation_says_why_and_stores_nothing(self) -> None:
        def broken(*args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("disk full")

        with at("2022-01-10"):
            report = drafted(self, text=TEXT)
            self.login(self.reviewer)
            with (
                mock.patch.object(generation.actions, "generate_figures", broken),
                self.assertLogs("fazhi.reports.generation", "ERROR"),
            ):
                self.client.post(f"/work/reports/{report.pk}/do/generate/")
            page = self.client.get(f"/work/reports/{report.pk}/")
        self.assertContains(page, "生成报告数字时出错，未保存任何数字")
        self.assertFalse(FigureSnapshot.objects.exists())
        self.assertFalse(generation.Job(report.pk).claim_path.exists())

    def test_the_step_is_refused_for_an_approved_report_and_starts_nothing(self) -> None:
        with at("2022-02-20"):
            report = approved(self, drafted(self, text=TEXT))
            with self.assertRaises(actions.LegalGateClosed):
                generation.start(report, actor=self.reviewer)
        self.assertFalse(generation.Job(report.pk).path.exists())
        self.assertFalse(generation.Job(report.pk).claim_path.exists())


class BackgroundGenerationTests(BaseTestCase):
    """In production the work runs in a thread of the server process."""

    def test_start_hands_the_work_to_a_thread(self) -> None:
        started: list[Any] = []

        class FakeThread:
            def __init__(self, *, target: Any, args: Any, kwargs: Any, daemon: bool, name: str) -> None:
                started.append((target, args, kwargs, daemon, name))

            def start(self) -> None:
                pass

        with at("2022-01-10"):
            report = drafted(self, text=TEXT)
            with mock.patch.object(generation.threading, "Thread", FakeThread):
                job = generation.start(report, actor=self.reviewer)
        self.assertEqual(
            started,
            [(generation.run, (job, self.reviewer.pk), {"own_thread": True}, True, "report-generation")],
        )
        self.assertEqual(job.state()["phase"], generation.RUNNING)
        self.assertEqual(job.state()["total"], 3)
        self.assertFalse(FigureSnapshot.objects.exists())


@override_settings(FAZHI_REPORT_IN_BACKGROUND=False)
class CommandLineTests(BaseTestCase):
    """`fazhi report generate --year Y --as USER`: each figure printed as it is computed."""

    def setUp(self) -> None:
        issue_document(self, D(2021, 3, 1))

    def call(self, *args: str) -> str:
        out = io.StringIO()
        call_command("report", "generate", *args, stdout=out)
        return out.getvalue()

    def test_the_command_prints_each_figure_then_the_generation(self) -> None:
        with at("2022-01-10"):
            report = drafted(self, text=TEXT)
            out = self.call("--year", "2021", "--as", self.reviewer.username)
        self.assertEqual(
            out.splitlines(),
            [
                "[1/3] 印发行政规范性文件",
                "[2/3] 报送备案行政规范性文件",
                "[3/3] 行政规范性文件报备率",
                f"已生成{report.title}的数字（第 1 次生成）",
            ],
        )
        self.assertEqual(FigureSnapshot.objects.get(key="documents.issued").value, 1)
        self.assertFalse(generation.Job(report.pk).claim_path.exists())

    def test_the_command_is_refused_without_the_right_while_another_runs_and_without_a_report(self) -> None:
        with at("2022-01-10"):
            report = drafted(self, text=TEXT)
            with self.assertRaisesMessage(CommandError, "无权生成报告数字"):
                self.call("--year", "2021", "--as", self.drafter.username)
            with self.assertRaisesMessage(CommandError, "没有2020年度报告"):
                self.call("--year", "2020", "--as", self.reviewer.username)
            self.assertTrue(generation.Job(report.pk).claim())
            with self.assertRaisesMessage(CommandError, generation.BUSY):
                self.call("--year", "2021", "--as", self.reviewer.username)
        self.assertFalse(FigureSnapshot.objects.exists())
