from django.urls import URLPattern, URLResolver, path, re_path

from ashyq.registry import views

app_name = "registry"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.registry_list, name="registry_list"),
    re_path(r"^registry\.(?P<fmt>xlsx|csv|pdf)$", views.registry_export, name="registry_export"),
    path("channels/<int:number>/", views.channel_detail, name="channel_detail"),
    path("channels/<int:number>/change/", views.change_new, name="change_new"),
    path("channels/<int:number>/terminate/", views.termination_new, name="termination_new"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("applications/new/", views.application_new, name="application_new"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("applications/<int:pk>/submit/", views.application_submit, name="application_submit"),
    path("applications/<int:pk>/review/", views.application_review, name="application_review"),
    path("applications/<int:pk>/decide/", views.application_decide, name="application_decide"),
    re_path(
        r"^applications/(?P<pk>[0-9]+)/annex1\.(?P<fmt>pdf|docx)$",
        views.application_document,
        name="application_document",
    ),
    path("applications/<int:pk>/decision.pdf", views.decision_letter, name="decision_letter"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/remove/", views.attachment_remove, name="attachment_remove"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/enter/", views.request_enter, name="request_enter"),
    path("requests/<int:pk>/document.pdf", views.request_document, name="request_document"),
]
