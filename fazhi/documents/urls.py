from django.urls import path

from fazhi.documents.views import city, cleanups, detail, excel, filings, lists, run

app_name = "documents"

urlpatterns = [
    path("", lists.document_list, name="list"),
    path("new/", lists.document_create, name="create"),
    path("stats/", filings.stats_page, name="stats"),
    path("register.xlsx", excel.register_export, name="register_export"),
    path("import/", excel.legacy_import, name="import"),
    path("<int:pk>/", detail.document_detail, name="detail"),
    path("<int:pk>/diff/", detail.version_diff, name="diff"),
    path("<int:pk>/action/<str:action>/", run.document_action, name="action"),
    path("<int:pk>/comments/<int:comment_id>/answer/", run.comment_answer, name="comment_answer"),
    path("filings/", filings.filing_list, name="filings"),
    path("filings/by-department/", city.filings_by_department_page, name="filings_by_department"),
    path("filings/<int:pk>/", filings.filing_detail, name="filing_detail"),
    path("filings/<int:pk>/action/<str:action>/", filings.filing_action, name="filing_action"),
    path("cleanup/", cleanups.cleanup_list, name="cleanup_list"),
    path("cleanup/new/", cleanups.cleanup_create, name="cleanup_create"),
    path("cleanup/<int:pk>/", cleanups.cleanup_detail, name="cleanup_detail"),
    path("cleanup/<int:pk>/action/<str:action>/", cleanups.cleanup_action, name="cleanup_action"),
]
