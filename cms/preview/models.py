"""Preview-link revocation: a page's preview epoch."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PreviewEpoch(models.Model):
    """A page's preview-link generation: links made before the current epoch no longer work."""

    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    epoch = models.PositiveIntegerField(_("epoch"), default=0)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        db_table = "cms_previewepoch"  # made by the cms app before it had its own label
        verbose_name = _("preview link revocation")
        verbose_name_plural = _("preview link revocations")

    def __str__(self):
        return f"{self.page_id}: {self.epoch}"
