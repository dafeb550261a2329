"""Staff pages of enforcement cases (行政执法案件): the list, the filing form (立案), the case's
page where every step is taken, and the year's figures. Every write goes through actions.py; a
step the person may never take on the case answers 404 (officers of the case take its steps,
the leadership decides), one the case's state does not allow is refused by the action with the
rule it breaks, and a refused step shows the page again with the input kept and the reason next
to the field."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import refusals
from fazhi.core.attachments import AttachmentRejected
from fazhi.core.formats import date_text
from fazhi.core.http import get_visible_or_404, mark_openable, staff_view
from fazhi.core.models import Inspector
from fazhi.core.pages import next_steps
from fazhi.core.workflow import DomainError
from fazhi.enforcement import actions, instrument_views, permissions
from fazhi.enforcement.forms import (
    CaseFilterForm,
    DecideForm,
    Empty,
    ExecuteForm,
    FileCaseForm,
    HearingRecordForm,
    MajorGroundsForm,
    NotifyForm,
    RecordForm,
    RequestHearingForm,
    ReversalForm,
    ScheduleHearingForm,
    ServeForm,
    StatementForm,
    SubmitReviewForm,
    TransferForm,
)
from fazhi.enforcement.models import CaseRecord, EnforcementCase
from fazhi.enforcement.stats import year_figures
from fazhi.enforcement.view_helpers import (
    DEADLINE_RULES,
    LONG_TEXTS,
    PAGE_SIZE,
    PENDING_REVIEW,
    ReviewState,
    deadline_rows,
    filter_notes,
    heard,
    hearing_window_open,
    local_today,
    next_step,
    place_error,
    publicity_steps,
    records_with_files,
    review_states,
    reviews_of,
    timeline,
)
from fazhi.reviews.gate import review_gate
from fazhi.reviews.models import ReviewRequest

S = EnforcementCase.Status
O = EnforcementCase.Outcome  # noqa: E741 - the outcome choices
HANDLE = "handle"  # an officer of the case (permissions.can_handle)
DECIDE = "decide"  # the leadership (permissions.can_decide)
TRY_AGAIN = gettext_lazy("请按提示修改后再提交。")


def _area(user: Any) -> dict[str, Any]:
    return {"can_file": permissions.can_file(user), "can_view_stats": permissions.can_view_stats(user)}


# ---------------------------------------------------------------------------------------------
# The list


@staff_view(permissions.can_open_area)
def case_list(request: HttpRequest) -> HttpResponse:
    """The cases the user may see, newest first, by status and year of filing, with the next
    step, its deadline and what is late. A fixed number of queries whatever the page holds."""
    user: Any = request.user
    form = CaseFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    cases = EnforcementCase.objects.visible_to(user)
    if data.get("status"):
        cases = cases.filter(status=data["status"])
    if data.get("year"):
        cases = cases.filter(filed_on__year=data["year"])
    cases = (
        cases.select_related("division", *DEADLINE_RULES)
        .prefetch_related(Prefetch("officers", queryset=Inspector.objects.order_by("certificate_number")))
        .defer(*LONG_TEXTS)
        .order_by("-filed_on", "-pk")
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    today = local_today()
    states = review_states(page)
    for case in page:
        case.next = next_step(case, today, states.get(case.pk))  # type: ignore[attr-defined]
        case.publicity = publicity_steps(case)  # type: ignore[attr-defined]
        case.late = case.overdue_steps(today)  # type: ignore[attr-defined]
    return render(
        request,
        "enforcement/list.html",
        {
            **_area(user),
            "page": page,
            "form": form,
            "notes": filter_notes(form),
            "filtered": any(form.data.get(name) for name in form.fields),
            "today": today,
        },
    )


# ---------------------------------------------------------------------------------------------
# Filing

# Words of a refusal → the field it concerns (the first match wins: the more specific first).
FILE_HINTS = [
    ("第四十二条", "officers"),
    ("违法行为终了之日", "violation_ended_on"),
    ("违法行为发生之日", "violation_occurred_on"),
    ("第三十六条", "violation_occurred_on"),
    ("发现之日", "discovered_on"),
    ("执法类别", "category"),
    ("当事人类型", "party_kind"),
    ("证件号码", "party_code"),
    ("统一社会信用代码", "party_code"),
    ("案件来源", "facts"),
    ("案由", "title"),
    ("当事人", "party_name"),
    ("情形", "major_grounds"),
]


@staff_view(permissions.can_file)
def case_create(request: HttpRequest) -> HttpResponse:
    """立案: the case with its officers; the 90 days for the decision start today."""
    user: Any = request.user
    today = local_today()
    form = FileCaseForm(request.POST if request.method == "POST" else None, today=today)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = actions.file_case(
                    actor=user,
                    title=data["title"],
                    category=data["category"],
                    party_name=data["party_name"],
                    party_kind=data["party_kind"],
                    party_code=data["party_code"],
                    facts=data["facts"],
                    officers=list(data["officers"]),
                    discovered_on=data["discovered_on"],
                    violation_occurred_on=data["violation_occurred_on"],
                    continuing_act=data["continuing_act"],
                    violation_ended_on=data["violation_ended_on"],
                    grave_harm=data["grave_harm"],
                    major_grounds=data["major_grounds"],
                )
            except PermissionDenied as exc:
                raise Http404 from exc
            except DomainError as exc:
                place_error(form, FILE_HINTS, str(exc))
            else:
                messages.success(
                    request,
                    _("已立案，案件编号 %(code)s；应于 %(d)s 前作出决定。")
                    % {"code": case.code, "d": date_text(case.decision_due_on)},
                )
                return redirect("enforcement:detail", pk=case.pk)
        messages.error(request, TRY_AGAIN)
    return render(request, "enforcement/create.html", {**_area(user), "form": form, "today": today})


# ---------------------------------------------------------------------------------------------
# The case's page


@dataclass(frozen=True)
class Step:
    """A step of the case's page: who may ever take it (else 404), its button, where on the
    page its form is, the form, and the words of a refusal that point at a field."""

    who: frozenset[str]
    label: Any
    anchor: str
    form: type[forms.Form] = Empty
    hints: tuple[tuple[str, str], ...] = ()
    multipart: bool = False
    initial: Callable[[EnforcementCase, datetime.date], dict[str, Any]] = field(
        default=lambda case, today: {}
    )


OFFICER = frozenset({HANDLE})
LEADER = frozenset({DECIDE})
EITHER = frozenset({HANDLE, DECIDE})

# The step of the full-process record a new entry most likely belongs to.
RECORD_STEP: dict[str, str] = {
    S.INVESTIGATING: CaseRecord.Step.INVESTIGATION,
    S.NOTIFIED: CaseRecord.Step.NOTICE,
    S.DECIDED: CaseRecord.Step.DECISION,
    S.SERVED: CaseRecord.Step.SERVICE,
    S.EXECUTED: CaseRecord.Step.EXECUTION,
}

STEPS: dict[str, Step] = {
    "add_record": Step(
        OFFICER,
        gettext_lazy("增加记录"),
        "#records",
        RecordForm,
        (("记录名称", "title"), ("说明", "note"), ("记录环节", "step"), ("记录形式", "kind")),
        multipart=True,
        initial=lambda case, today: {"step": RECORD_STEP.get(case.status, CaseRecord.Step.CLOSING)},
    ),
    "set_major_grounds": Step(
        EITHER,
        gettext_lazy("保存重大执法决定情形"),
        "#major",
        MajorGroundsForm,
        (("情形", "grounds"), ("听证", "grounds")),
        initial=lambda case, today: {"grounds": list(case.major_grounds)},
    ),
    "notify": Step(
        OFFICER,
        gettext_lazy("告知当事人"),
        "#notice",
        NotifyForm,
        (("拟作出的决定", "proposed_decision"),),
    ),
    "record_statement": Step(
        OFFICER,
        gettext_lazy("记录陈述、申辩"),
        "#statement",
        StatementForm,
        (("已申请听证", "waived"), ("陈述、申辩", "statement")),
        initial=lambda case, today: {"statement": case.statement, "waived": case.waived},
    ),
    "request_hearing": Step(
        OFFICER,
        gettext_lazy("记录听证申请"),
        "#hearing",
        RequestHearingForm,
        (("申请日期", "requested_on"), ("申请听证的期限", "requested_on")),
    ),
    "schedule_hearing": Step(
        OFFICER,
        gettext_lazy("安排听证并通知当事人"),
        "#hearing",
        ScheduleHearingForm,
        (("听证日期", "hearing_on"), ("听证最早", "hearing_on"), ("的听证", "hearing_on")),
    ),
    "record_hearing": Step(
        OFFICER, gettext_lazy("记录听证"), "#hearing", HearingRecordForm, (("听证笔录摘要", "record"),)
    ),
    "submit_for_review": Step(
        OFFICER,
        gettext_lazy("送法制审核"),
        "#review",
        SubmitReviewForm,
        (("送审说明", "explanation"),),
    ),
    "decide": Step(
        LEADER,
        gettext_lazy("作出决定"),
        "#decision",
        DecideForm,
        (
            ("罚款金额", "fine_amount"),
            ("决定内容", "decision_text"),
            ("决定期限", "extension_basis"),
            ("延长决定期限", "extension_basis"),
            ("情况说明", "overdue_reason"),
            ("决定结果", "outcome"),
        ),
    ),
    "serve": Step(
        OFFICER,
        gettext_lazy("记录送达"),
        "#service",
        ServeForm,
        (("送达日期", "served_on"), ("逾期送达", "late_reason"), ("送达方式", "method")),
        initial=lambda case, today: {"served_on": today},
    ),
    "execute": Step(
        OFFICER,
        gettext_lazy("记录执行完毕"),
        "#execution",
        ExecuteForm,
        (("执行完毕日期", "executed_on"), ("执行情况", "note")),
        initial=lambda case, today: {"executed_on": today},
    ),
    "close": Step(OFFICER, gettext_lazy("结案归档"), "#execution"),
    "transfer": Step(
        OFFICER,
        gettext_lazy("移送司法机关"),
        "#transfer",
        TransferForm,
        (("移送机关", "transferred_to"), ("移送理由", "reason")),
    ),
    "publish": Step(EITHER, gettext_lazy("公示决定"), "#publicity"),
    "record_reversal": Step(
        EITHER,
        gettext_lazy("记录决定被变更、撤销"),
        "#publicity",
        ReversalForm,
        (("发生法律效力之日", "effective_on"), ("之日", "reversed_on"), ("情况", "reason")),
    ),
    "withdraw_publicity": Step(EITHER, gettext_lazy("撤回公示"), "#publicity"),
}


def _roles(user: Any, case: EnforcementCase) -> set[str]:
    roles = set()
    if permissions.can_handle(user, case):
        roles.add(HANDLE)
    if permissions.can_decide(user, case):
        roles.add(DECIDE)
    return roles


def _offered(name: str, case: EnforcementCase, today: datetime.date, review: ReviewState | None) -> bool:
    """Whether the page shows the step's form now (the action still has the last word)."""
    status = case.status
    pending = status in (S.INVESTIGATING, S.NOTIFIED)
    if name == "add_record":
        return case.is_open
    if name in {"set_major_grounds", "transfer"}:
        return pending
    if name == "notify":
        return status == S.INVESTIGATING
    if name in {"record_statement", "decide"}:
        return status == S.NOTIFIED
    if name == "request_hearing":
        return (
            status == S.NOTIFIED and case.hearing_right and not case.hearing_requested_on and not case.waived
        )
    if name == "schedule_hearing":
        return status == S.NOTIFIED and bool(case.hearing_requested_on) and not case.hearing_held_on
    if name == "record_hearing":
        return (
            status == S.NOTIFIED
            and case.hearing_on is not None
            and case.hearing_on <= today
            and not case.hearing_held_on
        )
    if name == "submit_for_review":
        # The check reads the party's statement and the hearing record, so it follows them.
        return (
            status == S.NOTIFIED
            and heard(case)
            and not (case.hearing_requested_on and not case.hearing_held_on)
            and case.is_major
            and review is not None
            and not review.cleared
            and not review.reviewing
        )
    if name == "serve":
        return status == S.DECIDED
    if name == "execute":
        return status == S.SERVED and case.outcome == O.PENALTY
    if name == "close":
        return status == S.EXECUTED or (status == S.SERVED and case.outcome != O.PENALTY)
    if name == "publish":
        return bool(case.decided_on and not case.published_on and not case.reversed_on)
    if name == "record_reversal":
        return bool(case.decided_on and not case.reversed_on)
    if name == "withdraw_publicity":
        return bool(case.published_on and not case.withdrawn_on and case.reversed_on)
    return False


