from django.urls import path

from fazhi.core.views import (
    attachments,
    audit,
    calendar,
    calendar_import,
    dashboard,
    numbering,
    overview,
    tokens,
)

app_name = "core"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("overview/", overview.overview_page, name="overview"),
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
