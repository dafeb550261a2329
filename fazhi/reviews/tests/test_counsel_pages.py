"""The counsel register /work/reviews/counsel/ a page at a time: page 2, and a bad page number
answered with a page as every list."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse

from fazhi.reviews.models import LegalCounsel
from fazhi.reviews.tests.factories import make_counsel
from fazhi.reviews.tests.test_views import ViewTestCase
from fazhi.reviews.views import counsel as views

COUNSEL_LIST = reverse("reviews:counsel_list")


@mock.patch.object(views, "PAGE_SIZE", 2)
class CounselRegisterPageTests(ViewTestCase):
    def test_the_register_is_paged_in_its_order_and_counts_everyone(self) -> None:
        for n, name in enumerate(["钱律师", "孙律师", "李律师"], start=1):
            make_counsel(name=name, number=f"1120120051012{n:04d}")
        register = list(LegalCounsel.objects.order_by("kind", "name", "pk").values_list("name", flat=True))
        self.login(self.reviewer)
        pages = (len(register) + 1) // 2
        shown = [
            [c.name for c in self.client.get(COUNSEL_LIST, {"page": str(n)}).context["page"]]
            for n in range(1, pages + 1)
        ]
        self.assertEqual(shown, [register[i : i + 2] for i in range(0, len(register), 2)])
        second = self.client.get(COUNSEL_LIST, {"page": "2"})
        self.assertContains(second, f"共 {len(register)} 人")
        self.assertContains(second, 'href="?page=1" rel="prev"')
        self.assertEqual(self.client.get(COUNSEL_LIST, {"page": "abc"}).context["page"].number, 1)
        self.assertEqual(self.client.get(COUNSEL_LIST, {"page": "99"}).context["page"].number, pages)
