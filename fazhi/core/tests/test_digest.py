"""The daily reminder e-mail: what is due or overdue on "我的工作", once a day, off by default."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

from fazhi.core import digest, worklist
from fazhi.core.testing import BaseTestCase
from fazhi.core.worklist import WorkItem

D = datetime.date
TODAY = D(2026, 12, 21)


class _Due:
    def __init__(self, due: Any) -> None:
        self.due = due


def provider(user: Any) -> list[WorkItem]:
    if user.username != "drafter":
        return []
    return [
        WorkItem("报送备案", "/work/documents/1/", "规范性文件", due=_Due(D(2026, 12, 18))),
        WorkItem("答复复议", "/work/disputes/2/", "行政复议", due=_Due(D(2026, 12, 23))),
        WorkItem("结案", "/work/enforcement/3/", "行政执法", due=_Due(D(2027, 3, 1))),
        WorkItem("公示检查结果", "/work/inspections/4/", "双随机抽查", due=_Due(None)),  # pending
        WorkItem("起草", "/work/documents/5/", "规范性文件"),
    ]


@override_settings(
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    FAZHI_EMAIL_DIGEST=True,
    FAZHI_SITE_URL="https://fazhi.example.gov.cn/",
)
class DigestTests(BaseTestCase):
    def setUp(self) -> None:
        cache.clear()
        self._providers = list(worklist._providers)
        worklist._providers[:] = [provider]
        self.drafter.email = "drafter@example.gov.cn"
        self.drafter.save(update_fields=["email"])
        self.reviewer.email = "reviewer@example.gov.cn"
        self.reviewer.save(update_fields=["email"])

    def tearDown(self) -> None:
        worklist._providers[:] = self._providers

    def test_the_digest_lists_overdue_and_soon_due_items_but_not_far_or_pending_ones(self) -> None:
        found = digest.digest_for(self.drafter, TODAY)
        self.assertEqual([i.title for i, _d in found.overdue], ["报送备案"])
        self.assertEqual([i.title for i, _d in found.due_soon], ["答复复议"])
        subject, body = digest.render_digest(found, TODAY)
        self.assertIn("2026年12月21日 待办提醒：逾期 1 项，3 日内到期 1 项", subject)
        self.assertIn("- 2026年12月18日  [规范性文件] 报送备案", body)
        self.assertIn("https://fazhi.example.gov.cn/work/disputes/2/", body)
        self.assertNotIn("结案", body)
        self.assertNotIn("公示检查结果", body)

    def test_each_user_with_something_due_gets_one_mail_a_day(self) -> None:
        counts = digest.send_digests(today=TODAY)
        self.assertEqual(counts["sent"], 1)
        self.assertEqual(counts["nothing_due"], 1)  # the reviewer
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["drafter@example.gov.cn"])
        again = digest.send_digests(today=TODAY)
        self.assertEqual((again["sent"], again["already_sent"]), (0, 1))
        self.assertEqual(len(mail.outbox), 1)
        digest.send_digests(today=TODAY + datetime.timedelta(days=1))
        self.assertEqual(len(mail.outbox), 2)

    def test_a_dry_run_counts_and_sends_nothing(self) -> None:
        out = StringIO()
        call_command("digest", "send", "--dry-run", "--date", "2026-12-21", stdout=out)
        self.assertIn("应发送 1 封", out.getvalue())
        self.assertEqual(mail.outbox, [])

    @override_settings(FAZHI_EMAIL_DIGEST=False)
    def test_without_a_mail_host_the_command_sends_nothing_and_says_so(self) -> None:
        out = StringIO()
        call_command("digest", "send", stdout=out)
        self.assertIn("邮件提醒未启用", out.getvalue())
        self.assertEqual(mail.outbox, [])
