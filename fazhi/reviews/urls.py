from django.urls import path

from fazhi.reviews.views import counsel, reports, requests

app_name = "reviews"

urlpatterns = [
    path("", requests.review_list, name="list"),
    path("new/", requests.review_create, name="create"),
    path("<int:pk>/", requests.review_detail, name="detail"),
    path("<int:pk>/edit/", requests.review_edit, name="edit"),
    path("<int:pk>/action/<str:action>/", requests.review_action, name="action"),
    path("<int:pk>/opinions/<int:number>/answer/", requests.opinion_answer, name="opinion_answer"),
    path("<int:pk>/letter.docx", reports.opinion_letter, name="letter"),
    path("counsel/", counsel.counsel_list, name="counsel_list"),
    path("counsel/new/", counsel.counsel_edit, name="counsel_create"),
    path("counsel/<int:pk>/", counsel.counsel_edit, name="counsel_edit"),
    path("stats/", reports.stats_page, name="stats"),
]
