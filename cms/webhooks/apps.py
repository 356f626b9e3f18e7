from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cms.webhooks import connect_signals


class SenWebhooksConfig(AppConfig):
    name = "cms.webhooks"
    label = "sen_webhooks"
    verbose_name = _("Sen webhooks")

    def ready(self):
        connect_signals()
