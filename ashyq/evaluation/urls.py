from django.urls import path

from ashyq.evaluation import conclusion_views, objection_views, views

app_name = "evaluation"
urlpatterns = [
    path("", views.campaign_list, name="campaigns"),
    path("new/", views.campaign_new, name="new"),
    path("<int:pk>/", views.campaign_dashboard, name="dashboard"),
    path("<int:pk>/enrol/", views.campaign_enrol_page, name="enrol"),
    path("<int:pk>/score/", views.campaign_score, name="score"),
    path("<int:pk>/ranking/", views.ranking, name="ranking"),
    path("<int:pk>/imports/", views.campaign_imports, name="imports"),
    path("imports/<int:pk>/", views.import_detail, name="import"),
    path("<int:pk>/ranking.<str:fmt>", views.ranking_export, name="ranking_export"),
    path("<int:pk>/objections/", objection_views.objections_overview, name="objections"),
    path("<int:pk>/<str:verb>/", views.campaign_transition, name="transition"),
    path("runs/<int:pk>/", views.scoring_progress, name="scoring_progress"),
    path("bodies/<int:pk>/", views.enrolment_page, name="enrolment"),
    path("bodies/<int:pk>/submit/", views.enrolment_submit, name="submit"),
    path("bodies/<int:pk>/sign-off/", views.enrolment_sign_off, name="sign_off"),
    path("bodies/<int:pk>/prefill/", views.enrolment_prefill, name="prefill"),
    path("bodies/<int:pk>/approve/", views.conclusion_approve_view, name="approve"),
    path("bodies/<int:pk>/deliver/", views.conclusion_deliver_view, name="deliver"),
    path("bodies/<int:pk>/tables/<str:table>/", views.report_table, name="table"),
    path("bodies/<int:pk>/values/<str:indicator>/<str:language>/", views.report_value, name="value"),
    path("bodies/<int:pk>/evidence/<str:indicator>/", views.evidence_new, name="evidence_new"),
    path("bodies/<int:pk>/evidence/<int:evidence_pk>/remove/", views.evidence_delete, name="evidence_delete"),
    path("bodies/<int:pk>/requests/<str:indicator>/", views.request_new, name="request_new"),
    path("requests/<int:pk>/", views.request_page, name="request"),
    path("bodies/<int:pk>/answer/", objection_views.answer_page, name="answer"),
    path(
        "bodies/<int:pk>/conclusion-<str:language>.<str:extension>",
        conclusion_views.conclusion_document,
        name="conclusion",
    ),
    path(
        "bodies/<int:pk>/conclusion/<str:language>/<str:extension>/",
        conclusion_views.conclusion_job,
        name="conclusion_job",
    ),
    path("bodies/<int:pk>/recommendations/", conclusion_views.conclusion_recommendations, name="recommendations"),
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
