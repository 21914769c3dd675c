from django.urls import path

from ashyq.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.campaign_list, name="campaigns"),
    path("<int:pk>/", views.campaign_dashboard, name="dashboard"),
    path("<int:pk>/score/", views.campaign_score, name="score"),
    path("runs/<int:pk>/", views.scoring_progress, name="scoring_progress"),
    path("bodies/<int:pk>/", views.enrolment_page, name="enrolment"),
    path("bodies/<int:pk>/submit/", views.enrolment_submit, name="submit"),
    path("bodies/<int:pk>/sign-off/", views.enrolment_sign_off, name="sign_off"),
]
