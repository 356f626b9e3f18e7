"""What the routers of Sen's API (/api/sen/) share, whichever app registers them.

The core's own endpoints and those home, search and the content plugins add through the
``sen_api_endpoints`` hook take a language the same way and write times the same way.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from wagtail.models import Locale

from cms.api.problems import ApiProblem

LANGUAGE_PATTERN = "^(" + "|".join(code for code, _name in settings.LANGUAGES) + ")$"


def locale_or_400(code):
    """The Locale for a language code (the default language when empty)."""
    if not code:
        return Locale.get_default()
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        raise ApiProblem(400, "unknown_locale", _("Unknown locale “%(code)s”.") % {"code": code[:20]}, "locale")
    return locale


class LocaleFilter(Schema):
    locale: str | None = Field(None, pattern=LANGUAGE_PATTERN, description="Language code: vi or en.")


def local_time(value):
    """An aware datetime in the portal's time zone (ISO 8601 with its offset, e.g. +07:00)."""
    return timezone.localtime(value) if value is not None else None
