from django.urls import path

from ashyq.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.set_language, name="set_language"),
    path("audit/", views.audit_list, name="audit_list"),
    path("calendar/<int:year>/", views.calendar_year, name="calendar_year"),
]
