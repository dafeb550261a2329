"""A department's latest published records on its portal page (/d/<code>/), and the site search
limited to one department (/search/?dept=<code>), over the four kinds the portal publishes:
policies, major decisions, inspection results and enforcement decisions (issue 12)."""

from __future__ import annotations

import datetime
from typing import Any

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core import publiclists, sitesearch
from fazhi.core.models import Domain, Organization, User
from fazhi.core.testing import BaseTestCase, make_department
from fazhi.decisions.models import MajorDecision
from fazhi.documents.models import NormativeDocument
from fazhi.documents.search import search_fields
from fazhi.enforcement.models import EnforcementCase
from fazhi.inspections.models import Entity, InspectionItem, InspectionPlan, InspectionTask
from fazhi.inspections.tests.factories import uscc

DAY = datetime.date(2026, 6, 1)
KINDS = ("policies", "decisions", "inspection_results", "enforcement")


def make_records(
    agency: Organization, division: Organization, user: User, word: str, *, n: int, published: bool = True
) -> dict[str, Any]:
    """One record of each kind for `agency`, titled with `word`; published on DAY or not."""
    on = DAY if published else None
    title, number, body = (
        f"{word}管理办法",
        f"{agency.code}规〔2026〕{n}号" if published else "",
        f"为规范{word}工作，制定本办法。",
    )
    document = NormativeDocument.objects.create(
        agency=agency,
        division=division,
        created_by=user,
        title=title,
        number=number,
        body=body,
        # What the publish action writes for the library's index (only on publication).
        **(search_fields(title, number, body) if published else {}),
        status=NormativeDocument.Status.PUBLISHED if published else NormativeDocument.Status.DRAFTING,
        published_on=on,
    )
    decision = MajorDecision.objects.create(
        agency=agency,
        year=2026,
        title=f"{word}发展规划",
        lead_division=division,
        legal_basis="依据",
        reason="理由",
        proposed_by=user,
        decision_text=f"同意{word}发展规划。",
        published_on=on,
    )
    item = InspectionItem.objects.create(
        agency=agency,
        name=f"{word}监督检查",
        legal_basis="依据",
        inspecting_body=agency.name,
        method="现场检查",
        domain=Domain.LAB_ANIMALS,
    )
    plan = InspectionPlan.objects.create(
        agency=agency, title=f"{word}抽查计划", year=2026, item=item, draw_on=DAY, created_by=user
    )
    entity = Entity.objects.create(
        agency=agency,
        name=f"天津{word}有限公司",
        uscc=uscc(n),
        legal_representative="王某",
        address="天津市",
        domain=Domain.LAB_ANIMALS,
    )
    task = InspectionTask.objects.create(
        plan=plan,
        entity=entity,
        stratum="A",
        sequence=1,
        status=InspectionTask.Status.PUBLISHED if published else InspectionTask.Status.RECORDED,
        result_description=f"{word}检查未发现问题。",
        published_on=on,
    )
    case = EnforcementCase.objects.create(
        agency=agency,
        title=f"{word}违法案",
        division=division,
        party_name=f"天津{word}有限公司",
        party_kind=EnforcementCase.PartyKind.ORGANIZATION,
        facts="事实",
        discovered_on=DAY,
        filed_on=DAY,
        filed_by=user,
        decision_number=f"{agency.code}罚〔2026〕{n}号" if published else "",
        decision_text=f"{word}违法，予以警告。",
        decided_on=DAY if published else None,
        published_on=on,
    )
    return {"document": document, "decision": decision, "task": task, "case": case}


