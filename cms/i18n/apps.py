from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SenI18nConfig(AppConfig):
    name = "cms.i18n"
    label = "sen_i18n"
    verbose_name = _("Sen translations")

    def ready(self):
        # in ready(): translations imports models, not loadable while the app registry populates
        from cms.i18n import admin_vi, translations

        admin_vi.install()
        translations.connect_signals()
