from django.urls import path

from fazhi.inspections import public_views

app_name = "public_inspections"

urlpatterns = [
    path("", public_views.index, name="index"),
]
