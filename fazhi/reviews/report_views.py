from django.http import HttpRequest, HttpResponse


def opinion_letter(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("")


stats_page = opinion_letter
