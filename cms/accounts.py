"""Sign-in protection: django-axes' lockout page and a throttled password reset.

Failed passwords are counted by django-axes (settings: ``AXES_*``): five for one account
from one address lock that pair out until an administrator resets it. Password reset
e-mails are limited per address and per e-mail address typed, counted whether or not an
account has that address, so the answer never tells which accounts exist.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from wagtail.admin.views import account

from cms.http import client_id

logger = logging.getLogger("sen.accounts")

RESET_KEY = "sen:password-reset:{}"


def _count(key, window):
    """Add one to a counter that lives ``window`` seconds; None if the cache cannot say."""
    try:
        cache.add(key, 0, window)
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1
    except Exception:  # a cache outage must not stop a user from resetting a password
        logger.warning("password reset throttle: cache unavailable", exc_info=True)
        return None


def password_reset_allowed(request, email):
    """Count one reset request from this client for this e-mail address; False when over a limit."""
    limit, window = settings.SEN_PASSWORD_RESET_LIMIT, max(settings.SEN_PASSWORD_RESET_WINDOW, 1)
    if limit <= 0:
        return True
    allowed = True
    for who in ("ip:" + client_id(request), "email:" + email.strip().lower()):
        key = RESET_KEY.format(hashlib.sha256(who.encode()).hexdigest()[:32])
        count = _count(key, window)
        if count is not None and count > limit:
            allowed = False
    return allowed


class PasswordResetView(account.PasswordResetView):
    """Wagtail's password reset, limited per client address and per e-mail address."""

    def form_valid(self, form):
        if not password_reset_allowed(self.request, form.cleaned_data["email"]):
            form.add_error(None, _("Too many password reset requests. Please try again later."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)
