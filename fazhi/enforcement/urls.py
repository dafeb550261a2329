"""The enforcement pages of the staff area (/work/enforcement/)."""

from __future__ import annotations

from django.urls import path

from fazhi.enforcement.views import cases, detail, instruments, run, stats

app_name = "enforcement"

urlpatterns = [
    path("", cases.case_list, name="list"),
    path("new/", cases.case_create, name="create"),
    path("stats/", stats.stats, name="stats"),
    path("<int:pk>/", detail.case_detail, name="detail"),
    path("<int:pk>/instruments/<str:kind>/", instruments.generate, name="instrument"),
    path("<int:pk>/instruments/<str:kind>/download/", instruments.download, name="instrument_download"),
    path("<int:pk>/<str:action>/", run.case_action, name="action"),
]
