from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "ashyq.meetings"
    label = "meetings"
    verbose_name = _("Meetings of heads with the population")
