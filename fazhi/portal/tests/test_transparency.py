"""/transparency/: the public list of daily chain heads (DOMAIN.md §9)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.test import TestCase
from django.urls import reverse

from fazhi.core.audit import publish_daily_heads, record_event
from fazhi.core.models import AuditEvent, PublishedChainHead

URL = reverse("portal:transparency")
SHANGHAI = ZoneInfo("Asia/Shanghai")


class TransparencyPageTests(TestCase):
    def test_the_page_is_public_and_says_when_nothing_is_published_yet(self) -> None:
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "全过程记录链头公示")
        self.assertContains(response, "尚无公布的链头")

    def test_the_page_lists_published_daily_heads_newest_first(self) -> None:
        for day in (2, 3):
            with time_machine.travel(datetime.datetime(2026, 3, day, 10, tzinfo=SHANGHAI), tick=False):
                record_event("submit", actor=None, data={"day": day})
                record_event("approve", actor=None, data={"day": day})
        self.assertEqual(publish_daily_heads(today=datetime.date(2026, 3, 4)), 2)
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertEqual([h.day.day for h in response.context["heads"]], [3, 2])
        for seq in (2, 4):
            self.assertContains(response, f'<code class="hash">{AuditEvent.objects.get(seq=seq).hash}</code>')
        self.assertContains(response, "2026-03-03")
        self.assertContains(response, '<td class="num">4</td>', html=True)

    def test_the_daily_list_holds_only_what_was_published_not_the_live_head(self) -> None:
        record_event("submit", actor=None)
        response = self.client.get(URL)
        self.assertEqual(list(response.context["heads"]), [])
        self.assertContains(response, "尚无公布的链头")
        self.assertFalse(PublishedChainHead.objects.exists())

    def test_the_page_queries_a_fixed_number_of_times(self) -> None:
        for n in range(1, 11):
            PublishedChainHead.objects.create(day=datetime.date(2026, 1, n), seq=n, hash=f"{n:064x}")
        with self.assertNumQueries(2):  # the published heads and the current head
            response = self.client.get(URL)
        self.assertEqual(len(response.context["heads"]), 10)


class CurrentHeadTests(TestCase):
    def test_the_current_head_is_shown_before_any_day_is_published(self) -> None:
        event = record_event("demo.event", actor=None, data={"n": 1})
        response = self.client.get("/transparency/")
        self.assertContains(response, "当前链头")
        self.assertContains(response, event.hash)
