"""Administering a city (issue 12): the city administrator's departments and justice bureaus,
and a department's administration (divisions, users, roles) for its own administrator or the
city's. Every write goes through `core.administration.actions`; another department's division
or user is not found (404)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.core import permissions
from fazhi.core.administration import actions
from fazhi.core.administration.forms import (
    DepartmentForm,
    DivisionForm,
    PasswordForm,
    SeriesForm,
    UserForm,
    show_refusal,
)
from fazhi.core.agencies import agency_id_of
from fazhi.core.http import StaffRequest, staff_view
from fazhi.core.models import Organization, User


def _managed_or_404(user: Any, pk: int) -> Organization:
    """A department or justice bureau `user` administers; any other is not found."""
    org = actions.managed_departments(user).filter(pk=pk).first()
    if org is None:
        raise Http404
    return org


def _user_or_404(actor: Any, pk: int) -> tuple[User, Organization]:
    user = User.objects.select_related("organization", "organization__parent").filter(pk=pk).first()
    agency = actions.user_agency(user) if user is not None else None
    if user is None or agency is None or not permissions.can_manage_department(actor, agency):
        raise Http404
    if user.has_role("city_admin") and not permissions.can_manage_city(actor):
        raise Http404
    return user, agency


def _department_page(request: StaffRequest, org: Organization) -> HttpResponse:
    city = permissions.can_manage_city(request.user)
    series = actions.series_of(org) if org.kind == Organization.Kind.AGENCY else {}
    return render(
        request,
        "core/admin/department.html",
        {
            "org": org,
            "city": city,
            "series": series,
            "divisions": actions.divisions_of(org),
            "users": actions.users_of(org),
            "legal": org.legal_affairs_division(),
        },
    )


@staff_view(permissions.can_manage_city)
def departments(request: StaffRequest) -> HttpResponse:
    """The city's departments and justice bureaus."""
    return departments_page(request)


def departments_page(request: StaffRequest) -> HttpResponse:
    orgs = list(actions.managed_departments(request.user))
    return render(
        request,
        "core/admin/departments.html",
        {
            "agencies": [o for o in orgs if o.kind == Organization.Kind.AGENCY],
            "bureaus": [o for o in orgs if o.kind == Organization.Kind.JUSTICE_BUREAU],
        },
    )


@staff_view(permissions.can_manage_city)
def department_create(request: StaffRequest) -> HttpResponse:
    form = DepartmentForm(request.POST or None, initial={"kind": request.GET.get("kind") or "agency"})
    if request.method == "POST" and form.is_valid():
        try:
            org = actions.create_department(
                actor=request.user, kind=form.cleaned_data["kind"], **form.values()
            )
        except ValidationError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("已创建：%(name)s") % {"name": org.name})
            return redirect("core:department", pk=org.pk)
    return render(
        request,
        "core/admin/form.html",
        {"form": form, "title": _("新建部门或司法局"), "back": "core:departments"},
    )


@staff_view(permissions.can_manage_department)
def department_home(request: StaffRequest) -> HttpResponse:
    """本部门管理: the administrator's own department; the city's list for a city administrator
    who belongs to no department."""
    own = agency_id_of(request.user)
    org = actions.managed_departments(request.user).filter(pk=own).first() if own else None
    if org is None:
        if permissions.can_manage_city(request.user):
            return departments_page(request)
        raise Http404
    return _department_page(request, org)


@staff_view(permissions.can_manage_department)
def department(request: StaffRequest, pk: int) -> HttpResponse:
    return _department_page(request, _managed_or_404(request.user, pk))


@staff_view(permissions.can_manage_city)
def department_edit(request: StaffRequest, pk: int) -> HttpResponse:
    org = _managed_or_404(request.user, pk)
    form = DepartmentForm(request.POST or None, editing=org)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_department(org, actor=request.user, **form.values())
        except ValidationError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("已保存"))
            return redirect("core:department", pk=org.pk)
    return render(
        request,
        "core/admin/form.html",
        {"form": form, "title": _("修改：%(name)s") % {"name": org.name}, "org": org},
    )


@staff_view(permissions.can_manage_city)
def department_series(request: StaffRequest, pk: int) -> HttpResponse:
    org = _managed_or_404(request.user, pk)
    if org.kind != Organization.Kind.AGENCY:
        raise Http404
    current = actions.series_of(org)
    initial = {key: series.prefix for key, series in current.items() if series is not None}
    form = SeriesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_number_series(org, actor=request.user, prefixes=form.cleaned_data)
        except ValidationError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("文号序列已保存"))
            return redirect("core:department", pk=org.pk)
    return render(
        request,
        "core/admin/form.html",
        {"form": form, "title": _("文号序列：%(name)s") % {"name": org.name}, "org": org},
    )


