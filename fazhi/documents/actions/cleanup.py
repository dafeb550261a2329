"""Cleanup campaigns (清理)."""

from __future__ import annotations

from django.db import transaction

from fazhi.core.agencies import agency_for
from fazhi.core.audit import record_event
from fazhi.core.clock import today as _today
from fazhi.core.models import User
from fazhi.core.workflow import (
    DomainError,
    apply_transition,
    clean_text,
    require,
)
from fazhi.documents import permissions
from fazhi.documents.actions._common import CAMPAIGN_TRANSITIONS, CLEANUP_EVENTS
from fazhi.documents.actions.lifespan import record_validity_event
from fazhi.documents.models import (
    CleanupCampaign,
    CleanupItem,
    NormativeDocument,
)

# --- cleanup campaigns ---------------------------------------------------------------------------


def create_campaign(*, actor: User, title: str, reason: str, scope: str) -> CleanupCampaign:
    require(permissions.can_manage_cleanup(actor))
    with transaction.atomic():
        campaign = CleanupCampaign.objects.create(
            agency=agency_for(actor),
            title=clean_text(title, "清理名称", limit=200),
            reason=clean_text(reason, "清理原因", limit=5000),
            scope=clean_text(scope, "清理范围", limit=200),
            created_by=actor,
        )
        record_event(
            "cleanup.create",
            actor=actor,
            obj=campaign,
            to_status=campaign.status,
            data={"title": campaign.title, "reason": campaign.reason},
        )
    return campaign


def set_disposition(
    campaign: CleanupCampaign, document: NormativeDocument, *, actor: User, disposition: str, note: str = ""
) -> CleanupItem:
    require(permissions.can_edit_campaign(actor, campaign))
    if document.agency_id != campaign.agency_id:
        raise DomainError(f"《{document.title}》不是本机关制定的文件，不纳入本机关的清理")
    if disposition not in CleanupItem.Disposition.values:
        raise DomainError("清理意见不正确")
    from fazhi.documents.validity import is_in_force, status_on

    if not is_in_force(status_on(document, _today())):
        raise DomainError(f"《{document.title}》不是现行有效的文件，不纳入清理")
    if disposition != CleanupItem.Disposition.CONTINUE and not note.strip():
        raise DomainError("修改、废止或宣布失效的，应当说明理由")
    with transaction.atomic():
        item, _created = CleanupItem.objects.update_or_create(
            campaign=campaign, document=document, defaults={"disposition": disposition, "note": note.strip()}
        )
        record_event(
            "cleanup.disposition",
            actor=actor,
            obj=campaign,
            data={"document_id": document.pk, "number": document.number, "disposition": disposition},
        )
    return item


def approve_campaign(campaign: CleanupCampaign, *, actor: User) -> None:
    require(permissions.can_manage_campaign(actor, campaign))
    if not campaign.items.exists():
        raise DomainError("清理结果为空，不能审定")
    apply_transition(
        campaign, CAMPAIGN_TRANSITIONS["approve"], actor=actor, verb="cleanup.approve", approved_on=_today()
    )


def publish_campaign(campaign: CleanupCampaign, *, actor: User) -> None:
    """Publish the result list; repeal and declaration of invalidity take effect on the
    publication date through the same validity action."""
    require(permissions.can_manage_campaign(actor, campaign))
    today = _today()
    with transaction.atomic():
        apply_transition(
            campaign, CAMPAIGN_TRANSITIONS["publish"], actor=actor, verb="cleanup.publish", published_on=today
        )
        for item in campaign.items.select_related("document"):
            kind = CLEANUP_EVENTS.get(item.disposition)
            if kind is None:
                continue
            record_validity_event(
                item.document,
                actor=actor,
                kind=kind,
                on=today,
                campaign=campaign,
                note=f"{campaign.title}：{item.note}",
            )
