"""The administration pages' forms: Chinese labels and messages; the rules themselves are the
actions' (`administration.actions`), whose refusals are shown next to the field they name."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from fazhi.core.administration.actions import GRANTABLE_ROLES
from fazhi.core.formfields import REQUIRED, TOO_LONG, line_field, text_field
from fazhi.core.models import Organization

CODE_HELP = _("小写字母、数字和连字符，如 tjjw；部门门户的地址为 /d/代码/")


def show_refusal(form: forms.Form, error: ValidationError) -> None:
    """An action's ValidationError on the form: each message next to its field, if it has one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            field = name if name in form.fields else None
            for item in errors:
                form.add_error(field, " ".join(item.messages))
    else:
        form.add_error(None, " ".join(error.messages))


def parse_domains(text: str) -> list[list[str]]:
    """ "code,名称" per line (a full-width comma too) → [[code, 名称], …]."""
    pairs = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.replace("，", ",").split(",", 1)]
        if len(parts) != 2 or not all(parts):
            raise ValidationError(_("第 %(n)d 行应为“代码,名称”，如 lab_animals,实验动物") % {"n": number})
        pairs.append(parts)
    return pairs


def domains_text(domains: Any) -> str:
    return "\n".join(f"{code},{label}" for code, label in (domains or []))


class DepartmentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("类型"),
        choices=[
            (Organization.Kind.AGENCY, _("部门（机关）")),
            (Organization.Kind.JUSTICE_BUREAU, _("司法局")),
        ],
        error_messages={"required": REQUIRED},
    )
    name = line_field(_("名称"), max_length=100, help_text=_("全称，如 天津市教育委员会"))
    short_name = line_field(_("简称"), max_length=30, required=False, help_text=_("如 市教委"))
    code = forms.SlugField(
        label=_("代码"),
        max_length=40,
        help_text=CODE_HELP,
        error_messages={
            "required": REQUIRED,
            "invalid": _("代码只能包含字母、数字、连字符和下划线"),
            "max_length": TOO_LONG,
        },
    )
    head_title = line_field(_("主要负责人职务"), max_length=20, required=False, help_text=_("如 局长、主任"))
    leaders_title = line_field(
        _("领导班子称谓"), max_length=20, required=False, help_text=_("如 局领导、委领导")
    )
    office_meeting = line_field(
        _("行政办公会议名称"), max_length=30, required=False, help_text=_("如 局长办公会、主任办公会")
    )
    party_meeting = line_field(
        _("党组织会议名称"), max_length=30, required=False, help_text=_("如 局党委会、党组会")
    )
    filing_authority = forms.ModelChoiceField(
        label=_("备案审查机关"),
        queryset=Organization.objects.filter(kind=Organization.Kind.JUSTICE_BUREAU).order_by(
            "sort_order", "id"
        ),
        required=False,
        empty_label=_("（平台唯一的司法局）"),
        help_text=_("本部门的规范性文件报送备案的司法局（市或区）"),
        error_messages={"invalid_choice": _("所选司法局不存在")},
    )
    inspection_domains = text_field(
        _("检查执法领域"),
        required=False,
        max_length=2000,
        rows=3,
        help_text=_("每行一项：代码,名称；为空时使用平台的默认领域"),
    )
    portal_intro = text_field(_("门户简介"), required=False, max_length=2000, rows=4)
    sort_order = forms.IntegerField(
        label=_("排序"),
        min_value=0,
        max_value=100000,
        initial=0,
        required=False,
        error_messages={"invalid": _("请填写整数"), "min_value": _("不能为负数")},
    )

    def __init__(self, *args: Any, editing: Organization | None = None, **kwargs: Any) -> None:
        if editing is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "kind": editing.kind,
                "name": editing.name,
                "short_name": editing.short_name,
                "code": editing.code,
                "head_title": editing.head_title,
                "leaders_title": editing.leaders_title,
                "office_meeting": editing.office_meeting,
                "party_meeting": editing.party_meeting,
                "filing_authority": editing.filing_authority_id,
                "inspection_domains": domains_text(editing.inspection_domains),
                "portal_intro": editing.portal_intro,
                "sort_order": editing.sort_order,
            }
        super().__init__(*args, **kwargs)
        if editing is not None:
            del self.fields["kind"]

    def clean_inspection_domains(self) -> list[list[str]]:
        return parse_domains(self.cleaned_data.get("inspection_domains") or "")

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("kind", None)
        data["sort_order"] = data.get("sort_order") or 0
        return data


class SeriesForm(forms.Form):
    normative = line_field(_("行政规范性文件代字"), max_length=20, required=False, help_text=_("如 津教规"))
    ordinary = line_field(_("一般公文代字"), max_length=20, required=False, help_text=_("如 津教"))
    penalty = line_field(_("行政处罚决定书代字"), max_length=20, required=False, help_text=_("如 津教罚"))
    review_letter = line_field(
        _("法律审核意见书代字"),
        max_length=20,
        required=False,
        help_text=_("由本部门法制机构编号，如 津教法审"),
    )


class DivisionForm(forms.Form):
    name = line_field(_("处室名称"), max_length=100, help_text=_("在本部门内不能重复"))
    is_legal_affairs = forms.BooleanField(
        label=_("法制机构"),
        required=False,
        help_text=_("负责合法性审核的处室（如政策法规处）；每个部门有且只有一个，勾选后原法制机构随之取消"),
    )
    sort_order = forms.IntegerField(
        label=_("排序"),
        min_value=0,
        max_value=100000,
        initial=0,
        required=False,
        error_messages={"invalid": _("请填写整数"), "min_value": _("不能为负数")},
    )


def unit_choices(agency: Organization) -> list[tuple[int, str]]:
    units = [(agency.pk, f"{agency.name}（机关本级）")]
    units += [
        (d.pk, d.name)
        for d in agency.children.filter(kind=Organization.Kind.DIVISION).order_by("sort_order", "id")
    ]
    return units


class UserForm(forms.Form):
    username = forms.RegexField(
        label=_("用户名"),
        regex=r"^[\w.@+-]+\Z",
        max_length=150,
        help_text=_("登录用，字母、数字和 @ . + - _"),
        error_messages={
            "required": REQUIRED,
            "invalid": _("用户名只能包含字母、数字和 @ . + - _"),
            "max_length": TOO_LONG,
        },
    )
    full_name = line_field(_("姓名"), max_length=50)
    organization = forms.TypedChoiceField(
        label=_("所在处室"),
        coerce=int,
        error_messages={"required": REQUIRED, "invalid_choice": _("请选择本部门的处室")},
    )
    title = line_field(_("职务"), max_length=50, required=False)
    email = forms.EmailField(
        label=_("电子邮箱"), required=False, error_messages={"invalid": _("电子邮箱格式不正确")}
    )
    roles = forms.MultipleChoiceField(
        label=_("角色"),
        required=False,
        choices=[(str(role.value), role.label) for role in GRANTABLE_ROLES],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("不能授予该角色")},
    )

    def __init__(self, *args: Any, agency: Organization, editing: Any = None, **kwargs: Any) -> None:
        if editing is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "full_name": editing.full_name,
                "organization": editing.organization_id,
                "title": editing.title,
                "email": editing.email,
                "roles": sorted(editing.role_codes()),
            }
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = unit_choices(agency)  # type: ignore[attr-defined]
        if editing is not None:
            del self.fields["username"]

    def unit(self) -> Organization:
        return Organization.objects.get(pk=self.cleaned_data["organization"])


class PasswordForm(forms.Form):
    password = forms.CharField(
        label=_("新密码"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("留空则生成一个临时密码，只显示一次"),
    )
