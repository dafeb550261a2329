"""The task ledger pages of the staff area (/work/ledger/)."""

from __future__ import annotations

from django.urls import path

from fazhi.ledger import views

app_name = "ledger"

urlpatterns = [
    path("", views.board, name="board"),
    path("new/", views.create, name="create"),
    path("group/", views.group, name="group"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/<str:action>/", views.item_action, name="action"),
]
