"""The inspection items a page at a time: the staff list /work/inspections/items/ and the public
API /api/v1/inspections/items (limit, offset and the count of all, as the other API lists)."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse

from fazhi.inspections.models import InspectionItem
from fazhi.inspections.tests.base import InspectionTestCase
from fazhi.inspections.tests.factories import HGR, make_item
from fazhi.inspections.views import registry as registry_views

ITEMS = reverse("inspections:item_list")
API = "/api/v1/inspections/items"


class ItemPageTests(InspectionTestCase):
    def add_items(self) -> list[int]:
        make_item(self.reviewer, domain=HGR)
        make_item(self.reviewer, published=False)
        make_item(self.reviewer)
        return list(InspectionItem.objects.order_by("domain", "pk").values_list("pk", flat=True))

    @mock.patch.object(registry_views, "PAGE_SIZE", 2)
    def test_the_staff_list_is_paged(self) -> None:
        items = self.add_items()
        self.login(self.reviewer)
        first = self.client.get(ITEMS)
        second = self.client.get(ITEMS, {"page": "2"})
        self.assertEqual([i.pk for i in first.context["page"]], items[:2])
        self.assertEqual([i.pk for i in second.context["page"]], items[2:4])
        self.assertContains(second, f"共 {len(items)} 项")
        self.assertContains(first, 'href="?page=2" rel="next"')
        self.assertEqual(self.client.get(ITEMS, {"page": "abc"}).context["page"].number, 1)

    def test_the_api_gives_a_page_of_published_items_with_the_count_of_all(self) -> None:
        self.add_items()
        published = list(
            InspectionItem.objects.filter(published=True)
            .order_by("domain", "pk")
            .values_list("pk", flat=True)
        )
        first = self.client.get(API, {"limit": 2}).json()
        second = self.client.get(API, {"limit": 2, "offset": 2}).json()
        self.assertEqual((first["count"], first["limit"], first["offset"]), (len(published), 2, 0))
        self.assertEqual([i["id"] for i in first["items"] + second["items"]], published)
        self.assertEqual(second["offset"], 2)
        self.assertEqual(self.client.get(API, {"offset": 99}).json()["items"], [])

    def test_the_api_refuses_a_bad_page_with_422(self) -> None:
        for params in ({"limit": 0}, {"limit": 101}, {"offset": -1}, {"offset": "abc"}):
            with self.subTest(**params):
                response = self.client.get(API, params)
                self.assertEqual(response.status_code, 422)
                self.assertIn("detail", response.json())
