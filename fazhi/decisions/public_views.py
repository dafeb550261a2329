from django.http import HttpRequest, HttpResponse


def _stub(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("")


index = _stub
catalog = _stub
consultations = _stub
consultation = _stub
captcha_image = _stub
decision = _stub