@time_machine.travel("2026-06-16 10:00 +08:00", tick=False)
class DepartmentLatestTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()
        c = cls.commission
        cls.ours = make_records(cls.bureau, cls.sci_division, cls.drafter, "科技创新", n=1)
        cls.theirs = make_records(c.agency, c.division, c.drafter, "教育科研", n=2)
        cls.unpublished = make_records(c.agency, c.division, c.drafter, "未公开创新", n=3, published=False)

    def test_every_kind_of_the_department_page_is_registered(self) -> None:
        for url_name in (
            "library:index",
            "public_decisions:index",
            "public_inspections:index",
            "public_enforcement:index",
        ):
            with self.subTest(url_name=url_name):
                self.assertIsNotNone(publiclists.for_url(url_name))

    def test_the_department_page_lists_its_own_latest_published_records(self) -> None:
        response = self.client.get("/d/tjjw/")
        self.assertEqual(response.status_code, 200)
        entries = {part["key"]: part["entries"] for part in response.context["parts"]}
        titles = {
            key: [e.title for e in entries[key]]
            for key in ("policies", "decisions", "inspections", "enforcement")
        }
        self.assertEqual(
            titles,
            {
                "policies": ["教育科研管理办法"],
                "decisions": ["教育科研发展规划"],
                "inspections": ["天津教育科研有限公司 · 教育科研抽查计划"],
                "enforcement": ["tjjw罚〔2026〕2号 教育科研违法案"],
            },
        )
        self.assertContains(response, f'href="/policies/{self.theirs["document"].pk}/"')
        self.assertContains(response, "tjjw规〔2026〕2号")
        self.assertNotContains(response, "科技创新")
        self.assertNotContains(response, "未公开")
        bureau = self.client.get("/d/tjkjj/")
        self.assertContains(bureau, "科技创新管理办法")
        self.assertNotContains(bureau, "教育科研")

    def test_each_list_is_one_query(self) -> None:
        agency = self.commission.agency
        for url_name in (
            "library:index",
            "public_decisions:index",
            "public_inspections:index",
            "public_enforcement:index",
        ):
            public_list = publiclists.for_url(url_name)
            assert public_list is not None
            with self.subTest(url_name=url_name), CaptureQueriesContext(connection) as queries:
                self.assertEqual(len(public_list.latest(agency, 5)), 1)
            self.assertEqual(len(queries), 1, url_name)

    def test_a_withdrawn_enforcement_decision_shows_as_withdrawn_without_its_content(self) -> None:
        case = self.theirs["case"]
        EnforcementCase.objects.filter(pk=case.pk).update(withdrawn_on=DAY, reversal_reason="复议撤销")
        public_list = publiclists.for_url("public_enforcement:index")
        assert public_list is not None
        [entry] = public_list.latest(self.commission.agency, 5)
        self.assertEqual((entry.title, entry.detail), ("tjjw罚〔2026〕2号", "已撤回公示"))

    def test_a_natural_persons_name_is_masked_in_the_latest_decisions(self) -> None:
        EnforcementCase.objects.filter(pk=self.theirs["case"].pk).update(
            party_kind=EnforcementCase.PartyKind.PERSON, party_name="张三丰"
        )
        public_list = publiclists.for_url("public_enforcement:index")
        assert public_list is not None
        [entry] = public_list.latest(self.commission.agency, 5)
        self.assertEqual(entry.detail, "张**")

    def groups(self, q: str, department: Organization | None = None) -> dict[str, sitesearch.Group]:
        return {g.source.key: g for g in sitesearch.search_all(q, department=department)}

    def test_the_search_with_a_department_finds_only_its_records_in_each_source(self) -> None:
        # "创新" is in the bureau's records (and the commission's unpublished ones), "科研" in the
        # commission's, "科" in both departments' published records.
        theirs = self.groups("科", self.commission.agency)
        self.assertEqual(sorted(theirs), sorted(KINDS))
        for key in KINDS:
            with self.subTest(key=key):
                self.assertEqual(theirs[key].total, 1)
                self.assertEqual(len(theirs[key].hits), 1)
                self.assertIn("科", str(theirs[key].hits[0].title))
                self.assertNotIn("创新", str(theirs[key].hits[0].title))
        ours = self.groups("创新", self.bureau)
        none = self.groups("创新", self.commission.agency)
        for key in KINDS:
            with self.subTest(key=key):
                self.assertEqual(ours[key].total, 1)
                self.assertEqual(none[key].total, 0)

    def test_the_search_without_a_department_finds_both(self) -> None:
        both = self.groups("科")
        for key in KINDS:
            with self.subTest(key=key):
                self.assertEqual(both[key].total, 2)

    def test_the_search_page_with_dept_lists_only_that_department(self) -> None:
        response = self.client.get("/search/", {"q": "科", "dept": "tjjw"})
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'id="search-unfiltered"')
        self.assertContains(response, f'href="/policies/{self.theirs["document"].pk}/"')
        self.assertNotContains(response, f'href="/policies/{self.ours["document"].pk}/"')
        self.assertNotContains(response, "科技创新")
        self.assertEqual(response.context["total"], 4)
        everyone = self.client.get("/search/", {"q": "科"})
        self.assertEqual(everyone.context["total"], 8)

    def test_the_link_to_all_policies_keeps_the_department(self) -> None:
        [group] = [
            g
            for g in sitesearch.search_all("科", limit=0, department=self.commission.agency)
            if g.source.key == "policies"
        ]
        self.assertEqual(group.more_url, "/policies/?q=%E7%A7%91&dept=tjjw")
