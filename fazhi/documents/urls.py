from django.urls import path

from fazhi.documents import excel_views, views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_create, name="create"),
    path("stats/", views.stats_page, name="stats"),
    path("register.xlsx", excel_views.register_export, name="register_export"),
    path("import/", excel_views.legacy_import, name="import"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/diff/", views.version_diff, name="diff"),
    path("<int:pk>/action/<str:action>/", views.document_action, name="action"),
    path("<int:pk>/comments/<int:comment_id>/answer/", views.comment_answer, name="comment_answer"),
    path("filings/", views.filing_list, name="filings"),
    path("filings/<int:pk>/", views.filing_detail, name="filing_detail"),
    path("filings/<int:pk>/action/<str:action>/", views.filing_action, name="filing_action"),
    path("cleanup/", views.cleanup_list, name="cleanup_list"),
    path("cleanup/new/", views.cleanup_create, name="cleanup_create"),
    path("cleanup/<int:pk>/", views.cleanup_detail, name="cleanup_detail"),
    path("cleanup/<int:pk>/action/<str:action>/", views.cleanup_action, name="cleanup_action"),
]
