"""The public pages of legislation at /legislation/."""

from django.urls import path

from fazhi.legislation import public_views

app_name = "public_legislation"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("<int:pk>/", public_views.draft, name="draft"),
]
