"""News: the index page that lists articles, and the article page."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from articles.models.categories import Category, in_category_or_translations, in_locale
from articles.serializers import CategoriesField, MainImageField
from cms.blocks import BodyBlock
from cms.compare import InlinePanel  # Wagtail's, reporting only real moves in revision comparisons
from cms.content import SenDetailPageMixin, SenIndexPage, intro_field
from cms.paginator import Desc, paginate
from cms.shapes import typed_field

NEWS_PER_PAGE = 12
MAX_RELATED_ARTICLES = 6


# The order of news lists, for the database and for the seek paginator of deep pages.
NEWS_ORDER = [Desc("date", nulls_last=True), Desc("first_published_at"), Desc("pk")]


class NewsIndexPage(SenIndexPage):
    """A list of news articles, newest first, that visitors can filter by category."""

    intro = intro_field(_("A short text shown above the list of news."))

    subpage_types = ["articles.NewsPage"]
    listing_name = "articles"
    per_page = NEWS_PER_PAGE

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    def get_articles(self):
        """Public live articles under this index, newest first, with what a list item shows."""
        return self.get_listing()

    def listing_context(self, request):
        articles = self.get_articles()
        context = {}
        slug = (request.GET.get("category") or "").strip()
        category = None
        if slug:
            category = Category.objects.filter(locale_id=self.locale_id, slug=slug).first()
            if category is None:
                articles = articles.none()
                context["filter_message"] = gettext("There is no category “%(slug)s”.") % {"slug": slug[:100]}
            else:
                articles = articles.filter(pk__in=in_category_or_translations(category))
                context["query_without_page"] = urlencode({"category": category.slug})  # for the page links
        context["category"] = category
        context["categories"] = Category.objects.filter(locale_id=self.locale_id)
        context["articles"] = paginate(request, articles, self.per_page, keys=NEWS_ORDER)
        return context


class NewsPageTag(TaggedItemBase):
    """A tag on a news article."""

    content_object = ParentalKey("articles.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPageRelatedArticle(Orderable):
    """An article an editor chose to show under another one."""

    page = ParentalKey("articles.NewsPage", on_delete=models.CASCADE, related_name="related_article_links")
    article = models.ForeignKey(
        "articles.NewsPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("article"),
        help_text=_("A news article to suggest to readers of this one."),
    )

    panels = [PageChooserPanel("article", "articles.NewsPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")


def without_untranslated_summaries(articles):
    """``articles`` (translations, shown as cards on a page in their language) without a summary nobody translated.

    wagtail-localize publishes a translation whose untranslated segments keep the source text: an English
    article's card would show its Vietnamese summary. A translated article whose summary is still its source's
    (the default language's version, same text) is shown without one, as an article that has none. One query.
    """
    keys = {article.translation_key for article in articles if article.summary}
    if not keys:
        return articles
    sources = set(
        NewsPage.objects.filter(translation_key__in=keys, locale__language_code=settings.LANGUAGE_CODE)
        .exclude(locale_id=articles[0].locale_id)
        .values_list("translation_key", "summary")
    )
    for article in articles:
        if (article.translation_key, article.summary) in sources:
            article.summary = ""
    return articles


class NewsPage(SenDetailPageMixin, Page):
    """A news article: date, summary, main photo, body, byline, source, categories and tags."""

    listing_order = NEWS_ORDER
    listing_select_related = ("main_image", "locale")
    listing_prefetch_related = (
        "main_image__renditions",
        Prefetch("categories", queryset=Category.objects.order_by("name")),
    )
    index_name = "news_index"  # the category links

    serve_select_related = ("main_image",)  # read with the page when it is served (cms.chrome.serve)
    add_label = _("Add a news article")  # the "Thêm …" button of the listing and dashboard (cms/workflows/adding.py)

    date = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("publication date"),
        help_text=_("Shown on the article and used to order news. Left empty, it is set when first published."),
    )
    summary = models.TextField(
        blank=True,
        max_length=1000,
        verbose_name=_("summary"),
        help_text=_("One or two sentences shown in lists and under the title."),
    )
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
        help_text=_("The photo shown at the top of the article and in lists."),
    )
    main_image_alt = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("alt text"),
        help_text=_("Describe the photo for visitors who cannot see it. Required when there is a photo."),
    )
    main_image_caption = models.CharField(
        max_length=500,
        blank=True,
        verbose_name=_("caption"),
        help_text=_("Shown under the photo."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"), help_text=_("The text of the article."))
    author = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("author"),
        help_text=_("The byline, e.g. 'Thanh Tùng'."),
    )
    source = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("source"),
        help_text=_("Where the news comes from, shown as 'Nguồn tin: …'."),
    )
    source_url = models.URLField(
        max_length=500,
        blank=True,
        verbose_name=_("source link"),
        help_text=_("Optional address of the original article."),
    )
    categories = ParentalManyToManyField(
        "articles.Category",
        blank=True,
        related_name="news_pages",
        verbose_name=_("categories"),
        help_text=_("The sections this article belongs to."),
    )
    tags = ClusterTaggableManager(
        through=NewsPageTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Keywords, separated by commas."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("main_image"),
                FieldRowPanel([FieldPanel("main_image_alt"), FieldPanel("main_image_caption")]),
            ],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("author"), FieldRowPanel([FieldPanel("source"), FieldPanel("source_url")])],
            heading=_("Byline and source"),
        ),
        MultiFieldPanel(
            [FieldPanel("categories", widget=forms.CheckboxSelectMultiple), FieldPanel("tags")],
            heading=_("Categories and tags"),
        ),
        InlinePanel(
            "related_article_links",
            label=_("Related articles"),
            heading=_("Related articles"),
            max_num=MAX_RELATED_ARTICLES,
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.SearchField("source"),
        index.RelatedFields("categories", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
        index.FilterField("locale"),
    ]

    api_fields = [
        APIField("date"),
        APIField("summary"),
        APIField("main_image", serializer=MainImageField(source="*")),
        APIField("main_image_caption"),
        APIField("body"),
        APIField("author"),
        APIField("source"),
        APIField("source_url"),
        APIField("categories", serializer=CategoriesField(source="*")),
        APIField("tag_names", serializer=typed_field(list[str])()),
    ]
    api_filters = {
        "date_from": ("date__date__gte", "date"),
        "date_to": ("date__date__lte", "date"),
        "category": ("categories__slug", "slug", "articles.Category.slug"),
        "tag": ("tags__name__iexact", "text"),
    }

    parent_page_types = ["articles.NewsIndexPage"]

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def clean(self):
        super().clean()
        # "incomplete": still to fill in, so an autosave of the draft stays quiet (cms.workflows.editing)
        errors = {}
        if self.main_image_id and not self.main_image_alt.strip():
            errors["main_image_alt"] = ValidationError(
                _("Describe the main image for visitors who cannot see it."), code="incomplete"
            )
        if not self.main_image_id and (self.main_image_alt or self.main_image_caption).strip():
            errors["main_image"] = ValidationError(_("Choose the photo this alt text and caption describe."))
        if self.source_url and not self.source:
            errors["source"] = ValidationError(_("Name the source the link points to."), code="incomplete")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self._fill_date_on_publish()
        return super().save(*args, **kwargs)

    def _fill_date_on_publish(self):
        """Default the publication date to the moment the article first goes live.

        Publishing (from the admin, a workflow, a schedule or ``revision.publish()``)
        sets ``live``, ``first_published_at`` and ``live_revision`` then saves the
        page, so this is the one place every path goes through. (The admin saves a
        new page with ``live=True`` before publishing it: ``first_published_at`` is
        what tells a real publication apart.) Revisions keep their content as saved:
        ``with_content_json`` shows the date in the editor.
        """
        if self.date is not None or not self.live or self.first_published_at is None:
            return
        self.date = self.first_published_at

    def with_content_json(self, content):
        """A revision without a date, once the article is published, opens (in the editor, the
        comparison, the preview) with the date publishing gives it: the first publication."""
        page = super().with_content_json(content)
        if page.date is None and page.first_published_at is not None:
            page.date = page.first_published_at
        return page

    @property
    def display_date(self):
        """The date to show: the publication date, or when the article first went live."""
        return self.date or self.first_published_at

    @property
    def display_categories(self):
        """The article's categories in its own language (an English article's, in English once translated)."""
        # A listing or feed that shows many articles shares one lookup (``category_translations``, see in_locale).
        return in_locale(self.categories.all(), self.locale_id, getattr(self, "category_translations", None))

    @property
    def tag_names(self):
        return [tag.name for tag in self.tags.all()]

    def get_related_articles(self, limit=3):
        """Articles to suggest: the editor's choices, then the same category, then the newest.

        Runs a fixed number of queries whatever ``limit`` is, and works on previews
        (where the choices and categories are still in memory).
        """
        if limit <= 0:
            return []
        live = NewsPage.listing(NewsPage.objects.filter(locale_id=self.locale_id), within=self).exclude(pk=self.pk)
        chosen_ids = [link.article_id for link in self.related_article_links.all() if link.article_id]
        found = []
        if chosen_ids:
            by_id = {article.pk: article for article in live.filter(pk__in=chosen_ids)}
            found = [by_id[pk] for pk in dict.fromkeys(chosen_ids) if pk in by_id][:limit]
        category_ids = [category.pk for category in self.categories.all()]
        if len(found) < limit and category_ids:
            # A semi-join, not a join + DISTINCT: DISTINCT made PostgreSQL sort every article of the
            # category (240 ms at 100,000 articles) before taking the newest three.
            in_category = NewsPage.categories.through.objects.filter(category_id__in=category_ids)
            same_category = live.filter(pk__in=in_category.values("newspage_id")).exclude(pk__in=[a.pk for a in found])
            found += list(same_category[: limit - len(found)])
        if len(found) < limit:
            found += list(live.exclude(pk__in=[a.pk for a in found])[: limit - len(found)])
        return without_untranslated_summaries(found)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.pk and not getattr(request, "is_preview", False):
            prefetch_related_objects([self], "categories")  # read by the related articles and the template
        # Chosen only when the template's related section is not in the chrome cache ({% chromecache %}).
        context["related_articles"] = SimpleLazyObject(self.get_related_articles)
        return context
