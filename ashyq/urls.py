from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path, re_path

from ashyq.api import api, no_such_operation
from ashyq.core.views import healthz

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/", api.urls),
    re_path(r"^api/", no_such_operation),
    path("healthz", healthz, name="healthz"),
]
urlpatterns += i18n_patterns(
    path("", include("ashyq.core.urls")),
    path("bodies/", include("ashyq.orgs.urls")),
    path("feedback/", include("ashyq.feedback.urls")),
    path("analysis/", include("ashyq.analysis.urls")),
    path("registry/", include("ashyq.registry.urls")),
    path("meetings/", include("ashyq.meetings.urls")),
    path("methodology/", include("ashyq.methodology.urls")),
    path("campaigns/", include("ashyq.evaluation.urls")),
    path("portal/", include("ashyq.portal.urls")),
    path("documents/", include("ashyq.reports.urls")),
    path("login/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
)
