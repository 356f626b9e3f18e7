"""What documents are sorted by: their kind, the body that issued them, their field."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from cms.text import slugify_vi, vi_sort_key


class _NamedSnippet(index.Indexed, models.Model):
    """A name visitors filter by, with an ASCII slug for addresses and a Vietnamese sort key."""

    name = models.CharField(max_length=255, verbose_name=_("name"), help_text=_("As visitors read it."))
    slug = models.SlugField(
        max_length=100,
        blank=True,
        allow_unicode=False,
        verbose_name=_("slug"),
        help_text=_("Used in addresses and the API (?kind=…). Left empty, it is made from the name without accents."),
    )
    name_sort = models.CharField(max_length=1000, editable=False, default="", db_index=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name_sort"]

    def __str__(self):
        return self.name

    def _duplicates(self):
        queryset = type(self).objects.filter(slug=self.slug).exclude(pk=self.pk)
        if hasattr(self, "locale_id"):
            queryset = queryset.filter(locale_id=self.locale_id)
        return queryset

    def clean(self):
        super().clean()
        if not self.slug:
            self.slug = slugify_vi(self.name, max_length=100)
        if not self.slug:
            raise ValidationError({"slug": _("Give a name or slug with letters or digits.")})
        if self._duplicates().exists():
            raise ValidationError({"slug": _("Another entry already uses this slug.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.name, max_length=100)
        self.name_sort = vi_sort_key(self.name)
        super().save(*args, **kwargs)


class DocumentKind(TranslatableMixin, _NamedSnippet):
    """A kind of document: Luật, Nghị định, Quyết định, Thông tư, Kế hoạch, Công văn…"""

    name = models.CharField(
        max_length=255, verbose_name=_("name"), help_text=_("As visitors read it, e.g. 'Quyết định'.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("document kind")
        verbose_name_plural = _("document kinds")
        ordering = ["name_sort"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="documents_kind_unique_slug_per_locale"),
        ]


class DocumentField(TranslatableMixin, _NamedSnippet):
    """A field ("lĩnh vực") documents belong to: Giáo dục thường xuyên, Khuyến học…"""

    name = models.CharField(
        max_length=255, verbose_name=_("name"), help_text=_("As visitors read it, e.g. 'Khuyến học'.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("document field")
        verbose_name_plural = _("document fields")
        ordering = ["name_sort"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="documents_field_unique_slug_per_locale"),
        ]


class IssuingBody(_NamedSnippet):
    """A body that issues documents: Thủ tướng Chính phủ, Bộ Giáo dục và Đào tạo, Phòng GD&ĐT…"""

    name = models.CharField(
        max_length=255,
        verbose_name=_("name"),
        help_text=_("The full name, e.g. 'Bộ Giáo dục và Đào tạo'."),
    )

    short_name = models.CharField(
        max_length=100,
        blank=True,
        verbose_name=_("short name"),
        help_text=_("The abbreviation in document numbers, e.g. 'BGDĐT' or 'PGDĐT'."),
    )

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")
        ordering = ["name_sort"]
        constraints = [models.UniqueConstraint(fields=["slug"], name="documents_issuer_unique_slug")]
