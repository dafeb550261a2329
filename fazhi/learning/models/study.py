"""Study records: the leading cadres' law study (theory-group sessions, pre-meeting study, law
lectures, 述法) and the per-post list of laws to know (应知应会法律法规清单)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Law
from fazhi.learning.models.exams import agency_of_user_id


class StudySession(models.Model):
    class Kind(models.TextChoices):
        THEORY_GROUP = "theory_group", _("党组理论学习中心组学法")
        PRE_MEETING = "pre_meeting", _("会前学法")
        LECTURE = "lecture", _("法治讲座")
        ACCOUNT = "account", _("述法")

    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("形式"), max_length=20, choices=Kind.choices)
    held_on = models.DateField(_("日期"))
    topic = models.CharField(_("主题"), max_length=200)
    laws = models.ManyToManyField(Law, verbose_name=_("学习的法律法规"), blank=True, related_name="+")
    laws_text = models.CharField(_("学习内容"), max_length=300, blank=True)
    attendees = models.TextField(_("参加人员"), help_text=_("每行一人"))
    attendee_count = models.PositiveIntegerField(_("参加人数"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("学法活动")
        verbose_name_plural = _("学法活动")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.topic}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Belongs to the agency of created_by unless set explicitly.
        if self.agency_id is None:
            self.agency_id = agency_of_user_id(self.created_by_id)
        super().save(*args, **kwargs)


class RequiredLaw(models.Model):
    """A row of the list of laws a post must know (应知应会法律法规清单)."""

    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    post = models.CharField(_("岗位"), max_length=100)
    law = models.ForeignKey(Law, verbose_name=_("法律法规"), on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("应知应会法律法规")
        verbose_name_plural = _("应知应会法律法规清单")
        ordering = ["post", "law__title"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "post", "law"], name="learning_required_law_once")
        ]

    def __str__(self) -> str:
        return f"{self.post}：{self.law_id}"
