from django.urls import path

from fazhi.reviews import report_views, views

app_name = "reviews"

urlpatterns = [
    path("", views.review_list, name="list"),
    path("new/", views.review_create, name="create"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/edit/", views.review_edit, name="edit"),
    path("<int:pk>/action/<str:action>/", views.review_action, name="action"),
    path("<int:pk>/opinions/<int:number>/answer/", views.opinion_answer, name="opinion_answer"),
    path("<int:pk>/letter.docx", report_views.opinion_letter, name="letter"),
    path("counsel/", views.counsel_list, name="counsel_list"),
    path("counsel/new/", views.counsel_edit, name="counsel_create"),
    path("counsel/<int:pk>/", views.counsel_edit, name="counsel_edit"),
    path("stats/", report_views.stats_page, name="stats"),
]
