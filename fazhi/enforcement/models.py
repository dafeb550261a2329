"""Enforcement cases under the three enforcement systems (行政执法三项制度, DOMAIN.md §11):
publicity, full-process recording and the legality check of major decisions.

A case runs: filing (立案, two certified officers) → investigation and evidence (调查取证) →
notice of rights (告知: statement, and a hearing where the law gives one) → the legality check
when the decision is major (法制审核, blocking) → the head's decision (≤ 90 days after filing)
→ service (送达) → execution (执行) → closing and archive (结案归档). Decisions are published
(行政执法公示) within the rule book's time limit and withdrawn within 3 working days when a
published decision is reversed; a case whose facts suggest a crime is transferred to the
judicial organs (移送司法机关).

Every time limit is a row of the rule book; the stored due date and the rule version that
produced it are kept next to each step.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.agencies import scoped
from fazhi.core.calendar import Deadline, stored_deadline
from fazhi.core.models import DeadlineRule, Organization


class CaseQuerySet(models.QuerySet["EnforcementCase"]):
    def visible_to(self, user: Any) -> CaseQuerySet:
        """The cases of the user's own agency only (issue 12): there, the leadership, the legal
        affairs reviewers and administrators see every case; an enforcement officer sees the
        cases they file or handle."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        own = scoped(self, user)
        if user.has_perm("enforcement.view_enforcementcase"):
            return own
        if user.has_perm("enforcement.handle_case"):
            # A subquery rather than a join: no DISTINCT over every column of the list.
            on_case = EnforcementCase.officers.through.objects.filter(inspector__user=user)
            return own.filter(Q(filed_by=user) | Q(pk__in=on_case.values("enforcementcase_id")))
        return self.none()

    def of_agency(self, agency: Any) -> CaseQuerySet:
        """The cases of `agency` (an Organization or its id); every case for None."""
        if agency is None:
            return self
        return self.filter(agency_id=getattr(agency, "pk", agency))

    def published(self) -> CaseQuerySet:
        """Decisions on the public enforcement publicity page. A withdrawn one stays listed as
        withdrawn, with the reason and without its content (行政处罚法 Art 48: 公开说明理由)."""
        return self.filter(published_on__isnull=False)


