"""The legal-publicity pages of the staff area (/work/publicity/)."""

from __future__ import annotations

from django.urls import path

from fazhi.legal_publicity import views

app_name = "legal_publicity"

urlpatterns = [
    path("", views.index, name="index"),
    path("plans/", views.plan_list, name="plans"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("responsibilities/", views.responsibility_list, name="responsibilities"),
    path("responsibilities/new/", views.responsibility_create, name="responsibility_create"),
    path("responsibilities/<int:pk>/", views.responsibility_detail, name="responsibility_detail"),
    path(
        "responsibilities/<int:pk>/complete/",
        views.responsibility_complete,
        name="responsibility_complete",
    ),
    path("activities/", views.activity_list, name="activities"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
]
