"""The enforcement pages of the staff area (/work/enforcement/)."""

from __future__ import annotations

from django.urls import path

from fazhi.enforcement import instrument_views, views

app_name = "enforcement"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("stats/", views.stats, name="stats"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/instruments/<str:kind>/", instrument_views.generate, name="instrument"),
    path("<int:pk>/instruments/<str:kind>/download/", instrument_views.download, name="instrument_download"),
    path("<int:pk>/<str:action>/", views.case_action, name="action"),
]
