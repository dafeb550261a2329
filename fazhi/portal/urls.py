from django.urls import path

from fazhi.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("transparency/", views.transparency, name="transparency"),
    path("favicon.ico", views.favicon, name="favicon"),
]
