from django.http import HttpRequest, HttpResponse


def _stub(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("")


document_list = _stub
document_create = _stub
stats_page = _stub
document_detail = _stub
version_diff = _stub
document_action = _stub
comment_answer = _stub
filing_list = _stub
filing_detail = _stub
filing_action = _stub
cleanup_list = _stub
cleanup_create = _stub
cleanup_detail = _stub
cleanup_action = _stub
