"""The search index of pages: one row per page, with its text folded for matching.

This is the one index of pages: the site search, ``/api/sen/search``, ``/api/v2/…?search=``
and the admin's page search and choosers all read it (the latter two through the Wagtail
search backend ``search.backends``). See ``search.indexing`` for how rows are kept
current and ``search.query`` for how they are searched.

Besides the model's columns the table has, per database (migration 0003):

* PostgreSQL: ``vector``, a stored ``tsvector`` generated from ``folded`` with the
  ``simple`` configuration (no stemming, no stop words, no ``unaccent``: the words are
  folded already) and a GIN index on it;
* SQLite: the FTS5 table ``sen_search_fts`` over ``title_folded`` and ``folded``
  (external content, kept in step by triggers on every insert, update and delete).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """What the public can find of one live page, in the page's locale.

    ``folded`` holds the page's words (title, description and every searchable
    field the page model declares), accent-free, lower case and separated by
    single spaces, with a space at each end: " trung tam hoc tap cong dong ".
    ``text`` keeps the same content with its accents for the excerpts.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="sen_search_entry",
        verbose_name=_("page"),
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+", verbose_name=_("locale")
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+", verbose_name=_("content type")
    )
    title = models.CharField(_("title"), max_length=255)
    title_folded = models.TextField(_("folded title"))
    text = models.TextField(_("text"), blank=True)
    folded = models.TextField(_("folded words"))
    # PostgreSQL's vector also holds these lexemes (pairs of words, type, locale, year):
    # see ``search.indexing.extra_tokens``.
    tokens = models.TextField(_("index tokens"), blank=True, default="", db_default="", editable=False)
    date = models.DateField(_("date"), null=True, blank=True, db_index=True)
    # Drafts are indexed too (the admin searches them); the site and the APIs only see live rows.
    live = models.BooleanField(_("live"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        indexes = [models.Index(fields=["locale", "content_type"], name="sen_search_locale_type")]

    def __str__(self):
        return self.title


class Abbreviation(models.Model):
    """An abbreviation search treats as its full form ("UBND" = "Ủy ban nhân dân") and back.

    Administrators extend the list in the admin (Settings → Abbreviations); a page is found by
    either form once it is indexed again (saving or deleting an abbreviation reindexes the pages
    that hold either form, see ``search.synonyms``)."""

    short = models.CharField(
        _("abbreviation"), max_length=40, unique=True, help_text=_("As it is written, e.g. UBND or GD&ĐT.")
    )
    full = models.CharField(_("full form"), max_length=255, help_text=_("What it stands for, e.g. Ủy ban nhân dân."))

    class Meta:
        verbose_name = _("abbreviation")
        verbose_name_plural = _("abbreviations")
        ordering = ["short"]

    def __str__(self):
        return f"{self.short} – {self.full}"
