"""The holiday notice parsed from the State Council's own wording, checked against the
chinesecalendar package for the years it holds, and entered in one step."""

from __future__ import annotations

import datetime
import json
import tempfile
from io import StringIO
from pathlib import Path

from chinese_calendar.constants import holidays as package_holidays
from chinese_calendar.constants import workdays as package_workdays
from django.core.management import call_command
from django.test import TestCase

from fazhi.core.audit import verify_chain
from fazhi.core.holiday_notice import NoticeError, import_year, parse_notice, parse_table
from fazhi.core.models import AuditEvent, CalendarDay, CalendarYear
from fazhi.core.testing import BaseTestCase, without_calendar_year
from fazhi.core.tests.notices import NOTICE_2024, NOTICE_2025, NOTICE_2026, NOTICE_2027

D = datetime.date


def package_year(year: int) -> tuple[list[D], list[D]]:
    return (
        sorted(d for d in package_holidays if d.year == year),
        sorted(d for d in package_workdays if d.year == year),
    )


class TheNoticesOf2024To2026ParseToThePackagesDates(TestCase):
    def test_every_holiday_and_make_up_day_of_each_year_matches_chinesecalendar(self) -> None:
        for year, text in ((2024, NOTICE_2024), (2025, NOTICE_2025), (2026, NOTICE_2026)):
            with self.subTest(year=year):
                parsed = parse_notice(text)
                self.assertEqual(parsed.year, year)
                holidays, workdays = package_year(year)
                self.assertEqual(sorted(parsed.holidays), holidays)
                self.assertEqual(sorted(parsed.workdays), workdays)

    def test_a_single_day_without_a_range_is_one_holiday(self) -> None:
        parsed = parse_notice(NOTICE_2024)
        self.assertEqual(parsed.holidays[D(2024, 6, 10)], "端午节")
        self.assertNotIn(D(2024, 6, 9), parsed.holidays)  # 与周末连休: the weekend is rest anyway
        self.assertEqual(parse_notice(NOTICE_2025).holidays[D(2025, 1, 1)], "元旦")

    def test_a_run_that_crosses_a_month_has_every_day(self) -> None:
        parsed = parse_notice(NOTICE_2025)
        run = [D(2025, 1, 28) + datetime.timedelta(days=i) for i in range(8)]
        self.assertTrue(all(parsed.holidays[d] == "春节" for d in run))
        self.assertEqual(parsed.holidays[D(2025, 6, 2)], "端午节")

    def test_two_festivals_on_one_line_share_the_run(self) -> None:
        parsed = parse_notice(NOTICE_2025)
        self.assertEqual(parsed.holidays[D(2025, 10, 8)], "国庆节、中秋节")
        self.assertEqual(parsed.workdays[D(2025, 10, 11)], "国庆节、中秋节")

    def test_a_make_up_day_on_a_sunday_is_a_working_day(self) -> None:
        parsed = parse_notice(NOTICE_2024)
        self.assertEqual(D(2024, 2, 18).weekday(), 6)
        self.assertEqual(parsed.workdays[D(2024, 2, 18)], "春节")

    def test_the_remark_about_new_years_eve_is_not_a_holiday(self) -> None:
        self.assertNotIn(D(2024, 2, 9), parse_notice(NOTICE_2024).holidays)


class ATextItCannotReadIsRefusedWithTheLine(TestCase):
    def test_an_unreadable_festival_line_is_named(self) -> None:
        text = NOTICE_2027.replace(
            "三、清明节：4月3日（周六）至5日（周一）放假，共3天。", "三、清明节：清明前后放假三天。"
        )
        with self.assertRaisesMessage(NoticeError, "三、清明节：清明前后放假三天。"):
            parse_notice(text)

    def test_a_count_that_disagrees_with_the_dates_is_refused(self) -> None:
        with self.assertRaisesMessage(NoticeError, "放假天数与日期不符"):
            parse_notice(NOTICE_2027.replace("共9天", "共8天"))

    def test_a_make_up_day_on_a_weekday_is_refused(self) -> None:
        with self.assertRaisesMessage(NoticeError, "不是周末"):
            parse_notice(NOTICE_2027.replace("2月14日（周日）上班", "2月15日（周一）上班"))

    def test_a_date_outside_the_year_is_refused(self) -> None:
        with self.assertRaisesMessage(NoticeError, "不在 2027 年内"):
            parse_notice(
                NOTICE_2027.replace(
                    "一、元旦：1月1日（周五）至3日（周日）放假，共3天。",
                    "一、元旦：2026年12月31日（周四）至2027年1月3日（周日）放假，共4天。",
                )
            )

    def test_a_text_without_the_year_or_festival_lines_is_refused(self) -> None:
        with self.assertRaisesMessage(NoticeError, "未找到通知所属年份"):
            parse_notice("一、元旦：1月1日放假。")
        with self.assertRaisesMessage(NoticeError, "未找到节日安排"):
            parse_notice("国务院办公厅关于2027年部分节假日安排的通知\n各地要妥善安排。")


