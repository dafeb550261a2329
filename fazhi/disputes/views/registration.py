"""The registration forms: a reconsideration or lawsuit the bureau answers, a mediation
request, a court observation, a dispute screening."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.deadlines import missing_year
from fazhi.core.http import staff_view
from fazhi.disputes import actions, permissions
from fazhi.disputes.forms import (
    LitigationForm,
    MediationForm,
    ObservationForm,
    ReconsiderationForm,
    ScreeningForm,
)
from fazhi.disputes.views._common import CreatePage, create_page, long_day


def _due_message(due: datetime.date | None, start: datetime.date, what: Any) -> str:
    if due is None:
        return _("已登记；%(what)s的期限待录入 %(y)s 年工作日历后计算。") % {
            "what": what,
            "y": missing_year(start),
        }
    return _("已登记；应于 %(d)s 前%(what)s。") % {"d": long_day(due), "what": what}


def _user_form(form_class: type[forms.Form]) -> Callable[..., forms.Form]:
    """A form that needs no user."""
    return lambda request, data: form_class(data)


def _with_user(form_class: Callable[..., forms.Form]) -> Callable[..., forms.Form]:
    """A form whose choices depend on the user (the cases they may link, say)."""
    return lambda request, data: form_class(data, user=request.user)


RECONSIDERATION_CREATE = CreatePage(
    title=gettext_lazy("登记行政复议"),
    lead=gettext_lazy(
        "本机关作为被申请人收到复议机关送达的行政复议申请书副本后登记：自收到之日起十日内（工作日）提出书面答复，并提交作出行政行为的证据、依据和其他有关材料；逾期未答复的，视为该行政行为没有证据、依据（《行政复议法》第四十八条、第七十条）。"
    ),
    form=_with_user(ReconsiderationForm),
    run=lambda user, d: actions.register_reconsideration(actor=user, **d),
    hints=(
        ("收到申请书副本之日", "received_on"),
        ("被申请复议的行政行为", "challenged_act"),
        ("复议机关", "organ"),
        ("复议案号", "case_number"),
        ("申请人", "applicant"),
    ),
    back="disputes:reconsiderations",
    done=lambda c: _due_message(c.reply_due_on, c.received_on, _("提交答复和证据")),
    after=lambda c: reverse("disputes:reconsideration_detail", args=[c.pk]),
)

LITIGATION_CREATE = CreatePage(
    title=gettext_lazy("登记行政诉讼"),
    lead=gettext_lazy(
        "本机关作为被告收到法院送达的起诉状副本后登记：自收到之日起十五日内提交答辩状和作出行政行为的证据、依据（《行政诉讼法》第六十七条）。被诉行政机关负责人应当出庭应诉（第三条第三款）。"
    ),
    form=_with_user(LitigationForm),
    run=lambda user, d: actions.register_litigation(actor=user, **d),
    hints=(
        ("收到起诉状副本之日", "complaint_received_on"),
        ("被诉行政行为", "challenged_act"),
        ("受理法院", "court"),
        ("审级", "instance"),
        ("案号", "case_number"),
        ("原告", "plaintiff"),
    ),
    back="disputes:litigations",
    done=lambda c: _due_message(c.defence_due_on, c.complaint_received_on, _("提交答辩状和证据")),
    after=lambda c: reverse("disputes:litigation_detail", args=[c.pk]),
)

MEDIATION_CREATE = CreatePage(
    title=gettext_lazy("登记调解申请"),
    lead=gettext_lazy(
        "行政调解遵循当事人自愿原则，不收取任何费用（天津市行政调解规定第三条、第五条）。登记后受理或者说明理由不予受理。"
    ),
    form=_user_form(MediationForm),
    run=lambda user, d: actions.request_mediation(actor=user, **d),
    hints=(
        ("申请日期", "requested_on"),
        ("纠纷简要情况", "summary"),
        ("当事人", "parties"),
        ("纠纷类型", "kind"),
    ),
    back="disputes:mediations",
    done=lambda m: _("已登记调解申请。"),
    after=lambda m: reverse("disputes:mediation_detail", args=[m.pk]),
)

OBSERVATION_CREATE = CreatePage(
    title=gettext_lazy("记录旁听庭审"),
    lead=gettext_lazy("组织机关工作人员旁听庭审，记入年度法治政府建设情况。"),
    form=_user_form(ObservationForm),
    run=lambda user, d: actions.record_observation(actor=user, **d),
    hints=(
        ("旁听日期", "held_on"),
        ("领导干部人数", "leaders"),
        ("旁听人数", "attendees"),
        ("庭审案件", "case_name"),
        ("法院", "court"),
        ("情况说明", "note"),
    ),
    back="disputes:observations",
    done=lambda o: _("已记录旁听庭审：%(c)s。") % {"c": o.case_name},
    after=lambda o: reverse("disputes:observations"),
)

SCREENING_CREATE = CreatePage(
    title=gettext_lazy("记录矛盾纠纷排查"),
    lead=gettext_lazy("记录本处室开展的矛盾纠纷排查：排查范围、发现和已化解的矛盾纠纷数。"),
    form=_user_form(ScreeningForm),
    run=lambda user, d: actions.record_screening(actor=user, **d),
    hints=(
        ("排查日期", "screened_on"),
        ("已化解数", "resolved"),
        ("发现矛盾纠纷数", "found"),
        ("排查范围", "scope"),
        ("情况说明", "note"),
    ),
    back="disputes:screenings",
    done=lambda s: _("已记录矛盾纠纷排查。"),
    after=lambda s: reverse("disputes:screenings"),
)


@staff_view(permissions.can_handle)
def reconsideration_create(request: HttpRequest) -> HttpResponse:
    return create_page(request, RECONSIDERATION_CREATE)


@staff_view(permissions.can_handle)
def litigation_create(request: HttpRequest) -> HttpResponse:
    return create_page(request, LITIGATION_CREATE)


@staff_view(permissions.can_handle)
def mediation_create(request: HttpRequest) -> HttpResponse:
    return create_page(request, MEDIATION_CREATE)


@staff_view(permissions.can_handle)
def observation_create(request: HttpRequest) -> HttpResponse:
    return create_page(request, OBSERVATION_CREATE)


@staff_view(permissions.can_handle)
def screening_create(request: HttpRequest) -> HttpResponse:
    return create_page(request, SCREENING_CREATE)
