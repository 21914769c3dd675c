from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path

from ashyq.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/", api.urls),
]
urlpatterns += i18n_patterns(
    path("", include("ashyq.core.urls")),
    path("bodies/", include("ashyq.orgs.urls")),
    path("feedback/", include("ashyq.feedback.urls")),
    path("registry/", include("ashyq.registry.urls")),
    path("meetings/", include("ashyq.meetings.urls")),
    path("methodology/", include("ashyq.methodology.urls")),
    path("portal/", include("ashyq.portal.urls")),
    path("login/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
)
