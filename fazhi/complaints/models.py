"""Complaints and public reports about enforcement (执法投诉举报, DOMAIN.md §15).

A complaint arrives from the public portal (without an account) or is entered by staff from a
letter, a visit or a transfer of the city's 12345 hotline. It is registered; the legal affairs
division decides to accept it (and names the division that handles it) or to pass it to the
competent authority, each with the reason and a notice to the complainant; the division answers
it; and the complaint is linked to the enforcement case it led to or to its transfer to judicial
organs.

No national handling period is given in the sources (DOMAIN.md §15): the acceptance decision and
the reply are due by rule-book rows the agency confirms (`complaint.acceptance`,
`complaint.reply`, tagged U and marked 待确认).

The complainant may stay anonymous. Contact details are never public and never enter the audit
chain; the complainant follows the complaint with a receipt code, of which only a SHA-256 is
stored (receipt.py).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.agencies import agency_id_of, scoped
from fazhi.core.models import DeadlineRule, Organization
from fazhi.core.roles import Role


class ComplaintQuerySet(models.QuerySet["Complaint"]):
    def visible_to(self, user: Any) -> ComplaintQuerySet:
        """Of the user's own agency only (issue 12): the legal affairs division and the
        leadership see every complaint; a division sees the complaints it was given to handle."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        own = scoped(self, user)
        if user.has_perm("complaints.view_complaint"):
            return own
        if user.organization_id and user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD):
            return own.filter(division_id=user.organization_id)
        return self.none()

    def of_agency(self, agency: Any) -> ComplaintQuerySet:
        """The complaints addressed to `agency` (an Organization or its id); all for None."""
        if agency is None:
            return self
        return self.filter(agency_id=getattr(agency, "pk", agency))

    def registered(self) -> ComplaintQuerySet:
        """Complaints on the register: a portal submission only once registered."""
        return self.exclude(status__in=[Complaint.Status.SUBMITTED, Complaint.Status.DISMISSED])


class Complaint(models.Model):
    """A complaint or public report about an agency's enforcement (投诉举报)."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("投诉")
        REPORT = "report", _("举报")

    class Channel(models.TextChoices):
        PORTAL = "portal", _("网上投诉举报")
        LETTER = "letter", _("来信")
        VISIT = "visit", _("来访")
        HOTLINE = "hotline", _("12345热线转办")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待登记")
        REGISTERED = "registered", _("已登记，待作出受理决定")
        ACCEPTED = "accepted", _("已受理，办理中")
        TRANSFERRED = "transferred", _("已转交有权处理的机关")
        ANSWERED = "answered", _("已答复")
        DISMISSED = "dismissed", _("不予登记")

    class NoticeMethod(models.TextChoices):
        PORTAL = "portal", _("凭查询码在网站查看")
        PHONE = "phone", _("电话")
        EMAIL = "email", _("电子邮件")
        LETTER = "letter", _("书面（邮寄）")
        IN_PERSON = "in_person", _("当面")

    # The department the complaint is addressed to (the portal asks; staff entry and the 12345
    # import take the entering user's agency).
    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    receipt_digest = models.CharField(_("查询码摘要"), max_length=64, unique=True, editable=False)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("来源"), max_length=20, choices=Channel.choices)
    hotline_ticket = models.CharField(_("12345 工单号"), max_length=40, blank=True)
    subject = models.CharField(_("事由"), max_length=200)
    content = models.TextField(_("投诉举报内容"))
    respondent = models.CharField(_("被投诉举报的单位或执法行为"), max_length=200, blank=True)
    # The complainant: never shown publicly, never in the audit chain.
    anonymous = models.BooleanField(_("匿名"), default=False)
    contact_name = models.CharField(_("姓名或单位"), max_length=100, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    contact_email = models.CharField(_("电子邮箱"), max_length=100, blank=True)
    contact_address = models.CharField(_("通讯地址"), max_length=200, blank=True)
    received_on = models.DateField(_("收到日期"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    # Registration
    registered_on = models.DateField(_("登记日期"), null=True, blank=True)
    dismissal_reason = models.TextField(_("不予登记的理由"), blank=True)
    decision_due_on = models.DateField(_("受理决定期限"), null=True, blank=True)
    decision_rule = models.ForeignKey(
        DeadlineRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The decision: accept (and the handling division) or pass to the competent authority
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_reason = models.TextField(_("决定理由"), blank=True)
    competent_authority = models.CharField(_("有权处理的机关"), max_length=200, blank=True)
    notice = models.TextField(_("告知投诉举报人的内容"), blank=True)
    notice_method = models.CharField(_("告知方式"), max_length=20, choices=NoticeMethod.choices, blank=True)
    division = models.ForeignKey(
        Organization,
        verbose_name=_("承办处室"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    reply_due_on = models.DateField(_("答复期限"), null=True, blank=True)
    reply_rule = models.ForeignKey(
        DeadlineRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The reply
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    findings = models.TextField(_("调查核实情况"), blank=True)
    reply = models.TextField(_("答复内容"), blank=True)
    reply_method = models.CharField(_("答复方式"), max_length=20, choices=NoticeMethod.choices, blank=True)
    late_reason = models.TextField(_("超过答复期限的理由"), blank=True)
    # What it led to
    enforcement_case = models.ForeignKey(
        "enforcement.EnforcementCase",
        verbose_name=_("由此立案的执法案件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    judicial_transferred_on = models.DateField(_("移送司法机关日期"), null=True, blank=True)
    judicial_organ = models.CharField(_("接收移送的司法机关"), max_length=100, blank=True)
    judicial_reason = models.TextField(_("移送理由"), blank=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("投诉举报")
        verbose_name_plural = _("投诉举报")
        ordering = ["-received_on", "-pk"]
        permissions = [("register_complaint", _("登记、分办投诉举报"))]
        constraints = [
            # A 12345 ticket is entered once by each agency it was transferred to.
            models.UniqueConstraint(
                fields=["agency", "hotline_ticket"],
                condition=~models.Q(hotline_ticket=""),
                name="complaints_one_row_per_hotline_ticket",
            )
        ]
        indexes = [models.Index(fields=["status", "received_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.subject}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """The agency defaults to the handling division's, or to the agency of whoever entered it."""
        if self.agency_id is None:
            if self.division_id is not None:
                self.agency_id = self.division.agency_id
            elif self.created_by_id is not None:
                self.agency_id = agency_id_of(self.created_by)
        super().save(*args, **kwargs)

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_phone or self.contact_email or self.contact_address)

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.REGISTERED, self.Status.ACCEPTED)

    def due_on(self) -> datetime.date | None:
        """The next date the agency owes the complainant something."""
        if self.status == self.Status.REGISTERED:
            return self.decision_due_on
        if self.status == self.Status.ACCEPTED:
            return self.reply_due_on
        return None

    def is_overdue(self, today: datetime.date) -> bool:
        due = self.due_on()
        return due is not None and due < today

    def answered_in_time(self) -> bool | None:
        if self.replied_on is None or self.reply_due_on is None:
            return None
        return self.replied_on <= self.reply_due_on
