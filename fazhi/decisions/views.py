from django.http import HttpRequest, HttpResponse


def _stub(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("")


decision_list = _stub
board = _stub
propose = _stub
catalog_list = _stub
catalog_detail = _stub
catalog_action = _stub
expert_list = _stub
decision_detail = _stub
decision_action = _stub
archive_download = _stub
