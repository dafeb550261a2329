"""The question bank (题库): questions of four kinds, each testing a law, an article and the
version of the law it was written against. A question whose law was amended is retired until a
reviewer re-approves it against the new version (core.laws.on_new_version)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Law, LawVersion

TRUE, FALSE = "对", "错"


class Category(models.TextChoices):
    CONSTITUTION = "constitution", _("宪法")
    ADMINISTRATIVE = "administrative", _("行政法律法规")
    SCIENCE = "science", _("科技法律法规")
    PARTY = "party", _("党内法规")
    OTHER = "other", _("其他法律法规")


class QuestionQuerySet(models.QuerySet["Question"]):
    def usable(self) -> QuestionQuerySet:
        """Questions a paper may be drawn from: approved, not retired."""
        return self.filter(status=Question.Status.APPROVED)


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("单选题")
        MULTIPLE = "multiple", _("多选题")
        TRUE_FALSE = "true_false", _("判断题")
        FILL = "fill", _("填空题")

    class Status(models.TextChoices):
        APPROVED = "approved", _("在用")
        RETIRED = "retired", _("停用（待复核）")

    code = models.CharField(_("题号"), max_length=20, unique=True)
    kind = models.CharField(_("题型"), max_length=20, choices=Kind.choices)
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    tags = models.CharField(_("标签"), max_length=200, blank=True, help_text=_("以逗号分隔"))
    stem = models.TextField(_("题干"))
    # The options in their written order (choice questions only): ["…", "…", …] for A, B, C, D.
    options = models.JSONField(_("选项"), default=list, blank=True)
    # Single "B"; multiple "ACD"; true/false "对" or "错"; fill-in: the accepted answers joined by "|".
    answer = models.CharField(_("答案"), max_length=200)
    explanation = models.TextField(_("解析"), blank=True)
    law = models.ForeignKey(
        Law, verbose_name=_("所考法律法规"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    article = models.CharField(_("条款"), max_length=50, blank=True)
    law_version = models.ForeignKey(
        LawVersion,
        verbose_name=_("所依据的版本"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.APPROVED)
    retired_reason = models.CharField(_("停用原因"), max_length=300, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("试题")
        verbose_name_plural = _("题库")
        ordering = ["code"]
        permissions = [("manage_exams", _("管理题库、考试和任前考试"))]

    def __str__(self) -> str:
        return f"{self.code} {self.stem[:30]}"

    @property
    def letters(self) -> list[str]:
        return [chr(ord("A") + i) for i in range(len(self.options))]

    def accepted(self) -> list[str]:
        return [a.strip() for a in self.answer.split("|") if a.strip()]

    def as_row(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "kind": self.kind,
            "category": self.category,
            "stem": self.stem,
            "options": list(self.options),
            "answer": self.answer,
        }
