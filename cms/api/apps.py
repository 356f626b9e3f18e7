from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SenApiConfig(AppConfig):
    name = "cms.api"
    label = "sen_api"
    verbose_name = _("Sen public API")
