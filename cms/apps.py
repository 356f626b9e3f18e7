from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = _("Sen core")

    def ready(self):
        # In ready(): these modules import models, which cannot load while the app registry populates.
        from cms import admin_vi, demo_translations, files, http, i18n, preview, purge, renditions, webhooks  # noqa: F401 (demo_translations: its hook)

        admin_vi.install()
        http.connect_signals()
        purge.connect_signals()  # after http: the page cache is renewed before the proxy asks again
        i18n.connect_signals()
        preview.connect_signals()
        webhooks.connect_signals()
        renditions.connect_signals()
        files.connect_signals()
