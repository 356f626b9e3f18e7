from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Legal and administrative documents ("Văn bản"): a content plugin.

    Its label is ``documents``; Wagtail's own documents app is labelled ``wagtaildocs``.
    """

    name = "documents"
    label = "documents"
    verbose_name = _("Legal documents")

    def ready(self):
        from documents import signals  # in ready(): it imports models, not loadable during app loading

        signals.connect()
