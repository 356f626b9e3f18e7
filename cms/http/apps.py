from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SenHttpConfig(AppConfig):
    name = "cms.http"
    label = "sen_http"
    verbose_name = _("Sen HTTP caching and limits")

    def ready(self):
        # in ready(): both import models, which cannot load while the app registry populates
        from cms.http import middleware, purge

        middleware.connect_signals()
        purge.connect_signals()  # after http: the page cache is renewed before the proxy asks again
