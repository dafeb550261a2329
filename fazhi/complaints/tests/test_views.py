"""The staff pages of complaints: who may open them (the legal affairs division and the
leadership every complaint, a division those it handles, others 404), entering a complaint with
the refusal next to its field, each step on a complaint's page, the .xlsx import of 12345
transfers (a bad row named, nothing of a bad file saved), the worklist and the English page."""

from __future__ import annotations

import io
from typing import Any

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from fazhi.complaints.models import Complaint
from fazhi.complaints.tests.base import ComplaintTestCase, D
from fazhi.core.worklist import work_items_for

LIST = reverse("complaints:list")
CREATE = reverse("complaints:create")
IMPORT = reverse("complaints:import")
HEADER = ["12345工单号", "收到日期", "类别", "事由", "投诉举报内容", "匿名", "姓名或单位", "联系电话"]


def flashed(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def xlsx(rows: list[list[Any]], header: list[str] = HEADER) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("12345转办.xlsx", buffer.getvalue())


class AccessTests(ComplaintTestCase):
    def test_the_division_sees_only_what_it_handles_and_others_nothing(self) -> None:
        mine = self.accepted()
        other = self.entered(hotline_ticket="GD2", subject="另一件")
        self.login(self.drafter)
        response = self.client.get(LIST + "?year=2026")
        self.assertContains(response, mine.subject)
        self.assertNotContains(response, "另一件")
        self.assertEqual(self.client.get(reverse("complaints:detail", args=[other.pk])).status_code, 404)
        self.login(self.outsider)
        self.assertEqual(self.client.get(reverse("complaints:detail", args=[mine.pk])).status_code, 404)
        for person in (self.officer, self.advisor, self.filing_officer, self.admin_user):
            self.login(person)
            self.assertEqual(self.client.get(LIST).status_code, 404)

    def test_the_register_shows_the_years_figures_to_the_legal_division_and_the_leadership(self) -> None:
        self.answered()
        for person in (self.reviewer, self.director):
            self.login(person)
            response = self.client.get(LIST + "?year=2026")
            figures = response.context["figures"]
            self.assertEqual((figures.received, figures.accepted, figures.answered_in_time), (1, 1, 1))
        self.login(self.drafter)
        self.assertIsNone(self.client.get(LIST).context["figures"])

    def test_the_list_takes_a_fixed_number_of_queries(self) -> None:
        self.accepted()
        self.login(self.reviewer)
        self.client.get(LIST)
        for n in range(2, 8):
            self.entered(hotline_ticket=f"GD{n}")
        with self.assertNumQueries(9):
            self.client.get(LIST + "?year=2026")

    def test_the_overdue_filter_lists_what_is_past_its_due_date(self) -> None:
        late = self.entered(hotline_ticket="GD-late", subject="受理决定已逾期")  # due 9 November
        self.accepted(self.entered(hotline_ticket="GD-ok", subject="答复未到期"))  # due 3 December
        self.login(self.reviewer)
        response = self.client.get(LIST + "?year=2026&status=overdue")
        self.assertEqual([c.pk for c in response.context["page"]], [late.pk])
        self.assertContains(response, "已逾期")

    def test_the_menu_and_the_english_page(self) -> None:
        self.login(self.reviewer)
        response = self.client.get(LIST, HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "Complaints about enforcement")
        self.assertContains(response, reverse("complaints:import"))


class EntryPageTests(ComplaintTestCase):
    def test_the_reviewer_enters_a_letter_and_sees_the_code_once(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            CREATE,
            {
                "channel": "letter",
                "received_on": "2026-11-09",
                "kind": "report",
                "subject": "执法人员收受礼品",
                "content": "举报某执法人员检查时收受礼品。",
                "anonymous": "on",
            },
        )
        complaint = Complaint.objects.get()
        self.assertRedirects(response, reverse("complaints:detail", args=[complaint.pk]))
        self.assertIn("查询码", flashed(response)[0])
        self.assertEqual(complaint.status, "registered")

    def test_a_refusal_is_shown_next_to_its_field_with_the_input_kept(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            CREATE,
            {
                "channel": "hotline",
                "received_on": "2026-11-09",
                "kind": "complaint",
                "subject": "事由X",
                "content": "内容",
            },
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("12345 工单号", response.context["form"].errors["hotline_ticket"][0])
        self.assertContains(response, "事由X")
        self.assertFalse(Complaint.objects.exists())

    def test_only_the_legal_division_enters(self) -> None:
        for person in (self.drafter, self.director):
            self.login(person)
            self.assertEqual(self.client.get(CREATE).status_code, 404)


class DetailStepTests(ComplaintTestCase):
    def step(self, complaint: Complaint, action: str, data: dict[str, Any]) -> Any:
        response = self.client.post(
            reverse("complaints:action", args=[complaint.pk, action]),
            {f"{action}-{k}": v for k, v in data.items()},
        )
        # A refused step answers 303 to the complaint's page, which shows it (core.refusals).
        return self.client.get(response["Location"]) if response.status_code == 303 else response

    def test_the_reviewer_accepts_and_the_division_answers_on_the_page(self) -> None:
        complaint = self.entered()
        self.login(self.reviewer)
        page = self.client.get(reverse("complaints:detail", args=[complaint.pk]))
        self.assertIn("accept", page.context["forms"])
        self.assertContains(page, "13800000000")  # staff see the contact, labelled not public
        response = self.step(
            complaint,
            "accept",
            {
                "decided_on": "2026-11-03",
                "division": self.sci_division.pk,
                "reason": "属于本局职责",
                "notice": "已受理",
                "notice_method": "phone",
            },
        )
        self.assertRedirects(response, reverse("complaints:detail", args=[complaint.pk]) + "#decision")
        self.login(self.drafter)
        page = self.client.get(reverse("complaints:detail", args=[complaint.pk]))
        self.assertEqual(set(page.context["forms"]), {"answer"})
        response = self.step(
            complaint,
            "answer",
            {"replied_on": "2026-11-10", "findings": "核实", "reply": "答复内容", "reply_method": "email"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("未留电子邮箱", response.context["forms"]["answer"].errors["reply_method"][0])
        response = self.step(
            complaint,
            "answer",
            {"replied_on": "2026-11-10", "findings": "核实", "reply": "答复内容", "reply_method": "phone"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Complaint.objects.get().status, "answered")

    def test_a_step_not_ones_own_is_not_there(self) -> None:
        complaint = self.accepted()
        self.login(self.director)
        response = self.step(complaint, "answer", {"replied_on": "2026-11-10"})
        self.assertEqual(response.status_code, 404)
        self.login(self.reviewer)
        self.assertEqual(self.step(complaint, "nonsense", {}).status_code, 404)

    def test_the_worklist_asks_each_side_for_its_part(self) -> None:
        waiting = self.entered()
        titles = [i.title for i in work_items_for(self.reviewer)]
        self.assertIn(f"投诉举报待作出受理决定：{waiting.subject}", titles)
        self.accepted(waiting)
        (item,) = [i for i in work_items_for(self.drafter) if "投诉举报" in i.title]
        self.assertEqual(item.due.due, D(2026, 12, 3))
        self.assertFalse([i for i in work_items_for(self.outsider) if "投诉举报" in i.title])


class ImportTests(ComplaintTestCase):
    def test_a_clean_file_is_entered_whole_with_the_codes_listed_once(self) -> None:
        self.login(self.reviewer)
        upload = xlsx(
            [
                ["GD001", "2026-11-05", "投诉", "检查未出示证件", "内容一", "否", "钱七", "13600000000"],
                ["GD002", D(2026, 11, 6), "举报", "执法不公", "内容二", "是", "", ""],
            ]
        )
        response = self.client.post(IMPORT, {"file": upload})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["entered"]), 2)
        self.assertEqual(Complaint.objects.filter(status="registered", channel="hotline").count(), 2)
        self.assertTrue(Complaint.objects.get(hotline_ticket="GD002").anonymous)

    def test_a_bad_row_is_named_with_its_reason_and_nothing_is_saved(self) -> None:
        self.entered(hotline_ticket="GD009")
        self.login(self.reviewer)
        upload = xlsx(
            [
                ["GD001", "2026-11-05", "投诉", "事由", "内容", "否", "", ""],
                ["", "2026-11-05", "投诉", "事由", "内容", "否", "", ""],
                ["GD001", "2026-13-40", "意见", "事由", "内容", "是", "钱七", ""],
                ["GD009", "2026-11-05", "投诉", "", "内容", "否", "", ""],
            ]
        )
        response = self.client.post(IMPORT, {"file": upload})
        errors = response.context["report"].errors
        self.assertEqual({line for line, _reason in errors}, {3, 4, 5})
        reasons = " ".join(reason for _line, reason in errors)
        for words in (
            "应填写 12345 工单号",
            "与第 2 行重复",
            "不是日期",
            "类别“意见”不正确",
            "匿名投诉举报不填写",
            "缺少事由",
        ):
            self.assertIn(words, reasons)
        self.assertEqual(Complaint.objects.count(), 1)

    def test_a_registered_ticket_and_a_file_that_is_not_excel_are_refused(self) -> None:
        self.entered(hotline_ticket="GD009")
        self.login(self.reviewer)
        response = self.client.post(
            IMPORT, {"file": xlsx([["GD009", "2026-11-05", "投诉", "s", "c", "否", "", ""]])}
        )
        self.assertIn("GD009 已登记", response.context["report"].errors[0][1])
        response = self.client.post(IMPORT, {"file": SimpleUploadedFile("a.xlsx", b"not excel")})
        self.assertIn("不是有效的 Excel 文件", response.context["report"].file_error)
        response = self.client.post(IMPORT, {"file": xlsx([["GD1"]], header=["12345工单号"])})
        self.assertIn("缺少必需的列", response.context["report"].file_error)
        self.assertEqual(Complaint.objects.count(), 1)
