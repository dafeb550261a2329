"""The oversight pages of the staff area (/work/oversight/)."""

from __future__ import annotations

from django.urls import path

from fazhi.oversight import views

app_name = "oversight"

urlpatterns = [
    path("", views.oversight_list, name="list"),
    path("new/", views.oversight_create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/findings/<int:finding_id>/evidence/", views.finding_evidence, name="finding_evidence"),
    path("<int:pk>/<str:action>/", views.action, name="action"),
]
