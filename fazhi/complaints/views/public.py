"""The public complaint pages at /complaints/ (no account needed): how to complain, the form, and
the status page a complainant opens with the receipt code.

The form has the protection of the public comment forms: a honeypot, the offline captcha
(core/captcha.py) and per-address rate limits (core/ratelimit.py). The receipt code is shown
once, on the page that answers the form, and the status is asked for by POST, so the code never
sits in an address, a history or a log. Wrong codes are rate-limited per address. The status
page shows the steps, the decision and its reason, the notice and the reply — never the
complainant's name, contact details or the text of the complaint.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.complaints import actions, receipt
from fazhi.complaints.forms import LookupForm, PublicComplaintForm
from fazhi.complaints.models import Complaint
from fazhi.core import captcha
from fazhi.core.agencies import public_department
from fazhi.core.formfields import place_error
from fazhi.core.ratelimit import RateLimit
from fazhi.core.workflow import DomainError

SUBMISSIONS = RateLimit("complaint-submissions", limit=5, window_seconds=3600)
CAPTCHA_FAILURES = RateLimit("complaint-captcha-failures", limit=10, window_seconds=600)
# Wrong receipt codes from one address: 100-bit codes cannot be guessed, and this keeps it so.
LOOKUP_FAILURES = RateLimit("complaint-lookup-failures", limit=10, window_seconds=600)

HINTS = (
    ("匿名", "anonymous"),
    ("电子邮箱", "contact_email"),
    ("联系电话", "contact_phone"),
    ("通讯地址", "contact_address"),
    ("姓名", "contact_name"),
    ("类别", "kind"),
    ("事由", "subject"),
    ("被投诉举报", "respondent"),
    ("内容", "content"),
    ("部门", "agency"),
)


@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    return render(request, "complaints/public/index.html", {"form": LookupForm(), "limit": SUBMISSIONS})


def _render_form(request: HttpRequest, form: PublicComplaintForm, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        "complaints/public/new.html",
        {"form": form, "challenge": captcha.new_challenge(request), "limit": SUBMISSIONS},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def public_new(request: HttpRequest) -> HttpResponse:
    """The complaint form; a valid one answers with the receipt code, shown this once."""
    department = public_department(request)
    if request.method != "POST":
        return _render_form(request, PublicComplaintForm(department=department))
    form = PublicComplaintForm(request.POST, department=department)
    screened = captcha.screen(request, form, submissions=SUBMISSIONS, failures=CAPTCHA_FAILURES, kept="内容")
    if screened.bot:
        # A bot filled in the hidden field: answer as if it were a person, keep nothing.
        return render(request, "complaints/public/receipt.html", {"code": receipt.new_code()})
    if screened.status:
        return _render_form(request, form, status=screened.status)
    try:
        _complaint, code = actions.submit_public_complaint(
            agency=form.cleaned_data.get("agency"),
            **{name: form.cleaned_data[name] for name in PublicComplaintForm.FIELDS},
        )
    except DomainError as exc:
        place_error(form, HINTS, str(exc))
        return _render_form(request, form, status=400)
    SUBMISSIONS.hit(request)
    return render(request, "complaints/public/receipt.html", {"code": code})


# What the status page says of each step, without anything the complainant wrote.
PUBLIC_STATUS = {
    Complaint.Status.SUBMITTED: gettext_lazy("已收到，待登记"),
    Complaint.Status.REGISTERED: gettext_lazy("已登记，正在审查是否受理"),
    Complaint.Status.ACCEPTED: gettext_lazy("已受理，正在办理"),
    Complaint.Status.TRANSFERRED: gettext_lazy("已转交有权处理的机关"),
    Complaint.Status.ANSWERED: gettext_lazy("已办结答复"),
    Complaint.Status.DISMISSED: gettext_lazy("不予登记"),
}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def public_status(request: HttpRequest) -> HttpResponse:
    """Enter the receipt code (POST), see the complaint's progress."""
    form = LookupForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST":
        if LOOKUP_FAILURES.exceeded(request):
            form.is_valid()
            form.errors.clear()
            form.add_error(
                None,
                _("查询失败次数过多：同一网络地址 %(minutes)d 分钟内最多输错 %(limit)d 次，请稍后再试。")
                % {"minutes": LOOKUP_FAILURES.minutes, "limit": LOOKUP_FAILURES.limit},
            )
            return render(request, "complaints/public/status.html", context, status=429)
        if form.is_valid():
            digest = receipt.digest(form.cleaned_data["code"])
            complaint = (
                Complaint.objects.select_related("division", "agency").filter(receipt_digest=digest).first()
                if digest
                else None
            )
            if complaint is None:
                LOOKUP_FAILURES.hit(request)
                form.add_error("code", _("未找到与该查询码对应的投诉举报，请核对后重新输入。"))
                return render(request, "complaints/public/status.html", context, status=404)
            context.update(
                {"complaint": complaint, "public_status": PUBLIC_STATUS[Complaint.Status(complaint.status)]}
            )
    return render(request, "complaints/public/status.html", context)


@never_cache
@require_GET
def captcha_image(request: HttpRequest, key: str) -> HttpResponse:
    """The picture of a challenge of this session; 404 for any other key or an expired one."""
    challenge = captcha.get_challenge(request, key[:64])
    if challenge is None:
        raise Http404
    response = HttpResponse(captcha.render_png(challenge), content_type="image/png")
    response["Cache-Control"] = "no-store, private"
    return response