def _step_form(
    name: str, case: EnforcementCase, today: datetime.date, data: Any = None, files: Any = None
) -> forms.Form:
    step = STEPS[name]
    if data is None:
        return step.form(prefix=name, initial=step.initial(case, today))
    return step.form(data, files, prefix=name)


def _decision_waits_for(case: EnforcementCase, today: datetime.date, gate: Any) -> list[str]:
    """What still stands before the decision, in the words of the rule (the action refuses a
    decision for the same reasons)."""
    if case.status != S.NOTIFIED:
        return []
    waits = []
    if case.hearing_requested_on and not case.hearing_held_on:
        waits.append(_("当事人已申请听证，听证举行前不得作出决定（《行政处罚法》第六十四条）"))
    elif hearing_window_open(case, today):
        assert case.hearing_request_due_on is not None
        waits.append(
            _(
                "当事人申请听证的期限至 %(d)s 届满，期满后（或当事人明确放弃后）方可决定（《行政处罚法》第六十四条）"
            )
            % {"d": date_text(case.hearing_request_due_on)}
        )
    elif not heard(case):
        waits.append(_("尚未记录当事人的陈述、申辩或放弃：作出决定前应当听取当事人的陈述、申辩"))
    if gate is not None and not gate.allowed:
        waits.append(gate.reason)
    return waits


