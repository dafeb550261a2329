from django.urls import path

from fazhi.decisions import views

app_name = "decisions"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("board/", views.board, name="board"),
    path("propose/", views.propose, name="propose"),
    path("catalogs/", views.catalog_list, name="catalogs"),
    path("catalogs/<int:pk>/", views.catalog_detail, name="catalog_detail"),
    path("catalogs/<int:pk>/action/<str:action>/", views.catalog_action, name="catalog_action"),
    path("experts/", views.expert_list, name="experts"),
    path("<int:pk>/", views.decision_detail, name="detail"),
    path("<int:pk>/action/<str:action>/", views.decision_action, name="action"),
    path("<int:pk>/archive.zip", views.archive_download, name="archive"),
]
