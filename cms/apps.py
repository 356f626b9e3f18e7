from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = _("Sen core")

    def ready(self):
        # In ready(): these modules import models, which cannot load while the app registry populates.
        from cms import files, mentions, renditions, sorting
        from cms.wagtail_adapters import reference_updates

        sorting.connect_signals()
        renditions.connect_signals()
        reference_updates.connect_signals()
        files.connect_signals()
        mentions.connect_signals()