@staff_view(permissions.can_manage_department)
def division_create(request: StaffRequest, pk: int) -> HttpResponse:
    org = _managed_or_404(request.user, pk)
    form = DivisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_division(
                org,
                actor=request.user,
                name=form.cleaned_data["name"],
                is_legal_affairs=form.cleaned_data["is_legal_affairs"],
                sort_order=form.cleaned_data.get("sort_order") or 0,
            )
        except ValidationError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("处室已创建"))
            return redirect("core:department", pk=org.pk)
    return render(
        request,
        "core/admin/form.html",
        {"form": form, "title": _("新建处室：%(name)s") % {"name": org.name}, "org": org},
    )


@staff_view(permissions.can_manage_department)
def division_edit(request: StaffRequest, pk: int) -> HttpResponse:
    division = (
        Organization.objects.select_related("parent").filter(pk=pk, kind=Organization.Kind.DIVISION).first()
    )
    if division is None or division.parent is None:
        raise Http404
    org = _managed_or_404(request.user, division.parent.pk)
    form = DivisionForm(
        request.POST or None,
        initial={
            "name": division.name,
            "is_legal_affairs": division.is_legal_affairs,
            "sort_order": division.sort_order,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_division(
                division,
                actor=request.user,
                name=form.cleaned_data["name"],
                is_legal_affairs=form.cleaned_data["is_legal_affairs"],
                sort_order=form.cleaned_data.get("sort_order") or 0,
            )
        except ValidationError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("已保存"))
            return redirect("core:department", pk=org.pk)
    return render(
        request,
        "core/admin/form.html",
        {"form": form, "title": _("修改处室：%(name)s") % {"name": division.name}, "org": org},
    )


@staff_view(permissions.can_manage_department)
def user_create(request: StaffRequest, pk: int) -> HttpResponse:
    org = _managed_or_404(request.user, pk)
    form = UserForm(request.POST or None, agency=org)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = actions.create_user(
                org,
                actor=request.user,
                username=data["username"],
                full_name=data["full_name"],
                organization=form.unit(),
                title=data["title"],
                email=data["email"],
                roles=data["roles"],
            )
        except ValidationError as exc:
            show_refusal(form, exc)
        else:
            # The temporary password is shown on this answer only (never stored in a message).
            return _user_page(request, user, org, new_password=password)
    return render(
        request,
        "core/admin/form.html",
        {"form": form, "title": _("新建用户：%(name)s") % {"name": org.name}, "org": org},
    )


def _user_page(
    request: StaffRequest,
    user: User,
    agency: Organization,
    *,
    form: UserForm | None = None,
    password_form: PasswordForm | None = None,
    new_password: str = "",
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "core/admin/user.html",
        {
            "account": user,
            "org": agency,
            "form": form or UserForm(agency=agency, editing=user),
            "password_form": password_form or PasswordForm(),
            "new_password": new_password,
            "error": error,
            "is_self": user.pk == request.user.pk,
        },
        status=status,
    )


@staff_view(permissions.can_manage_department)
def user_edit(request: StaffRequest, pk: int) -> HttpResponse:
    """A user of the department: name, division, title, e-mail and roles; deactivate or
    activate; reset the password (the new one shown once)."""
    user, agency = _user_or_404(request.user, pk)
    if request.method != "POST":
        return _user_page(request, user, agency)
    step = request.POST.get("step", "")
    try:
        if step == "deactivate" or step == "activate":
            actions.set_active(user, actor=request.user, active=step == "activate")
            messages.success(request, _("账户已停用") if step == "deactivate" else _("账户已启用"))
            return redirect("core:admin_user", pk=user.pk)
        if step == "password":
            password_form = PasswordForm(request.POST)
            password_form.is_valid()
            try:
                password = actions.reset_password(
                    user, actor=request.user, password=password_form.cleaned_data.get("password") or ""
                )
            except ValidationError as exc:
                show_refusal(password_form, exc)
                return _user_page(request, user, agency, password_form=password_form)
            given = bool(password_form.cleaned_data.get("password"))
            return _user_page(request, user, agency, new_password="" if given else password, error="")
        form = UserForm(request.POST, agency=agency, editing=user)
        if not form.is_valid():
            return _user_page(request, user, agency, form=form)
        data = form.cleaned_data
        try:
            # The details and the roles are saved together, or neither.
            with transaction.atomic():
                actions.update_user(
                    user,
                    actor=request.user,
                    full_name=data["full_name"],
                    organization=form.unit(),
                    title=data["title"],
                    email=data["email"],
                )
                actions.set_roles(user, actor=request.user, roles=data["roles"])
        except ValidationError as exc:
            show_refusal(form, exc)
            return _user_page(request, user, agency, form=form)
    except ValidationError as exc:
        return _user_page(request, user, agency, error=" ".join(exc.messages))
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("已保存"))
    return redirect("core:admin_user", pk=user.pk)
