"""The staff pages of the report and the public column /reports/."""

from __future__ import annotations

from django.test import override_settings

from fazhi.core.testing import BaseTestCase
from fazhi.reports.models import AnnualReport
from fazhi.reports.tests.factories import D, at, drafted, issue_document, published


@override_settings(FAZHI_REPORT_IN_BACKGROUND=False)
class StaffPageTests(BaseTestCase):
    def setUp(self) -> None:
        self.doc = issue_document(self, D(2021, 3, 1))

    def test_the_legal_affairs_division_creates_a_report_from_the_list(self) -> None:
        self.login(self.reviewer)
        with at("2022-01-10"):
            response = self.client.post(
                "/work/reports/", {"year": "2021", "order": "duty_first_other", "title": "", "preamble": ""}
            )
        report = AnnualReport.objects.get()
        self.assertRedirects(response, f"/work/reports/{report.pk}/", fetch_redirect_response=False)
        self.assertEqual(report.part_order, ["duty", "measures", "shortcomings", "plan", "other"])

    def test_a_bad_year_is_refused_next_to_the_field_and_nothing_is_saved(self) -> None:
        self.login(self.reviewer)
        with at("2022-01-10"):
            response = self.client.post("/work/reports/", {"year": "abc", "order": "measures_first"})
        self.assertContains(response, "请填写年份数字")
        self.assertFalse(AnnualReport.objects.exists())

    def test_generating_and_opening_a_figures_records(self) -> None:
        with at("2022-01-10"):
            report = drafted(self)
            self.login(self.reviewer)
            response = self.client.post(f"/work/reports/{report.pk}/do/generate/")
            self.assertEqual(response.status_code, 302)
            page = self.client.get(f"/work/reports/{report.pk}/")
            records = self.client.get(f"/work/reports/{report.pk}/figures/documents.issued/")
        self.assertContains(page, f'href="/work/reports/{report.pk}/figures/documents.issued/"')
        self.assertContains(page, "数据暂缺")
        self.assertContains(records, self.doc.title)
        self.assertContains(records, "documents.NormativeDocument")

    def test_editing_a_section(self) -> None:
        with at("2022-01-10"):
            report = drafted(self)
            section = report.sections.get(part="plan")
            self.login(self.reviewer)
            form = self.client.get(f"/work/reports/{report.pk}/sections/{section.pk}/")
            self.assertContains(form, "{{documents.issued}}")
            response = self.client.post(
                f"/work/reports/{report.pk}/sections/{section.pk}/",
                {"do": "edit", "edit-heading": "2022年安排", "edit-text": "继续推进。"},
            )
        self.assertEqual(response.status_code, 302)
        section.refresh_from_db()
        self.assertEqual((section.heading, section.text), ("2022年安排", "继续推进。"))

    def test_the_director_is_offered_approval_and_a_drafter_only_reads(self) -> None:
        with at("2022-01-10"):
            report = drafted(self)
            self.login(self.reviewer)
            self.client.post(f"/work/reports/{report.pk}/do/generate/")
            self.client.post(f"/work/reports/{report.pk}/do/send_to_review/")
            self.login(self.director)
            self.assertContains(self.client.get(f"/work/reports/{report.pk}/"), 'id="step-approve"')
            self.login(self.drafter)
            page = self.client.get(f"/work/reports/{report.pk}/")
            self.assertNotContains(page, 'id="step-approve"')
            self.assertEqual(self.client.post(f"/work/reports/{report.pk}/do/generate/").status_code, 404)

    def test_a_report_of_another_agency_is_not_found(self) -> None:
        from fazhi.core.testing import make_department

        other = make_department()
        with at("2022-01-10"):
            from fazhi.reports import actions

            # Another department's report, made by its own legal affairs division (issue 12: the
            # bureau's reviewer may not make one for another agency).
            report = actions.create_report(actor=other.reviewer, agency=other.agency, year=2021)
        self.login(self.reviewer)
        self.assertEqual(self.client.get(f"/work/reports/{report.pk}/").status_code, 404)


