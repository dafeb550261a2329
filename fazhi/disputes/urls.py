"""The reconsideration, litigation and mediation pages of the staff area (/work/disputes/)."""

from __future__ import annotations

from django.urls import path

from fazhi.disputes import views

app_name = "disputes"

urlpatterns = [
    path("", views.index, name="index"),
    path("reconsiderations/", views.reconsideration_list, name="reconsiderations"),
    path("reconsiderations/new/", views.reconsideration_create, name="reconsideration_create"),
    path("reconsiderations/<int:pk>/", views.reconsideration_detail, name="reconsideration_detail"),
    path(
        "reconsiderations/<int:pk>/<str:action>/",
        views.reconsideration_action,
        name="reconsideration_action",
    ),
    path("litigations/", views.litigation_list, name="litigations"),
    path("litigations/new/", views.litigation_create, name="litigation_create"),
    path("litigations/<int:pk>/", views.litigation_detail, name="litigation_detail"),
    path("litigations/<int:pk>/<str:action>/", views.litigation_action, name="litigation_action"),
    path("mediations/", views.mediation_list, name="mediations"),
    path("mediations/new/", views.mediation_create, name="mediation_create"),
    path("mediations/<int:pk>/", views.mediation_detail, name="mediation_detail"),
    path("mediations/<int:pk>/<str:action>/", views.mediation_action, name="mediation_action"),
    path("observations/", views.observation_list, name="observations"),
    path("observations/new/", views.observation_create, name="observation_create"),
    path("screenings/", views.screening_list, name="screenings"),
    path("screenings/new/", views.screening_create, name="screening_create"),
]
