"""Published inspection results in the portal's site-wide search: the plan, the item, the
result's description, and the entity's name and credit code — but never a natural person's
name, which the public pages mask (publicity.mask_entity)."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.sitesearch import Hit, Source, every_term, excerpt, in_any, marked, page_of
from fazhi.inspections.publicity import mask_entity, public_results


def _matches(term: str) -> Q:
    organization = Q(entity__is_natural_person=False) & in_any(term, "entity__name", "entity__uscc")
    return in_any(term, "plan__title", "plan__item__name", "result_description") | organization


def search(terms: Sequence[str], q: str, limit: int) -> tuple[list[Hit], int]:
    found, total = page_of(public_results().filter(every_term(terms, _matches)), limit)
    hits = []
    for task in found:
        entity = mask_entity(task.entity)
        hits.append(
            Hit(
                title=marked(f"{entity['name']} · {task.plan.title}", terms),
                url=f"{reverse('public_inspections:results')}?{urlencode({'plan': task.plan_id})}",
                detail=str(task.get_result_display()),
                snippet=excerpt(task.result_description, terms),
                on=task.published_on,
            )
        )
    return hits, total


SOURCE = Source(order=30, key="inspection_results", label=_("双随机抽查结果"), search=search)
