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


def in_locale(categories, locale_id, known=None):
    """``categories`` as their translations into ``locale_id``, in the same order (one query at most).

    A translated article keeps its source's categories (wagtail-localize copies many-to-many fields as they
    are): an English article would read "Giáo dục". Shown in the article's language instead, or as they are
    when nobody translated them yet. ``known`` (a dict kept for one listing or feed) holds every category of
    each locale asked for: one query per locale for the whole listing, not one per article.
    """
    categories = list(categories)
    foreign = {category.translation_key for category in categories if category.locale_id != locale_id}
    if not foreign:
        return categories
    if known is not None:
        if locale_id not in known:
            known[locale_id] = {c.translation_key: c for c in Category.objects.filter(locale_id=locale_id)}
        translated = known[locale_id]
    else:
        translated = {
            category.translation_key: category
            for category in Category.objects.filter(translation_key__in=foreign, locale_id=locale_id)
        }
    return [
        category if category.locale_id == locale_id else translated.get(category.translation_key, category)
        for category in categories
    ]


def in_category_or_translations(category):
    """The ids of the news pages in ``category`` or in one of its translations, as a subquery (a semi-join:
    a translated article keeps its source's categories, and is listed under the translated category)."""
    through = Category.news_pages.through
    return through.objects.filter(category__translation_key=category.translation_key).values("newspage_id")
