"""The OpenAPI document describes the bodies the server accepts (issue 15, point 9): every schema
has a name of its own, and every endpoint accepts its own documented example body."""

from __future__ import annotations

import json
import re
from typing import Any
from unittest import mock

import pydantic
import time_machine
from ninja.openapi.schema import OpenAPISchema

from fazhi.api import api
from fazhi.core.testing import BaseTestCase


def document() -> dict[str, Any]:
    return api.get_openapi_schema(path_prefix="/api/v1/")


def fazhi_models(cls: type = pydantic.BaseModel) -> list[type]:
    found: list[type] = []
    subclasses: list[type] = cls.__subclasses__()
    for sub in subclasses:
        if sub.__module__.startswith("fazhi."):
            found.append(sub)
        found.extend(fazhi_models(sub))
    return found


class SchemaNameTests(BaseTestCase):
    def test_no_two_schema_classes_share_a_name(self) -> None:
        modules: dict[str, set[str]] = {}
        for model in fazhi_models():
            modules.setdefault(model.__name__, set()).add(model.__module__)
        shared = {name: sorted(where) for name, where in modules.items() if len(where) > 1}
        self.assertEqual(shared, {})

    def test_no_component_of_the_document_is_overwritten_by_another_of_the_same_name(self) -> None:
        clashes: list[str] = []
        original = OpenAPISchema.add_schema_definitions

        def recording(self: OpenAPISchema, definitions: dict[str, Any]) -> None:
            clashes.extend(
                name for name, d in definitions.items() if name in self.schemas and self.schemas[name] != d
            )
            original(self, definitions)

        with mock.patch.object(OpenAPISchema, "add_schema_definitions", recording):
            document()
        self.assertEqual(sorted(set(clashes)), [])

    def test_reviews_conclude_is_documented_with_its_own_fields(self) -> None:
        doc = document()
        body = doc["paths"]["/api/v1/reviews/{review_id}/conclude"]["post"]["requestBody"]
        name = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        self.assertEqual(
            set(doc["components"]["schemas"][name]["properties"]),
            {"conclusion", "text", "short_review_reason"},
        )


@time_machine.travel("2026-06-01 10:00 +08:00", tick=False)
class DocumentedExampleTests(BaseTestCase):
    def test_every_endpoint_accepts_its_documented_example_body(self) -> None:
        self.client.force_login(self.reviewer)
        doc = document()
        refused: list[str] = []
        posted = 0
        for path, item in doc["paths"].items():
            for method, operation in item.items():
                body = operation.get("requestBody", {}).get("content", {}).get("application/json")
                if body is None:
                    continue
                self.assertIn("example", body, f"{method.upper()} {path} documents no example")
                url = re.sub(r"\{[^}]+\}", "1", path)
                response = getattr(self.client, method)(
                    url, data=json.dumps(body["example"]), content_type="application/json"
                )
                posted += 1
                # A 422 with "errors" is the body's shape refused, and so is a 400 from the
                # parser (English, no Chinese detail); a 400 or 422 with a Chinese "detail" is the
                # action's answer to a well-formed body (e.g. no division number 1 here, or a
                # date before the record's registration made by an earlier example).
                answer = response.json() if response.status_code in (400, 422) else {}
                chinese = bool(re.search(r"[\u4e00-\u9fff]", str(answer.get("detail", ""))))
                if (response.status_code == 400 and not chinese) or (
                    response.status_code == 422 and "errors" in answer
                ):
                    refused.append(
                        f"{method.upper()} {path} {response.status_code} {response.content.decode()}"
                    )
        self.assertGreater(posted, 40)
        self.assertEqual(refused, [])

    def test_every_authenticated_operation_documents_its_401(self) -> None:
        for path, item in document()["paths"].items():
            for method, operation in item.items():
                if operation.get("security"):
                    self.assertIn(401, operation["responses"], f"{method} {path}")
