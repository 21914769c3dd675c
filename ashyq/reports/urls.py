from django.urls import URLPattern, URLResolver, path

from ashyq.reports import views

app_name = "reports"
urlpatterns: list[URLPattern | URLResolver] = [
    path("<int:pk>/", views.job_view, name="job_detail"),
    path("<int:pk>/download/", views.job_download, name="job_download"),
]
