"""Two departments, every role, every route (issue 12): no person of the education commission
can read or act on a record of the science bureau through any page or API route.

The bureau (BaseTestCase) has one record of every kind (department_records.py); the commission
(`make_department()`) has one person per role. For every page and API route that takes a record
id (isolation_routes.py): GET answers 404 and a POST is refused (404 or 403) with the record
and the audit trail unchanged. Every list page and API list the commission's people may open
answers 200 without any of the bureau's markers. The Justice Bureau's filing officer sees the
bureau's filing, and no other record; a district justice bureau's officer sees none of them.
A control asks the bureau's own people for each record: the route and the record are right.
"""

from __future__ import annotations

import functools
import json
import re
from types import SimpleNamespace
from typing import Any, ClassVar

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse

from fazhi.api import api
from fazhi.core.models import AuditEvent, Organization, User
from fazhi.core.roles import Role
from fazhi.core.testing import BaseTestCase, Department, make_department, make_user
from fazhi.core.tests.permission_api import API_ROUTES
from fazhi.core.tests.permission_pages import ALL, PAGES
from fazhi.isolation_tests.department_records import MARK, make_bureau_records
from fazhi.isolation_tests.isolation_routes import (
    API_NOT_ISOLATED,
    API_PARAMS,
    API_RECORD_OF,
    API_RECORD_ROUTES,
    FILING_ROUTES,
    LISTS_NOT_ISOLATED,
    PAGE_ROUTES,
    PAGES_NOT_ISOLATED,
    Route,
)

# The commission's people, by the role names of the permission matrix.
COMMISSION_ROLES = ["drafter", "division_head", "reviewer", "director", "officer", "personnel", "admin_user"]
# The controls' people: the bureau's, its filing authority's, and the city administrator (who
# administers every department, issue 12).
BUREAU_ROLES = [
    "drafter",
    "reviewer",
    "director",
    "officer",
    "personnel",
    "filing_officer",
    "admin_user",
    "city_admin",
]
REFUSED = {403, 404}
MARKED = re.compile(rf"{MARK}\d\d")


@functools.cache
def _schema() -> dict[str, Any]:
    return api.get_openapi_schema()  # type: ignore[no-any-return]


