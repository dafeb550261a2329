"""The annual rule-of-law report (法治政府建设年度报告, DOMAIN.md §12): one per agency and year,
its parts (the five required contents, in the order the agency chooses — settings, not code),
the sections staff write with figure placeholders, the divisions' contribution tasks, the
figure snapshots taken when the figures are generated, and the figures entered by hand."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.agencies import scoped
from fazhi.core.models import Organization


class Part(models.TextChoices):
    """The required contents of the report (厅字〔2019〕28号 Art 25)."""

    MEASURES = "measures", _("主要举措和成效")
    DUTY = "duty", _("党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况")
    SHORTCOMINGS = "shortcomings", _("存在的不足和原因")
    PLAN = "plan", _("下一年度推进法治政府建设的主要安排")
    OTHER = "other", _("其他需要报告的情况")


# The seed's order (measures first, no fifth part); other agencies put the duty part first.
DEFAULT_PART_ORDER = [Part.MEASURES, Part.DUTY, Part.SHORTCOMINGS, Part.PLAN]
REQUIRED_PARTS = frozenset({Part.MEASURES, Part.DUTY, Part.SHORTCOMINGS, Part.PLAN})


class ReportQuerySet(models.QuerySet["AnnualReport"]):
    def published(self) -> ReportQuerySet:
        return self.filter(status=AnnualReport.Status.PUBLISHED)

    def visible_to(self, user: Any) -> ReportQuerySet:
        """Staff see the reports of their own agency only (none when they belong to none)."""
        from fazhi.reports.permissions import can_see

        if not can_see(user):
            return self.none()
        return scoped(self, user)


class AnnualReport(models.Model):
    class Status(models.TextChoices):
        DRAFTING = "drafting", _("起草中")
        CONTRIBUTIONS = "contributions", _("处室供稿中")
        LEGAL_REVIEW = "legal_review", _("法制机构审核")
        APPROVED = "approved", _("已审议通过")
        SUBMITTED = "submitted", _("已报送")
        SECRECY_CHECKED = "secrecy_checked", _("已保密审查")
        PUBLISHED = "published", _("已公开")

    # Once approved, the figures of the report are what the meeting approved.
    FROZEN = (Status.APPROVED, Status.SUBMITTED, Status.SECRECY_CHECKED, Status.PUBLISHED)

    agency = models.ForeignKey(
        Organization, verbose_name=_("机关"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("报告年度"))
    title = models.CharField(_("标题"), max_length=200)
    preamble = models.TextField(_("导语"), blank=True)
    part_order = models.JSONField(_("部分顺序"), default=list)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFTING)
    generation = models.PositiveIntegerField(_("生成次数"), default=0)
    generated_at = models.DateTimeField(_("最近生成时间"), null=True, blank=True)
    approval_meeting = models.CharField(_("审议会议"), max_length=100, blank=True)
    approved_on = models.DateField(_("审议日期"), null=True, blank=True)
    submitted_to = models.CharField(_("报送单位"), max_length=200, blank=True)
    submitted_on = models.DateField(_("报送日期"), null=True, blank=True)
    secrecy_checked_by = models.CharField(_("保密审查人"), max_length=50, blank=True)
    secrecy_checked_on = models.DateField(_("保密审查日期"), null=True, blank=True)
    withheld = models.TextField(_("不予公开的内容及理由"), blank=True)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    publication_channel = models.CharField(_("公开载体"), max_length=100, blank=True)
    signature = models.CharField(_("落款"), max_length=100)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("法治政府建设年度报告")
        verbose_name_plural = _("法治政府建设年度报告")
        ordering = ["-year", "agency_id"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="reports_one_per_agency_year")]
        permissions = [
            ("assemble_report", "Can assemble the annual report (legal affairs)"),
            ("approve_report", "Can approve the annual report"),
        ]

    def __str__(self) -> str:
        return self.title

    def parts(self) -> list[tuple[str, Any]]:
        labels = dict(Part.choices)
        return [(code, labels[code]) for code in self.part_order if code in labels]


class ReportSection(models.Model):
    """A section of a part: a heading and the staff's narrative, with figure placeholders
    `{{key}}` that render from the registry's snapshot (plain text only: paragraphs by line)."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="sections")
    part = models.CharField(_("所属部分"), max_length=20, choices=Part.choices)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    heading = models.CharField(_("小标题"), max_length=200)
    text = models.TextField(_("正文"), blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("报告章节")
        ordering = ["report", "order", "pk"]

    def __str__(self) -> str:
        return self.heading


class ContributionTask(models.Model):
    """A division's contribution to a section (供稿), due by a date the legal affairs division sets."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="tasks")
    division = models.ForeignKey(
        Organization, verbose_name=_("供稿处室"), on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("供稿期限"))
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("供稿任务")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["section", "division"], name="reports_one_task_per_division")
        ]

    def __str__(self) -> str:
        return f"{self.division.name}：{self.section.heading}"


class Phrasing(models.TextChoices):
    EXACT = "exact", _("精确")
    APPROXIMATE = "approximate", _("约数")


class FigureSetting(models.Model):
    """How the report says a figure (exact or approximate): a choice of staff per figure."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="figure_settings")
    key = models.CharField(max_length=80)
    phrasing = models.CharField(_("表述"), max_length=20, choices=Phrasing.choices, default=Phrasing.EXACT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="reports_one_setting_per_figure")
        ]

    def __str__(self) -> str:
        return f"{self.key}：{self.get_phrasing_display()}"


class ManualFigure(models.Model):
    """A figure no record can give (awards, regulations amended, complaints received), entered
    by hand with its source and an optional evidence file (an attachment of this row)."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="manual_figures")
    key = models.SlugField(_("代码"), max_length=60, help_text=_("正文中以 {{manual.代码}} 引用"))
    label = models.CharField(_("名称"), max_length=100)
    unit = models.CharField(_("单位"), max_length=10)
    value = models.DecimalField(_("数值"), max_digits=14, decimal_places=2)
    source = models.CharField(_("来源"), max_length=300)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("手工录入数字")
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="reports_one_manual_per_key")]

    def __str__(self) -> str:
        return self.label

    @property
    def figure_key(self) -> str:
        return f"manual.{self.key}"


class FigureSnapshot(models.Model):
    """A figure as it was generated: the value, the records behind it, the SHA-256 of their
    canonical JSON and the audit-chain head at that moment. Each generation keeps its rows, so
    a regeneration shows which figures moved."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="snapshots")
    generation = models.PositiveIntegerField()
    key = models.CharField(max_length=80)
    label = models.CharField(max_length=200)
    unit = models.CharField(max_length=20)
    system = models.CharField(max_length=100, blank=True)
    value = models.DecimalField(max_digits=16, decimal_places=2, null=True)  # null: not available
    is_rate = models.BooleanField(default=False)
    manual = models.BooleanField(default=False)
    source = models.CharField(max_length=300, blank=True)
    records = models.JSONField(default=list)  # [[model label, pk, title], ...]
    records_sha256 = models.CharField(max_length=64, blank=True)
    chain_seq = models.BigIntegerField(default=0)
    chain_hash = models.CharField(max_length=64, blank=True)
    generated_at = models.DateTimeField()

    class Meta:
        ordering = ["generation", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "generation", "key"], name="reports_one_snapshot_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"

    @property
    def display_value(self) -> str:
        """The exact value as people read it: 2, not 2.00; a rate with its decimals."""
        return display_number(self.value)


def display_number(value: Any) -> str:
    if value is None:
        return ""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")
