"""`fazhi report generate --year 2021 --as USERNAME`: generate a report's figures from the
command line, printing each figure as it is computed (over large data, instead of waiting on the
page). The same claim and progress as the page's “generate” step: the report's page shows the
progress meanwhile, and refuses a second generation while this one runs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core.models import Organization, User
from fazhi.core.workflow import DomainError
from fazhi.reports import generation
from fazhi.reports.models import AnnualReport


class Command(BaseCommand):
    help = "年度报告：generate（生成报告数字，逐项显示进度）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        generate = sub.add_parser("generate", help="生成某一年度报告的数字，逐项显示进度")
        generate.add_argument("--year", type=int, required=True, help="报告年度")
        generate.add_argument(
            "--as", dest="username", required=True, help="以哪位工作人员的身份生成（须为法制机构人员）"
        )
        generate.add_argument("--agency", default="", help="机关代码；默认为该工作人员所在机关")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).select_related("organization").first()
        if user is None:
            raise CommandError(f"没有用户 {options['username']}")
        if options["agency"]:
            agency = Organization.objects.filter(
                code=options["agency"], kind=Organization.Kind.AGENCY
            ).first()
        else:
            agency = user.organization.agency if user.organization else None
        if agency is None:
            raise CommandError("请用 --agency 指定机关代码")
        report = AnnualReport.objects.filter(agency=agency, year=options["year"]).first()
        if report is None:
            raise CommandError(f"{agency.name}没有{options['year']}年度报告，请先在报告页面创建")
        try:
            job = generation.begin(report, actor=user)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        except PermissionDenied as exc:
            raise CommandError(f"{user.username} 无权生成报告数字（须为法制机构人员）") from exc

        def echo(done: int, total: int, label: str) -> None:
            if label:
                self.stdout.write(f"[{done + 1}/{total}] {label}")

        state = generation.run(job, user.pk, echo)
        if state.get("phase") != generation.DONE:
            raise CommandError(state.get("message") or "未完成")
        self.stdout.write(f"已生成{report.title}的数字（第 {state['generation']} 次生成）")
