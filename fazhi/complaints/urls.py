"""The complaint pages of the staff area (/work/complaints/)."""

from __future__ import annotations

from django.urls import path

from fazhi.complaints import views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("new/", views.complaint_create, name="create"),
    path("import/", views.complaint_import, name="import"),
    path("<int:pk>/", views.complaint_detail, name="detail"),
    path("<int:pk>/<str:action>/", views.complaint_action, name="action"),
]
