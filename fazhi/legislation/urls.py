"""The legislation pages of the staff area (/work/legislation/)."""

from __future__ import annotations

from django.urls import path

from fazhi.legislation import views

app_name = "legislation"

urlpatterns = [
    path("", views.project_list, name="projects"),
    path("new/", views.project_create, name="project_create"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path("<int:pk>/comments/<int:comment_id>/answer/", views.comment_answer, name="comment_answer"),
    path("<int:pk>/<str:action>/", views.project_action, name="project_action"),
    path("laws/", views.law_list, name="laws"),
    path("laws/new/", views.law_create, name="law_create"),
    path("laws/<int:pk>/", views.law_detail, name="law_detail"),
    path("laws/<int:pk>/versions/new/", views.version_create, name="version_create"),
    path("flags/", views.flag_list, name="flags"),
    path("flags/<int:pk>/", views.flag_detail, name="flag_detail"),
]
