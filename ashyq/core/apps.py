from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ashyq.core"
    label = "core"
    verbose_name = _("Core: audit and working-day calendar")

    def ready(self) -> None:
        from ashyq.core import sessions  # noqa: F401  (connects the log-in receiver)
