"""The public enforcement publicity pages (/enforcement/: 行政执法公示)."""

from __future__ import annotations

from django.urls import path

from fazhi.enforcement import public_views

app_name = "public_enforcement"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("<int:pk>/", public_views.detail, name="detail"),
]
