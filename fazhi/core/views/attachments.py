from django.http import HttpRequest, HttpResponse


def download(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("")

