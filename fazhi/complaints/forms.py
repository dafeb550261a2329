"""Forms of the complaint pages. They check what a person typed (present, a date, a known
choice); the rules — a 12345 ticket for a hotline transfer and only then, no contact details
for an anonymous complaint, a notice by a way the complainant can be reached, a reason for a
late reply, dates in order and not after today — are the actions' (actions.py), whose Chinese
messages the views put next to the field they concern."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fazhi.complaints.models import Complaint
from fazhi.core.agencies import agencies
from fazhi.core.formfields import date_field as _date
from fazhi.core.formfields import line_field as _line
from fazhi.core.formfields import text_field as _text
from fazhi.core.models import Organization

CHOOSE = _("请选择")
BAD_CHOICE = _("所选项不正确")
ALL = _("全部")
YEAR_RANGE = _("年度应在 2000 年至 2100 年之间")
STAFF_CHANNELS = [c for c in Complaint.Channel.choices if c[0] != Complaint.Channel.PORTAL]


def _choice(label: Any, choices: Any, *, required: bool = True, **kw: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        error_messages={"required": CHOOSE, "invalid_choice": BAD_CHOICE},
        **kw,
    )


class _Storable(forms.Form):
    """No NUL and no lone surrogate in any text: neither can be stored."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, value in list(data.items()):
            if not isinstance(value, str):
                continue
            if "\x00" in value:
                self.add_error(name, gettext("不能包含空字符"))
                continue
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                self.add_error(name, gettext("包含无法保存的字符"))
        return data


class ComplainantFields(_Storable):
    """The complaint and, unless anonymous, the complainant."""

    kind = _choice(_("类别"), Complaint.Kind.choices, widget=forms.RadioSelect)
    subject = _line(_("事由"), max_length=200, help_text=_("一句话概括，如：执法人员检查时未出示执法证件"))
    content = _text(_("投诉举报内容"), rows=8, help_text=_("时间、地点、涉及的执法行为或单位、经过和诉求。"))
    respondent = _line(_("被投诉举报的单位或执法行为（选填）"), max_length=200, required=False)
    anonymous = forms.BooleanField(
        label=_("匿名投诉举报"),
        required=False,
        help_text=_("匿名时不填写下列姓名和联系方式，办理结果凭查询码在本网站查看。"),
    )
    contact_name = _line(_("姓名或单位（选填）"), max_length=100, required=False)
    contact_phone = _line(_("联系电话（选填）"), max_length=30, required=False)
    contact_email = _line(_("电子邮箱（选填）"), max_length=100, required=False)
    contact_address = _line(_("通讯地址（选填）"), max_length=200, required=False)


