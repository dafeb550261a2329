from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码不正确。请注意区分大小写；连续失败 5 次将锁定 30 分钟。"),
        "inactive": _("该账户已停用，请联系系统管理员。"),
    }


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"


@csrf_exempt
@require_POST
def public_set_language(request: HttpRequest) -> HttpResponse:
    """The language switch of a visitor's page: Django's `set_language` without the CSRF token,
    so that the public pages carry none and one cached copy serves every visitor
    (core.publiccache). Forging it can only change a visitor's display language; signed-in
    users keep the protected form."""
    return set_language(request)
