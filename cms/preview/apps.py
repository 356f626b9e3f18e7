from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SenPreviewConfig(AppConfig):
    name = "cms.preview"
    label = "sen_preview"
    verbose_name = _("Sen draft preview")

    def ready(self):
        # in ready(): tokens imports models, which cannot load while the app registry populates
        from cms.preview import tokens

        tokens.connect_signals()
