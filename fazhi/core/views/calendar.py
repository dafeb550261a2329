from django.http import HttpRequest, HttpResponse


def rule_list(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("")


def rule_detail(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("")


def rule_new_version(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("")


def calendar_index(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("")


def calendar_year(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("")


def deadline_calculator(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("")

