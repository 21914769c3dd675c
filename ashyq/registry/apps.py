from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class RegistryConfig(AppConfig):
    name = "ashyq.registry"
    label = "registry"
    verbose_name = pgettext_lazy("registry", "Registry of communication channels")

    def ready(self) -> None:
        """The audit trail shows an application's events only to those who may see it (drafts stay the body's)."""
        from ashyq.core.selectors import register_audit_target
        from ashyq.registry.selectors import visible_applications

        register_audit_target("registry.channelapplication", visible_applications)
