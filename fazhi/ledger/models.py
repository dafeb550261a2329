"""The leadership's duties and the task ledger (DOMAIN.md §11: 领导职责与台账).

The rule-of-law leading group of a year (its head, deputies and the division heads in its
office); the year's key tasks (重点任务), each owned by a division under a leader, with a due
date, progress reports, blockers, supervision by the leadership (督办) and the leader's sign-off
before a task counts as done (a task FSM after the anchor systems' review: open → in progress
→ pending sign-off → done, or returned, or cancelled with a reason); and the year-end
assessment.

No statute sets these dates: each due date and each supervision's response date is entered by
the person who sets it, never computed from a guessed rule.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.agencies import scoped
from fazhi.core.models import Organization
from fazhi.core.roles import Role


class LeadingGroupMember(models.Model):
    """A member of the rule-of-law leading group (法治建设领导小组) of an agency and a year."""

    class Position(models.TextChoices):
        HEAD = "head", _("组长")
        DEPUTY = "deputy", _("副组长")
        MEMBER = "member", _("办公室成员")

    agency = models.ForeignKey(
        Organization, verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    position = models.CharField(_("职务"), max_length=20, choices=Position.choices)
    name = models.CharField(_("姓名"), max_length=50)
    title = models.CharField(_("本职"), max_length=100, blank=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("平台账户"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("领导小组成员")
        verbose_name_plural = _("法治建设领导小组")
        ordering = ["year", "pk"]  # as entered: the head, the deputies, the members
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"],
                condition=models.Q(position="head"),
                name="ledger_one_head_per_agency_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_position_display()} {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.agency_id is None and self.organization_id is not None:
            self.agency_id = self.organization.agency_id
        super().save(*args, **kwargs)


class ItemQuerySet(models.QuerySet["LedgerItem"]):
    def visible_to(self, user: Any) -> ItemQuerySet:
        """Within the user's agency: its leadership and its legal affairs division see the whole
        ledger; a division sees the tasks it owns."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        own = scoped(self, user)
        if user.has_perm("ledger.view_ledgeritem"):
            return own
        if user.organization_id and user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD):
            return own.filter(division_id=user.organization_id)
        return self.none()

    def open(self) -> ItemQuerySet:
        return self.filter(status__in=LedgerItem.OPEN)

    def overdue(self, today: datetime.date) -> ItemQuerySet:
        return self.open().filter(due_on__lt=today)


class LedgerItem(models.Model):
    """A key task of the year (重点任务), on the wall with its timetable and road map."""

    class Status(models.TextChoices):
        OPEN = "open", _("未开始")
        IN_PROGRESS = "in_progress", _("推进中")
        PENDING_SIGNOFF = "pending_signoff", _("待分管领导确认完成")
        DONE = "done", _("已完成")
        CANCELLED = "cancelled", _("已撤销")

    OPEN = (Status.OPEN, Status.IN_PROGRESS, Status.PENDING_SIGNOFF)

    class Assessment(models.TextChoices):
        COMPLETED = "completed", _("完成")
        MOSTLY = "mostly", _("基本完成")
        NOT_COMPLETED = "not_completed", _("未完成")

    agency = models.ForeignKey(
        Organization, verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("任务"), max_length=200)
    description = models.TextField(_("目标和措施"), blank=True)
    source = models.CharField(
        _("任务来源"), max_length=100, blank=True, help_text=_("如：党委（党组）年度工作要点")
    )
    division = models.ForeignKey(
        Organization, verbose_name=_("责任处室"), on_delete=models.PROTECT, related_name="ledger_items"
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("分管领导"), on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("完成时限"))
    blocked_by = models.ManyToManyField(
        "self", verbose_name=_("前置任务"), symmetrical=False, blank=True, related_name="blocks"
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.OPEN)
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    signed_off_on = models.DateField(_("确认日期"), null=True, blank=True)
    cancel_reason = models.TextField(_("撤销理由"), blank=True)
    assessment = models.CharField(_("年终评价"), max_length=20, choices=Assessment.choices, blank=True)
    assessment_note = models.TextField(_("评价意见"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("重点任务")
        verbose_name_plural = _("重点任务台账")
        ordering = ["year", "due_on", "pk"]
        permissions = [("manage_ledger", _("管理重点任务台账"))]

    def __str__(self) -> str:
        return f"{self.year} {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.agency_id is None and self.division_id is not None:
            self.agency_id = self.division.agency_id
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_open and self.due_on < today

    def done_in_time(self) -> bool | None:
        if self.status != self.Status.DONE or self.completed_on is None:
            return None
        return self.completed_on <= self.due_on


class ProgressReport(models.Model):
    """A division's report on its task: how far, what was done."""

    item = models.ForeignKey(LedgerItem, on_delete=models.PROTECT, related_name="reports")
    reported_on = models.DateField(_("报告日期"))
    progress = models.PositiveSmallIntegerField(_("进度（%）"))
    note = models.TextField(_("进展情况"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")
        ordering = ["reported_on", "pk"]

    def __str__(self) -> str:
        return f"{self.item} {self.progress}%（{self.reported_on:%Y-%m-%d}）"


class Supervision(models.Model):
    """The leadership's supervision of a task (督办), answered by the division by the date the
    leader set."""

    item = models.ForeignKey(LedgerItem, on_delete=models.PROTECT, related_name="supervisions")
    issued_on = models.DateField(_("督办日期"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("督办人"), on_delete=models.PROTECT, related_name="+"
    )
    instruction = models.TextField(_("督办意见"))
    respond_by = models.DateField(_("反馈时限"))
    responded_on = models.DateField(_("反馈日期"), null=True, blank=True)
    response = models.TextField(_("反馈情况"), blank=True)

    class Meta:
        verbose_name = _("督办")
        verbose_name_plural = _("督办")
        ordering = ["issued_on", "pk"]

    def __str__(self) -> str:
        return f"督办：{self.item}（{self.issued_on:%Y-%m-%d}）"

    @property
    def is_open(self) -> bool:
        return self.responded_on is None
