from django.urls import path

from fazhi.inspections import views

app_name = "inspections"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
]
