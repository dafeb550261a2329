from django.http import HttpRequest, HttpResponse


def audit_list(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("")

