"""Commitments under notification-commitment (证明事项告知承诺制): the list by year, status and
matter, accepting one, and a commitment's page, where it is withdrawn or verified (a false one
dealt with and put on the applicant's credit record)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core.agencies import agency_id_of
from fazhi.core.clock import today as local_today
from fazhi.core.deadlines import missing_year
from fazhi.core.http import staff_view
from fazhi.services import actions, permissions
from fazhi.services.forms import AcceptForm, CommitmentFilterForm, VerifyForm, WithdrawForm
from fazhi.services.models import Commitment
from fazhi.services.view_helpers import PAGE_SIZE, long_day, mark_overdue
from fazhi.services.views._common import (
    CreatePage,
    Kind,
    Step,
    area,
    create_page,
    detail_page,
    list_context,
    step_action,
)

C = Commitment.Status


def _accepted_message(commitment: Commitment) -> str:
    if commitment.verification_due_on is None:
        return _("已受理告知承诺；核查期限待录入 %(y)s 年工作日历后计算。") % {
            "y": missing_year(commitment.signed_on)
        }
    return _("已受理告知承诺，应于 %(d)s 前完成核查。") % {"d": long_day(commitment.verification_due_on)}


def _accept_form(request: HttpRequest, data: Any) -> AcceptForm:
    """The form; opened from a matter's page (?matter=<id>), it starts from that matter."""
    initial: dict[str, Any] = {"signed_on": local_today()}
    wanted = request.GET.get("matter", "")
    if data is None and wanted.isdigit():
        initial["matter"] = int(wanted)
    return AcceptForm(data, initial=initial, agency_id=agency_id_of(request.user))


COMMITMENT_CREATE = CreatePage(
    title=gettext_lazy("受理告知承诺"),
    lead=gettext_lazy(
        "申请人经一次性书面告知证明义务、证明内容和虚假承诺的法律责任后，自愿选择以书面承诺替代证明材料的，登记承诺并在事项确定的核查时限内核查。有虚假承诺记录且未修复信用的申请人不适用告知承诺制（国办发〔2020〕42号）。"
    ),
    form=_accept_form,
    run=lambda user, d: actions.accept_commitment(actor=user, **d),
    hints=(
        ("未实行告知承诺制", "matter"),
        ("自愿选择", "chose_commitment"),
        ("信用修复", "applicant_code"),
        ("统一社会信用代码", "applicant_code"),
        ("申请人", "applicant"),
        ("承诺日期", "signed_on"),
    ),
    section="commitments",
    back="services:commitments",
    done=_accepted_message,
    after=lambda c: reverse("services:commitment_detail", args=[c.pk]),
)


@staff_view(permissions.can_see)
def commitment_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    today = local_today()
    form = CommitmentFilterForm(request.GET, agency_id=agency_id_of(request.user))
    form.is_valid()
    data = form.cleaned_data
    queryset: QuerySet[Commitment] = Commitment.objects.visible_to(user)
    if data.get("year"):
        queryset = queryset.filter(signed_on__year=data["year"])
    status = data.get("status")
    if status == "overdue":
        queryset = queryset.filter(status=C.ACCEPTED, verification_due_on__lt=today)
    elif status:
        queryset = queryset.filter(status=status)
    if data.get("matter"):
        queryset = queryset.filter(matter=data["matter"])
    queryset = queryset.select_related("matter").defer(
        "verification_note",
        *(f"matter__{n}" for n in ("basis", "proof_replaced", "excluded_reason", "supervision_rules")),
    )
    page = Paginator(queryset.order_by("-signed_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    mark_overdue(page.object_list, today)
    return render(
        request,
        "services/commitment_list.html",
        {**area(user), **list_context(form), "page": page, "today": today},
    )


@staff_view(permissions.can_manage)
def commitment_create(request: HttpRequest) -> HttpResponse:
    return create_page(request, COMMITMENT_CREATE)


def _verified_message(commitment: Commitment) -> str:
    if commitment.status == C.FALSE:
        return _("已记录：承诺不实，已作出处理并记入告知承诺失信记录，信用修复前该申请人不适用告知承诺制。")
    return _("已记录：承诺属实。")


def _verify(commitment: Commitment, user: Any, d: dict[str, Any]) -> None:
    actions.verify(
        commitment,
        actor=user,
        verified_on=d["verified_on"],
        truthful=d["truthful"] == "yes",
        note=d["note"],
        consequence=d["consequence"],
    )


def _context(user: Any, commitment: Commitment, today: datetime.date) -> dict[str, Any]:
    record = getattr(commitment, "credit_record", None) if commitment.status == C.FALSE else None
    mark_overdue([commitment], today)
    return {"commitment": commitment, "overdue": commitment.is_overdue(today), "record": record}


COMMITMENT = Kind(
    queryset=lambda user: Commitment.objects.visible_to(user).select_related(
        "matter", "created_by", "credit_record"
    ),
    steps={
        "verify": Step(
            gettext_lazy("记录核查结果"),
            "#verify",
            VerifyForm,
            _verify,
            lambda c, today: c.status == C.ACCEPTED,
            (
                ("终止办理", "consequence"),
                ("核查日期", "verified_on"),
                ("核查情况", "note"),
            ),
            initial=lambda c, today: {"verified_on": today},
            done=_verified_message,
        ),
        "withdraw": Step(
            gettext_lazy("记录撤回承诺"),
            "#withdraw",
            WithdrawForm,
            lambda c, u, d: actions.withdraw_commitment(c, actor=u, withdrawn_on=d["withdrawn_on"]),
            lambda c, today: c.status == C.ACCEPTED,
            (("撤回日期", "withdrawn_on"),),
            initial=lambda c, today: {"withdrawn_on": today},
            done=lambda c: _("已记录撤回承诺；申请人应当按规定提交证明材料。"),
        ),
    },
    template="services/commitment_detail.html",
    detail="services:commitment_detail",
    context=_context,
)


@staff_view(permissions.can_see)
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return detail_page(request, COMMITMENT, pk)


@require_POST
@staff_view(permissions.can_manage)
def commitment_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    return step_action(request, COMMITMENT, pk, action)
