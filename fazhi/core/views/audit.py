"""全过程记录: the audit chain as a filterable table, with its verification on demand."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import permissions
from fazhi.core.agencies import agency_id_of
from fazhi.core.audit import VerifyResult, current_label, verb_label
from fazhi.core.http import staff_view
from fazhi.core.models import AuditChainHead, AuditEvent, PublishedChainHead
from fazhi.core.witness import verify_witnessed

PAGE_SIZE = 50
# Dates outside this range cannot be a day of the record, and near date.min/max the local
# midnight would overflow when converted to UTC; such input is ignored like any bad value.
EARLIEST, LATEST = datetime.date(2000, 1, 1), datetime.date(2999, 12, 31)


class AuditFilterForm(forms.Form):
    """The filters of the list, read from GET. A bad value is dropped, not fatal: the view
    applies only the fields that validated and says, in Chinese, which one it ignored."""

    object_type = forms.ChoiceField(label=gettext_lazy("对象类型"), required=False)
    object_id = forms.CharField(label=gettext_lazy("对象编号"), required=False, max_length=64)
    actor = forms.CharField(
        label=gettext_lazy("操作人"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("姓名或用户名")}),
    )
    date_from = forms.DateField(
        label=gettext_lazy("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, object_types: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = sorted(((t, model_label(t)) for t in object_types), key=lambda c: str(c[1]))
        self.fields["object_type"].choices = [("", _("全部")), *choices]  # type: ignore[attr-defined]

    def _clean_day(self, name: str) -> datetime.date | None:
        day = self.cleaned_data.get(name)
        if day is not None and not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(_("日期应在 2000 年至 2999 年之间。"))
        return day

    def clean_date_from(self) -> datetime.date | None:
        return self._clean_day("date_from")

    def clean_date_to(self) -> datetime.date | None:
        return self._clean_day("date_to")


def model_label(object_type: str) -> str:
    """ "documents.normativedocument" → its verbose name; an unknown label → its app's name."""
    object_type = current_label(object_type)
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        pass
    try:  # a record kind of an app, not a model: named by its app, never by its code
        return str(apps.get_app_config(object_type.partition(".")[0]).verbose_name)
    except LookupError:
        return _("其他对象")


def status_labels(object_type: str) -> dict[str, str]:
    """The display names of a model's `status` choices, to show 草稿 rather than `draft`."""
    try:
        field = apps.get_model(current_label(object_type))._meta.get_field("status")
    except (LookupError, ValueError, FieldDoesNotExist):
        return {}
    return {str(value): str(label) for value, label in getattr(field, "flatchoices", [])}


def events_of_agency(user: Any) -> QuerySet[AuditEvent]:
    """The events a reader may browse (issue 12): those whose actor works for the reader's own
    agency (in the agency itself or one of its divisions), and the platform's own runs without
    an actor (the calendar's import, the nightly expiry), which belong to no department. Another
    department's people's events are not listed (the records they name stay behind their
    department's wall anyway); the chain's verification on this page still covers every event."""
    agency_id = agency_id_of(user)
    events = AuditEvent.objects.defer("data", "prev_hash").order_by("-seq")
    if agency_id is None:
        return events.filter(actor__isnull=True)
    return events.filter(
        Q(actor__isnull=True)
        | Q(actor__organization_id=agency_id)
        | Q(actor__organization__parent_id=agency_id)
    )


def filtered_events(form: AuditFilterForm, user: Any = None) -> tuple[QuerySet[AuditEvent], list[str]]:
    """Apply the filters that validated; return notes on those that did not."""
    events = events_of_agency(user)
    notes = [
        _("已忽略无效的筛选条件“%(label)s”：%(error)s")
        % {"label": form.fields[name].label, "error": " ".join(str(e) for e in errors)}
        for name, errors in form.errors.items()
        if name in form.fields
    ]
    data = form.cleaned_data
    if data.get("object_type"):
        events = events.filter(object_type=data["object_type"])
    if data.get("object_id"):
        events = events.filter(object_id=data["object_id"].strip())
    if data.get("actor"):
        actor = data["actor"].strip()
        events = events.filter(Q(actor_name__icontains=actor) | Q(actor__username=actor))
    date_from, date_to = data.get("date_from"), data.get("date_to")
    if date_from and date_to and date_from > date_to:
        notes.append(_("已忽略日期范围：起始日期晚于截止日期。"))
        date_from = date_to = None
    tz = timezone.get_default_timezone()
    if date_from:
        events = events.filter(at__gte=datetime.datetime.combine(date_from, datetime.time.min, tzinfo=tz))
    if date_to:
        next_day = date_to + datetime.timedelta(days=1)
        events = events.filter(at__lt=datetime.datetime.combine(next_day, datetime.time.min, tzinfo=tz))
    return events, notes


@staff_view(permissions.can_view_audit_trail)
def audit_list(request: HttpRequest) -> HttpResponse:
    """Newest first, 50 a page. `?verify=1` recomputes the whole chain (about a second per
    100,000 events) against the published and the signed heads (fazhi.core.witness) and shows
    whether it is intact or which event is the first broken one."""
    verification: VerifyResult | None = None
    if request.GET.get("verify") == "1":
        verification, _heads = verify_witnessed()
    status = {
        "head": AuditChainHead.objects.filter(id=1).first(),
        "published": PublishedChainHead.objects.order_by("-day").first(),
        "verification": verification,
    }
    if request.htmx and verification is not None:  # type: ignore[attr-defined]
        return render(request, "core/audit/_chain_status.html", status)

    object_types = list(
        events_of_agency(request.user)
        .exclude(object_type="")
        .order_by()
        .values_list("object_type", flat=True)
        .distinct()
    )
    form = AuditFilterForm(request.GET, object_types=object_types)
    form.is_valid()
    events, notes = filtered_events(form, request.user)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    labels: dict[str, dict[str, str]] = {}
    for event in page:
        event_labels = labels.setdefault(event.object_type, status_labels(event.object_type))
        event.verb_label = verb_label(event.verb)  # type: ignore[attr-defined]
        event.object_label = model_label(event.object_type)  # type: ignore[attr-defined]
        event.from_label = event_labels.get(event.from_status, event.from_status)  # type: ignore[attr-defined]
        event.to_label = event_labels.get(event.to_status, event.to_status)  # type: ignore[attr-defined]
    filtered = any(form.data.get(name) for name in form.fields)
    return render(
        request,
        "core/audit/list.html",
        {"form": form, "page": page, "notes": notes, "filtered": filtered, **status},
    )
