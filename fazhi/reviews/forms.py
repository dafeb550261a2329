"""Forms of the legality review pages. They check what a person typed; the legal rules are
checked by the actions (actions.py) and the counsel register (counsel.py), whose Chinese
messages the views put next to the form."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.formfields import text_field as _text
from fazhi.core.models import User
from fazhi.reviews.models import LegalCounsel, ReviewOpinion, ReviewRequest

S = ReviewRequest.Status
K = ReviewRequest.SubjectKind
C = ReviewRequest.Conclusion

TEXT_LIMIT = 5000


class ReviewFilterForm(forms.Form):
    """The list filters, read from GET. A bad value is ignored with a note, never fatal."""

    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部")), *S.choices])
    kind = forms.ChoiceField(label=_("事项类别"), required=False, choices=[("", _("全部")), *K.choices])
    year = forms.IntegerField(
        label=_("送审年度"),
        required=False,
        min_value=2000,
        max_value=2999,
        widget=forms.NumberInput(attrs={"placeholder": _("如 2026")}),
        error_messages={
            "invalid": _("年度须为四位数字"),
            "min_value": _("年度应在 2000 年至 2999 年之间"),
            "max_value": _("年度应在 2000 年至 2999 年之间"),
        },
    )
    q = forms.CharField(
        label=_("送审事项"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("标题包含")}),
        error_messages={"max_length": _("不超过 %(limit_value)d 字")},
    )


class ReviewForm(forms.Form):
    """A request's own data; the subject kind is chosen once, when the request is created."""

    title = forms.CharField(
        label=_("送审事项"),
        max_length=200,
        help_text=_("如：天津市科技计划项目管理办法（送审稿）"),
        error_messages={
            "required": _("请填写送审事项"),
            "max_length": _("送审事项不超过 %(limit_value)d 字"),
        },
    )
    subject_kind = forms.ChoiceField(
        label=_("事项类别"),
        choices=[("", _("请选择")), *K.choices],
        error_messages={"required": _("请选择事项类别"), "invalid_choice": _("事项类别不正确")},
    )
    legal_basis = _text(
        _("法律依据"),
        required=False,
        rows=4,
        help_text=_("制定或作出该事项所依据的法律、法规、规章和上级文件。送审前必须填写。"),
    )
    explanation = _text(
        _("起草说明"),
        required=False,
        rows=6,
        help_text=_("起草背景、主要内容、征求意见及采纳情况等。送审前必须填写。"),
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["subject_kind"]


class WithdrawForm(forms.Form):
    reason = _text(_("撤回理由"), required=False, max_length=2000, rows=2)


class ReturnForm(forms.Form):
    reason = _text(
        _("退回理由"),
        max_length=2000,
        rows=3,
        help_text=_("写明需要补充或更正的材料，送审处室据此补正后重新送审。"),
        missing=_("请填写退回理由"),
    )


def reviewer_choices(agency_id: int | None = None) -> Any:
    """Accounts holding the review capability (the legal affairs division's reviewers), of the
    agency `agency_id` when given (its own division or the agency itself)."""
    users = User.objects.all()
    if agency_id is not None:
        users = users.filter(Q(organization_id=agency_id) | Q(organization__parent_id=agency_id))
    return (
        users.filter(
            is_active=True,
            groups__permissions__codename="review_legality",
            groups__permissions__content_type__app_label="reviews",
        )
        .distinct()
        .order_by("full_name", "username")
    )


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name


class CounselChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.get_kind_display()}，{obj.firm}）"


class AssignForm(forms.Form):
    """Reviewers and counsel to add. Those already assigned are not offered again; counsel
    are offered only while their engagement term covers today."""

    reviewers = PersonChoiceField(
        label=_("审核人员"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("所选审核人员不可指派"), "invalid_pk_value": _("所选人员不存在")},
    )
    counsel = CounselChoiceField(
        label=_("法律顾问/公职律师"),
        queryset=LegalCounsel.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("所选法律顾问不在聘期内或已指派"),
            "invalid_pk_value": _("所选人员不存在"),
        },
    )

    def __init__(self, *args: Any, review: ReviewRequest, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = reviewer_choices(review.agency_id).exclude(  # type: ignore[attr-defined]
            pk__in=review.reviewers.values("pk")
        )
        self.fields["counsel"].queryset = (  # type: ignore[attr-defined]
            LegalCounsel.objects.engaged_on(today)
            .filter(agency_id=review.agency_id)
            .exclude(pk__in=review.counsel.values("pk"))
            .order_by("kind", "name")
        )

    @property
    def has_choices(self) -> bool:
        """Whether anyone is left to assign (everyone engaged may already be on the review)."""
        return any(self.fields[name].queryset.exists() for name in ("reviewers", "counsel"))  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("reviewers") and not data.get("counsel"):
            raise forms.ValidationError(_("请至少选择一名审核人员或法律顾问/公职律师"))
        return data


class OpinionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("意见类型"),
        choices=ReviewOpinion.Kind.choices,
        initial=ReviewOpinion.Kind.MUST_CHANGE,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择意见类型"), "invalid_choice": _("意见类型不正确")},
    )
    text = _text(_("意见内容"), rows=4, missing=_("请填写意见内容"))
    legal_basis = _text(
        _("引用依据"), required=False, rows=2, help_text=_("如：《中华人民共和国立法法》第九十一条")
    )


