"""The government-service pages of the staff area (/work/services/)."""

from __future__ import annotations

from django.urls import path

from fazhi.services import views

app_name = "services"

urlpatterns = [
    path("", views.index, name="index"),
    path("matters/", views.matter_list, name="matters"),
    path("matters/new/", views.matter_create, name="matter_create"),
    path("matters/<int:pk>/", views.matter_detail, name="matter_detail"),
    path("matters/<int:pk>/<str:action>/", views.matter_action, name="matter_action"),
    path("commitments/", views.commitment_list, name="commitments"),
    path("commitments/new/", views.commitment_create, name="commitment_create"),
    path("commitments/<int:pk>/", views.commitment_detail, name="commitment_detail"),
    path("commitments/<int:pk>/<str:action>/", views.commitment_action, name="commitment_action"),
    path("credit/", views.credit_list, name="credit_records"),
    path("credit/<int:pk>/", views.credit_detail, name="credit_detail"),
    path("credit/<int:pk>/<str:action>/", views.credit_action, name="credit_action"),
    path("powers/", views.power_list, name="powers"),
    path("powers/new/", views.power_create, name="power_create"),
    path("powers/<int:pk>/", views.power_detail, name="power_detail"),
    path("powers/<int:pk>/<str:action>/", views.power_action, name="power_action"),
]
