"""News: the index page that lists articles, and the article page."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from articles.models.categories import Category
from articles.models.listings import news_listing
from articles.serializers import CategoriesField, MainImageField, RichTextHTMLField
from cms import chrome
from cms.blocks import BodyBlock
from cms.compare import InlinePanel  # Wagtail's, reporting only real moves in revision comparisons
from cms.pages import SenPageMixin
from cms.paginator import Desc, paginate
from cms.shapes import typed_field

NEWS_PER_PAGE = 12
MAX_RELATED_ARTICLES = 6


# The order of news lists (articles.queries.news_listing), for the seek paginator of deep pages.
NEWS_ORDER = [Desc("date", nulls_last=True), Desc("first_published_at"), Desc("pk")]


class NewsIndexPage(SenPageMixin, Page):
    """A list of news articles, newest first, that visitors can filter by category."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        verbose_name=_("introduction"),
        help_text=_("A short text shown above the list of news."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    api_fields = [APIField("intro", serializer=RichTextHTMLField())]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.NewsPage"]

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    def get_articles(self):
        """Public live articles under this index, newest first, with what a list item shows."""
        return news_listing(NewsPage.objects.child_of(self), within=self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.get_articles()
        slug = (request.GET.get("category") or "").strip()
        category = None
        if slug:
            category = Category.objects.filter(locale_id=self.locale_id, slug=slug).first()
            if category is None:
                articles = articles.none()
                context["filter_message"] = gettext("There is no category “%(slug)s”.") % {"slug": slug[:100]}
            else:
                articles = articles.filter(categories=category)
        context["category"] = category
        context["categories"] = Category.objects.filter(locale_id=self.locale_id)
        context["articles"] = paginate(request, articles, NEWS_PER_PAGE, keys=NEWS_ORDER)
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


class NewsPage(SenPageMixin, Page):
    """A news article: date, summary, main photo, body, byline, source, categories and tags."""

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
    subpage_types = []

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
    def tag_names(self):
        return [tag.name for tag in self.tags.all()]

    def get_related_articles(self, limit=3):
        """Articles to suggest: the editor's choices, then the same category, then the newest.

        Runs a fixed number of queries whatever ``limit`` is, and works on previews
        (where the choices and categories are still in memory).
        """
        if limit <= 0:
            return []
        live = news_listing(NewsPage.objects.filter(locale_id=self.locale_id), within=self).exclude(pk=self.pk)
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
        return found

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.pk and not getattr(request, "is_preview", False):
            prefetch_related_objects([self], "categories")  # read by the related articles and the template
        # Chosen only when the template's related section is not in the chrome cache ({% chromecache %}).
        context["related_articles"] = SimpleLazyObject(self.get_related_articles)
        parent_path = self.path[: -self.steplen] if self.path else ""

        def parent():
            found = self.get_parent()
            return found.specific if found is not None else None

        # The news index (for the category links) is the same for all its articles: kept in the chrome cache.
        context["news_index"] = chrome.cached("page-by-path", [parent_path], parent, request) if parent_path else None
        return context