class DepartmentIsolationTests(BaseTestCase):
    commission: ClassVar[Department]
    records: ClassVar[SimpleNamespace]
    district_filing_officer: ClassVar[User]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()
        cls.records = make_bureau_records(cls)
        cls.personnel = cls.records.personnel
        district = Organization.objects.create(name="天津市和平区司法局", code="hpsfj", kind="justice_bureau")
        cls.district_filing_officer = make_user(
            "district_filing", org=district, roles=[Role.FILING_OFFICER], full_name="和备案"
        )

    def setUp(self) -> None:
        super().setUp()
        # Each test has its own media folder (fazhi/conftest.py): put the attachment's file back.
        stored = self.records.attachment.file
        if not stored.storage.exists(stored.name):
            stored.storage.save(stored.name, ContentFile("第一条".encode()))

    def assert_none(self, failures: list[str], title: str) -> None:
        if failures:
            self.fail(f"{len(failures)} {title}:\n" + "\n".join(failures))

    # --- who asks ---------------------------------------------------------------------------

    def outsiders(self, name: str) -> list[tuple[str, User]]:
        """The commission's people of every role, and the filing officers who must not see the
        record: the district's always, the city's except on the filing routes."""
        people = [(role, getattr(self.commission, role)) for role in COMMISSION_ROLES]
        people.append(("district_filing_officer", self.district_filing_officer))
        if name not in FILING_ROUTES:
            people.append(("filing_officer", self.filing_officer))
        return people

    def bureau_user(self, role: str) -> User:
        return self.personnel if role == "personnel" else getattr(self, role)  # type: ignore[no-any-return]

    # --- the record of a route and its state ------------------------------------------------

    def page_url(self, name: str, route: Route) -> str:
        record = getattr(self.records, route.record)
        kwargs = {"pk": record.pk, **route.args(self.records)}
        return reverse(name, kwargs=kwargs)

    def snapshot(self, record_name: str) -> tuple[dict[str, Any], int]:
        record = getattr(self.records, record_name)
        row = type(record)._default_manager.filter(pk=record.pk).values().first()
        return row or {}, AuditEvent.objects.count()

    def post_refused(self, who: str, user: User, url: str, record_name: str, **post: Any) -> list[str]:
        """POST as `user`: refused, and nothing changed. Each POST is rolled back, so a step
        wrongly taken does not change what the next one finds."""
        failures = []
        self.client.force_login(user)
        with transaction.atomic():
            before = self.snapshot(record_name)
            response = self.client.post(url, **post)
            if response.status_code not in REFUSED:
                failures.append(f"POST {url} as {who}: {response.status_code}")
            if self.snapshot(record_name) != before:
                failures.append(f"POST {url} as {who}: the {record_name} or the audit trail changed")
            transaction.set_rollback(True)
        return failures

    def post_answered(self, user: User, url: str, **post: Any) -> int:
        """The status of a POST as `user`, rolled back."""
        self.client.force_login(user)
        with transaction.atomic():
            status = self.client.post(url, **post).status_code
            transaction.set_rollback(True)
        return status

    # --- completeness -------------------------------------------------------------------------

    def test_every_page_taking_a_record_id_is_in_the_tables(self) -> None:
        # Not here: the Django admin (superusers only, no department's role) and the API's
        # pages (the next test, from the OpenAPI document).
        names = {
            name
            for name, pattern in _patterns().items()
            if "<" in pattern and name.split(":")[0] not in {"admin", "api"}
        }
        self.assertEqual(names - set(PAGE_ROUTES) - set(PAGES_NOT_ISOLATED), set())
        self.assertEqual(set(PAGE_ROUTES) & set(PAGES_NOT_ISOLATED), set())

    def test_every_api_route_taking_a_record_id_is_in_the_tables(self) -> None:
        paths = {p.rstrip("/") for p in _schema()["paths"] if "{" in p}
        self.assertEqual(paths - set(API_RECORD_ROUTES) - set(API_NOT_ISOLATED), set())
        self.assertEqual(set(API_RECORD_ROUTES) - paths, set(), "a route in the table no longer exists")

    # --- the control: each route and record is right ----------------------------------------

    def test_the_bureau_sees_each_of_its_records(self) -> None:
        failures = []
        for name, route in PAGE_ROUTES.items():
            if route.sees is None or not route.get:
                continue
            self.client.force_login(self.bureau_user(route.sees))
            url = self.page_url(name, route)
            status = self.client.get(url).status_code
            if status != 200:
                failures.append(f"GET {url} ({name}) as the bureau's {route.sees}: {status}")
        for path, sees in API_RECORD_ROUTES.items():
            if sees is None:
                continue
            self.client.force_login(self.bureau_user(sees))
            url = self.api_url(path)
            status = self.client.get(url).status_code
            if status != 200:
                failures.append(f"GET {url} as the bureau's {sees}: {status}")
        self.assert_none(failures, "routes or records are wrong")

    def test_the_bureau_may_take_each_step(self) -> None:
        """The control of the steps: someone of the bureau is not answered 404 (the step's name
        and arguments are right, so a 404 below is the department's)."""
        failures = []
        for name, route in PAGE_ROUTES.items():
            if not route.post:
                continue
            url = self.page_url(name, route)
            statuses = [
                self.post_answered(self.bureau_user(role), url, data=_step_data()) for role in BUREAU_ROLES
            ]
            if all(status == 404 for status in statuses):
                failures.append(f"POST {url} ({name}): 404 to every role of the bureau")
        self.assert_none(failures, "steps are wrong")

    def test_the_justice_bureau_sees_the_filing_addressed_to_it(self) -> None:
        self.client.force_login(self.filing_officer)
        url = self.page_url("documents:filing_detail", PAGE_ROUTES["documents:filing_detail"])
        self.assertEqual(self.client.get(url).status_code, 200)

    # --- pages --------------------------------------------------------------------------------

    def test_no_one_of_another_department_opens_a_record_page(self) -> None:
        failures = []
        for name, route in PAGE_ROUTES.items():
            if not route.get:
                continue
            url = self.page_url(name, route)
            for who, user in self.outsiders(name):
                self.client.force_login(user)
                status = self.client.get(url).status_code
                if status != 404:
                    failures.append(f"GET {url} ({name}) as {who}: {status}")
        self.assert_none(failures, "pages answered")

    def test_no_one_of_another_department_takes_a_step_on_a_record(self) -> None:
        failures = []
        for name, route in PAGE_ROUTES.items():
            if not route.post:
                continue
            url = self.page_url(name, route)
            for who, user in self.outsiders(name):
                failures += self.post_refused(who, user, url, route.record, data=_step_data())
        self.assert_none(failures, "steps were not refused")

    # --- the API --------------------------------------------------------------------------------

    def api_url(self, path: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: str(API_PARAMS[m.group(1)](self.records, path)), path)

    def api_body(self, path: str, method: str) -> dict[str, Any]:
        """The documented example body (json), or a form with a small file (multipart)."""
        operation = _schema()["paths"][path][method]
        content = operation.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            example = content["application/json"].get("example", {})
            return {"data": json.dumps(example), "content_type": "application/json"}
        if "multipart/form-data" in content:
            schema = content["multipart/form-data"]["schema"]
            fields = schema.get("properties", {})
            data: dict[str, Any] = {}
            for key, spec in fields.items():
                is_file = spec.get("format") == "binary" or spec.get("type") == "array"
                data[key] = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n") if is_file else "x"
            return {"data": data}
        return {}

    def test_no_one_of_another_department_reads_a_record_through_the_api(self) -> None:
        failures = []
        for path in API_RECORD_ROUTES:
            if "get" not in _schema()["paths"][_documented(path)]:
                continue
            url = self.api_url(path)
            for who, user in self.outsiders(path):
                self.client.force_login(user)
                status = self.client.get(url).status_code
                if status != 404:
                    failures.append(f"GET {url} as {who}: {status}")
        self.assert_none(failures, "API reads answered")

    def test_no_one_of_another_department_acts_on_a_record_through_the_api(self) -> None:
        failures = []
        for path in API_RECORD_ROUTES:
            documented = _documented(path)
            if "post" not in _schema()["paths"][documented]:
                continue
            url = self.api_url(path)
            record = API_RECORD_OF[re.findall(r"\{(\w+)\}", path)[0]]
            for who, user in self.outsiders(path):
                failures += self.post_refused(who, user, url, record, **self.api_body(documented, "post"))
        self.assert_none(failures, "API steps were not refused")

    def test_the_api_bodies_are_well_formed(self) -> None:
        """The control of the POSTs above: the bureau's reviewer's request with the same body is
        not refused for its shape (422 with "errors") — so a 404 above is the department's."""
        failures = []
        self.client.force_login(self.reviewer)
        for path in API_RECORD_ROUTES:
            documented = _documented(path)
            if "post" not in _schema()["paths"][documented]:
                continue
            with transaction.atomic():
                response = self.client.post(self.api_url(path), **self.api_body(documented, "post"))
                transaction.set_rollback(True)
            if response.status_code == 422 and "errors" in response.json():
                failures.append(f"POST {path}: {response.content.decode()[:300]}")
        self.assert_none(failures, "bodies are refused for their shape")

    # --- lists ----------------------------------------------------------------------------------

    def test_no_list_shows_another_departments_records(self) -> None:
        failures = []
        tables: list[tuple[str, tuple[str, object]]] = [*PAGES.items(), *API_ROUTES.items()]
        for name, (path, allowed) in tables:
            if name in LISTS_NOT_ISOLATED:
                continue
            for role in COMMISSION_ROLES:
                if not (allowed in ("public", ALL) or role in allowed):  # type: ignore[operator]
                    continue
                self.client.force_login(getattr(self.commission, role))
                response = self.client.get(path)
                if response.status_code != 200:
                    failures.append(f"GET {path} as {role}: {response.status_code}")
                    continue
                found = sorted(set(MARKED.findall(_text(response))))
                if found:
                    kinds = ", ".join(self.records.marks[m] for m in found)
                    failures.append(f"GET {path} as {role} shows the bureau's {kinds}")
        self.assert_none(failures, "lists")


def _patterns(resolver: Any = None, namespace: str = "", prefix: str = "") -> dict[str, str]:
    """Every named page → its URL pattern, e.g. "reviews:detail" → "work/reviews/<int:pk>/"."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: dict[str, str] = {}
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found |= _patterns(entry, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            found[f"{namespace}{entry.name}"] = prefix + str(entry.pattern)
    return found


def _step_data() -> dict[str, Any]:
    """A step's form, mostly empty: a refusal comes before the form is read."""
    return {"file": SimpleUploadedFile("a.txt", b"a"), "purpose": "x", "reason": "x"}


def _documented(path: str) -> str:
    paths = _schema()["paths"]
    return path if path in paths else f"{path}/"


def _text(response: HttpResponse) -> str:
    """A page's text, or an API answer's JSON with its characters unescaped."""
    if response.streaming:
        body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    else:
        body = response.content
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(json.loads(body), ensure_ascii=False)
    return body.decode(errors="replace")