class AYearEnteredFromATable(TestCase):
    def test_a_csv_of_dates_gives_the_same_year_as_the_notice(self) -> None:
        notice = parse_notice(NOTICE_2027)
        rows = ["日期,类型,名称"]
        rows += [f"{d.isoformat()},放假,{n}" for d, n in sorted(notice.holidays.items())]
        rows += [f"{d.isoformat()},上班,{n}" for d, n in sorted(notice.workdays.items())]
        parsed = parse_table("\n".join(rows).encode(), "2027.csv")
        self.assertEqual(parsed.as_json(), notice.as_json())

    def test_an_xlsx_of_dates_is_read_and_a_gap_in_a_run_is_refused(self) -> None:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["日期", "类型", "名称"])
        for day in (D(2027, 10, 1), D(2027, 10, 2), D(2027, 10, 4)):
            sheet.append([day, "放假", "国庆节"])
        buffer = tempfile.SpooledTemporaryFile()
        book.save(buffer)
        buffer.seek(0)
        with self.assertRaisesMessage(NoticeError, "国庆节的放假日期不连续"):
            parse_table(buffer.read(), "2027.xlsx")


class EnteringTheYear(BaseTestCase):
    def setUp(self) -> None:
        without_calendar_year(2027)

    def test_the_administrator_saves_the_year_with_its_source_in_the_audit_chain(self) -> None:
        import_year(
            parse_notice(NOTICE_2027), source="国办发明电〔2026〕X号", actor=self.city_admin, text=NOTICE_2027
        )
        self.assertTrue(CalendarYear.objects.filter(year=2027).exists())
        self.assertFalse(CalendarDay.objects.get(date=D(2027, 2, 8)).is_working_day)
        self.assertTrue(CalendarDay.objects.get(date=D(2027, 2, 14)).is_working_day)
        event = AuditEvent.objects.get(verb="calendar.notice_imported")
        self.assertEqual(event.data["source"], "国办发明电〔2026〕X号")
        self.assertEqual(len(event.data["text_sha256"]), 64)
        self.assertTrue(verify_chain().ok)

    def test_a_user_without_the_right_cannot_enter_it(self) -> None:
        from django.core.exceptions import PermissionDenied

        with self.assertRaises(PermissionDenied):
            import_year(parse_notice(NOTICE_2027), source="", actor=self.drafter)
        self.assertFalse(CalendarYear.objects.filter(year=2027).exists())

    def test_a_year_already_entered_is_not_overwritten(self) -> None:
        with self.assertRaisesMessage(Exception, "已经录入"):
            import_year(parse_notice(NOTICE_2026), source="", actor=self.city_admin)


class TheImportNoticeCommand(TestCase):
    def setUp(self) -> None:
        without_calendar_year(2027)

    def run_command(self, text: str, *args: str) -> tuple[str, str, int]:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "notice.txt"
            path.write_text(text, encoding="utf-8")
            out, err = StringIO(), StringIO()
            try:
                call_command("calendar", "import-notice", str(path), *args, stdout=out, stderr=err)
                code = 0
            except SystemExit as exc:
                code = int(exc.code or 0)
        return out.getvalue(), err.getvalue(), code

    def test_dry_run_prints_the_year_as_json_and_saves_nothing(self) -> None:
        out, _err, code = self.run_command(NOTICE_2027, "--dry-run")
        self.assertEqual(code, 0)
        result = json.loads(out)
        self.assertEqual(set(result), {"year", "holidays", "workdays"})
        self.assertEqual(result["year"], 2027)
        self.assertEqual(result["holidays"][:3], ["2027-01-01", "2027-01-02", "2027-01-03"])
        self.assertEqual(
            result["workdays"], ["2027-02-14", "2027-04-25", "2027-05-08", "2027-09-26", "2027-10-09"]
        )
        self.assertEqual(len(result["holidays"]), 3 + 9 + 3 + 5 + 1 + 1 + 7)
        self.assertFalse(CalendarYear.objects.filter(year=2027).exists())

    def test_without_dry_run_the_year_is_saved(self) -> None:
        _out, err, code = self.run_command(NOTICE_2027)
        self.assertEqual(code, 0)
        self.assertIn("已保存 2027 年工作日历", err)
        self.assertEqual(CalendarDay.objects.filter(year_id=2027).count(), 29 + 5)

    def test_a_text_it_cannot_read_is_refused_with_the_line_and_nothing_is_saved(self) -> None:
        text = NOTICE_2027.replace("5月8日（周六）上班", "5月8日（周六）照常上班并补休")
        text = text.replace("六、中秋节：9月15日（周三）放假1天，不调休。", "六、中秋节：另行通知。")
        out, err, code = self.run_command(text)
        self.assertEqual(code, 1)
        self.assertEqual(out, "")
        self.assertIn("六、中秋节：另行通知。", err)
        self.assertFalse(CalendarYear.objects.filter(year=2027).exists())