def _render_detail(
    request: HttpRequest, case: EnforcementCase, *, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    """The case's page; `bound` holds a form that failed, shown again as it was filled in with
    the reason next to the field."""
    user: Any = request.user
    today = local_today()
    roles = _roles(user, case)
    reviews = reviews_of(case)
    mark_openable(reviews, ReviewRequest.objects.visible_to(user))
    gate = review_gate(case, kind=ReviewRequest.SubjectKind.MAJOR_ENFORCEMENT) if case.is_major else None
    review = (
        ReviewState(cleared=gate.allowed, reviewing=any(r.status in PENDING_REVIEW for r in reviews))
        if gate is not None
        else None
    )
    step_forms: dict[str, forms.Form] = {
        name: _step_form(name, case, today)
        for name, step in STEPS.items()
        if step.who & roles and _offered(name, case, today, review)
    }
    if bound is None:
        bound = refusals.bound_steps(request, STEPS, lambda name, data: _step_form(name, case, today, data))
    step_forms.update(bound)
    officers = list(case.officers.select_related("user").order_by("certificate_number"))
    for officer in officers:
        officer.lapsed = officer.certificate_expires_on < today  # type: ignore[attr-defined]
    return render(
        request,
        "enforcement/detail.html",
        {
            **_area(user),
            "case": case,
            "forms": step_forms,
            "next_steps": next_steps(step_forms, {name: step.label for name, step in STEPS.items()}),
            "steps": STEPS,
            "officers": officers,
            "late": case.overdue_steps(today),
            "next": next_step(case, today, review),
            "publicity": publicity_steps(case),
            "deadlines": deadline_rows(case),
            "reviews": reviews,
            "gate": gate,
            "decision_waits": _decision_waits_for(case, today, gate),
            "decision_overdue": bool(
                case.status == S.NOTIFIED and case.decision_due_on and today > case.decision_due_on
            ),
            "records": records_with_files(case),
            "instruments": instrument_views.rows(case, user),
            "events": timeline(case),
            "handles": HANDLE in roles,
            "today": today,
        },
    )


def _get_case(request: HttpRequest, pk: int) -> EnforcementCase:
    queryset = EnforcementCase.objects.visible_to(request.user).select_related(
        "division", "filed_by", "decided_by", *DEADLINE_RULES
    )
    return get_visible_or_404(queryset, pk=pk)


@staff_view(permissions.can_open_area)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get_case(request, pk))


