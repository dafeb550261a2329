"""Schemas every app's API shares. One class per name: the OpenAPI document names each
component by its class, and two classes of one name would silently share one description
(core/tests/test_openapi.py checks that no two schemas share a name)."""

from __future__ import annotations

from ninja import Field, Schema


class ErrorOut(Schema):
    """Every error answer: 401, 404, 409, 422."""

    detail: str = Field(description="错误说明（中文）")


class DepartmentOut(Schema):
    """The department (机关) a record belongs to (issue 12): every public list carries it."""

    code: str = Field(description="部门代码（公开列表 ?dept= 的取值）")
    name: str
