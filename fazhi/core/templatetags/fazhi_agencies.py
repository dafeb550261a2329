"""Template tags of a city's departments (issue 12): the public lists' department filter."""

from __future__ import annotations

from django import template

from fazhi.core import agencies

register = template.Library()


@register.simple_tag
def department_choices() -> list[tuple[str, str]]:
    """(code, name) of every department; the filter shows only when there are several."""
    return agencies.department_choices()
