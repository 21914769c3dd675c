from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class RegistryConfig(AppConfig):
    name = "ashyq.registry"
    label = "registry"
    verbose_name = pgettext_lazy("registry", "Registry of communication channels")
