"""`fazhi calendar deadline | seed | show` — the working-day calendar from the command line.

deadline  --from 2026-02-13 (--rule CODE | --working-days N | --days N | --months N) [--on DATE]
          prints one JSON object (start, due, rule, rule_version, basis, period, unit, amount);
          a missing calendar year or an unknown rule is a Chinese message on stderr, exit 1.
seed      [--years 2025 2026] [--overwrite] fill the calendar from the chinesecalendar package
          (and add any missing default rule); a day an administrator corrected is kept unless
          --overwrite.
show YEAR list the year's holidays and make-up working days.
import-notice FILE [--dry-run] [--source TEXT]
          parse the State Council's holiday notice (text, or a .xlsx/.csv of dates) and print
          {"year": N, "holidays": [...], "workdays": [...]}; without --dry-run save the year and
          fill every pending due date. A line it cannot read: the line on stderr, exit 1, nothing
          saved.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.core.calendar import compute_deadline, compute_period, seed_calendar_years
from fazhi.core.models import CalendarDay, CalendarYear
from fazhi.core.rulebook import seed_rulebook
from fazhi.core.workflow import DomainError

WEEKDAYS = "一二三四五六日"


def iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text}") from None


class Command(BaseCommand):
    help = "Compute a deadline, seed the working-day calendar, or show a year's exception days."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{deadline,seed,show,import-notice}"
        )

        deadline = actions.add_parser("deadline", help="Compute a due date and print it as JSON.")
        deadline.add_argument("--from", dest="start", type=iso_date, required=True, help="起算日（不计入）")
        period = deadline.add_mutually_exclusive_group(required=True)
        period.add_argument("--rule", help="期限规则代码，如 decision.legality_review_min")
        period.add_argument("--working-days", dest="working_days", type=int, help="工作日数")
        period.add_argument("--days", type=int, help="自然日数（末日逢法定休假日顺延）")
        period.add_argument("--months", type=int, help="月数")
        deadline.add_argument("--on", type=iso_date, help="按该日适用的规则版本计算（默认：起算日）")

        seed = actions.add_parser("seed", help="Fill the calendar from the chinesecalendar package.")
        seed.add_argument("--years", type=int, nargs="+", help="只处理这些年份")
        seed.add_argument("--overwrite", action="store_true", help="以软件包数据覆盖已登记的日期")

        show = actions.add_parser("show", help="List a year's holidays and make-up working days.")
        show.add_argument("year", type=int)

        notice = actions.add_parser(
            "import-notice",
            help="Parse the State Council's holiday notice (or a .xlsx/.csv) and save the year.",
        )
        notice.add_argument("file", help="通知全文（UTF-8 文本），或 .xlsx / .csv（日期、类型、名称）")
        notice.add_argument("--dry-run", dest="dry_run", action="store_true", help="只解析并输出，不保存")
        notice.add_argument(
            "--source", default="", help="来源（默认：国务院办公厅关于N年部分节假日安排的通知）"
        )
        notice.add_argument("--year", type=int, help="年份（默认取自通知标题或文件中的日期）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, options["action"].replace("-", "_"))(options)
        except DomainError as exc:
            self.stderr.write(str(exc))
            sys.exit(1)

    def deadline(self, options: dict[str, Any]) -> None:
        if options["rule"] is not None:
            result = compute_deadline(options["start"], options["rule"], on=options["on"])
        else:
            result = compute_period(
                options["start"],
                working_days=options["working_days"],
                days=options["days"],
                months=options["months"],
            )
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))

    def seed(self, options: dict[str, Any]) -> None:
        years, days = seed_calendar_years(options["years"], overwrite=options["overwrite"])
        rules = seed_rulebook()
        self.stdout.write(f"工作日历：新增 {years} 个年度，写入 {days} 个日期；期限规则：新增 {rules} 条")

    def show(self, options: dict[str, Any]) -> None:
        entry = CalendarYear.objects.filter(year=options["year"]).first()
        if entry is None:
            self.stderr.write(f"{options['year']} 年的工作日历尚未录入")
            sys.exit(1)
        self.stdout.write(f"{entry.year} 年　来源：{entry.source}")
        for day in CalendarDay.objects.filter(year=entry).order_by("date"):
            kind = "调休上班" if day.is_working_day else "休息"
            self.stdout.write(f"{day.date.isoformat()}  周{WEEKDAYS[day.date.weekday()]}  {kind}  {day.name}")

    def import_notice(self, options: dict[str, Any]) -> None:
        from pathlib import Path

        from fazhi.core.holiday_notice import import_year, parse_notice, parse_table

        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise DomainError(f"无法读取文件：{path}") from exc
        text = ""
        if path.suffix.lower() in (".xlsx", ".csv"):
            parsed = parse_table(content, path.name, year=options["year"])
        else:
            try:
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise DomainError("通知文本须为 UTF-8 编码") from exc
            parsed = parse_notice(text, year=options["year"])
        self.stdout.write(json.dumps(parsed.as_json(), ensure_ascii=False))
        if options["dry_run"]:
            return
        counts = import_year(parsed, source=options["source"], actor=None, text=text, system=True)
        self.stderr.write(f"已保存 {parsed.year} 年工作日历；已计算待定期限 {sum(counts.values())} 条")
