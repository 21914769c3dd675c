from django.urls import URLPattern, URLResolver, path

from ashyq.analysis import views

app_name = "analysis"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.run_list, name="run_list"),
    path("<int:pk>/", views.run_view, name="run_detail"),
    path("<int:pk>/again/", views.run_again, name="run_again"),
    path("<int:pk>/prefill/", views.prefill, name="prefill"),
    path("<int:pk>/analysis-<str:language>.<str:extension>", views.run_document, name="run_document"),
    path("topics/<int:pk>/<slug:action>/", views.topic_action, name="topic_action"),
]
