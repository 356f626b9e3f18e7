from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SenApiConfig(AppConfig):
    name = "cms.api"
    label = "sen_api"
    verbose_name = _("Sen public API")

    def ready(self):
        # Before Wagtail's API v3 builds its page schemas (wagtail.contrib.redirects' ready() loads it):
        # StreamFields typed from their blocks instead of list[Any].
        from cms.api.schemas import install_v3_types

        install_v3_types()
