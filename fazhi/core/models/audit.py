from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .canonical import CanonicalJSONField


class AuditEvent(models.Model):
    """One link of the append-only, hash-chained full-process record (DOMAIN.md §9).

    `seq` is assigned by `fazhi.core.audit.record_event` while it holds the chain head, so
    that sequence numbers have no gaps and an inserted or deleted event breaks the chain.
    """

    seq = models.BigIntegerField(primary_key=True)
    at = models.DateTimeField(_("时间"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(_("操作人姓名"), max_length=100, blank=True)
    verb = models.CharField(_("动作"), max_length=60)
    object_type = models.CharField(_("对象类型"), max_length=100, blank=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    from_status = models.CharField(_("原状态"), max_length=40, blank=True)
    to_status = models.CharField(_("新状态"), max_length=40, blank=True)
    # Stored as its canonical text (the form its hash covers), so verification reads it as is.
    data = CanonicalJSONField(_("内容"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"]), models.Index(fields=["at"])]
        permissions = [("view_audit_trail", _("查看全过程记录"))]

    def __str__(self) -> str:
        return f"#{self.seq} {self.verb} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not self._state.adding:
            raise ValueError("审计事件只能追加，不得修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise ValueError("审计事件只能追加，不得删除")


class AuditChainHead(models.Model):
    """A single row holding the last sequence number and hash.

    Appending locks this row (select_for_update on PostgreSQL; the IMMEDIATE transaction on
    SQLite), which serialises writers so two events can never claim the same `seq`.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"


class PublishedChainHead(models.Model):
    """The chain head at the end of a day, published on the portal's transparency page so that
    rewriting history later is detectable from outside."""

    day = models.DateField(_("日期"), unique=True)
    seq = models.BigIntegerField(_("最后事件序号"))
    hash = models.CharField(_("链头哈希"), max_length=64)
    published_at = models.DateTimeField(_("公布时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("公布的链头")
        verbose_name_plural = _("公布的链头")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day} #{self.seq} {self.hash[:12]}"