class PublicColumnTests(BaseTestCase):
    def test_a_draft_is_not_public(self) -> None:
        with at("2022-01-10"):
            drafted(self)
        self.assertEqual(self.client.get("/reports/2021/").status_code, 404)
        self.assertEqual(self.client.get("/reports/2021/report.docx").status_code, 404)
        self.assertNotContains(self.client.get("/reports/"), "2021年法治政府建设情况报告")

    def test_a_published_report_is_read_with_its_charts_data_table_and_docx(self) -> None:
        issue_document(self, D(2021, 3, 1))
        with at("2022-03-10"):
            published(self, drafted(self))
        self.assertContains(self.client.get("/reports/"), "/reports/2021/")
        page = self.client.get("/reports/2021/")
        self.assertContains(page, "全年出台行政规范性文件")
        self.assertContains(page, 'data-chart="chart-1"')
        self.assertContains(page, 'id="figures-table"')
        download = self.client.get("/reports/2021/report.docx")
        self.assertEqual(download.status_code, 200)
        self.assertIn("attachment", download["Content-Disposition"])

    def test_a_years_figures_stand_beside_the_previous_years(self) -> None:
        issue_document(self, D(2020, 3, 1))
        issue_document(self, D(2021, 3, 1))
        issue_document(self, D(2021, 4, 1))
        with at("2021-03-10"):
            published(self, drafted(self, year=2020))
        with at("2022-03-10"):
            published(self, drafted(self))
        page = self.client.get("/reports/2021/")
        rows = [r for r in page.context["figures"] if r["key"] == "documents.issued"]
        self.assertEqual((rows[0]["value"], rows[0]["previous"]), (2, 1))


class ApprovedReportPageTests(BaseTestCase):
    def test_the_page_says_on_request_which_figures_the_records_have_moved(self) -> None:
        issue_document(self, D(2021, 3, 1))
        with at("2022-03-10"):
            report = published(self, drafted(self))
            issue_document(self, D(2021, 12, 31))
            self.login(self.reviewer)
            page = self.client.get(f"/work/reports/{report.pk}/")
            self.assertContains(page, "核对记录是否已变化")
            self.assertEqual(page.context["changes"], [])
            checked = self.client.get(f"/work/reports/{report.pk}/?check=1")
        moved = {c.key: c for c in checked.context["changes"]}
        self.assertEqual(moved["documents.issued"].delta_display, "+1")
        self.assertContains(checked, "记录已变化的数字")


@override_settings(FAZHI_REPORT_IN_BACKGROUND=False)
class PhrasingToggleTests(BaseTestCase):
    def test_staff_switch_a_figure_to_approximate_from_the_figures_table(self) -> None:
        for _ in range(63):
            issue_document(self, D(2021, 3, 1))
        with at("2022-01-10"):
            report = drafted(self)
            self.login(self.reviewer)
            self.client.post(f"/work/reports/{report.pk}/do/generate/")
            page = self.client.get(f"/work/reports/{report.pk}/")
            self.assertContains(page, "改为约数")
            self.client.post(
                f"/work/reports/{report.pk}/do/phrasing/",
                {"phrasing-key": "documents.issued", "phrasing-phrasing": "approximate"},
            )
            page = self.client.get(f"/work/reports/{report.pk}/")
        self.assertContains(page, ">60余</a>")
        self.assertContains(page, "改为精确")


class ContributionPageTests(BaseTestCase):
    def setUp(self) -> None:
        from fazhi.reports import actions

        with at("2022-01-10"):
            self.report = drafted(self)
            section = self.report.sections.get(part="duty")
            self.task = actions.assign_contribution(
                section, actor=self.reviewer, division=self.sci_division, due_on=D(2022, 1, 20)
            )
            actions.open_contributions(self.report, actor=self.reviewer)

    def test_the_division_submits_its_contribution_from_its_page(self) -> None:
        with at("2022-01-12"):
            self.login(self.drafter)
            response = self.client.post(
                f"/work/reports/tasks/{self.task.pk}/", {"text": "局主要负责人亲自部署。"}
            )
            self.assertEqual(response.status_code, 302)
            page = self.client.get(f"/work/reports/tasks/{self.task.pk}/")
        self.assertContains(page, "已于")
        self.task.refresh_from_db()
        self.assertIsNotNone(self.task.submitted_at)

    def test_another_division_reads_but_cannot_submit(self) -> None:
        with at("2022-01-12"):
            self.login(self.outsider)
            self.assertEqual(self.client.get(f"/work/reports/tasks/{self.task.pk}/").status_code, 200)
            response = self.client.post(f"/work/reports/tasks/{self.task.pk}/", {"text": "文字"})
        self.assertEqual(response.status_code, 404)

    def test_an_empty_contribution_is_refused_next_to_the_field(self) -> None:
        with at("2022-01-12"):
            self.login(self.drafter)
            response = self.client.post(f"/work/reports/tasks/{self.task.pk}/", {"text": " "}, follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["text"])

    def test_the_report_page_reads_in_english(self) -> None:
        from django.utils import translation

        self.addCleanup(translation.deactivate)  # the request leaves English active in this thread
        with at("2022-01-12"):
            self.login(self.reviewer)
            page = self.client.get(f"/work/reports/{self.report.pk}/", headers={"Accept-Language": "en"})
        self.assertContains(page, "Division contributions")
        self.assertContains(page, "Report figures")
        self.assertContains(page, "一、主要举措和成效")  # the report itself stays Chinese
