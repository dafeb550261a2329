from django.urls import path

from fazhi.core.views import (
    administration,
    attachments,
    audit,
    calendar,
    calendar_import,
    city,
    dashboard,
    numbering,
    overview,
    tokens,
)

app_name = "core"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("overview/", overview.overview_page, name="overview"),
    path("city/", city.city_overview, name="city_overview"),
    path("admin/departments/", administration.departments, name="departments"),
    path("admin/departments/new/", administration.department_create, name="department_create"),
    path("admin/departments/<int:pk>/", administration.department, name="department"),
    path("admin/departments/<int:pk>/edit/", administration.department_edit, name="department_edit"),
    path("admin/departments/<int:pk>/series/", administration.department_series, name="department_series"),
    path("admin/departments/<int:pk>/divisions/new/", administration.division_create, name="division_create"),
    path("admin/departments/<int:pk>/users/new/", administration.user_create, name="user_create"),
    path("admin/department/", administration.department_home, name="department_home"),
    path("admin/divisions/<int:pk>/", administration.division_edit, name="admin_division"),
    path("admin/users/<int:pk>/", administration.user_edit, name="admin_user"),
    path("rules/", calendar.rule_list, name="rule_list"),
    path("rules/<str:code>/", calendar.rule_detail, name="rule_detail"),
    path("rules/<str:code>/new-version/", calendar.rule_new_version, name="rule_new_version"),
    path("calendar/", calendar.calendar_index, name="calendar"),
    path("calendar/import/", calendar_import.import_notice, name="calendar_import"),
    path("calendar/<int:year>/", calendar.calendar_year, name="calendar_year"),
    path("calendar/deadline/", calendar.deadline_calculator, name="deadline_calculator"),
    path("numbering/", numbering.numbering_index, name="numbering"),
    path("audit/", audit.audit_list, name="audit_list"),
    path("tokens/", tokens.token_list, name="tokens"),
    path("attachments/<int:pk>/", attachments.download, name="attachment_download"),
    path("attachments/upload/<str:model>/<str:pk>/", attachments.upload, name="attachment_upload"),
]
