from django.http import HttpRequest, HttpResponse


def numbering_index(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("")

