from django.http import HttpRequest, HttpResponse


def _stub(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("")


library = _stub
atom_feed = _stub
export_json = _stub
export_csv = _stub
drafts = _stub
draft_detail = _stub
cleanup_result = _stub
document_page = _stub
