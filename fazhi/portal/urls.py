from django.urls import path

from fazhi.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("d/<slug:code>/", views.department, name="department"),
    path("search/", views.search, name="search"),
    path("transparency/", views.transparency, name="transparency"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("transparency/heads.jsonl", views.heads_file, name="heads_file"),
    path("transparency/heads-key.pem", views.heads_key, name="heads_key"),
    path("transparency/verify_heads.py", views.heads_verifier, name="heads_verifier"),
]
