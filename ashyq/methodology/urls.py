from django.urls import path

from ashyq.methodology import views

app_name = "methodology"
urlpatterns = [
    path("", views.version_list, name="index"),
    path("<int:pk>/", views.version_detail, name="version"),
]
