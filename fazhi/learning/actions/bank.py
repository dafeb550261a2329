"""Writes to the question bank. A question is checked whole (kind, options, answer key, the law
version it tests) before anything is saved; the same check serves the .xlsx import row by row.
When a new version of a law takes effect, the questions tied to an older version of it are
retired until a reviewer of the personnel division re-approves them against the new version."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.audit import record_event
from fazhi.core.models import Law, LawVersion
from fazhi.core.workflow import DomainError, InvalidTransition, clean_text, require
from fazhi.learning import permissions
from fazhi.learning.models import FALSE, TRUE, Category, Question

MAX_OPTIONS = 6
CODE = re.compile(r"^[A-Za-z0-9-]{1,20}$")


def check_question(data: dict[str, Any]) -> dict[str, Any]:
    """The fields of a question, cleaned; a DomainError naming the first thing wrong."""
    code = (data.get("code") or "").strip()
    if not CODE.match(code):
        raise DomainError("题号应为 1—20 位字母、数字或连字符")
    kind = data.get("kind")
    if kind not in Question.Kind.values:
        raise DomainError("题型应为单选题、多选题、判断题或填空题")
    category = data.get("category")
    if category not in Category.values:
        raise DomainError("类别不正确")
    stem = clean_text(data.get("stem", ""), "题干", limit=2000)
    options = [str(o).strip() for o in (data.get("options") or []) if str(o).strip()]
    answer = (
        (data.get("answer") or "").strip().upper()
        if kind in ("single", "multiple")
        else (data.get("answer") or "").strip()
    )
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        if not 2 <= len(options) <= MAX_OPTIONS:
            raise DomainError(f"选择题应有 2—{MAX_OPTIONS} 个选项")
        letters = {chr(ord("A") + i) for i in range(len(options))}
        if not answer or not set(answer) <= letters or len(set(answer)) != len(answer):
            raise DomainError("答案应为选项字母（如 B 或 ACD），且只能是已有的选项")
        if kind == Question.Kind.SINGLE and len(answer) != 1:
            raise DomainError("单选题的答案只有一个选项")
        if kind == Question.Kind.MULTIPLE and len(answer) < 2:
            raise DomainError("多选题的答案至少有两个选项")
        answer = "".join(sorted(answer))
    elif kind == Question.Kind.TRUE_FALSE:
        if options:
            raise DomainError("判断题不设选项")
        if answer not in (TRUE, FALSE):
            raise DomainError("判断题的答案应为“对”或“错”")
    else:
        if options:
            raise DomainError("填空题不设选项")
        if not answer:
            raise DomainError("请填写填空题的答案（多个可接受的答案以 | 分隔）")
    law = data.get("law")
    version = data.get("law_version")
    if version is not None and not isinstance(version, LawVersion):
        raise DomainError("法律法规版本不正确")
    if law is not None and not isinstance(law, Law):
        raise DomainError("法律法规不正确")
    if law is not None and version is None:
        raise DomainError("请注明试题依据的法律法规版本")
    if version is not None:
        if law is not None and version.law_id != law.pk:
            raise DomainError("所选版本不属于所考的法律法规")
        law = version.law
        if version.kind == LawVersion.Kind.REPEALED:
            raise DomainError("不能依据已废止的法律法规出题")
    return {
        "code": code,
        "kind": kind,
        "category": category,
        "tags": clean_text(data.get("tags", ""), "标签", required=False, limit=200),
        "stem": stem,
        "options": options,
        "answer": answer,
        "explanation": clean_text(data.get("explanation", ""), "解析", required=False, limit=2000),
        "law": law,
        "article": clean_text(data.get("article", ""), "条款", required=False, limit=50),
        "law_version": version,
    }


def _is_superseded(version: LawVersion | None) -> bool:
    if version is None:
        return False
    return (
        LawVersion.objects.filter(
            law_id=version.law_id,
            effective_on__gt=version.effective_on,
            effective_on__lte=timezone.localdate(),
        )
        .exclude(pk=version.pk)
        .exists()
    )


def create_question(*, actor: Any, **data: Any) -> Question:
    require(permissions.can_manage(actor))
    fields = check_question(data)
    if Question.objects.filter(code=fields["code"]).exists():
        raise DomainError(f"题号 {fields['code']} 已存在")
    if _is_superseded(fields["law_version"]):
        raise DomainError("所依据的版本已被新版本取代，请依据现行版本出题")
    with transaction.atomic():
        question = Question.objects.create(
            created_by=actor, reviewed_by=actor, reviewed_at=timezone.now(), **fields
        )
        record_event(
            "learning.question",
            actor=actor,
            obj=question,
            data={"code": question.code, "kind": question.kind},
        )
    return question


@transaction.atomic
def reapprove_question(
    question: Question, *, actor: Any, law_version: LawVersion, note: str = ""
) -> Question:
    """A reviewer checked a retired question against the law's new version and puts it back."""
    require(permissions.can_manage(actor))
    if question.status != Question.Status.RETIRED:
        raise InvalidTransition("只有停用待复核的试题需要重新审核")
    if question.law_id and law_version.law_id != question.law_id:
        raise DomainError("所选版本不属于所考的法律法规")
    if _is_superseded(law_version):
        raise DomainError("请依据现行版本复核试题")
    moved = Question.objects.filter(pk=question.pk, status=Question.Status.RETIRED).update(
        status=Question.Status.APPROVED,
        law_version=law_version,
        retired_reason="",
        reviewed_by=actor,
        reviewed_at=timezone.now(),
    )
    if not moved:
        raise InvalidTransition("试题状态已变化，请刷新后重试")
    record_event(
        "learning.question_reapprove",
        actor=actor,
        obj=question,
        from_status=Question.Status.RETIRED,
        to_status=Question.Status.APPROVED,
        data={"law_version": law_version.pk, "note": note[:300]},
    )
    question.refresh_from_db()
    return question


def retire_for_new_version(version: LawVersion, actor: Any) -> int:
    """The `core.laws.on_new_version` handler: retire the approved questions tied to an older
    version of the amended law (one UPDATE; the audit event lists them)."""
    stale = Question.objects.filter(
        law_version__law_id=version.law_id,
        law_version__effective_on__lt=version.effective_on,
        status=Question.Status.APPROVED,
    )
    ids = list(stale.values_list("pk", flat=True))
    if not ids:
        return 0
    reason = (
        f"《{version.law.title}》{version.label}，{version.effective_on.isoformat()}起施行，待依据新版本复核"
    )
    Question.objects.filter(pk__in=ids, status=Question.Status.APPROVED).update(
        status=Question.Status.RETIRED, retired_reason=reason[:300]
    )
    record_event(
        "learning.questions_retired",
        actor=actor if getattr(actor, "pk", None) else None,
        obj=version.law,
        data={"version": version.pk, "questions": ids},
    )
    return len(ids)
