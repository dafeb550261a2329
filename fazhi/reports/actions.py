"""The writes of the annual report. Each checks permission and its rule and writes the audit
event in the same transaction.

The duty (厅字〔2019〕28号 Art 24–25, DOMAIN.md §12): the report on the past year goes to the Party
committee and government by 1 March (`annual_report.submit`) and to the public by 1 April
(`annual_report.publish`), except what involves Party or state secrets. The steps: drafting →
division contributions → legal affairs review → approved (meeting and date) → submitted (to
whom, date) → secrecy check (who, date, what is withheld and why) → published.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation

from fazhi.core.attachments import attach_file
from fazhi.core.audit import record_event
from fazhi.core.calendar import CalendarNotCovered, compute_deadline
from fazhi.core.clock import today as _today
from fazhi.core.formats import cn_date
from fazhi.core.models import AuditChainHead, Organization, User
from fazhi.core.workflow import (
    DomainError,
    LegalGateClosed,
    Transition,
    apply_transition,
    clean_text,
    require,
)
from fazhi.reports import permissions, snapshots
from fazhi.reports.models import (
    REQUIRED_PARTS,
    AnnualReport,
    ContributionTask,
    FigureSetting,
    FigureSnapshot,
    ManualFigure,
    Part,
    Phrasing,
    ReportSection,
)

S = AnnualReport.Status
DUTY = "厅字〔2019〕28号第二十四条、第二十五条"
TRANSITIONS = {
    "open_contributions": Transition({S.DRAFTING}, S.CONTRIBUTIONS, "布置处室供稿"),
    "send_to_review": Transition({S.DRAFTING, S.CONTRIBUTIONS}, S.LEGAL_REVIEW, "提交法制机构审核"),
    "approve": Transition({S.LEGAL_REVIEW}, S.APPROVED, "审议通过"),
    "return": Transition({S.CONTRIBUTIONS, S.LEGAL_REVIEW, S.APPROVED}, S.DRAFTING, "退回修改"),
    "submit": Transition({S.APPROVED}, S.SUBMITTED, "报送", DUTY),
    "secrecy_check": Transition({S.SUBMITTED}, S.SECRECY_CHECKED, "记录保密审查", DUTY),
    "publish": Transition({S.SECRECY_CHECKED}, S.PUBLISHED, "向社会公开", DUTY),
}
EDITABLE = (S.DRAFTING, S.CONTRIBUTIONS, S.LEGAL_REVIEW)
FROZEN_FIGURES = (
    "报告已审议通过，其数字即为审议通过的数字，不得静默改变；如需更新，请先退回修改后重新生成并重新审议"
)
UNSUBMITTED = "尚有处室未提交供稿，不能提交审核"
NOT_GENERATED = "尚未生成报告数字，不能提交审核"
SECRECY = "公开前须经保密审查，涉及党和国家秘密的内容不予公开（厅字〔2019〕28号第二十五条）"


def _day(value: Any, field: str, *, not_before: datetime.date | None = None) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise DomainError(f"请填写{field}")
    if value > _today():
        raise DomainError(f"{field}不能晚于今天")
    if not_before is not None and value < not_before:
        raise DomainError(f"{field}不能早于{cn_date(not_before)}")
    return value


def _part_order(order: list[str]) -> list[str]:
    order = [str(p) for p in order]
    if len(set(order)) != len(order) or any(p not in Part.values for p in order):
        raise DomainError("报告部分设置不正确：每一部分只能出现一次")
    with translation.override("zh-hans"):  # the refusal names the parts as the rule does
        missing = [str(Part(p).label) for p in Part.values if p in REQUIRED_PARTS and p not in order]
    if missing:
        raise DomainError("报告须包括以下部分（厅字〔2019〕28号第二十五条）：" + "、".join(missing))
    return order


def _editable(report: AnnualReport) -> None:
    if report.status not in EDITABLE:
        raise DomainError(
            f"当前状态为“{report.get_status_display()}”，报告内容不能再修改；如需修改，请先退回"
        )


@transaction.atomic
def create_report(
    *,
    actor: User,
    agency: Organization,
    year: int,
    title: str = "",
    part_order: list[str] | None = None,
    signature: str = "",
    preamble: str = "",
) -> AnnualReport:
    """A report of `year` in drafting, with one empty section per part."""
    require(permissions.can_assemble(actor, agency.pk))
    if agency.kind != Organization.Kind.AGENCY:
        raise DomainError("报告主体须为机关")
    if not 2000 <= int(year) <= _today().year:
        raise DomainError("报告年度不正确")
    order = _part_order(part_order if part_order is not None else [str(p) for p in Part.values[:4]])
    if AnnualReport.objects.filter(agency=agency, year=year).exists():
        raise DomainError(f"{agency.short_name or agency.name}{year}年度报告已存在")
    name = agency.short_name or agency.name
    report = AnnualReport.objects.create(
        agency=agency,
        year=year,
        title=clean_text(title, "标题", required=False, limit=200) or f"{name}{year}年法治政府建设情况报告",
        preamble=clean_text(preamble, "导语", required=False),
        part_order=order,
        signature=clean_text(signature, "落款", required=False, limit=100) or agency.name,
        created_by=actor,
    )
    with translation.override("zh-hans"):  # headings are the report's text, in Chinese
        for i, part in enumerate(order, start=1):
            ReportSection.objects.create(
                report=report, part=part, order=i * 10, heading=str(Part(part).label)
            )
    record_event(
        "report.create", actor=actor, obj=report, to_status=report.status, data={"year": year, "parts": order}
    )
    return report


@transaction.atomic
def set_part_order(report: AnnualReport, *, actor: User, part_order: list[str]) -> None:
    require(permissions.can_assemble(actor, report))
    _editable(report)
    order = _part_order(part_order)
    if report.sections.exclude(part__in=order).exclude(text="").exists():
        raise DomainError("被去掉的部分仍有正文，请先移走其内容")
    report.sections.exclude(part__in=order).delete()
    for part in order:
        if not report.sections.filter(part=part).exists():
            with translation.override("zh-hans"):
                heading = str(Part(part).label)
            ReportSection.objects.create(report=report, part=part, order=900, heading=heading)
    AnnualReport.objects.filter(pk=report.pk).update(part_order=order)
    report.part_order = order
    record_event("report.set_parts", actor=actor, obj=report, data={"parts": order})


@transaction.atomic
def add_section(
    report: AnnualReport, *, actor: User, part: str, heading: str, text: str = ""
) -> ReportSection:
    require(permissions.can_assemble(actor, report))
    _editable(report)
    if part not in report.part_order:
        raise DomainError("该部分不在本报告中")
    last = report.sections.filter(part=part).order_by("-order").values_list("order", flat=True).first() or 0
    section = ReportSection.objects.create(
        report=report,
        part=part,
        order=last + 1,
        heading=clean_text(heading, "小标题", limit=200),
        text=clean_text(text, "正文", required=False, limit=20000),
        updated_at=timezone.now(),
        updated_by=actor,
    )
    record_event(
        "report.add_section",
        actor=actor,
        obj=report,
        data={"section": section.pk, "heading": section.heading},
    )
    return section


@transaction.atomic
def edit_section(section: ReportSection, *, actor: User, heading: str, text: str) -> None:
    report = section.report
    require(permissions.can_assemble(actor, section.report))
    _editable(report)
    heading = clean_text(heading, "小标题", limit=200)
    text = clean_text(text, "正文", required=False, limit=20000)
    ReportSection.objects.filter(pk=section.pk).update(
        heading=heading, text=text, updated_at=timezone.now(), updated_by=actor
    )
    section.heading, section.text = heading, text
    record_event(
        "report.edit_section",
        actor=actor,
        obj=report,
        data={"section": section.pk, "heading": heading, "figures": snapshots.placeholders(text)},
    )


@transaction.atomic
def assign_contribution(
    section: ReportSection, *, actor: User, division: Organization, due_on: datetime.date
) -> ContributionTask:
    report = section.report
    require(permissions.can_assemble(actor, report))
    if report.status not in (S.DRAFTING, S.CONTRIBUTIONS):
        raise DomainError("只有起草和供稿阶段可以布置供稿任务")
    if division.kind != Organization.Kind.DIVISION or division.parent_id != report.agency_id:
        raise DomainError("供稿处室须为本机关的处室")
    if not isinstance(due_on, datetime.date) or due_on < _today():
        raise DomainError("供稿期限不能早于今天")
    if ContributionTask.objects.filter(section=section, division=division).exists():
        raise DomainError(f"已向{division.name}布置该章节的供稿任务")
    task = ContributionTask.objects.create(report=report, section=section, division=division, due_on=due_on)
    record_event(
        "report.assign_contribution",
        actor=actor,
        obj=report,
        data={
            "task": task.pk,
            "section": section.heading,
            "division": division.name,
            "due_on": due_on.isoformat(),
        },
    )
    return task


def open_contributions(report: AnnualReport, *, actor: User) -> None:
    require(permissions.can_assemble(actor, report))
    if not report.tasks.exists():
        raise DomainError("请先为章节布置供稿任务")
    apply_transition(report, TRANSITIONS["open_contributions"], actor=actor, verb="report.open_contributions")


@transaction.atomic
def submit_contribution(task: ContributionTask, *, actor: User, text: str) -> None:
    """The division's text becomes the section's text (the legal affairs division edits on)."""
    require(permissions.can_contribute(actor, task))
    report = task.report
    if report.status not in (S.DRAFTING, S.CONTRIBUTIONS):
        raise DomainError(f"当前状态为“{report.get_status_display()}”，不能再提交供稿")
    if task.submitted_at is not None:
        raise DomainError("该供稿任务已提交")
    text = clean_text(text, "供稿内容", limit=20000)
    now = timezone.now()
    moved = ContributionTask.objects.filter(pk=task.pk, submitted_at__isnull=True).update(
        submitted_at=now, submitted_by=actor
    )
    if moved != 1:
        raise DomainError("该供稿任务已提交")
    ReportSection.objects.filter(pk=task.section_id).update(text=text, updated_at=now, updated_by=actor)
    task.submitted_at, task.submitted_by = now, actor
    record_event(
        "report.submit_contribution",
        actor=actor,
        obj=report,
        data={"task": task.pk, "division": task.division.name, "late": timezone.localdate(now) > task.due_on},
    )


def check_generate(report: AnnualReport, actor: User) -> None:
    """Who may generate, and when: the legal affairs division, before the report is approved."""
    require(permissions.can_assemble(actor, report))
    if report.status in AnnualReport.FROZEN:
        raise LegalGateClosed(FROZEN_FIGURES)


# Told before each figure is computed: (figures done, figures in all, label of the next one).
Progress = Callable[[int, int, str], None]


def generate_figures(report: AnnualReport, *, actor: User, progress: Progress | None = None) -> int:
    """Store a new generation of snapshots: each figure's value, its records, the SHA-256 of
    their canonical JSON and the audit-chain head when the generation began. Refused once the
    report is approved.

    The figures are computed one by one outside any transaction (over large data that takes a
    while, and a long transaction would hold SQLite's write lock against every other writer),
    telling `progress` before each; then the snapshots are stored in one short transaction that
    locks the report and checks the gate again (it may have been approved meanwhile)."""
    check_generate(report, actor)
    head = AuditChainHead.objects.filter(pk=1).values_list("seq", "hash").first() or (0, "")
    manual = {m.figure_key: m for m in report.manual_figures.all()}
    keys = snapshots.figure_keys(report)
    rows = []
    hashes: dict[tuple[tuple[str, int], ...], str] = {}
    with translation.override("zh-hans"):  # labels and units as the Chinese report says them
        for done, key in enumerate(keys):
            if progress is not None:
                progress(done, len(keys), snapshots.label_of(key, manual))
            c = snapshots.compute(report, key, manual)
            rows.append(
                FigureSnapshot(
                    report=report,
                    key=c.key,
                    label=c.label[:200],
                    unit=c.unit[:20],
                    system=c.system[:100],
                    value=c.value,
                    is_rate=c.is_rate,
                    manual=c.manual,
                    source=c.source,
                    records=c.records,
                    records_sha256="" if c.manual else snapshots.records_sha256_shared(c.records, hashes),
                    chain_seq=head[0],
                    chain_hash=head[1],
                )
            )
    if progress is not None:
        progress(len(keys), len(keys), "")
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
        check_generate(locked, actor)
        now = timezone.now()
        generation = snapshots.previous_generation_number(locked) + 1
        for row in rows:
            row.generation, row.generated_at = generation, now
        FigureSnapshot.objects.bulk_create(rows)
        AnnualReport.objects.filter(pk=report.pk).update(generation=generation, generated_at=now)
        report.generation, report.generated_at = generation, now
        record_event(
            "report.generate",
            actor=actor,
            obj=report,
            data={
                "generation": generation,
                "chain_seq": head[0],
                "chain_head": head[1],
                "figures": {r.key: (str(r.value) if r.value is not None else None) for r in rows},
                "records_sha256": {r.key: r.records_sha256 for r in rows if r.records_sha256},
            },
        )
    return generation


@transaction.atomic
def set_phrasing(report: AnnualReport, *, actor: User, key: str, phrasing: str) -> None:
    """Say a figure exactly or approximately (the traced value stays exact)."""
    require(permissions.can_assemble(actor, report))
    _editable(report)
    if phrasing not in Phrasing.values:
        raise DomainError("表述方式不正确")
    FigureSetting.objects.update_or_create(report=report, key=key, defaults={"phrasing": phrasing})
    record_event("report.set_phrasing", actor=actor, obj=report, data={"key": key, "phrasing": phrasing})


@transaction.atomic
def enter_manual_figure(
    report: AnnualReport,
    *,
    actor: User,
    key: str,
    label: str,
    unit: str,
    value: Any,
    source: str,
    evidence: UploadedFile | None = None,
) -> ManualFigure:
    """A figure no record gives, with its source; the evidence file is optional."""
    require(permissions.can_assemble(actor, report))
    _editable(report)
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise DomainError("数值不正确") from exc
    if number < 0:
        raise DomainError("数值不能为负数")
    figure, _created = ManualFigure.objects.update_or_create(
        report=report,
        key=clean_text(key, "代码", limit=60),
        defaults={
            "label": clean_text(label, "名称", limit=100),
            "unit": clean_text(unit, "单位", limit=10),
            "value": number,
            "source": clean_text(source, "来源", limit=300),
            "entered_by": actor,
        },
    )
    if evidence is not None:
        attach_file(figure, evidence, actor=actor, purpose="佐证材料")
    record_event(
        "report.enter_manual_figure",
        actor=actor,
        obj=report,
        data={"key": figure.figure_key, "value": str(number), "source": figure.source},
    )
    return figure


def send_to_review(report: AnnualReport, *, actor: User) -> None:
    require(permissions.can_assemble(actor, report))
    if report.tasks.filter(submitted_at__isnull=True).exists():
        raise LegalGateClosed(UNSUBMITTED)
    if report.generation == 0:
        raise LegalGateClosed(NOT_GENERATED)
    apply_transition(report, TRANSITIONS["send_to_review"], actor=actor, verb="report.send_to_review")


def approve_report(report: AnnualReport, *, actor: User, meeting: str, approved_on: datetime.date) -> None:
    """Approved by the meeting named (e.g. the party committee meeting, 党委会 or 党组会), on a date; the figures are frozen."""
    require(permissions.can_approve(actor, report))
    meeting = clean_text(meeting, "审议会议", limit=100)
    approved_on = _day(approved_on, "审议日期", not_before=datetime.date(report.year, 1, 1))
    apply_transition(
        report,
        TRANSITIONS["approve"],
        actor=actor,
        verb="report.approve",
        data={"meeting": meeting, "approved_on": approved_on.isoformat(), "generation": report.generation},
        approval_meeting=meeting,
        approved_on=approved_on,
    )


def return_report(report: AnnualReport, *, actor: User, reason: str) -> None:
    require(permissions.can_approve(actor, report) or permissions.can_assemble(actor, report))
    reason = clean_text(reason, "退回理由")
    apply_transition(
        report,
        TRANSITIONS["return"],
        actor=actor,
        verb="report.return",
        data={"reason": reason},
        approval_meeting="",
        approved_on=None,
    )


def deadline(report: AnnualReport, rule: str) -> Any:
    """The due date of `annual_report.submit` / `.publish` for the report's year, or None when
    the calendar does not cover it yet (never guessed)."""
    try:
        return compute_deadline(datetime.date(report.year, 12, 31), rule)
    except CalendarNotCovered:
        return None


def submit_report(
    report: AnnualReport, *, actor: User, submitted_to: str, submitted_on: datetime.date
) -> None:
    require(permissions.can_assemble(actor, report))
    submitted_to = clean_text(submitted_to, "报送单位", limit=200)
    submitted_on = _day(submitted_on, "报送日期", not_before=report.approved_on)
    due = deadline(report, "annual_report.submit")
    apply_transition(
        report,
        TRANSITIONS["submit"],
        actor=actor,
        verb="report.submit",
        data={
            "to": submitted_to,
            "on": submitted_on.isoformat(),
            "due_on": due.due.isoformat() if due else None,
            "late": bool(due and submitted_on > due.due),
        },
        submitted_to=submitted_to,
        submitted_on=submitted_on,
    )


def record_secrecy_check(
    report: AnnualReport, *, actor: User, checked_by: str, checked_on: datetime.date, withheld: str = ""
) -> None:
    """Who checked, when, and anything withheld from publication and why."""
    require(permissions.can_assemble(actor, report))
    checked_by = clean_text(checked_by, "保密审查人", limit=50)
    checked_on = _day(checked_on, "保密审查日期", not_before=report.submitted_on)
    withheld = clean_text(withheld, "不予公开的内容及理由", required=False)
    apply_transition(
        report,
        TRANSITIONS["secrecy_check"],
        actor=actor,
        verb="report.secrecy_check",
        data={"by": checked_by, "on": checked_on.isoformat(), "withheld": withheld},
        secrecy_checked_by=checked_by,
        secrecy_checked_on=checked_on,
        withheld=withheld,
    )


def publish_report(
    report: AnnualReport, *, actor: User, published_on: datetime.date, channel: str = ""
) -> None:
    require(permissions.can_assemble(actor, report))
    if report.status == S.SUBMITTED:
        raise LegalGateClosed(SECRECY)
    channel = clean_text(channel, "公开载体", required=False, limit=100) or "本机关门户网站"
    published_on = _day(published_on, "公开日期", not_before=report.secrecy_checked_on)
    due = deadline(report, "annual_report.publish")
    apply_transition(
        report,
        TRANSITIONS["publish"],
        actor=actor,
        verb="report.publish",
        data={
            "on": published_on.isoformat(),
            "channel": channel,
            "due_on": due.due.isoformat() if due else None,
            "late": bool(due and published_on > due.due),
        },
        published_on=published_on,
        publication_channel=channel,
    )
