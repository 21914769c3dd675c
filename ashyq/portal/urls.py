from django.urls import URLPattern, URLResolver, path, re_path

from ashyq.portal import views
from ashyq.portal.feeds import PublicationsFeed

app_name = "portal"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("ratings/", views.rating_list, name="ratings"),
    path("ratings/compare/", views.rating_compare, name="rating_compare"),
    path("ratings/<int:year>/bodies/<int:pk>/", views.rating_body, name="rating_body"),
    path("ratings/bodies/<int:pk>/results.csv", views.rating_body_csv, name="rating_body_csv"),
    path("reports/", views.report_register, name="report_register"),
    path("reports/publish/", views.report_publish, name="report_publish"),
    path("reports/<int:pk>/report.pdf", views.report_download, name="report_download"),
    path("drafts/", views.draft_list, name="draft_list"),
    path("drafts/<int:pk>/", views.draft_detail, name="draft"),
    path("results/", views.project_results, name="project_results"),
    path("data/", views.dataset_list, name="dataset_list"),
    path("data/datapackage.json", views.datapackage, name="datapackage"),
    re_path(r"^data/(?P<name>[a-z-]+)\.(?P<fmt>csv|json|xlsx)$", views.dataset_file, name="dataset_file"),
    path("feed.atom", PublicationsFeed(), name="feed"),
    path("conferences/", views.conference_list, name="conference_list"),
    path("conferences/<int:pk>/", views.conference_detail, name="conference"),
    path("conferences/manage/", views.conference_manage_list, name="conference_manage_list"),
    path("conferences/manage/<int:pk>/", views.conference_manage, name="conference_manage"),
    re_path(r"^questions/(?P<pk>[0-9]+)/(?P<action>publish|reject|answer)/$", views.question_act, name="question_act"),
]
