"""Model fields whose form errors are clear Vietnamese sentences, not Django's generic ones."""

from django.db import models
from django.utils.translation import gettext_lazy as _

NEGATIVE_MESSAGE = _("This number cannot be negative.")
EMAIL_MESSAGE = _('Enter a valid e-mail address, e.g. "tthtcd@example.gov.vn".')
URL_MESSAGE = _('Enter a full web address starting with http:// or https://, e.g. "https://uongbi.gov.vn".')


class _FormMessagesMixin:
    """Passes the field's own messages to its form field (Django's model fields do not)."""

    form_error_messages = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Not passed as a keyword, so migrations do not carry the messages.
        self.error_messages = {**self.error_messages, **self.form_error_messages}

    def formfield(self, **kwargs):
        kwargs["error_messages"] = {**self.form_error_messages, **kwargs.get("error_messages", {})}
        return super().formfield(**kwargs)


class CountField(_FormMessagesMixin, models.PositiveIntegerField):
    """A non-negative count (classes, attendances, families…), zero by default."""

    form_error_messages = {"min_value": NEGATIVE_MESSAGE}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", 0)
        super().__init__(*args, **kwargs)


class MoneyField(_FormMessagesMixin, models.PositiveBigIntegerField):
    """An amount of money in Vietnamese đồng, non-negative, zero by default."""

    form_error_messages = {"min_value": NEGATIVE_MESSAGE}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", 0)
        super().__init__(*args, **kwargs)


class ViEmailField(_FormMessagesMixin, models.EmailField):
    form_error_messages = {"invalid": EMAIL_MESSAGE}


class ViURLField(_FormMessagesMixin, models.URLField):
    form_error_messages = {"invalid": URL_MESSAGE}