class ConcludeForm(forms.Form):
    conclusion = forms.ChoiceField(
        label=_("审核结论"),
        choices=C.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择审核结论"), "invalid_choice": _("审核结论不正确")},
    )
    text = _text(_("审核意见说明"), required=False, rows=4)
    short_review_reason = _text(_("提前出具意见的理由"), required=False, max_length=2000, rows=2)

    def __init__(self, *args: Any, review: ReviewRequest, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.needs_short_reason = bool(
            review.earliest_conclusion_on and today < review.earliest_conclusion_on
        )
        if self.needs_short_reason:
            assert review.earliest_conclusion_on is not None
            self.fields["short_review_reason"].required = True
            self.fields["short_review_reason"].error_messages["required"] = _(
                "最短审核期尚未届满，提前出具意见的应当说明理由"
            )
            self.fields["short_review_reason"].help_text = _(
                "确需在最短审核期届满前出具审核意见的，应当在此说明理由，理由记入全过程记录。"
            )
        else:
            del self.fields["short_review_reason"]


class AnswerForm(forms.Form):
    """The submitting division's answer to one opinion (one form per opinion, prefixed)."""

    response = forms.ChoiceField(
        label=_("采纳情况"),
        choices=ReviewOpinion.Response.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择采纳情况"), "invalid_choice": _("采纳情况不正确")},
    )
    reason = _text(
        _("采纳说明"),
        required=False,
        max_length=2000,
        rows=2,
        help_text=_("部分采纳或未采纳的，应当说明理由。"),
    )


class CounselForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("类别"),
        choices=LegalCounsel.Kind.choices,
        error_messages={"required": _("请选择类别"), "invalid_choice": _("类别不正确")},
    )
    name = forms.CharField(
        label=_("姓名"),
        max_length=50,
        error_messages={"required": _("请填写姓名"), "max_length": _("不超过 %(limit_value)d 字")},
    )
    firm = forms.CharField(
        label=_("律师事务所/所在单位"),
        max_length=100,
        error_messages={
            "required": _("请填写律师事务所或所在单位"),
            "max_length": _("不超过 %(limit_value)d 字"),
        },
    )
    certificate_number = forms.CharField(
        label=_("执业证/公职律师证号"),
        max_length=40,
        error_messages={"required": _("请填写证号"), "max_length": _("不超过 %(limit_value)d 字")},
    )
    term_start = forms.DateField(
        label=_("聘任（任职）起始日"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("请填写起始日"), "invalid": _("日期格式应为 2026-01-01")},
    )
    term_end = forms.DateField(
        label=_("聘任（任职）终止日"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("长期任职的公职律师可不填。"),
        error_messages={"invalid": _("日期格式应为 2026-01-01")},
    )
    # The model field is `fields`, a name a Form keeps for its own field list.
    expertise = forms.CharField(
        label=_("专业领域"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("不超过 %(limit_value)d 字")},
    )
    user = forms.ModelChoiceField(
        label=_("平台账户"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("关联账户后，该法律顾问可以登录平台，对指派给其的审核事项提出意见。"),
        error_messages={"invalid_choice": _("所选账户不存在")},
    )
    is_active = forms.BooleanField(
        label=_("在册"), required=False, initial=True, help_text=_("解聘或不再担任的，取消勾选。")
    )

    def __init__(self, *args: Any, agency_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        users = self.fields["user"]
        # The agency's own people (public lawyers) and outside advisors (no organization).
        accounts = User.objects.filter(is_active=True)
        if agency_id is not None:
            accounts = accounts.filter(
                Q(organization__isnull=True)
                | Q(organization_id=agency_id)
                | Q(organization__parent_id=agency_id)
            )
        users.queryset = accounts.order_by("full_name", "username")  # type: ignore[attr-defined]
        users.label_from_instance = lambda u: f"{u.display_name}（{u.username}）"  # type: ignore[attr-defined]
        users.empty_label = _("（不关联）")  # type: ignore[attr-defined]
