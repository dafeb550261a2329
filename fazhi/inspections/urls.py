from django.urls import path

from fazhi.inspections.views import exports, imports, people, plans, registry, tasks

app_name = "inspections"

urlpatterns = [
    path("", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/action/<str:action>/", plans.plan_action, name="plan_action"),
    path("plans/<int:pk>/tasks/", tasks.plan_tasks, name="plan_tasks"),
    path("plans/<int:pk>/bundle.json", plans.draw_bundle, name="draw_bundle"),
    # For the enforcement supervision platform (export.py); planners only.
    path("plans/<int:pk>/export.xlsx", exports.plan_export_xlsx, name="plan_export_xlsx"),
    path("plans/<int:pk>/export.json", exports.plan_export_json, name="plan_export_json"),
    path("tasks/", tasks.task_list, name="task_list"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("tasks/<int:pk>/action/<str:action>/", tasks.task_action, name="task_action"),
    path("publicity/", tasks.publicity, name="publicity"),
    path("items/", registry.item_list, name="item_list"),
    path("items/new/", registry.item_create, name="item_create"),
    path("items/<int:pk>/", registry.item_edit, name="item_edit"),
    path("items/<int:pk>/action/<str:action>/", registry.item_action, name="item_action"),
    path("entities/", registry.entity_list, name="entity_list"),
    path("entities/new/", registry.entity_create, name="entity_create"),
    path("entities/import/", imports.entity_import, name="entity_import"),
    path("entities/import/<str:token>/", imports.import_job, name="import_job"),
    path("entities/import/<str:token>/progress/", imports.import_progress, name="import_progress"),
    path("entities/import/<str:token>/action/<str:action>/", imports.import_action, name="import_action"),
    path("entities/<int:pk>/", registry.entity_detail, name="entity_detail"),
    path("entities/<int:pk>/action/<str:action>/", registry.entity_action, name="entity_action"),
    path("inspectors/", people.inspector_list, name="inspector_list"),
    path("inspectors/new/", people.inspector_create, name="inspector_create"),
    path("inspectors/<int:pk>/", people.inspector_detail, name="inspector_detail"),
    path("inspectors/<int:pk>/action/<str:action>/", people.inspector_action, name="inspector_action"),
    path("experts/", people.expert_list, name="expert_list"),
    path("experts/<int:pk>/", people.expert_detail, name="expert_detail"),
    path("experts/<int:pk>/action/<str:action>/", people.expert_action, name="expert_action"),
    path("conflicts/", registry.conflict_list, name="conflict_list"),
    path("conflicts/<int:pk>/remove/", registry.conflict_remove, name="conflict_remove"),
]
