"""The public column of annual reports (/reports/)."""

from __future__ import annotations

from django.urls import path

from fazhi.reports import public_views

app_name = "public_reports"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("<int:year>/", public_views.detail, name="detail"),
    path("<int:year>/report.docx", public_views.download, name="docx"),
]
