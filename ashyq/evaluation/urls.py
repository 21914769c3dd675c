from django.urls import path

from ashyq.evaluation import objection_views, views

app_name = "evaluation"
urlpatterns = [
    path("", views.campaign_list, name="campaigns"),
    path("<int:pk>/", views.campaign_dashboard, name="dashboard"),
    path("<int:pk>/score/", views.campaign_score, name="score"),
    path("runs/<int:pk>/", views.scoring_progress, name="scoring_progress"),
    path("bodies/<int:pk>/", views.enrolment_page, name="enrolment"),
    path("bodies/<int:pk>/submit/", views.enrolment_submit, name="submit"),
    path("bodies/<int:pk>/sign-off/", views.enrolment_sign_off, name="sign_off"),
    path("bodies/<int:pk>/answer/", objection_views.answer_page, name="answer"),
    path("<int:pk>/objections/", objection_views.objections_overview, name="objections"),
    path("<int:pk>/agency/<int:version>.xlsx", objection_views.agency_summary, name="agency_summary"),
    path("<int:pk>/commissions/new/", objection_views.commission_new, name="commission_new"),
    path("commissions/<int:pk>/", objection_views.commission_page, name="commission"),
    path(
        "commissions/<int:pk>/minutes-<str:language>.<str:extension>",
        objection_views.commission_minutes,
        name="commission_minutes",
    ),
    path("terms/", objection_views.terms_dashboard, name="terms"),
]
