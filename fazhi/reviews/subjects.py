"""The page of a review's subject (the document, decision or case it reviews), for a link from
the review. Apps register their subject models in `ready()`; a reader sees the link only when
the subject's `visible_to(user)` holds it, so the link never answers 404."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse

from fazhi.reviews.models import ReviewRequest

_pages: dict[str, str] = {}


def register_subject(model: type[models.Model], *, url_name: str) -> None:
    """`url_name` takes the subject's pk as its one argument."""
    _pages[model._meta.label_lower] = url_name


def subject_link(review: ReviewRequest, user: Any) -> tuple[str, str] | None:
    """(url, label) of the subject's page for `user`, or None."""
    content_type = review.subject_type if review.subject_type_id is not None else None
    if content_type is None or not review.subject_id:
        return None
    url_name = _pages.get(f"{content_type.app_label}.{content_type.model}")
    model = content_type.model_class()
    if url_name is None or model is None:
        return None
    manager: Any = model._default_manager
    queryset = manager.visible_to(user) if hasattr(manager, "visible_to") else manager.none()
    subject = queryset.filter(pk=review.subject_id).first()
    if subject is None:
        return None
    return reverse(url_name, args=[subject.pk]), str(subject)
