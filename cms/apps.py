from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = _("Sen core")

    def ready(self):
        from cms import files, renditions, webhooks
        from cms.http import middleware as http
        from cms.http import purge
        from cms.i18n import admin_vi, demo  # noqa: F401 (demo: its hook)
        from cms.i18n import translations as i18n
        from cms.preview import tokens as preview

        admin_vi.install()
        http.connect_signals()
        purge.connect_signals()  # after http: the page cache is renewed before the proxy asks again
        i18n.connect_signals()
        preview.connect_signals()
        webhooks.connect_signals()
        renditions.connect_signals()
        files.connect_signals()
