from django.http import HttpRequest, HttpResponse


def review_list(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("")


review_create = review_detail = review_edit = review_action = opinion_answer = counsel_list = counsel_edit = review_list
