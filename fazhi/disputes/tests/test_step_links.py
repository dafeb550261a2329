"""The panel of steps at the top of a reconsideration's page names each step: the matter's own
"next step" list of the status banner is another thing and never fills the panel."""

from __future__ import annotations

import re

from fazhi.core.testing import without_calendar_year
from fazhi.disputes.models import Reconsideration
from fazhi.disputes.tests.test_views import RECONSIDERATION_CREATE, ViewTestCase, detail


class StepLinkTests(ViewTestCase):
    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)

    def test_every_link_of_the_panel_has_words(self) -> None:
        self.login(self.reviewer)
        self.client.post(
            RECONSIDERATION_CREATE,
            {
                "applicant": "天津某生物科技有限公司",
                "organ": "天津市人民政府",
                "case_number": "津政复〔2026〕88号",
                "challenged_act": "津科罚〔2026〕1号行政处罚决定",
                "received_on": "2026-09-22",
                "enforcement_case": "",
            },
        )
        page = self.client.get(detail(Reconsideration.objects.get())).content.decode()
        panel = re.search(r'<nav class="card next-steps".*?</nav>', page, re.S)
        assert panel is not None
        links = re.findall(r'<a [^>]*href="(#[^"]*)"[^>]*>(.*?)</a>', panel.group(0), re.S)
        self.assertTrue(links)
        for anchor, words in links:
            self.assertTrue(anchor.startswith("#step-"), anchor)
            self.assertTrue(words.strip(), anchor)
