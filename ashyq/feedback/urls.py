from django.urls import URLPattern, URLResolver, path

from ashyq.feedback import views

app_name = "feedback"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.item_list, name="item_list"),
    path("items/<int:pk>/", views.item_view, name="item_detail"),
    path("items/<int:pk>/<slug:action>/", views.item_action, name="item_action"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/new/", views.source_create, name="source_create"),
    path("sources/<int:pk>/", views.source_view, name="source_detail"),
    path("sources/<int:pk>/import/", views.import_create, name="import_create"),
    path("sources/<int:pk>/report-<str:language>.<str:extension>", views.source_report, name="source_report"),
    path("sources/<int:pk>/<slug:action>/", views.source_action, name="source_action"),
    path("imports/<int:pk>/", views.import_view, name="import_detail"),
    path("imports/<int:pk>/start-again/", views.import_start_again, name="import_start_again"),
    path("templates/<slug:template>.<str:extension>", views.import_template, name="import_template"),
    path("summary/", views.summary, name="summary"),
    path("summary/<int:body_id>/", views.body_summary_view, name="body_summary"),
    path("findings/", views.finding_set, name="finding_set"),
    path("findings/<int:pk>/clear/", views.finding_clear, name="finding_clear"),
    path("analyses/", views.analysis_list, name="analysis_list"),
    path("analyses/new/", views.analysis_create, name="analysis_create"),
    path("analyses/<int:pk>/<slug:action>/", views.analysis_action, name="analysis_action"),
    path("recommendations/<int:pk>/done/", views.recommendation_done, name="recommendation_done"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/new/", views.topic_create, name="topic_create"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/publications/", views.publication_add, name="publication_add"),
]
