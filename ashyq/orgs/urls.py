from django.urls import path

from ashyq.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.body_list, name="body_list"),
    path("<int:pk>/", views.body_view, name="body_detail"),
]
