"""The public complaint pages (/complaints/): no account needed."""

from __future__ import annotations

from django.urls import path

from fazhi.complaints import views

app_name = "public_complaints"

urlpatterns = [
    path("", views.public_index, name="index"),
    path("new/", views.public_new, name="new"),
    path("status/", views.public_status, name="status"),
    path("captcha/<str:key>.png", views.captcha_image, name="captcha"),
]
