"""The public library (the website's policy column) at /policies/."""

from django.urls import path

from fazhi.documents import public_exports, public_views

app_name = "library"

urlpatterns = [
    path("", public_views.library, name="index"),
    path("feed.atom", public_exports.atom_feed, name="feed"),
    path("export.json", public_exports.export_json, name="export_json"),
    path("export.csv", public_exports.export_csv, name="export_csv"),
    path("drafts/", public_views.drafts, name="drafts"),
    path("drafts/<int:pk>/", public_views.draft_detail, name="draft_detail"),
    path("cleanups/<int:pk>/", public_views.cleanup_result, name="cleanup_result"),
    path("<int:pk>/", public_views.document_page, name="document"),
    path("<int:pk>/text.txt", public_views.document_text, name="document_text"),
]
