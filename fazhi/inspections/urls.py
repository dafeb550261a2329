from django.urls import path

from fazhi.inspections import export_views, views

app_name = "inspections"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/action/<str:action>/", views.plan_action, name="plan_action"),
    path("plans/<int:pk>/tasks/", views.plan_tasks, name="plan_tasks"),
    path("plans/<int:pk>/bundle.json", views.draw_bundle, name="draw_bundle"),
    # For the enforcement supervision platform (export.py); planners only.
    path("plans/<int:pk>/export.xlsx", export_views.plan_export_xlsx, name="plan_export_xlsx"),
    path("plans/<int:pk>/export.json", export_views.plan_export_json, name="plan_export_json"),
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/action/<str:action>/", views.task_action, name="task_action"),
    path("publicity/", views.publicity, name="publicity"),
    path("items/", views.item_list, name="item_list"),
    path("items/new/", views.item_create, name="item_create"),
    path("items/<int:pk>/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/action/<str:action>/", views.item_action, name="item_action"),
    path("entities/", views.entity_list, name="entity_list"),
    path("entities/new/", views.entity_create, name="entity_create"),
    path("entities/import/", views.entity_import, name="entity_import"),
    path("entities/import/<str:token>/", views.import_job, name="import_job"),
    path("entities/import/<str:token>/progress/", views.import_progress, name="import_progress"),
    path("entities/import/<str:token>/action/<str:action>/", views.import_action, name="import_action"),
    path("entities/<int:pk>/", views.entity_detail, name="entity_detail"),
    path("entities/<int:pk>/action/<str:action>/", views.entity_action, name="entity_action"),
    path("inspectors/", views.inspector_list, name="inspector_list"),
    path("inspectors/new/", views.inspector_create, name="inspector_create"),
    path("inspectors/<int:pk>/", views.inspector_detail, name="inspector_detail"),
    path("inspectors/<int:pk>/action/<str:action>/", views.inspector_action, name="inspector_action"),
    path("experts/", views.expert_list, name="expert_list"),
    path("experts/<int:pk>/", views.expert_detail, name="expert_detail"),
    path("experts/<int:pk>/action/<str:action>/", views.expert_action, name="expert_action"),
    path("conflicts/", views.conflict_list, name="conflict_list"),
    path("conflicts/<int:pk>/remove/", views.conflict_remove, name="conflict_remove"),
]
