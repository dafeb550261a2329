"""A department filter the server does not know answers a status the document lists: every GET
of /api/v1 with an `agency` or `dept` query parameter is asked for an unknown code (the code
schemathesis sent once: a string of zeros) by the public, a reviewer and the Justice Bureau's
filing officer."""

from __future__ import annotations

from typing import Any

from fazhi.api import api
from fazhi.core.testing import BaseTestCase

FILTERS = ("agency", "dept")
UNKNOWN = "0" * 39


def department_reads() -> list[tuple[str, dict[str, Any]]]:
    doc = api.get_openapi_schema(path_prefix="/api/v1/")
    found = []
    for path, item in doc["paths"].items():
        operation = item.get("get")
        if operation is None or "{" in path:
            continue
        names = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "query"}
        if any(name in names for name in FILTERS):
            found.append((path, operation))
    return found


def unknown_value(parameter: dict[str, Any]) -> str:
    schema = parameter.get("schema", {})
    kinds = {schema.get("type")} | {option.get("type") for option in schema.get("anyOf", [])}
    return "999999" if "integer" in kinds else UNKNOWN


class UnknownDepartmentTests(BaseTestCase):
    def test_there_are_department_filters_to_ask(self) -> None:
        paths = [path for path, _ in department_reads()]
        self.assertIn("/api/v1/documents/stats", paths)
        self.assertGreaterEqual(len(paths), 10)

    def test_an_unknown_department_is_answered_with_a_documented_status(self) -> None:
        undocumented: list[str] = []
        for who in (None, self.reviewer, self.officer, self.filing_officer):
            self.client.logout()
            if who is not None:
                self.client.force_login(who)
            for path, operation in department_reads():
                parameters = {p["name"]: p for p in operation["parameters"] if p["in"] == "query"}
                for name in FILTERS:
                    if name not in parameters:
                        continue
                    response = self.client.get(path, {name: unknown_value(parameters[name])})
                    self.assertLess(response.status_code, 500, path)
                    if str(response.status_code) not in {str(code) for code in operation["responses"]}:
                        undocumented.append(f"{path}?{name}= → {response.status_code} ({who})")
        self.assertEqual(undocumented, [])
