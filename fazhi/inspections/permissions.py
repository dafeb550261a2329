"""Who may do what in “double random” inspections. Views, the API and actions share these.

The legal affairs division keeps the item list and the registries, makes the plans and runs
the draw; the inspectors assigned to a task record its result; results, once published, are
public like published plans and draws.

Every predicate about a record asks first whether it is of the user's agency (issue 12): a
person of one department neither reads nor acts on another department's registries, plans or
tasks, whatever their role.
"""

from __future__ import annotations

from typing import Any

from fazhi.core.agencies import same_agency
from fazhi.core.permissions import is_staff_member
from fazhi.core.roles import Role
from fazhi.inspections.models import InspectionPlan, InspectionTask

P = InspectionPlan.Status
T = InspectionTask.Status


def can_manage_registry(user: Any) -> bool:
    return is_staff_member(user) and user.has_perm("inspections.manage_registry")


def can_manage_record(user: Any, record: Any) -> bool:
    """A registry record (item, entity, inspector, expert) of the user's agency."""
    return can_manage_registry(user) and same_agency(user, record)


def can_see_record(user: Any, record: Any) -> bool:
    """A registry record's page: of the user's agency, to those who may read the registries."""
    return can_see_registries(user) and same_agency(user, record)


def is_planner(user: Any) -> bool:
    return is_staff_member(user) and user.has_perm("inspections.manage_plan")


def can_see_registries(user: Any) -> bool:
    """The registries hold personal data: staff who keep them, plan, inspect or lead."""
    return is_staff_member(user) and (
        can_manage_registry(user)
        or is_planner(user)
        or user.has_perm("inspections.record_result")
        or user.has_role(Role.LEADERSHIP)
    )


def can_create_plan(user: Any) -> bool:
    return is_planner(user)


def can_view_plan(user: Any, plan: InspectionPlan) -> bool:
    return same_agency(user, plan) and InspectionPlan.objects.visible_to(user).filter(pk=plan.pk).exists()


def is_plan_planner(user: Any, plan: InspectionPlan) -> bool:
    """A planner of the plan's agency."""
    return is_planner(user) and same_agency(user, plan)


def can_edit_plan(user: Any, plan: InspectionPlan) -> bool:
    return plan.status == P.DRAFT and is_plan_planner(user, plan)


def can_publish_plan(user: Any, plan: InspectionPlan) -> bool:
    return plan.status == P.DRAFT and is_plan_planner(user, plan)


def can_draw(user: Any, plan: InspectionPlan) -> bool:
    return plan.status == P.PUBLISHED and is_plan_planner(user, plan)


def task_of_agency(user: Any, task: InspectionTask) -> bool:
    return same_agency(user, task.plan)


def is_assigned_inspector(user: Any, task: InspectionTask) -> bool:
    return is_staff_member(user) and task_of_agency(user, task) and task.inspectors.filter(user=user).exists()


def can_view_task(user: Any, task: InspectionTask) -> bool:
    return task_of_agency(user, task) and InspectionTask.objects.visible_to(user).filter(pk=task.pk).exists()


def can_record_result(user: Any, task: InspectionTask) -> bool:
    """Whoever inspects records the result (谁检查、谁录入): an assigned inspector."""
    return (
        task.status == T.ASSIGNED
        and user.has_perm("inspections.record_result")
        and is_assigned_inspector(user, task)
    )


def can_attach(user: Any, task: InspectionTask) -> bool:
    """Inspection records are attached by an assigned inspector until the result is public."""
    return (
        task.status in {T.ASSIGNED, T.RECORDED}
        and is_staff_member(user)
        and user.has_perm("inspections.record_result")
        and is_assigned_inspector(user, task)
    )


def can_publish_result(user: Any, task: InspectionTask) -> bool:
    return task.status == T.RECORDED and (
        (is_planner(user) and task_of_agency(user, task))
        or (user.has_perm("inspections.record_result") and is_assigned_inspector(user, task))
    )


def available_plan_actions(user: Any, plan: InspectionPlan) -> set[str]:
    checks = {"edit": can_edit_plan, "publish": can_publish_plan, "draw": can_draw}
    return {name for name, check in checks.items() if check(user, plan)}


def available_task_actions(user: Any, task: InspectionTask) -> set[str]:
    checks = {"record_result": can_record_result, "attach": can_attach, "publish": can_publish_result}
    return {name for name, check in checks.items() if check(user, task)}


def can_see_inspections(user: Any) -> bool:
    """The inspection pages: the planners (legal affairs), those who read the registries and
    enforcement officers (their tasks)."""
    return is_staff_member(user) and (
        is_planner(user) or can_see_registries(user) or user.has_role(Role.ENFORCEMENT_OFFICER)
    )


def has_own_tasks(user: Any) -> bool:
    """“我的任务”: enforcement officers, who are assigned tasks through their inspector record."""
    return is_staff_member(user) and user.has_perm("inspections.record_result")


def can_see_publicity(user: Any) -> bool:
    """The publicity page (results due or overdue for publication): the planners, who publish,
    and the leadership, who supervise."""
    return is_staff_member(user) and (is_planner(user) or user.has_role(Role.LEADERSHIP))
