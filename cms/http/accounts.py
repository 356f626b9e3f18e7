"""Sign-in protection: django-axes' lockout page and a throttled password reset.

Failed passwords are counted by django-axes (settings: ``AXES_*``): five for one account
from one address lock that pair out until an administrator resets it. Password reset
e-mails are limited per address and per e-mail address typed, counted whether or not an
account has that address, so the answer never tells which accounts exist.
"""

import hashlib
import time

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.admin.views import account

from cms.http.middleware import client_id, count_request

RESET_KEY = "sen:password-reset:{}"


def password_reset_allowed(request, email):
    """Count one reset request from this client for this e-mail address; False when over a limit."""
    limit, window = settings.SEN_PASSWORD_RESET_LIMIT, max(settings.SEN_PASSWORD_RESET_WINDOW, 1)
    if limit <= 0:
        return True
    allowed = True
    # Counted where every app server sees the same number (Redis, else the database), per window.
    slot = int(time.time() // window)
    for who in ("ip:" + client_id(request), "email:" + email.strip().lower()):
        key = RESET_KEY.format(hashlib.sha256(who.encode()).hexdigest()[:32]) + f":{slot}"
        count = count_request(key, (slot + 1) * window)
        if count is not None and count > limit:
            allowed = False
    return allowed


def axes_username(request, credentials=None):
    """The user name django-axes records, cut to its column's 255 characters.

    Axes' own lookup (the ``username`` of the credentials, else of the posted form) stores the
    name as typed; a 10 kB name was a database error on PostgreSQL (a 500 on the sign-in page).
    """
    field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")
    username = (credentials or {}).get(field) if credentials else None
    if username is None and request is not None:
        username = request.POST.get(field)
    return None if username is None else str(username)[:255]


class PasswordResetView(account.PasswordResetView):
    """Wagtail's password reset, limited per client address and per e-mail address."""

    def form_valid(self, form):
        if not password_reset_allowed(self.request, form.cleaned_data["email"]):
            form.add_error(None, _("Too many password reset requests. Please try again later."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)
