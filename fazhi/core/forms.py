from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core import agencies
from fazhi.core.models import NumberSeries, Organization


class IssueNumberForm(forms.Form):
    series = forms.ModelChoiceField(
        label=_("文号序列"),
        queryset=NumberSeries.objects.select_related("organization"),
        error_messages={"required": _("请选择文号序列"), "invalid_choice": _("所选序列不存在")},
    )
    year = forms.IntegerField(
        label=_("年度"),
        min_value=1949,
        max_value=9999,
        error_messages={
            "required": _("请填写年度"),
            "invalid": _("年度须为四位数字"),
            "min_value": _("年度不正确"),
            "max_value": _("年度不正确"),
        },
    )
    title = forms.CharField(
        label=_("文件标题"),
        max_length=300,
        error_messages={"required": _("请填写文件标题"), "max_length": _("标题不超过 300 字")},
    )

    def __init__(self, *args, user=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["series"].queryset = series_of(user)


def series_of(user: Any) -> QuerySet[NumberSeries]:
    """The number series of `user`'s department (those of its agency and of its divisions)."""
    agency_id = agencies.agency_id_of(user)
    return NumberSeries.objects.select_related("organization").filter(
        Q(organization_id=agency_id) | Q(organization__parent_id=agency_id)
    )


class SeriesForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("发文机关"),
        queryset=Organization.objects.exclude(kind=Organization.Kind.DIVISION),
        error_messages={"required": _("请选择发文机关")},
    )

    def __init__(self, *args, user=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # A department's own agency and divisions (the review-letter series belongs to its
        # legal affairs division); the city administrator registers any department's.
        if user is not None and not user.has_perm("core.manage_city"):
            agency_id = agencies.agency_id_of(user)
            self.fields["organization"].queryset = Organization.objects.filter(
                Q(pk=agency_id) | Q(parent_id=agency_id)
            )

    kind = forms.ChoiceField(label=_("文种"), choices=NumberSeries.Kind.choices)
    code = forms.CharField(
        label=_("发文机关代字"),
        max_length=20,
        help_text=_("如：津科规、津科"),
        error_messages={"required": _("请填写发文机关代字")},
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("用途"),
        max_length=100,
        help_text=_("如：与执法监督平台对接"),
        error_messages={"required": _("请说明令牌用途")},
    )
    expires_on = forms.DateField(
        label=_("有效期至"),
        required=False,
        help_text=_("含当日；不填为长期有效，直至吊销。"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("请输入有效日期，格式如 2027-06-30")},
    )

    def clean_expires_on(self) -> datetime.date | None:
        day: datetime.date | None = self.cleaned_data.get("expires_on")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("有效期不能早于今天"))
        return day


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("文件"), error_messages={"required": _("请选择要上传的文件"), "empty": _("文件为空")}
    )
    purpose = forms.CharField(label=_("材料类别"), max_length=60, required=False)
