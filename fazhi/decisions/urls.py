from django.urls import path

from fazhi.decisions.views import catalogs, detail, experts, lists, run

app_name = "decisions"

urlpatterns = [
    path("", lists.decision_list, name="list"),
    path("board/", lists.board, name="board"),
    path("propose/", lists.propose, name="propose"),
    path("catalogs/", catalogs.catalog_list, name="catalogs"),
    path("catalogs/<int:pk>/", catalogs.catalog_detail, name="catalog_detail"),
    path("catalogs/<int:pk>/action/<str:action>/", catalogs.catalog_action, name="catalog_action"),
    path("experts/", experts.expert_list, name="experts"),
    path("<int:pk>/", detail.decision_detail, name="detail"),
    path("<int:pk>/action/<str:action>/", run.decision_action, name="action"),
    path("<int:pk>/archive.zip", detail.archive_download, name="archive"),
]
