"""The content change time every process reads, and rate-limit counts kept when there is no Redis."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentChange(models.Model):
    """When the site's content last changed (Unix seconds): one row, read by every app server and worker.

    ``cms.http.middleware`` reads it for Last-Modified and moves it on after every committed change, so a
    change made by any process (a scheduled publish by the worker) is seen by all the others.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    changed_at = models.BigIntegerField(_("changed at"), default=0)

    class Meta:
        db_table = "cms_contentchange"  # made by the cms app before it had its own label
        verbose_name = _("content change time")
        verbose_name_plural = _("content change times")

    def __str__(self):
        return str(self.changed_at)


class RateLimitCount(models.Model):
    """Requests a client made in one rate-limit window, when there is no Redis to count them in."""

    key = models.CharField(_("key"), max_length=120, primary_key=True)
    count = models.PositiveIntegerField(_("count"), default=0)
    expires_at = models.BigIntegerField(_("expires at"), db_index=True)

    class Meta:
        db_table = "cms_ratelimitcount"  # made by the cms app before it had its own label
        verbose_name = _("rate-limit count")
        verbose_name_plural = _("rate-limit counts")

    def __str__(self):
        return f"{self.key}: {self.count}"
