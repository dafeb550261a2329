"""The JSON API under /api/v1/, with OpenAPI at /api/v1/openapi.json.

Browser sessions and bearer tokens both authenticate. Every error answers JSON with a
`detail` in Chinese; input of the wrong shape is a 4xx, never a 500.
"""

from __future__ import annotations

import sys

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.operation import Operation

from fazhi.complaints.api import router as complaints_router
from fazhi.core.api import router as core_router
from fazhi.core.api.auth import staff_auth
from fazhi.core.api.openapi import complete_document
from fazhi.core.workflow import DomainError
from fazhi.decisions.api import router as decisions_router
from fazhi.disputes.api import router as disputes_router
from fazhi.documents.api import router as documents_router
from fazhi.enforcement.api import router as enforcement_router
from fazhi.inspections.api import router as inspections_router
from fazhi.learning.api import router as learning_router
from fazhi.ledger.api import router as ledger_router
from fazhi.legal_publicity.api import router as legal_publicity_router
from fazhi.legislation.api import router as legislation_router
from fazhi.oversight.api import router as oversight_router
from fazhi.reports.api import router as reports_router
from fazhi.reviews.api import router as reviews_router
from fazhi.services.api import router as services_router


class FazhiAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """ninja's id, `<module>_<function>`; an app's `api/` package split by concept that sets
        `ONE_OPERATION_NAMESPACE` names the package instead of its module, so splitting a
        module renames no operation."""
        module = operation.view_func.__module__
        package = module.rpartition(".")[0]
        if getattr(sys.modules.get(package), "ONE_OPERATION_NAMESPACE", False):
            module = package
        return (module + "_" + operation.view_func.__name__).replace(".", "_")

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict | None = None):  # type: ignore[no-untyped-def]
        """ninja's document, with an example for every request body and the 401 answers."""
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        complete_document(document)
        return document


api = FazhiAPI(
    title="法治政府建设管理平台 API",
    version="1",
    description="Fazhi JSON API. 会话（浏览器）或 Bearer 令牌（`fazhi token create <用户名>`）认证。",
    auth=staff_auth,
    urls_namespace="api",
)
api.add_router("/", core_router)
api.add_router("/reviews", reviews_router)
api.add_router("/documents", documents_router)
api.add_router("/decisions", decisions_router)
api.add_router("/inspections", inspections_router)
api.add_router("/enforcement", enforcement_router)
api.add_router("/disputes", disputes_router)
api.add_router("/publicity", legal_publicity_router)
api.add_router("/ledger", ledger_router)
api.add_router("/services", services_router)
api.add_router("/complaints", complaints_router)
api.add_router("/reports", reports_router)
api.add_router("/legislation", legislation_router)
api.add_router("/oversight", oversight_router)
api.add_router("/learning", learning_router)


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": "请求参数格式不正确", "errors": exc.errors}, status=422)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "未登录或令牌无效"}, status=401)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "未找到"}, status=404)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    # 404, not 403: an answer must not reveal that a hidden record exists.
    return api.create_response(request, {"detail": "未找到"}, status=404)


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(DjangoValidationError)
def on_django_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": "；".join(exc.messages)}, status=422)


NINJA_MESSAGES = {"Cannot parse request body": "请求体不是有效的 JSON"}


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc)
    # django-ninja's own messages are English; the platform answers in Chinese.
    for english, chinese in NINJA_MESSAGES.items():
        if message.startswith(english):
            message = chinese
    return api.create_response(request, {"detail": message}, status=exc.status_code)
