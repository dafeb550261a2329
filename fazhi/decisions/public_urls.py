"""The public pages of major decisions at /decisions/."""

from django.urls import path

from fazhi.decisions import public_views

app_name = "public_decisions"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("catalogs/<int:year>/", public_views.catalog, name="catalog"),
    path("consultations/", public_views.consultations, name="consultations"),
    path("consultations/<int:pk>/", public_views.consultation, name="consultation"),
    path("captcha/<str:key>.png", public_views.captcha_image, name="captcha"),
    path("<int:pk>/", public_views.decision, name="decision"),
    path("<int:pk>/text.txt", public_views.decision_text, name="decision_text"),
]
