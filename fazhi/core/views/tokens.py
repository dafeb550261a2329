from django.http import HttpRequest, HttpResponse


def token_list(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("")

