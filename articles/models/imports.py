"""Where imported articles came from, so that importing a saved page again updates its draft."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRecord(models.Model):
    """One page imported from an old portal: its key (original URL or title+date hash) and its draft."""

    key = models.CharField(
        max_length=64,
        unique=True,
        verbose_name=_("import key"),
        help_text=_("SHA-256 of the original address, or of the title and date when the address is unknown."),
    )
    original_url = models.CharField(
        max_length=1000,
        blank=True,
        verbose_name=_("original address"),
        help_text=_("Where the article was on the old portal, when the saved page says so."),
    )
    source_file = models.CharField(
        max_length=1000,
        blank=True,
        verbose_name=_("imported file"),
        help_text=_("The saved page the article was last imported from."),
    )
    page = models.ForeignKey(
        "articles.NewsPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("article"),
        help_text=_("The draft article the import created."),
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported revision"),
        help_text=_("The revision the last import saved; a later one means an editor has worked on the article."),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("first imported"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("last imported"))

    class Meta:
        verbose_name = _("imported article")
        verbose_name_plural = _("imported articles")

    def __str__(self):
        return self.original_url or self.key
