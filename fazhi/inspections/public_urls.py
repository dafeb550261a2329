"""The public pages of “double random, one public” inspections at /inspections/."""

from django.urls import path

from fazhi.inspections import public_views

app_name = "public_inspections"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("items/", public_views.items, name="items"),
    path("plans/<int:pk>/", public_views.plan, name="plan"),
    path("draws/<int:pk>/", public_views.draw, name="draw"),
    path("draws/<int:pk>/bundle.json", public_views.bundle, name="bundle"),
    path("verify_draw.py", public_views.verifier, name="verifier"),
    path("results/", public_views.results, name="results"),
]