# ---------------------------------------------------------------------------------------------
# The steps, each a POST from the case's page


def _run(name: str, case: EnforcementCase, user: Any, data: dict[str, Any]) -> Any:
    if name == "add_record":
        return actions.add_record(
            case,
            actor=user,
            step=data["step"],
            kind=data["kind"],
            title=data["title"],
            note=data["note"],
            files=data["attachments"],
        )
    if name == "set_major_grounds":
        return actions.set_major_grounds(case, actor=user, grounds=data["grounds"])
    if name == "notify":
        return actions.notify(
            case, actor=user, proposed_decision=data["proposed_decision"], hearing_right=data["hearing_right"]
        )
    if name == "record_statement":
        return actions.record_statement(case, actor=user, statement=data["statement"], waived=data["waived"])
    if name == "request_hearing":
        return actions.request_hearing(case, actor=user, requested_on=data["requested_on"])
    if name == "schedule_hearing":
        return actions.schedule_hearing(case, actor=user, hearing_on=data["hearing_on"])
    if name == "record_hearing":
        return actions.record_hearing(case, actor=user, record=data["record"])
    if name == "submit_for_review":
        return actions.submit_for_review(case, actor=user, explanation=data["explanation"])
    if name == "decide":
        return actions.decide(
            case,
            actor=user,
            outcome=data["outcome"],
            decision_text=data["decision_text"],
            fine_amount=data["fine_amount"],
            overdue_reason=data["overdue_reason"],
            extension_basis=data["extension_basis"],
        )
    if name == "serve":
        return actions.serve(
            case,
            actor=user,
            served_on=data["served_on"],
            method=data["method"],
            late_reason=data["late_reason"],
        )
    if name == "execute":
        return actions.execute(case, actor=user, executed_on=data["executed_on"], note=data["note"])
    if name == "close":
        return actions.close(case, actor=user)
    if name == "transfer":
        return actions.transfer(
            case, actor=user, transferred_to=data["transferred_to"], reason=data["reason"]
        )
    if name == "publish":
        return actions.publish(case, actor=user)
    if name == "record_reversal":
        return actions.record_reversal(
            case,
            actor=user,
            reversed_on=data["reversed_on"],
            reason=data["reason"],
            effective_on=data["effective_on"],
        )
    if name == "withdraw_publicity":
        return actions.withdraw_publicity(case, actor=user)
    raise Http404


