"""Bulk test content: ``manage.py generate_content --news 100000 --seed 1``.

Plugins register ``cms.hooks.ContentGenerator``s through the ``sen_generate_content`` hook; each
adds an option to the command (``--news N``) and is called with a ``GenerateContext``
(a seeded word source built from the demo content, the images to reuse) and the count.

``bulk_add_children`` adds many published pages under one parent without going through
``add_child``/``save``/``publish`` and their signals for each page: treebeard paths are
computed in bulk, the page rows, the specific rows and one revision per page are inserted
with a few statements per batch, and the pages are indexed in bulk through the search
backend (``add_bulk``). Pages are named by seed and number (``slug_prefix-<seed>-<n>``):
a page whose slug exists under the parent is skipped, so a run is idempotent and a
bigger run with the same seed adds only what is missing.
"""

import datetime
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.models import get_all_child_relations
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail.search.backends import get_search_backend

from cms.wagtail_adapters.tree_paths import child_path, last_step

BATCH_SIZE = 1000
INSERT_CHUNK = 500  # rows per INSERT statement (SQLite's limit on parameters)
_WORD_RE = re.compile(r"[^\W\d_]+")


@dataclass
class GenerateContext:
    seed: int
    tokens: list  # words of the demo content, as often as they occur there
    images: list = field(default_factory=list)
    log: Callable = print

    def rng(self, *keys):
        """A random source for one item, the same for the same seed and keys."""
        return random.Random(":".join(str(key) for key in (self.seed, *keys)))  # noqa: S311 - test data

    def words(self, rng, low, high):
        return rng.choices(self.tokens, k=rng.randint(low, high))

    def sentence(self, rng, low=8, high=20):
        text = " ".join(self.words(rng, low, high))
        return text[:1].upper() + text[1:] + "."

    def title(self, rng, low=6, high=12):
        text = " ".join(self.words(rng, low, high))
        return text[:1].upper() + text[1:]

    def paragraph(self, rng, sentences=(2, 5)):
        return " ".join(self.sentence(rng) for _ in range(rng.randint(*sentences)))

    def image(self, rng):
        return rng.choice(self.images) if self.images else None

    def date(self, rng, start=datetime.date(2015, 1, 1), days=4000):
        return start + datetime.timedelta(days=rng.randrange(days))


def _text_values(page):
    for model_field in page._meta.concrete_fields:
        if isinstance(model_field, (models.CharField, models.TextField, RichTextField, StreamField)):
            if model_field.name in {"path", "slug", "url_path", "draft_title"} or model_field.choices:
                continue
            value = getattr(page, model_field.attname, None)
            if isinstance(model_field, StreamField) and value is not None:
                value = " ".join(str(block.value) for block in value)
            if value:
                yield strip_tags(str(value))


def vocabulary(limit=50_000):
    """The words of the live pages (titles and text fields), lower case, as often as they occur."""
    tokens = []
    # In the order pages were made: the demo's first, so the same demo gives the same words.
    for page in Page.objects.live().filter(depth__gte=2).order_by("pk").specific().iterator(chunk_size=100):
        for text in _text_values(page):
            tokens.extend(word.lower() for word in _WORD_RE.findall(text))
            if len(tokens) >= limit:
                return tokens
    return tokens


def make_context(seed, log=print):
    tokens = vocabulary()
    if len(set(tokens)) < 20:
        raise ValueError("Load the demo content first (manage.py load_demo): its words make the text.")
    images = list(get_image_model().objects.order_by("pk")[:200])
    return GenerateContext(seed=seed, tokens=tokens, images=images, log=log)


def _next_step(parent):
    last = parent.get_last_child()
    return last_step(last.path) if last else 0


def bulk_add_children(parent, pages, when=None, index=True):
    """Add ``pages`` (unsaved instances of one specific page model, with title, slug and
    their own fields set) as live children of ``parent``; returns the pages added."""
    if not pages:
        return []
    model = type(pages[0])
    existing = set(parent.get_children().filter(slug__in=[p.slug for p in pages]).values_list("slug", flat=True))
    pages = [page for page in pages if page.slug not in existing]
    if not pages:
        return []
    when = when or timezone.now()
    content_type = ContentType.objects.get_for_model(model)
    page_type = ContentType.objects.get_for_model(Page)
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    added = []
    for start in range(0, len(pages), BATCH_SIZE):
        batch = pages[start : start + BATCH_SIZE]
        with transaction.atomic():
            parent = Page.objects.select_for_update().get(pk=parent.pk)
            step = _next_step(parent)
            for offset, page in enumerate(batch, start=1):
                for relation in get_all_child_relations(page):
                    # Empty in memory: reading them (revision content, search text) needs no query.
                    if relation.get_accessor_name() not in page.__dict__:
                        setattr(page, relation.get_accessor_name(), [])
                page.path = child_path(parent, step + offset)
                page.depth = parent.depth + 1
                page.numchild = 0
                page.url_path = f"{parent.url_path}{page.slug}/"
                page.locale_id = parent.locale_id
                page.content_type = content_type
                page.live = True
                page.has_unpublished_changes = False
                page.draft_title = page.title
                page.first_published_at = page.first_published_at or when
                page.last_published_at = page.last_published_at or when
                page.latest_revision_created_at = when
            # The page rows, written from the specific instances (no Page copies).
            for chunk_start in range(0, len(batch), INSERT_CHUNK):
                chunk = batch[chunk_start : chunk_start + INSERT_CHUNK]
                returned = Page._base_manager._insert(
                    chunk, fields=page_fields, returning_fields=Page._meta.db_returning_fields, using="default"
                )
                for page, row in zip(chunk, returned, strict=True):
                    page.pk = page.page_ptr_id = row[0]
                    page._state.adding = False
            # The specific rows (multi-table inheritance: bulk_create cannot write them).
            local_fields = list(model._meta.local_concrete_fields)
            for chunk_start in range(0, len(batch), INSERT_CHUNK):
                model._base_manager._insert(batch[chunk_start : chunk_start + INSERT_CHUNK], fields=local_fields)
            Revision.objects.bulk_create(
                [
                    Revision(
                        content_type=content_type,
                        base_content_type=page_type,
                        object_id=str(page.pk),
                        object_str=page.title,
                        content=page.serializable_data(),
                        created_at=when,
                    )
                    for page in batch
                ],
                batch_size=INSERT_CHUNK,
            )
            # One statement links each page to its revision (index on base type + object id).
            revision = Revision.objects.filter(
                base_content_type=page_type, object_id=Cast(OuterRef("pk"), models.CharField())
            ).order_by("-pk")
            Page.objects.filter(pk__in=[page.pk for page in batch]).update(
                latest_revision_id=Subquery(revision.values("pk")[:1]),
                live_revision_id=Subquery(revision.values("pk")[:1]),
            )
            Page.objects.filter(pk=parent.pk).update(numchild=models.F("numchild") + len(batch))
            if index:
                get_search_backend().add_bulk(model, batch)
        added.extend(batch)
    return added
