"""The law-study pages of the staff area (/work/learning/)."""

from __future__ import annotations

from django.urls import path

from fazhi.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.index, name="index"),
    path("exams/<int:pk>/start/", views.start, name="start"),
    path("attempts/<int:pk>/", views.attempt_page, name="attempt"),
    path("attempts/<int:pk>/answer/<int:qid>/", views.answer, name="answer"),
    path("attempts/<int:pk>/submit/", views.submit, name="submit"),
    path("exams/", views.exam_list, name="exams"),
    path("exams/new/", views.exam_create, name="exam_create"),
    path("exams/<int:pk>/", views.exam_detail, name="exam_detail"),
    path("exams/<int:pk>/import/", views.results_import, name="results_import"),
    path("questions/", views.question_list, name="questions"),
    path("questions/new/", views.question_create, name="question_create"),
    path("questions/export.xlsx", views.question_export, name="question_export"),
    path("questions/import/", views.question_import, name="question_import"),
    path("questions/<int:pk>/", views.question_detail, name="question_detail"),
    path("roster/", views.roster, name="roster"),
    path("promotions/", views.promotions, name="promotions"),
    path("promotions/<int:pk>/confirm/", views.promotion_confirm, name="promotion_confirm"),
    path("rules/", views.rule_list, name="rules"),
    path("figures/", views.figures, name="figures"),
    path("study/", views.study, name="study"),
    path("study/<int:pk>/", views.session_detail, name="session_detail"),
]
