"""The administrator's page for the holiday notice, and the dashboard's reminder."""

from __future__ import annotations

import datetime

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.models import AuditEvent, CalendarDay, CalendarYear
from fazhi.core.testing import BaseTestCase, without_calendar_year
from fazhi.core.tests.notices import NOTICE_2027

URL = "/work/calendar/import/"


class TheNoticePage(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)

    def test_pasting_shows_the_year_as_a_calendar_and_confirming_saves_it(self) -> None:
        self.login(self.city_admin)
        preview = self.client.post(
            URL, {"action": "preview", "text": NOTICE_2027, "source": "国办发明电〔2026〕X号"}
        )
        self.assertContains(preview, "2027 年工作日历（待确认）")
        self.assertContains(preview, 'class="cal-day makeup" title=', count=5)
        self.assertContains(preview, 'class="cal-day holiday" title=', count=29)
        self.assertFalse(CalendarYear.objects.filter(year=2027).exists())  # nothing saved yet
        context = preview.context
        response = self.client.post(
            URL,
            {
                "action": "confirm",
                "payload": context["payload"],
                "text": context["text"],
                "source": context["source"],
            },
        )
        self.assertRedirects(response, "/work/calendar/2027/")
        self.assertEqual(CalendarDay.objects.filter(year_id=2027).count(), 34)
        event = AuditEvent.objects.get(verb="calendar.notice_imported")
        self.assertEqual(event.data["source"], "国办发明电〔2026〕X号")

    def test_a_line_it_cannot_read_is_shown_next_to_the_text_and_nothing_is_saved(self) -> None:
        self.login(self.city_admin)
        text = NOTICE_2027.replace("五、端午节：6月9日（周三）放假1天，不调休。", "五、端午节：待定。")
        response = self.client.post(URL, {"action": "preview", "text": text})
        self.assertContains(response, "五、端午节：待定。")
        self.assertIn("text", response.context["form"].errors)
        self.assertContains(response, NOTICE_2027[:20])  # the text is kept
        self.assertFalse(CalendarYear.objects.filter(year=2027).exists())

    def test_a_csv_upload_previews_the_year(self) -> None:
        self.login(self.city_admin)
        rows = "日期,类型,名称\n2027-01-01,放假,元旦\n2027-01-02,放假,元旦\n2027-01-03,放假,元旦\n2027-02-14,上班,春节\n"
        upload = SimpleUploadedFile("2027.csv", rows.encode())
        response = self.client.post(URL, {"action": "preview", "table": upload})
        self.assertContains(response, "2027 年工作日历（待确认）")

    def test_only_the_administrator_sees_the_page(self) -> None:
        self.login(self.reviewer)
        self.assertEqual(self.client.get(URL).status_code, 404)
        self.assertEqual(self.client.post(URL, {"action": "preview", "text": NOTICE_2027}).status_code, 404)


class TheDashboardReminder(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)

    def test_next_year_is_asked_for_from_1_november(self) -> None:
        self.login(self.city_admin)
        with time_machine.travel(datetime.datetime(2026, 10, 31, 10, tzinfo=datetime.UTC), tick=False):
            self.assertNotContains(self.client.get("/work/"), "2027 年工作日历尚未录入")
        with time_machine.travel(datetime.datetime(2026, 11, 1, 10, tzinfo=datetime.UTC), tick=False):
            self.login(self.city_admin)
            page = self.client.get("/work/")
        self.assertContains(page, "2027 年工作日历尚未录入")
        self.assertContains(page, URL)

    def test_the_calendar_page_says_what_the_missing_year_blocks(self) -> None:
        with time_machine.travel(datetime.datetime(2026, 12, 20, 10, tzinfo=datetime.UTC), tick=False):
            self.login(self.city_admin)
            page = self.client.get("/work/calendar/")
        self.assertContains(page, "需要该日期本身才能把关的步骤须等待")
        self.assertContains(page, URL)


class TheYearEnteredDayByDay(BaseTestCase):
    def test_the_administrator_computes_the_pending_dates_when_the_year_is_complete(self) -> None:
        from fazhi.core.calendar import create_calendar_year

        without_calendar_year(2027)
        create_calendar_year(2027, source="国务院办公厅通知", actor=self.city_admin)
        self.login(self.city_admin)
        response = self.client.post("/work/calendar/2027/", {"action": "fill_pending"}, follow=True)
        self.assertContains(response, "已计算各系统待定的期限 0 条")
        self.login(self.reviewer)
        self.assertEqual(
            self.client.post("/work/calendar/2027/", {"action": "fill_pending"}).status_code, 404
        )
