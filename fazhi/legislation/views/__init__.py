"""The legislation pages of the staff area (/work/legislation/): the register of laws, the
legislative projects and their steps, and the citations to check after a law changed."""

from fazhi.legislation.views.flags import flag_detail, flag_list
from fazhi.legislation.views.laws import law_create, law_detail, law_list, version_create
from fazhi.legislation.views.projects import (
    comment_answer,
    project_action,
    project_create,
    project_detail,
    project_list,
)

__all__ = [
    "comment_answer",
    "flag_detail",
    "flag_list",
    "law_create",
    "law_detail",
    "law_list",
    "project_action",
    "project_create",
    "project_detail",
    "project_list",
    "version_create",
]
