"""Reports in the states the tests need, reached through the actions."""

from __future__ import annotations

import datetime
from typing import Any

import time_machine

from fazhi.core.models import User
from fazhi.documents.models import NormativeDocument
from fazhi.reports import actions
from fazhi.reports.models import AnnualReport, Part

D = datetime.date
TEXT = "全年出台行政规范性文件{{documents.issued}}件，报备率{{documents.filing_rate}}；学法考试{{learning.not_registered}}人。"


def at(day: str) -> time_machine.travel:
    return time_machine.travel(datetime.datetime.fromisoformat(f"{day}T10:00:00+08:00"), tick=False)


def issue_document(case: Any, day: datetime.date, agency: Any = None) -> NormativeDocument:
    return NormativeDocument.objects.create(
        title=f"文件{NormativeDocument.objects.count() + 1}",
        agency=agency or case.bureau,
        division=case.sci_division,
        created_by=case.drafter,
        published_on=day,
    )


def drafted(case: Any, *, year: int = 2021, text: str = TEXT) -> AnnualReport:
    reviewer: User = case.reviewer
    report = actions.create_report(actor=reviewer, agency=case.bureau, year=year)
    section = report.sections.get(part=Part.MEASURES)
    actions.edit_section(section, actor=reviewer, heading="完善依法行政制度体系", text=text)
    return report


def in_review(case: Any, report: AnnualReport) -> AnnualReport:
    actions.generate_figures(report, actor=case.reviewer)
    actions.send_to_review(report, actor=case.reviewer)
    return report


def approved(case: Any, report: AnnualReport) -> AnnualReport:
    in_review(case, report)
    actions.approve_report(
        report, actor=case.director, meeting="局党委会", approved_on=D(report.year + 1, 2, 18)
    )
    return report


def published(case: Any, report: AnnualReport) -> AnnualReport:
    approved(case, report)
    y = report.year + 1
    actions.submit_report(report, actor=case.reviewer, submitted_to="市委、市政府", submitted_on=D(y, 2, 25))
    actions.record_secrecy_check(report, actor=case.reviewer, checked_by="王审核", checked_on=D(y, 2, 28))
    actions.publish_report(report, actor=case.reviewer, published_on=D(y, 3, 10), channel="门户网站")
    return report
