"""Forms of the inspection pages. They check what a person typed (present, a date, a number, a
known choice, a well-formed unified social credit code); the rules — at least two inspectors
(DOMAIN.md §8), strata that do not overlap, a published item, commitments and
secrets that match — are checked by the actions (actions.py, registry.py), whose Chinese
messages the views put next to the field they concern."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.agencies import inspection_domains
from fazhi.core.formfields import REQUIRED, TOO_LONG
from fazhi.core.formfields import date_field as _date
from fazhi.core.formfields import line_field as _line
from fazhi.core.formfields import text_field as _text
from fazhi.core.models import Inspector, Organization, User
from fazhi.core.uscc import normalize_uscc, validate_uscc
from fazhi.inspections.models import (
    Expert,
    InspectionItem,
    InspectionPlan,
    InspectionTask,
    RiskLevel,
    SeedContributor,
)

WHOLE_NUMBER = _("请填写整数")
YEAR_RANGE = _("年度应在 2000 年至 2999 年之间")


def _number(label: Any, *, required: bool = True, help_text: Any = "") -> forms.IntegerField:
    # No bounds here: the action says what is wrong with a number and why (e.g. the article
    # that requires two inspectors), next to the field.
    return forms.IntegerField(
        label=label,
        required=required,
        help_text=help_text,
        error_messages={"required": REQUIRED, "invalid": WHOLE_NUMBER},
    )


def _choice(label: Any, choices: Any, *, required: bool = True, **kw: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        error_messages={"required": _("请选择"), "invalid_choice": _("所选项不正确")},
        **kw,
    )


REASON = _("理由")


def _reason(label: Any = REASON, *, required: bool = True, help_text: Any = "") -> forms.CharField:
    return _line(label, max_length=200, required=required, help_text=help_text)


class AgencyForm(forms.Form):
    """A form of an agency's pages: its domain fields offer the agency's inspection domains
    (`core.agencies.inspection_domains`), its lists of records the agency's only."""

    domain_fields: tuple[str, ...] = ()
    blank_domain = False  # a filter: "all" first

    def __init__(self, *args: Any, agency: Organization | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency
        domains = inspection_domains(agency)
        for name in self.domain_fields:
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", _("全部")), *domains] if self.blank_domain else domains


# --- the item list -----------------------------------------------------------------------------


class ItemForm(AgencyForm):
    domain_fields = ("domain",)
    name = _line(_("抽查事项"), max_length=200)
    legal_basis = _text(_("检查依据"), help_text=_("法律、法规、规章的名称和条款"))
    inspecting_body = _line(_("检查主体"), max_length=100, required=False, help_text=_("留空为本机关"))
    method = _line(_("检查方式"), max_length=200, help_text=_("如：现场检查、书面检查"))
    domain = _choice(_("领域"), [])


class ItemCreateForm(ItemForm):
    published = forms.BooleanField(label=_("同时在随机抽查事项清单中公开"), required=False)


# --- entities ----------------------------------------------------------------------------------


class EntityFilterForm(AgencyForm):
    """The registry's filters, read from GET; a bad value is ignored with a note."""

    domain_fields = ("domain",)
    blank_domain = True

    q = forms.CharField(
        label=_("名称或统一社会信用代码"),
        required=False,
        max_length=100,
        help_text=_("输入代码（或其开头部分）按代码查找，其他按名称查找"),
        widget=forms.TextInput(attrs={"aria-describedby": "entity-q-help", "type": "search"}),
    )
    domain = _choice(_("领域"), [], required=False)
    risk_level = _choice(_("风险等级"), [("", _("全部")), *RiskLevel.choices], required=False)
    active = _choice(_("在册状态"), [("", _("全部")), ("1", _("在册")), ("0", _("已移出"))], required=False)


class EntityForm(AgencyForm):
    """The particulars of an entity; its code is fixed once registered (EntityCreateForm)."""

    domain_fields = ("domain",)

    name = _line(_("名称"), max_length=200)
    legal_representative = _line(_("法定代表人（负责人）"), max_length=50)
    address = _line(_("住所（地址）"), max_length=200)
    domain = _choice(_("领域"), [])
    risk_level = _choice(_("风险等级"), RiskLevel.choices, initial=RiskLevel.MEDIUM)
    is_natural_person = forms.BooleanField(
        label=_("自然人（个体经营者等）"),
        required=False,
        help_text=_("公示时隐去姓名、住址等个人信息"),
    )


class EntityCreateForm(EntityForm):
    uscc = _line(
        _("统一社会信用代码"),
        max_length=30,
        help_text=_("18 位，最后一位为校验码（GB 32100-2015）"),
    )
    field_order = ["uscc", "name"]

    def clean_uscc(self) -> str:
        code = normalize_uscc(self.cleaned_data["uscc"])
        reason = validate_uscc(code)
        if reason:
            raise forms.ValidationError(reason)
        return code


class ActiveForm(forms.Form):
    """Taking a registry member off (a reason is required) or back on."""

    reason = _reason(
        required=False, help_text=_("移出名录库时必须说明理由，如：已注销、迁出本市、不再从事该活动")
    )


# --- inspectors and experts --------------------------------------------------------------------


class AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        unit = f"（{obj.organization.name}）" if obj.organization_id else ""
        return f"{obj.display_name}{unit}"


class InspectorForm(AgencyForm):
    domain_fields = ("domains",)

    name = _line(_("姓名"), max_length=50)
    certificate_number = _line(_("执法证号"), max_length=40)
    certificate_expires_on = _date(
        _("执法证有效期至"), help_text=_("执法证在计划抽取日期已过期的，不进入该计划的人员库")
    )
    domains = forms.MultipleChoiceField(
        label=_("执法领域"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请至少选择一个执法领域"), "invalid_choice": _("所选领域不正确")},
    )
    user = AccountChoiceField(
        label=_("平台账户"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("（不关联）"),
        help_text=_("关联后，抽中的任务出现在该执法人员的“我的任务”中"),
        error_messages={"invalid_choice": _("所选账户不能关联")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        # Accounts of the agency's enforcement officers (the action checks the capability and
        # that the account is not linked to someone else).
        accounts = User.objects.filter(is_active=True, groups__permissions__codename="record_result")
        if self.agency is not None:
            accounts = accounts.filter(Q(organization=self.agency) | Q(organization__parent=self.agency))
        field.queryset = accounts.select_related("organization").distinct().order_by("full_name", "pk")


class ExpertForm(AgencyForm):
    domain_fields = ("domains",)

    name = _line(_("姓名"), max_length=50)
    field = _line(_("专业领域"), max_length=100)
    domains = forms.MultipleChoiceField(
        label=_("适用领域"),
        required=False,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("只参与所选领域的抽查；不选则适用于所有领域"),
        error_messages={"invalid_choice": _("所选领域不正确")},
    )


class ExpertCreateForm(ExpertForm):
    code = _line(_("专家库编号"), max_length=40)
    field_order = ["code", "name", "field"]


# --- conflicts of interest ---------------------------------------------------------------------


class ConflictForm(AgencyForm):
    """A conflict: the entity by its code (the registry is too large for a list), the person
    from the inspectors and experts, and the reason."""

    entity = _line(_("检查对象的统一社会信用代码"), max_length=30)
    person = _choice(_("回避人员"), [])
    reason = _reason(_("回避理由"), help_text=_("如：近亲属在该单位任职、曾在该单位工作未满三年"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        inspectors = Inspector.objects.filter(is_active=True, agency=self.agency).order_by("name", "pk")
        experts = Expert.objects.filter(is_active=True, agency=self.agency).order_by("name", "pk")
        field = self.fields["person"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("（请选择）")),
            (_("执法检查人员"), [(f"i{p.pk}", f"{p.name}（{p.certificate_number}）") for p in inspectors]),
            (_("专家"), [(f"e{p.pk}", f"{p.name}（{p.code}）") for p in experts]),
        ]

    def clean_entity(self) -> str:
        code = normalize_uscc(self.cleaned_data["entity"])
        reason = validate_uscc(code)
        if reason:
            raise forms.ValidationError(reason)
        return code

    def person_object(self) -> Inspector | Expert:
        value = self.cleaned_data["person"]
        model: type[Inspector] | type[Expert] = Inspector if value[0] == "i" else Expert
        return model.objects.get(pk=int(value[1:]), agency=self.agency)


class RemovalForm(forms.Form):
    reason = _reason(_("撤销理由"))


# --- plans -------------------------------------------------------------------------------------


class PlanForm(forms.Form):
    title = _line(
        _("计划名称"), max_length=200, required=False, help_text=_("留空则按年度、批次和事项自动命名")
    )
    draw_on = _date(_("抽取日期"), help_text=_("执法证在该日有效的人员才进入人员库；抽取须在该日或之前进行"))
    inspectors_per_entity = _number(
        _("每个对象的执法人员数"), help_text=_("不少于 2 名（本机关“双随机、一公开”抽查计划规则）")
    )
    inspector_cap = _number(_("每名执法人员最多分派对象数"), required=False, help_text=_("留空为不设上限"))
    experts_per_entity = _number(_("每个对象的专家数"), help_text=_("不需要专家的填 0"))
    public_value_source = _line(
        _("公开随机值来源"),
        max_length=200,
        required=False,
        help_text=_("事先确定、承诺时尚未产生的公开值（如某期彩票开奖号码）；留空为不使用"),
    )


class PlanCreateForm(PlanForm, AgencyForm):
    year = forms.IntegerField(
        label=_("年度"),
        min_value=2000,
        max_value=2999,
        error_messages={
            "required": REQUIRED,
            "invalid": _("年度须为四位数字"),
            "min_value": YEAR_RANGE,
            "max_value": YEAR_RANGE,
        },
    )
    batch = forms.IntegerField(
        label=_("批次"),
        min_value=1,
        max_value=99,
        error_messages={
            "required": REQUIRED,
            "invalid": WHOLE_NUMBER,
            "min_value": _("批次从 1 开始"),
            "max_value": _("批次不超过 99"),
        },
    )
    item = forms.ModelChoiceField(
        label=_("抽查事项"),
        queryset=InspectionItem.objects.order_by("domain", "pk"),
        empty_label=_("（从抽查事项清单中选择）"),
        help_text=_("只有已公开的事项才能据以公布计划"),
        error_messages={"required": _("请选择抽查事项"), "invalid_choice": _("所选事项不在清单中")},
    )
    redraw_of = forms.ModelChoiceField(
        label=_("替代的已抽取计划"),
        required=False,
        queryset=InspectionPlan.objects.filter(status=InspectionPlan.Status.DRAWN),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("只有已抽取的计划才需要另行制定计划重新抽取")},
    )
    redraw_reason = _text(
        _("重新抽取的理由"),
        required=False,
        help_text=_("抽取结果一经产生即为最终结果；另行制定计划重新抽取的，理由随计划记录并公开"),
    )
    field_order = ["year", "batch", "item", "title", "draw_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The agency's items and plans only.
        for name in ("item", "redraw_of"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = field.queryset.filter(agency=self.agency)  # type: ignore[union-attr]


class StratumForm(forms.Form):
    risk_level = _choice(_("风险等级"), [("", _("全部等级")), *RiskLevel.choices], required=False, initial="")
    ratio = _line(
        _("抽查比例"),
        max_length=20,
        help_text=_("十进制小数，如 0.03 表示 3%；抽取数 k = ⌈N × 比例⌉"),
    )
    name = _line(_("分层名称"), max_length=60, required=False, help_text=_("留空则按领域和风险等级命名"))


class ContributorForm(forms.Form):
    name = _line(_("种子提供方"), max_length=100, help_text=_("如：政策法规处、科技监督与诚信建设处"))


class _PerContributorForm(forms.Form):
    """One field per seed contributor, in their order, named `<kind>_<id>`."""

    kind = ""
    label: Any = _("值")
    help: Any = ""

    def __init__(self, *args: Any, contributors: list[SeedContributor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.contributors = contributors
        for contributor in contributors:
            self.fields[f"{self.kind}_{contributor.pk}"] = forms.CharField(
                label=f"{contributor.order}. {contributor.name}：{self.label}",
                max_length=200,
                help_text=self.help,
                error_messages={"required": REQUIRED, "max_length": TOO_LONG},
                widget=forms.TextInput(
                    attrs={"autocomplete": "off", "spellcheck": "false", "class": "hash", "size": 70}
                ),
            )

    def values(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data[f"{self.kind}_{c.pk}"] for c in self.contributors}

    def hints(self) -> list[tuple[str, str]]:
        """An action's message naming a contributor goes next to that contributor's field."""
        return [(f"“{c.name}”", f"{self.kind}_{c.pk}") for c in self.contributors]


class CommitmentsForm(_PerContributorForm):
    kind = "commitment"
    label = _("承诺值")
    help = _("64 位十六进制字符（秘密值的 SHA-256）")


class SecretsForm(_PerContributorForm):
    kind = "secret"
    label = _("秘密值")
    help = _("64 位十六进制字符，须与公布的承诺值相符")

    def __init__(self, *args: Any, plan: InspectionPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if plan.public_value_source:
            self.fields["public_value"] = _line(
                _("公开随机值"),
                max_length=200,
                help_text=_("事先约定的来源：%(s)s") % {"s": plan.public_value_source},
            )


# --- tasks -------------------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ResultForm(forms.Form):
    result = _choice(_("检查结果"), InspectionTask.Result.choices, widget=forms.RadioSelect)
    ended_on = _date(_("检查结束日期"), help_text=_("结果应在检查结束后按期公示，期限自该日起算"))
    description = _text(
        _("问题描述"), required=False, rows=4, help_text=_("发现问题的，须写明问题；其他结果可作说明")
    )
    attachments = MultipleFileField(
        label=_("检查记录"),
        required=False,
        help_text=_("现场检查记录、照片、专家意见等，可多选；出错后须重新选择文件。"),
        error_messages={"empty": _("文件为空")},
    )


class PublishResultsForm(forms.Form):
    tasks = forms.ModelMultipleChoiceField(
        label=_("公示的检查结果"),
        queryset=InspectionTask.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请选择要公示的检查结果"), "invalid_choice": _("所选结果不能公示")},
    )

    def __init__(self, *args: Any, queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["tasks"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = queryset


# --- the entity import -------------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel 文件（.xlsx）"),
        error_messages={"required": _("请选择要导入的文件"), "empty": _("文件为空")},
    )
