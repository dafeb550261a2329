"""The daily reminder: each user gets an e-mail of what waits on them that is due or overdue.

A person who does not open the dashboard still learns of a deadline. The items are the same as
on "我的工作" (`core.worklist`), so a reminder never says more or less than the page. Off
unless the server is given a mail host (`FAZHI_EMAIL_HOST`); sent once a day per user (the
cache remembers who has had today's, so running the command twice sends nothing twice).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from fazhi.core.worklist import WorkItem, work_items_for

# How far ahead a coming due date is mentioned: a reminder, not a legal period.
HORIZON_DAYS = 3


@dataclass
class Digest:
    user: Any
    overdue: list[tuple[WorkItem, datetime.date]] = field(default_factory=list)
    due_soon: list[tuple[WorkItem, datetime.date]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.overdue or self.due_soon)


def enabled() -> bool:
    return bool(getattr(settings, "FAZHI_EMAIL_DIGEST", False))


def due_date(item: WorkItem) -> datetime.date | None:
    """The item's due date; None when it has none or it is still pending (a year the holiday
    calendar lacks): a reminder never guesses one."""
    due = getattr(item.due, "due", None)
    return due if isinstance(due, datetime.date) else None


def digest_for(user: Any, today: datetime.date) -> Digest:
    digest = Digest(user)
    horizon = today + datetime.timedelta(days=HORIZON_DAYS)
    for item in work_items_for(user):
        due = due_date(item)
        if due is None:
            continue
        if due < today:
            digest.overdue.append((item, due))
        elif due <= horizon:
            digest.due_soon.append((item, due))
    digest.overdue.sort(key=lambda pair: pair[1])
    digest.due_soon.sort(key=lambda pair: pair[1])
    return digest


def _day(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def render_digest(digest: Digest, today: datetime.date) -> tuple[str, str]:
    """Subject and plain-text body, in Chinese (the platform's working language)."""
    base = settings.FAZHI_SITE_URL.rstrip("/")
    with translation.override("zh-hans"):
        subject = _(
            "【法治政府建设管理平台】%(day)s 待办提醒：逾期 %(late)s 项，%(n)s 日内到期 %(soon)s 项"
        ) % {
            "day": _day(today),
            "late": len(digest.overdue),
            "n": HORIZON_DAYS,
            "soon": len(digest.due_soon),
        }
        lines = [
            _("%(name)s：") % {"name": digest.user.display_name},
            "",
        ]
        for title, pairs in ((_("已逾期"), digest.overdue), (_("即将到期"), digest.due_soon)):
            if not pairs:
                continue
            lines.append(f"{title}（{len(pairs)}）")
            for item, due in pairs:
                lines.append(f"- {_day(due)}  [{item.kind}] {item.title}")
                lines.append(f"  {base}{item.url}")
            lines.append("")
        lines.append(_("全部待办见“我的工作”：%(url)s") % {"url": f"{base}/work/"})
        lines.append(_("（本邮件由平台每日自动发送，请勿回复。）"))
    return subject, "\n".join(lines)


def send_digests(*, today: datetime.date, dry_run: bool = False) -> dict[str, int]:
    """Send today's digest to every active user with an e-mail address and something due."""
    from fazhi.core.models import User

    counts = {"users": 0, "sent": 0, "nothing_due": 0, "already_sent": 0}
    for user in User.objects.filter(is_active=True).exclude(email="").order_by("pk"):
        counts["users"] += 1
        key = f"fazhi:digest:{today.isoformat()}:{user.pk}"
        if cache.get(key):
            counts["already_sent"] += 1
            continue
        digest = digest_for(user, today)
        if not digest:
            counts["nothing_due"] += 1
            continue
        if not dry_run:
            subject, body = render_digest(digest, today)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            cache.set(key, True, timeout=2 * 24 * 3600)
        counts["sent"] += 1
    return counts
