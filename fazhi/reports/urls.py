"""The annual-report pages of the staff area (/work/reports/)."""

from __future__ import annotations

from django.urls import path

from fazhi.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/report.docx", views.report_docx, name="docx"),
    path("<int:pk>/sections/<int:section_id>/", views.section_edit, name="section"),
    path("<int:pk>/figures/<str:key>/", views.figure_records, name="figure"),
    path("<int:pk>/do/<str:action>/", views.report_step, name="step"),
    path("<int:pk>/progress/", views.generation_progress, name="progress"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
]
