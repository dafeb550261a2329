"""Exams: the roster of state employees of the system, the exams with their blueprint, window,
time limit and pass mark, each candidate's attempts (the drawn paper with its seed, the answers
as they were given, the grade), and the results received from the city's online exam system."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.agencies import scoped
from fazhi.core.models import Organization, User
from fazhi.learning.models.bank import Category, Question


def agency_of_user_id(user_id: int | None) -> int | None:
    """The agency of the user with id `user_id` (their division's parent, or their agency)."""
    if user_id is None:
        return None
    organization = User.objects.select_related("organization").get(pk=user_id).organization
    return organization.agency_id if organization is not None else None


class Employee(models.Model):
    """A state employee of the science and technology system (国家工作人员): the people who take
    the yearly exam. Most of them never sign in; those who do are linked to their account."""

    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    full_name = models.CharField(_("姓名"), max_length=50)
    unit = models.CharField(_("单位"), max_length=100)
    division = models.ForeignKey(
        Organization,
        verbose_name=_("处室"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    post = models.CharField(_("职务"), max_length=100, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("平台账号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employee",
    )
    is_active = models.BooleanField(_("在职"), default=True)

    class Meta:
        verbose_name = _("国家工作人员")
        verbose_name_plural = _("国家工作人员名册")
        ordering = ["unit", "full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["full_name", "unit"], name="learning_employee_name_unit")
        ]

    def __str__(self) -> str:
        return f"{self.full_name}（{self.unit}）"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # On the roster of the agency of their division (or account) unless set explicitly.
        if self.agency_id is None:
            if self.division_id is not None:
                self.agency_id = Organization.objects.get(pk=self.division_id).agency_id
            elif self.user_id is not None:
                self.agency_id = agency_of_user_id(self.user_id)
        super().save(*args, **kwargs)


class Exam(models.Model):
    class Kind(models.TextChoices):
        ANNUAL = "annual", _("年度学法用法考试")
        PRE_APPOINTMENT = "pre_appointment", _("任前法律知识考试")
        ENFORCEMENT = "enforcement", _("执法人员法律知识培训考试")

    class Source(models.TextChoices):
        ONLINE = "online", _("本平台在线考试")
        CITY = "city", _("全市学法用法考试系统（导入成绩）")

    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("考试名称"), max_length=200)
    kind = models.CharField(_("考试类型"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    source = models.CharField(_("组织方式"), max_length=10, choices=Source.choices, default=Source.ONLINE)
    opens_at = models.DateTimeField(_("开考时间"))
    closes_at = models.DateTimeField(_("截止时间"))
    time_limit_minutes = models.PositiveIntegerField(_("答题时限（分钟）"))
    # Copied from the rule book when the exam is set, with the version they came from.
    pass_mark = models.PositiveSmallIntegerField(_("合格线（百分制）"))
    max_attempts = models.PositiveSmallIntegerField(_("可参加次数（含补考）"))
    rule_versions = models.JSONField(_("适用规则版本"), default=dict)
    # The usable question ids of each blueprint line ("category/kind" → [id, …]), frozen when the
    # exam is set so that every paper can be re-created from its seed (draw.py).
    pool = models.JSONField(_("题池"), default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("设置时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("考试")
        verbose_name_plural = _("考试")
        ordering = ["-opens_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Belongs to the agency of created_by unless set explicitly.
        if self.agency_id is None:
            self.agency_id = agency_of_user_id(self.created_by_id)
        super().save(*args, **kwargs)

    def is_open(self, now: datetime.datetime) -> bool:
        return self.opens_at <= now < self.closes_at

    def is_closed(self, now: datetime.datetime) -> bool:
        return now >= self.closes_at


class BlueprintLine(models.Model):
    """How many questions of which category and kind a paper has, and the points of each."""

    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="blueprint")
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    kind = models.CharField(_("题型"), max_length=20, choices=Question.Kind.choices)
    count = models.PositiveSmallIntegerField(_("题数"))
    points = models.DecimalField(_("每题分值"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("组卷规则")
        verbose_name_plural = _("组卷规则")
        ordering = ["exam", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["exam", "category", "kind"], name="learning_blueprint_line")
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.get_kind_display()} {self.count}×{self.points}"

    @property
    def subtotal(self) -> Decimal:
        return self.points * self.count


class Candidate(models.Model):
    """A person on an exam's roster (应考人员)."""

    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="candidates")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="candidacies")

    class Meta:
        verbose_name = _("应考人员")
        verbose_name_plural = _("应考人员")
        constraints = [models.UniqueConstraint(fields=["exam", "employee"], name="learning_candidate_once")]

    def __str__(self) -> str:
        return f"{self.exam_id}:{self.employee_id}"


class AttemptQuerySet(models.QuerySet["Attempt"]):
    def visible_to(self, user: Any) -> AttemptQuerySet:
        """Scores are read by the candidate, and by the personnel division and the leadership of
        the exam's agency."""
        from fazhi.learning import permissions

        if not permissions.is_staff_member(user):
            return self.none()
        if permissions.can_read_scores(user):
            return scoped(self, user, "exam__agency")
        return self.filter(employee__user=user)

    def graded(self) -> AttemptQuerySet:
        return self.filter(graded_at__isnull=False)


class Attempt(models.Model):
    """One sitting of a candidate: the paper drawn for it (seed, question ids, option orders —
    enough to re-create the paper for an appeal), the server's clock, the grade. A result
    received from the city's system is an attempt without a paper."""

    exam = models.ForeignKey(Exam, on_delete=models.PROTECT, related_name="attempts")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveSmallIntegerField(_("第几次"))
    seed = models.CharField(_("随机种子"), max_length=64, blank=True)
    # The drawn paper in the order shown: [question id, …]; and per question id the order in
    # which its options are shown (indices into Question.options).
    question_ids = models.JSONField(_("试题"), default=list)
    option_orders = models.JSONField(_("选项顺序"), default=dict)
    points = models.JSONField(_("分值"), default=dict)  # question id → points (str)
    paper_digest = models.CharField(_("试卷摘要"), max_length=64, blank=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    deadline_at = models.DateTimeField(_("交卷截止"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("交卷时间"), null=True, blank=True)
    auto_submitted = models.BooleanField(_("到时自动交卷"), default=False)
    graded_at = models.DateTimeField(_("评分时间"), null=True, blank=True)
    score = models.DecimalField(_("得分"), max_digits=6, decimal_places=1, null=True, blank=True)
    max_score = models.DecimalField(_("满分"), max_digits=6, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField(_("合格"), null=True, blank=True)
    imported = models.BooleanField(_("导入成绩"), default=False)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("考试记录")
        verbose_name_plural = _("考试记录")
        ordering = ["exam", "employee", "number"]
        constraints = [
            models.UniqueConstraint(fields=["exam", "employee", "number"], name="learning_attempt_number")
        ]

    def __str__(self) -> str:
        return f"{self.exam} · {self.employee.full_name} · {self.number}"


class Answer(models.Model):
    """An answer as the candidate gave it, saved at once (one row per question, overwritten)."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    # In the question's own letters ("B", "ACD"), "对"/"错", or the text typed.
    value = models.CharField(_("作答"), max_length=200, blank=True)
    correct = models.BooleanField(_("正确"), null=True)
    saved_at = models.DateTimeField(_("保存时间"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["attempt", "question"], name="learning_answer_once")]

    def __str__(self) -> str:
        return f"{self.attempt_id}:{self.question_id}={self.value}"
