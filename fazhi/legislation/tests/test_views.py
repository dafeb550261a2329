from __future__ import annotations

from fazhi.core.models import Law, LawVersion
from fazhi.legislation import actions
from fazhi.legislation.models import LegislativeProject
from fazhi.legislation.tests.base import TITLE, D, LegislationTestCase, on

G = LegislativeProject.Stage


class LawPageTests(LegislationTestCase):
    def test_every_member_of_staff_reads_the_register_and_a_laws_history(self) -> None:
        self.login(self.outsider)
        self.assertContains(self.client.get("/work/legislation/laws/"), TITLE)
        response = self.client.get(f"/work/legislation/laws/{self.law.pk}/")
        self.assertContains(response, "2015年12月1日")
        self.assertNotContains(response, 'id="add-version"')

    def test_the_legal_affairs_division_adds_a_law_and_a_version(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            "/work/legislation/laws/new/",
            {"title": "天津市科技进步条例", "kind": "local_regulation", "issuing_body": ""},
        )
        law = Law.objects.get(title="天津市科技进步条例")
        self.assertRedirects(response, f"/work/legislation/laws/{law.pk}/")
        response = self.client.post(
            f"/work/legislation/laws/{law.pk}/versions/new/",
            {"kind": "adopted", "adopted_on": "2010-09-25", "effective_on": "2010-12-01"},
        )
        self.assertEqual(law.versions.count(), 1)

    def test_a_refused_version_comes_back_next_to_its_field_with_the_input_kept(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            f"/work/legislation/laws/{self.law.pk}/versions/new/",
            {
                "kind": "amended",
                "adopted_on": "2026-02-01",
                "effective_on": "2026-01-01",
                "note": "保留的说明",
            },
        )
        self.assertContains(response, "施行日期不得早于通过（公布）日期")
        self.assertContains(response, "保留的说明")
        self.assertFalse(LawVersion.objects.filter(law=self.law, kind="amended").exists())

    def test_a_drafter_cannot_open_the_law_forms(self) -> None:
        self.login(self.drafter)
        self.assertEqual(self.client.get("/work/legislation/laws/new/").status_code, 404)
        self.assertEqual(
            self.client.get(f"/work/legislation/laws/{self.law.pk}/versions/new/").status_code, 404
        )


class ProjectPageTests(LegislationTestCase):
    def test_the_reviewer_enters_a_project_and_takes_it_to_public_comment(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            "/work/legislation/new/",
            {
                "title": "《天津市科学技术普及条例》修订",
                "law_kind": "local_regulation",
                "change": "revised",
                "law": self.law.pk,
                "plan_year": 2026,
                "plan_kind": "formal",
                "part": "lead",
                "division": self.sci_division.pk,
            },
        )
        project = LegislativeProject.objects.get()
        self.assertRedirects(response, f"/work/legislation/{project.pk}/")
        self.client.post(f"/work/legislation/{project.pk}/start_drafting/", {})
        self.client.post(
            f"/work/legislation/{project.pk}/save_draft/",
            {"save_draft-draft_text": "第一条", "save_draft-explanation": ""},
        )
        response = self.client.post(
            f"/work/legislation/{project.pk}/open_comment/",
            {"open_comment-closes_on": "2026-03-20"},
            follow=True,
        )
        self.assertContains(response, "截止日不得早于 2026年4月1日")
        self.assertContains(response, "待确认")
        self.client.post(
            f"/work/legislation/{project.pk}/open_comment/", {"open_comment-closes_on": "2026-04-01"}
        )
        project.refresh_from_db()
        self.assertEqual(project.stage, G.PUBLIC_COMMENT)

    def test_a_comment_is_answered_on_its_row_and_a_missing_reason_is_shown_there(self) -> None:
        project = self.commented()
        comment = actions.add_comment(project, text="建议增加科普基地认定条款")
        self.login(self.reviewer)
        url = f"/work/legislation/{project.pk}/comments/{comment.pk}/answer/"
        response = self.client.post(
            url,
            {f"c{comment.pk}-adoption": "not_adopted", f"c{comment.pk}-answer": ""},
            follow=True,
        )
        self.assertContains(response, "请填写不采纳或部分采纳的理由")
        response = self.client.post(
            url, {f"c{comment.pk}-adoption": "partly_adopted", f"c{comment.pk}-answer": "部分吸收"}
        )
        self.assertEqual(response.status_code, 302)
        comment.refresh_from_db()
        self.assertEqual(comment.adoption, "partly_adopted")

    def test_a_division_sees_its_project_but_takes_no_step(self) -> None:
        project = self.commented()
        self.login(self.drafter)
        response = self.client.get(f"/work/legislation/{project.pk}/")
        self.assertContains(response, project.title)
        self.assertNotContains(response, 'id="step-add_comment"')
        self.assertEqual(
            self.client.post(
                f"/work/legislation/{project.pk}/terminate/", {"terminate-reason": "x"}
            ).status_code,
            404,
        )

    def test_another_division_does_not_see_the_project(self) -> None:
        project = self.project()
        self.login(self.outsider)
        self.assertEqual(self.client.get(f"/work/legislation/{project.pk}/").status_code, 404)
        self.assertNotContains(self.client.get("/work/legislation/"), project.title)

    def test_the_list_pins_its_query_count(self) -> None:
        for i in range(3):
            self.project(title=f"项目{i}")
        self.login(self.reviewer)
        self.client.get("/work/legislation/")
        with self.assertNumQueries(8):  # session, user, permissions (2), count, groups, organization, rows
            self.client.get("/work/legislation/?year=2026")
        self.project(title="项目3")
        with self.assertNumQueries(8):
            self.client.get("/work/legislation/?year=2026")


class FlagPageTests(LegislationTestCase):
    def test_the_drafter_records_the_check_on_the_flags_page(self) -> None:
        from fazhi.core import laws
        from fazhi.documents import actions as document_actions
        from fazhi.legislation.models import CitationFlag

        document_actions.create_document(actor=self.drafter, title="某办法", text=f"根据《{TITLE}》")
        with on("2026-03-02"):
            laws.record_law_version(
                self.law,
                kind="amended",
                adopted_on=D(2026, 2, 1),
                effective_on=D(2026, 3, 1),
                actor=self.reviewer,
            )
        flag = CitationFlag.objects.get(subject="document")
        self.login(self.outsider)
        self.assertEqual(self.client.get(f"/work/legislation/flags/{flag.pk}/").status_code, 404)
        self.login(self.drafter)
        self.assertContains(self.client.get("/work/"), "请核对：某办法")
        response = self.client.post(f"/work/legislation/flags/{flag.pk}/", {"note": ""}, follow=True)
        self.assertContains(response, "请填写核对结果")
        self.client.post(f"/work/legislation/flags/{flag.pk}/", {"note": "所引条款未变"})
        flag.refresh_from_db()
        self.assertEqual(flag.status, "checked")
