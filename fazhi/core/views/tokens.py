from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.forms import TokenForm
from fazhi.core.http import StaffRequest, get_visible_or_404, staff_view
from fazhi.core.models import ApiToken
from fazhi.core.tokens import create_token, end_of_day, revoke_token


@staff_view()
def token_list(request: StaffRequest) -> HttpResponse:
    """The signed-in user's own API tokens: create (shown once) and revoke."""
    form = TokenForm()
    new_token = None
    if request.method == "POST" and request.POST.get("revoke"):
        token = get_visible_or_404(ApiToken.objects.filter(user=request.user), pk=request.POST["revoke"])
        revoke_token(token, actor=request.user)
        messages.success(request, _("令牌已吊销"))
        return redirect("core:tokens")
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            day = form.cleaned_data["expires_on"]
            _token, new_token = create_token(
                request.user,
                actor=request.user,
                name=form.cleaned_data["name"],
                expires_at=end_of_day(day) if day else None,
            )
            form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(
        request,
        "core/tokens.html",
        {"tokens": tokens, "form": form, "new_token": new_token, "now": timezone.now()},
    )