def _day(value: datetime.date | None) -> str:
    return date_text(value) if value else ""


def _success_message(name: str, case: EnforcementCase, result: Any) -> str:
    if name == "add_record":
        return _("已增加全过程记录：%(t)s。") % {"t": result.title}
    if name == "set_major_grounds":
        if case.is_major:
            return _("已认定重大执法决定情形；作出决定前须经法制审核。")
        return _("已保存：本案不属于重大执法决定。")
    if name == "notify" and case.hearing_request_due_on:
        return _("已告知当事人；当事人可于 %(d)s 前申请听证。") % {"d": _day(case.hearing_request_due_on)}
    if name == "record_statement" and case.waived:
        return _("已记录当事人明确放弃陈述、申辩和听证。")
    if name == "schedule_hearing":
        return _("已安排 %(d)s 举行听证，今日通知当事人。") % {"d": _day(case.hearing_on)}
    if name == "record_hearing":
        return _("已记录听证；经过听证的决定须经法制审核后方可作出。")
    if name == "submit_for_review":
        return _("已送法制审核（%(code)s），等待政策法规处受理。") % {"code": result.code}
    if name == "decide":
        return _("已作出决定，决定书文号 %(n)s；应于 %(s)s 前送达，%(p)s 前公示。") % {
            "n": case.decision_number,
            "s": _day(case.service_due_on),
            "p": _day(case.publicity_due_on),
        }
    if name == "record_reversal" and case.withdrawal_due_on:
        return _("已记录；已公示的决定应于 %(d)s 前撤回公示并说明理由。") % {
            "d": _day(case.withdrawal_due_on)
        }
    return _("已%(a)s。") % {"a": STEPS[name].label}