class DepartmentField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class PublicComplaintForm(ComplainantFields):
    """The portal form; the captcha inputs are drawn by the template, as on the comment form."""

    captcha_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    captcha_answer = forms.CharField(
        label=_("验证题答案"), max_length=20, error_messages={"required": _("请填写验证题的答案")}
    )
    # A honeypot: hidden from people and from screen readers, filled in by form-spamming bots.
    website = forms.CharField(label=_("请勿填写此项"), required=False, max_length=200)
    # The department the complaint is addressed to: asked when the installation has several.
    agency = DepartmentField(
        label=_("投诉举报的部门"),
        queryset=Organization.objects.none(),
        required=True,
        empty_label=_("请选择部门"),
        help_text=_("被投诉举报的执法行为所属的部门"),
        error_messages={"required": _("请选择投诉举报的部门"), "invalid_choice": BAD_CHOICE},
    )

    def __init__(self, *args: Any, department: Organization | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        departments = agencies()
        if departments.count() < 2:
            # One department (or none yet): nothing to choose, the action takes the only one.
            del self.fields["agency"]
            return
        field.queryset = departments
        if department is not None:
            field.initial = department.pk

    @property
    def asks_department(self) -> bool:
        return "agency" in self.fields

    FIELDS = (
        "kind",
        "subject",
        "content",
        "respondent",
        "anonymous",
        "contact_name",
        "contact_phone",
        "contact_email",
        "contact_address",
    )


class EntryForm(ComplainantFields):
    """A complaint received by letter, at a visit or from the 12345 hotline."""

    channel = _choice(_("来源"), STAFF_CHANNELS)
    hotline_ticket = _line(
        _("12345 工单号"), max_length=40, required=False, help_text=_("12345热线转办时填写")
    )
    received_on = _date(_("收到日期"))

    field_order = ["channel", "hotline_ticket", "received_on", "kind", "subject", "content", "respondent"]


class LookupForm(_Storable):
    code = _line(
        _("查询码"),
        max_length=64,
        help_text=_("提交投诉举报时取得的 20 位查询码，如 ABCD-EFGH-JKMN-PQRS-TVWX"),
    )


class Empty(forms.Form):
    pass


class RegisterForm(forms.Form):
    registered_on = _date(_("登记日期"))


class DismissForm(_Storable):
    reason = _text(
        _("不予登记的理由"), rows=3, help_text=_("如：广告信息、无实际内容、与已登记的投诉举报重复")
    )


class DivisionField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class _Notice(_Storable):
    decided_on = _date(_("决定日期"))
    reason = _text(
        _("决定理由"),
        rows=3,
        help_text=_("决定理由和告知内容在投诉举报人凭查询码查询时显示，请勿写入他人个人信息。"),
    )
    notice = _text(_("告知投诉举报人的内容"), rows=4)
    notice_method = _choice(_("告知方式"), Complaint.NoticeMethod.choices)


class AcceptForm(_Notice):
    division = DivisionField(
        label=_("承办处室"),
        queryset=Organization.objects.none(),
        error_messages={"required": CHOOSE, "invalid_choice": BAD_CHOICE},
    )
    field_order = ["decided_on", "division", "reason", "notice", "notice_method"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["division"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organization.objects.filter(kind=Organization.Kind.DIVISION).order_by(
            "sort_order", "name"
        )


class TransferForm(_Notice):
    authority = _line(_("有权处理的机关"), max_length=200)
    field_order = ["decided_on", "authority", "reason", "notice", "notice_method"]


class AnswerForm(_Storable):
    replied_on = _date(_("答复日期"))
    findings = _text(_("调查核实情况"), rows=5)
    reply = _text(
        _("答复内容"), rows=5, help_text=_("答复内容在投诉举报人凭查询码查询时显示，请勿写入他人个人信息。")
    )
    reply_method = _choice(_("答复方式"), Complaint.NoticeMethod.choices)
    late_reason = _text(_("超过答复期限的理由"), rows=2, required=False, help_text=_("超过答复期限时填写"))


class LinkCaseForm(forms.Form):
    case = forms.IntegerField(
        label=_("执法案件编号"),
        min_value=1,
        max_value=2**31 - 1,
        error_messages={"required": _("请填写执法案件编号"), "invalid": _("编号应为数字")},
    )


class JudicialTransferForm(_Storable):
    transferred_on = _date(_("移送日期"))
    organ = _line(_("接收移送的司法机关"), max_length=100)
    reason = _text(_("移送理由"), rows=3)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel 文件（.xlsx）"),
        error_messages={"required": _("请选择要导入的文件"), "empty": _("文件是空的")},
    )


class FilterForm(forms.Form):
    year = forms.IntegerField(
        label=_("收到年度"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": _("如 2026")}),
        error_messages={"invalid": _("年度须为四位数字"), "min_value": YEAR_RANGE, "max_value": YEAR_RANGE},
    )
    status = _choice(
        _("状态"), [("", ALL), ("overdue", _("已超过期限")), *Complaint.Status.choices], required=False
    )
    channel = _choice(_("来源"), [("", ALL), *Complaint.Channel.choices], required=False)
