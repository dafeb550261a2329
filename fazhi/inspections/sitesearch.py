"""Published inspection results in the portal's site-wide search: the plan, the item, the
result's description, and the entity's name and credit code — but never a natural person's
name, which the public pages mask (publicity.mask_entity) —, of one department's plans when the
search is (`?dept=`); and a department's latest published results on its portal page
(`core.publiclists`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.publiclists import Entry, PublicList
from fazhi.core.sitesearch import Hit, Source, every_term, excerpt, in_any, marked, page_of
from fazhi.inspections.models import InspectionTask
from fazhi.inspections.publicity import mask_entity, public_results


def _matches(term: str) -> Q:
    organization = Q(entity__is_natural_person=False) & in_any(term, "entity__name", "entity__uscc")
    return in_any(term, "plan__title", "plan__item__name", "result_description") | organization


def _results(department: Any = None) -> Any:
    """The published results, of `department`'s plans when given."""
    results = public_results()
    return results.filter(plan__agency=department) if department is not None else results


def _title(task: InspectionTask) -> str:
    """The entity as the public list shows it (a natural person masked) and the plan."""
    return f"{mask_entity(task.entity)['name']} · {task.plan.title}"


def _url(task: InspectionTask) -> str:
    return f"{reverse('public_inspections:results')}?{urlencode({'plan': task.plan_id})}"


def search(terms: Sequence[str], q: str, limit: int, department: Any = None) -> tuple[list[Hit], int]:
    found, total = page_of(_results(department).filter(every_term(terms, _matches)), limit)
    hits = []
    for task in found:
        hits.append(
            Hit(
                title=marked(_title(task), terms),
                url=_url(task),
                detail=str(task.get_result_display()),
                snippet=excerpt(task.result_description, terms),
                on=task.published_on,
            )
        )
    return hits, total


def latest(agency: Any, limit: int) -> list[Entry]:
    """The department's latest published results, newest first (one query)."""
    return [
        Entry(
            title=_title(task),
            url=_url(task),
            detail=str(task.get_result_display()),
            on=task.published_on,
        )
        for task in _results(agency)[:limit]
    ]


SOURCE = Source(order=30, key="inspection_results", label=_("双随机抽查结果"), search=search)
# The department page's inspections section is the public index (portal.views.SECTIONS).
LATEST = PublicList(key="inspection_results", url_name="public_inspections:index", latest=latest, order=30)
