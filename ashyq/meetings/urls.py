from django.urls import path

from ashyq.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("schedule/<int:year>/", views.schedule, name="schedule"),
    path("<int:pk>/", views.meeting_public, name="meeting"),
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/propose/", views.propose, name="propose"),
    path("manage/unscheduled/", views.unscheduled, name="unscheduled"),
    path("manage/schedule/<int:year>/", views.manage_schedule, name="manage_schedule"),
    path("manage/regional-problems/", views.regional_problems, name="regional_problems"),
    path("manage/<int:pk>/", views.manage_meeting, name="manage_meeting"),
    path("manage/<int:pk>/include/", views.include, name="include"),
    path("manage/<int:pk>/exclude/", views.exclude, name="exclude"),
    path("manage/<int:pk>/prepare/", views.prepare, name="prepare"),
    path("manage/<int:pk>/requests/", views.add_requests, name="add_requests"),
    path("manage/<int:pk>/hold/", views.hold, name="hold"),
    path("manage/<int:pk>/issues/", views.add_issue, name="add_issue"),
    path("manage/<int:pk>/issues/<int:issue_pk>/plan/", views.plan_issue, name="plan_issue"),
    path("manage/<int:pk>/publish/", views.publish, name="publish"),
    path("manage/<int:pk>/progress/", views.report_progress, name="report_progress"),
    path("manage/<int:pk>/close/", views.close, name="close"),
    path("manage/summary/<int:year>/<int:half>/", views.half_year, name="half_year"),
    path("manage/summary/<int:year>/<int:half>/export.xlsx", views.half_year_export, name="half_year_export"),
    path("evidence/<int:body_pk>/<int:year>/", views.evidence, name="evidence"),
    path("evidence/<int:body_pk>/<int:year>/export.<str:fmt>", views.evidence_export, name="evidence_export"),
]