class EnforcementCase(models.Model):
    """An enforcement case (行政执法案件) from filing to closing."""

    class Category(models.TextChoices):
        PENALTY = "penalty", _("行政处罚")
        COERCION = "coercion", _("行政强制")
        OTHER = "other", _("其他行政执法行为")

    class PartyKind(models.TextChoices):
        ORGANIZATION = "organization", _("法人或者其他组织")
        PERSON = "person", _("自然人")

    class Status(models.TextChoices):
        INVESTIGATING = "investigating", _("调查取证")
        NOTIFIED = "notified", _("已告知，待决定")
        DECIDED = "decided", _("已决定，待送达")
        SERVED = "served", _("已送达，待执行")
        EXECUTED = "executed", _("已执行，待结案")
        CLOSED = "closed", _("已结案归档")
        TRANSFERRED = "transferred", _("已移送司法机关")

    class Outcome(models.TextChoices):
        PENALTY = "penalty", _("给予行政处罚")
        NO_PENALTY = "no_penalty", _("不予行政处罚")

    class MajorGround(models.TextChoices):
        """The four grounds of 行政处罚法 Art 58 that make a decision subject to the legality check."""

        PUBLIC_INTEREST = "public_interest", _("涉及重大公共利益")
        HEARING = "hearing", _("直接关系当事人或者第三人重大权益，经过听证程序")
        COMPLEX = "complex", _("案件情况疑难复杂、涉及多个法律关系")
        BY_LAW = "by_law", _("法律、法规规定应当进行法制审核的其他情形")

    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    # The case number's serial, per agency: each department numbers its own cases.
    serial = models.PositiveIntegerField(_("立案序号"), default=0, editable=False)
    title = models.CharField(_("案由"), max_length=200)
    category = models.CharField(
        _("执法类别"), max_length=20, choices=Category.choices, default=Category.PENALTY
    )
    division = models.ForeignKey(
        Organization, verbose_name=_("承办处室"), on_delete=models.PROTECT, related_name="enforcement_cases"
    )
    party_name = models.CharField(_("当事人"), max_length=200)
    party_kind = models.CharField(_("当事人类型"), max_length=20, choices=PartyKind.choices)
    party_code = models.CharField(
        _("统一社会信用代码或身份证件号码"),
        max_length=40,
        blank=True,
        help_text=_("自然人的证件号码不予公示"),
    )
    facts = models.TextField(_("案件来源及基本事实"))
    # The limitation runs from the day the act occurred; from the day it ended only for a
    # continuing or repeated act (行政处罚法第三十六条第二款).
    violation_occurred_on = models.DateField(_("违法行为发生之日"), null=True, blank=True)
    continuing_act = models.BooleanField(_("违法行为有连续或者继续状态"), default=False)
    violation_ended_on = models.DateField(_("违法行为终了之日"), null=True, blank=True)
    grave_harm = models.BooleanField(
        _("涉及公民生命健康安全、金融安全且有危害后果"), default=False, help_text=_("追责期限延长至五年")
    )
    discovered_on = models.DateField(_("发现之日"))
    filed_on = models.DateField(_("立案日期"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("立案人"), on_delete=models.PROTECT, related_name="+"
    )
    officers = models.ManyToManyField(
        "core.Inspector", verbose_name=_("执法人员"), related_name="enforcement_cases"
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.INVESTIGATING)
    # Null while the calendar of the year it falls in has not been entered (actions._deadline).
    decision_due_on = models.DateField(_("决定期限"), null=True, blank=True)
    decision_rule = models.ForeignKey(
        DeadlineRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    major_grounds = models.JSONField(_("重大执法决定情形"), default=list, blank=True)

    # Notice of rights (告知) and the party's statement and hearing.
    notified_on = models.DateField(_("告知日期"), null=True, blank=True)
    proposed_decision = models.TextField(_("拟作出的决定及理由、依据"), blank=True)
    hearing_right = models.BooleanField(_("告知听证权利"), default=False)
    hearing_request_due_on = models.DateField(_("申请听证期限"), null=True, blank=True)
    hearing_request_rule = models.ForeignKey(
        DeadlineRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    statement = models.TextField(_("当事人陈述、申辩"), blank=True)
    waived = models.BooleanField(_("当事人明确放弃陈述、申辩和听证"), default=False)
    hearing_requested_on = models.DateField(_("申请听证日期"), null=True, blank=True)
    hearing_on = models.DateField(_("听证日期"), null=True, blank=True)
    hearing_notified_on = models.DateField(_("听证通知日期"), null=True, blank=True)
    hearing_notice_due_on = models.DateField(_("听证通知最迟日期"), null=True, blank=True)
    hearing_notice_rule = models.ForeignKey(
        DeadlineRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    hearing_held_on = models.DateField(_("听证举行日期"), null=True, blank=True)
    hearing_record = models.TextField(_("听证笔录摘要"), blank=True)

    # The decision (负责人决定).
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("决定人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(_("决定结果"), max_length=20, choices=Outcome.choices, blank=True)
    decision_text = models.TextField(_("决定内容"), blank=True)
    fine_amount = models.DecimalField(
        _("罚款金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    decision_number = models.CharField(_("决定书文号"), max_length=60, blank=True)
    overdue_reason = models.TextField(_("超过决定期限的理由"), blank=True)
    # 行政处罚法第六十条: 90 days "法律、法规、规章另有规定的，从其规定" — the provision relied on.
    extension_basis = models.CharField(_("依法延长决定期限的规定"), max_length=200, blank=True)

    # Service (送达) and execution (执行).
    service_due_on = models.DateField(_("送达期限"), null=True, blank=True)
    service_rule = models.ForeignKey(
        DeadlineRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    served_on = models.DateField(_("送达日期"), null=True, blank=True)
    service_method = models.CharField(_("送达方式"), max_length=50, blank=True)
    late_service_reason = models.TextField(_("逾期送达的理由"), blank=True)
    executed_on = models.DateField(_("执行完毕日期"), null=True, blank=True)
    execution_note = models.TextField(_("执行情况"), blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)

    # Publicity (行政执法公示) and its withdrawal.
    publicity_due_on = models.DateField(_("公示期限"), null=True, blank=True)
    publicity_rule = models.ForeignKey(
        DeadlineRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_on = models.DateField(_("公示日期"), null=True, blank=True)
    reversed_on = models.DateField(_("决定被变更、撤销或者确认违法、无效之日"), null=True, blank=True)
    reversal_reason = models.TextField(_("变更、撤销或者确认违法、无效的情况"), blank=True)
    # The withdrawal's 3 working days run from the day the reversing decision or judgment takes
    # legal effect (行政处罚法第四十八条), not from the day it is made.
    reversal_effective_on = models.DateField(
        _("变更、撤销的决定或者裁判发生法律效力之日"), null=True, blank=True
    )
    withdrawal_due_on = models.DateField(_("撤回公示期限"), null=True, blank=True)
    withdrawal_rule = models.ForeignKey(
        DeadlineRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(_("撤回公示日期"), null=True, blank=True)

    # Transfer to the judicial organs (行政执法与刑事司法衔接).
    transferred_on = models.DateField(_("移送日期"), null=True, blank=True)
    transferred_to = models.CharField(_("移送机关"), max_length=100, blank=True)
    transfer_reason = models.TextField(_("移送理由"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("执法案件")
        verbose_name_plural = _("执法案件")
        ordering = ["-filed_on", "-pk"]
        permissions = [
            ("handle_case", _("办理执法案件")),
            ("decide_case", _("作出执法决定")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["agency", "serial"], name="enforcement_case_code_per_agency")
        ]
        indexes = [
            models.Index(fields=["status", "decision_due_on"]),
            # The list's order, newest filing first (a sort of every case otherwise).
            models.Index(fields=["-filed_on", "-id"], name="enforcement_case_newest"),
            # The public publicity list, newest publication first, and its count.
            models.Index(
                fields=["-published_on", "-id"],
                name="enforcement_case_published",
                condition=models.Q(published_on__isnull=False),
            ),
            # The years of the published decisions, and the list filtered by the year.
            models.Index(
                fields=["decided_on"],
                name="enforcement_case_pub_decided",
                condition=models.Q(published_on__isnull=False),
            ),
            # One department's publicity list (the portal's department filter).
            models.Index(
                fields=["agency", "-published_on", "-id"],
                name="enforcement_case_pub_agency",
                condition=models.Q(published_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """The agency defaults to the handling division's; the serial to the agency's next."""
        if self.agency_id is None and self.division_id is not None:
            self.agency_id = self.division.agency_id
        if not self.serial and self.agency_id is not None:
            last = (
                EnforcementCase.objects.filter(agency_id=self.agency_id)
                .order_by("-serial")
                .values_list("serial", flat=True)
                .first()
            )
            self.serial = (last or 0) + 1
        super().save(*args, **kwargs)

    @property
    def code(self) -> str:
        """The case number (立案编号): year of filing and the serial of the agency's cases
        (each department numbers its own)."""
        return f"ZF{self.filed_on:%Y}-{self.serial or self.pk or 0:04d}"

    @property
    def is_major(self) -> bool:
        return bool(self.major_grounds)

    def major_ground_labels(self) -> list[str]:
        labels = dict(self.MajorGround.choices)
        return [str(labels.get(g, g)) for g in self.major_grounds]

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.CLOSED, self.Status.TRANSFERRED)

    @property
    def party_shown(self) -> str:
        """The party as the public page shows it: a natural person's name masked (张*, 欧阳**)."""
        if self.party_kind != self.PartyKind.PERSON:
            return self.party_name
        name = self.party_name.strip()
        return name[:1] + "*" * max(1, len(name) - 1) if name else ""

    @property
    def decision_deadline(self) -> Deadline | None:
        return stored_deadline(self.filed_on, self.decision_due_on, self.decision_rule)

    @property
    def hearing_request_deadline(self) -> Deadline | None:
        return stored_deadline(self.notified_on, self.hearing_request_due_on, self.hearing_request_rule)

    @property
    def hearing_notice_deadline(self) -> Deadline | None:
        return stored_deadline(self.hearing_on, self.hearing_notice_due_on, self.hearing_notice_rule)

    @property
    def service_deadline(self) -> Deadline | None:
        return stored_deadline(self.decided_on, self.service_due_on, self.service_rule)

    @property
    def publicity_deadline(self) -> Deadline | None:
        return stored_deadline(self.decided_on, self.publicity_due_on, self.publicity_rule)

    @property
    def withdrawal_deadline(self) -> Deadline | None:
        return stored_deadline(self.reversal_effective_on, self.withdrawal_due_on, self.withdrawal_rule)

    @property
    def limitation_starts_on(self) -> datetime.date | None:
        """行政处罚法第三十六条第二款: from the day the act occurred; the day it ended for a
        continuing or repeated act."""
        return self.violation_ended_on if self.continuing_act else self.violation_occurred_on

    def published_in_time(self) -> bool | None:
        if self.published_on is None or self.publicity_due_on is None:
            return None
        return self.published_on <= self.publicity_due_on

    def decided_in_time(self) -> bool | None:
        if self.decided_on is None:
            return None
        if self.decision_due_on is None:
            return None
        return self.decided_on <= self.decision_due_on

    def overdue_steps(self, today: datetime.date) -> list[str]:
        """What is late on `today`: shown on the case and in the worklist."""
        late: list[str] = []
        if (
            self.status in (self.Status.INVESTIGATING, self.Status.NOTIFIED)
            and self.decision_due_on
            and self.decision_due_on < today
        ):
            late.append(str(_("超过决定期限")))
        if self.status == self.Status.DECIDED and self.service_due_on and self.service_due_on < today:
            late.append(str(_("超过送达期限")))
        if (
            self.decided_on
            and self.published_on is None
            and self.publicity_due_on
            and self.publicity_due_on < today
            and self.status != self.Status.TRANSFERRED
        ):
            late.append(str(_("超过公示期限")))
        if self.withdrawal_due_on and self.withdrawn_on is None and self.withdrawal_due_on < today:
            late.append(str(_("超过撤回公示期限")))
        return late


class CaseRecord(models.Model):
    """One entry of the full-process record (执法全过程记录): a written record or an
    audio-visual one, of one step, with its files attached."""

    class Step(models.TextChoices):
        FILING = "filing", _("立案")
        INVESTIGATION = "investigation", _("调查取证")
        NOTICE = "notice", _("告知")
        HEARING = "hearing", _("听证")
        REVIEW = "review", _("法制审核")
        DECISION = "decision", _("决定")
        SERVICE = "service", _("送达")
        EXECUTION = "execution", _("执行")
        CLOSING = "closing", _("结案归档")

    class Kind(models.TextChoices):
        TEXT = "text", _("文字记录")
        AUDIO_VIDEO = "audio_video", _("音像记录")

    case = models.ForeignKey(EnforcementCase, on_delete=models.PROTECT, related_name="records")
    step = models.CharField(_("环节"), max_length=20, choices=Step.choices)
    kind = models.CharField(_("记录形式"), max_length=20, choices=Kind.choices, default=Kind.TEXT)
    title = models.CharField(_("记录名称"), max_length=200)
    note = models.TextField(_("说明"), blank=True)
    recorded_on = models.DateField(_("记录日期"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("执法全过程记录")
        verbose_name_plural = _("执法全过程记录")
        ordering = ["recorded_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_step_display()}：{self.title}"