@require_POST
@staff_view(permissions.can_open_area)
def case_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step. A step the person may never take on this case answers 404; one the case's state
    does not allow is refused with the rule it breaks; a refused step shows the page again with
    the input kept and the reason next to the field."""
    step = STEPS.get(action)
    if step is None:
        raise Http404
    user: Any = request.user
    case = _get_case(request, pk)
    if not step.who & _roles(user, case):
        raise Http404
    form = _step_form(action, case, local_today(), request.POST, request.FILES)
    page = reverse("enforcement:detail", args=[case.pk]) + step.anchor
    if not form.is_valid():
        return refusals.refuse(request, form, action=action, to=page)
    try:
        result = _run(action, case, user, form.cleaned_data)
    except PermissionDenied as exc:
        raise Http404 from exc
    except AttachmentRejected as exc:
        form.add_error("attachments" if "attachments" in form.fields else None, str(exc))
        return refusals.refuse(request, form, action=action, to=page)
    except DomainError as exc:
        if isinstance(form, Empty):
            messages.error(request, str(exc))
            return redirect(page)
        place_error(form, step.hints, str(exc))
        return refusals.refuse(request, form, action=action, to=page, message=str(exc))
    messages.success(request, _success_message(action, case, result))
    return redirect(reverse("enforcement:detail", args=[case.pk]) + step.anchor)


# ---------------------------------------------------------------------------------------------
# The year's figures

PALETTE = ["#b4161b", "#0b4f9c", "#1e6b34", "#a15c00", "#555b63", "#6b2fa0"]


def _year(request: HttpRequest, fallback: int) -> tuple[int, list[str]]:
    raw = request.GET.get("year", "").strip()
    if not raw:
        return fallback, []
    try:
        year = int(raw)
    except ValueError:
        year = 0
    if 2000 <= year <= 2999:
        return year, []
    return fallback, [
        _("“%(value)s”不是有效的年份，已显示 %(year)s 年的统计。") % {"value": raw[:20], "year": fallback}
    ]


@staff_view(permissions.can_view_stats)
def stats(request: HttpRequest) -> HttpResponse:
    """The year's enforcement figures (filed, decided, penalties, major decisions, hearings,
    publicity, transfers) as a table and a chart; the annual report quotes these numbers."""
    today = local_today()
    year, notes = _year(request, today.year)
    figures = year_figures(year, today=today)
    years = {d.year for d in EnforcementCase.objects.dates("filed_on", "year")}
    categories = dict(EnforcementCase.Category.choices)
    bars = [
        (_("立案"), figures.filed),
        (_("作出决定"), figures.decided),
        (_("给予处罚"), figures.penalties),
        (_("不予处罚"), figures.no_penalty),
        (_("重大执法决定"), figures.major),
        (_("举行听证"), figures.hearings),
        (_("按期公示"), figures.published_in_time),
        (_("移送司法机关"), figures.transferred),
    ]
    chart = {
        "color": PALETTE,
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 48, "right": 24, "top": 24, "bottom": 48},
        "xAxis": {
            "type": "category",
            "data": [str(label) for label, _n in bars],
            "axisLabel": {"interval": 0},
        },
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"name": str(year), "type": "bar", "data": [n for _label, n in bars]}],
    }
    rate = figures.publicity_rate
    return render(
        request,
        "enforcement/stats.html",
        {
            **_area(request.user),
            "year": year,
            "choices": sorted(years | {year, today.year}, reverse=True),
            "notes": notes,
            "figures": figures,
            "publicity_rate": None if rate is None else f"{rate * 100:.1f}%",
            "by_category": [(categories[code], n) for code, n in figures.by_category.items()],
            "chart": chart,
        },
    )
