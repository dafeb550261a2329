"""What the OpenAPI document adds to ninja's: a documented example for every request body, and
the 401 answer of every authenticated operation.

A client built from the document must be able to send the documented example and have it
accepted (core/tests/test_openapi.py posts every one). The example is built from the body's
JSON schema: a field's own `examples` (pydantic `Field(examples=[...])`) when it has one —
needed wherever a validator checks more than the schema says (a check digit, a date not in the
future) — else its default, its first allowed value, or a value within its bounds.
"""

from __future__ import annotations

from typing import Any

EXAMPLE_DATE = "2026-03-02"
EXAMPLE_DATETIME = "2026-03-02T10:00:00+08:00"
EXAMPLE_TEXT = "示例"
UNAUTHORIZED = {
    "description": "Unauthorized",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
}


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def example_of(schema: dict[str, Any], components: dict[str, Any], *, depth: int = 0) -> Any:
    """A value that `schema` accepts (see the module's docstring for the order of choices)."""
    schema = _resolve(schema, components)
    if schema.get("examples"):
        return schema["examples"][0]
    if "example" in schema:
        return schema["example"]
    if "default" in schema:
        return schema["default"]
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [o for o in schema[key] if _resolve(o, components).get("type") != "null"]
            return example_of(options[0] if options else schema[key][0], components, depth=depth + 1)
    if "allOf" in schema:
        return example_of(schema["allOf"][0], components, depth=depth + 1)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        if depth > 8:
            return {}
        required = set(schema.get("required", []))
        return {
            name: example_of(field, components, depth=depth + 1)
            for name, field in schema.get("properties", {}).items()
            if name in required or "examples" in field
        }
    if kind == "array":
        count = schema.get("minItems", 1)
        return [example_of(schema.get("items", {}), components, depth=depth + 1) for _ in range(count)]
    if kind == "integer":
        return max(1, schema.get("minimum", 1)) if schema.get("maximum", 1) >= 1 else schema["maximum"]
    if kind == "number":
        return schema.get("minimum", 1)
    if kind == "boolean":
        return True
    if kind == "string":
        if schema.get("format") == "date":
            return EXAMPLE_DATE
        if schema.get("format") == "date-time":
            return EXAMPLE_DATETIME
        text = EXAMPLE_TEXT * max(1, -(-schema.get("minLength", 0) // len(EXAMPLE_TEXT)))
        return text[: schema.get("maxLength", len(text))]
    return None


MALFORMED_BODY: dict[str, Any] = {
    "description": "请求体不是有效的 JSON（Bad Request: the body is not valid JSON）"
}
URI_TOO_LONG: dict[str, Any] = {
    "description": "请求地址过长，由服务器在应用之前拒绝（URI Too Long, answered by the HTTP server）"
}


def complete_document(document: dict[str, Any]) -> dict[str, Any]:
    components = document.get("components", {}).get("schemas", {})
    for item in document.get("paths", {}).values():
        for operation in item.values():
            codes = {str(code) for code in operation["responses"]}
            if operation.get("security") and "401" not in codes:
                operation["responses"][401] = UNAUTHORIZED
            if "requestBody" in operation and "400" not in codes:
                operation["responses"][400] = MALFORMED_BODY
            # The HTTP server in front (gunicorn's request-line limit) answers an over-long
            # address before the application sees it.
            operation["responses"].setdefault(414, URI_TOO_LONG)
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is not None and "example" not in body and "examples" not in body:
                body["example"] = example_of(body["schema"], components)
    return document
