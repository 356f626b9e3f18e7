"""Categories editors sort news into (Giáo dục, Khuyến học, Xã hội học tập…)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from cms.text import slugify_vi


class Category(TranslatableMixin, index.Indexed, models.Model):
    """A news category, managed as a snippet and translatable with wagtail-localize."""

    name = models.CharField(
        max_length=100,
        verbose_name=_("name"),
        help_text=_("The category as visitors read it, e.g. 'Khuyến học'."),
    )
    slug = models.SlugField(
        max_length=100,
        blank=True,
        allow_unicode=False,
        verbose_name=_("slug"),
        help_text=_("Used in addresses (?category=…). Left empty, it is made from the name without accents."),
    )
    description = models.TextField(
        blank=True,
        verbose_name=_("description"),
        help_text=_("An optional sentence shown at the top of the category's list of news."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="articles_category_unique_slug_per_locale"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if not self.slug:
            self.slug = slugify_vi(self.name, max_length=100)
        if not self.slug:
            raise ValidationError({"slug": _("Give the category a name or slug with letters or digits.")})
        duplicates = Category.objects.filter(locale_id=self.locale_id, slug=self.slug).exclude(pk=self.pk)
        if self.locale_id and duplicates.exists():
            raise ValidationError({"slug": _("Another category already uses this slug.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.name, max_length=100)
        super().save(*args, **kwargs)
