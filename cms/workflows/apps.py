from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SenWorkflowsConfig(AppConfig):
    name = "cms.workflows"
    label = "sen_workflows"
    verbose_name = _("Sen roles and workflows")

    def ready(self):
        # in ready(): the handlers import models, not loadable while the app registry populates
        from cms.workflows import signal_handlers

        signal_handlers.connect()
