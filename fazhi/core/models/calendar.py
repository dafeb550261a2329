from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    """A year the official working-day calendar covers.

    A deadline that needs a year without a row here is an error naming the year, never a
    weekend-only guess (DOMAIN.md §3).
    """

    year = models.PositiveSmallIntegerField(_("年份"), primary_key=True)
    source = models.CharField(
        _("来源"), max_length=200, help_text=_("如：国务院办公厅关于部分节假日安排的通知")
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("更新人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("工作日历年度")
        verbose_name_plural = _("工作日历年度")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """A day that departs from the Monday–Friday rule: a statutory holiday (also when it
    falls on a weekend, for its name) or a make-up working day (调休上班日) on a weekend."""

    date = models.DateField(_("日期"), primary_key=True)
    year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    is_working_day = models.BooleanField(_("是否上班"))
    name = models.CharField(_("节日"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self) -> str:
        kind = _("调休上班") if self.is_working_day else _("休息")
        return f"{self.date} {self.name} {kind}"


class DeadlineRule(models.Model):
    """One version of a legal time limit (DOMAIN.md §2). Rows are never edited: a change is a
    new version, and each computed deadline names the version that produced it."""

    class Unit(models.TextChoices):
        CALENDAR_DAYS = "calendar_days", _("自然日")
        WORKING_DAYS = "working_days", _("工作日")
        MONTHS = "months", _("月")
        ANNUAL_DATE = "annual_date", _("次年固定日期")

    class Direction(models.TextChoices):
        AFTER = "after", _("之后")
        BEFORE = "before", _("之前")

    class SourceTag(models.TextChoices):
        VERIFIED = "V", _("已核对原文")
        SECOND_HAND = "R", _("转引")
        UNVERIFIED = "U", _("未核实")

    code = models.CharField(_("规则代码"), max_length=60, db_index=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    name = models.CharField(_("名称"), max_length=100)
    amount = models.PositiveIntegerField(
        _("期限"), help_text=_("天数、工作日数或月数；次年固定日期写作月日，如 301 表示 3 月 1 日")
    )
    unit = models.CharField(_("单位"), max_length=20, choices=Unit.choices)
    direction = models.CharField(_("方向"), max_length=10, choices=Direction.choices, default=Direction.AFTER)
    extend_on_rest_day = models.BooleanField(
        _("末日逢休息日顺延"),
        default=True,
        help_text=_("期间最后一日是法定休假日的，以休假日结束的次日为最后一日（民法典第二百零三条）"),
    )
    starts_from = models.CharField(_("起算事件"), max_length=100)
    basis = models.CharField(_("法律依据"), max_length=300)
    source_tag = models.CharField(_("核实程度"), max_length=1, choices=SourceTag.choices)
    applies_from = models.DateField(_("适用起始日"), default=datetime.date(2000, 1, 1))
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("期限规则")
        verbose_name_plural = _("期限规则")
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="deadline_rule_code_version")]
        permissions = [("manage_rulebook", _("维护期限规则和工作日历"))]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    @property
    def period_label(self) -> str:
        if self.unit == self.Unit.ANNUAL_DATE:
            return f"次年{self.amount // 100}月{self.amount % 100}日"
        label = f"{self.amount}{self.get_unit_display()}"
        if self.unit == self.Unit.MONTHS:
            label = f"{self.amount}个月"
        return f"{self.starts_from}{self.get_direction_display()}{label}"
