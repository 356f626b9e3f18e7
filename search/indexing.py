"""Keeping the search index (``SearchEntry``) in step with what the public can see.

One row per live page (the tree's root excluded). The row is written from the page's *live* content:

* ``page_published`` indexes the page that was just published;
* a full ``save()`` of a live page (pages created live from code, imports, the demo)
  indexes the page as saved;
* ``save_revision()`` of a draft writes only bookkeeping fields of the page row and
  is ignored: a draft edit changes nothing the public finds;
* any other partial save re-reads the page from the database, whose row always holds
  the live content (drafts live in revisions);
* ``page_unpublished`` and saves of a page that is not live delete the row; deleting
  the page deletes it through the foreign key.

Each update touches one page (one read of its related fields, one upsert); there is no
full reindex on publish. ``manage.py rebuild_search_index`` rebuilds every row (after
installing a plugin or changing a model's ``search_fields``).

The date of a page (for the date filter and the order of results) is the first of
these attributes its model defines: ``search_date`` (the convention for page types:
a date or datetime; ``None`` leaves the page undated), ``display_date``; otherwise the
date of its first publication.
"""

import datetime
import re
import unicodedata

from django.db import transaction
from django.db.models import Manager
from django.utils import timezone
from django.utils.encoding import force_str
from wagtail.models import Page
from wagtail.search import index

from cms.text import fold

from .models import SearchEntry

# Words are runs of letters and digits; everything else separates them.
WORD_RE = re.compile(r"[^\W_]+")
# A page's words beyond this many characters are not indexed (PostgreSQL keeps word
# positions only up to 16 383, and a tsvector below 1 MB); both databases cut the same way.
MAX_FOLDED_CHARS = 100_000
DATE_ATTRIBUTES = ("search_date", "display_date")
# Text kept with its accents for excerpts.
MAX_TEXT_CHARS = 50_000


def words(text):
    """The folded words of ``text``: "Phường 4, Mỹ Tho" -> ["phuong", "4", "my", "tho"]."""
    return WORD_RE.findall(fold(text))


def folded_words(text, limit=None):
    """ " w1 w2 … " — the form stored in ``SearchEntry.folded`` and ``title_folded``."""
    joined = " ".join(words(text))
    if limit and len(joined) > limit:
        joined = joined[:limit].rsplit(" ", 1)[0]
    return f" {joined} "


def clean_text(text):
    return " ".join(unicodedata.normalize("NFC", text).split())


def _prepare_value(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(_prepare_value(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_prepare_value(item) for item in value.values())
    return force_str(value)


def _field_texts(obj, fields):
    for field in fields:
        if isinstance(field, index.SearchField):
            if field.field_name == "title" and isinstance(obj, Page):
                continue
            text = _prepare_value(field.get_value(obj))
            if text.strip():
                yield text
        elif isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            if isinstance(related, Manager):
                related = related.all()
            else:
                if callable(related):
                    related = related()
                related = [related]
            for item in related:
                yield from _field_texts(item, field.fields)


def page_text(page):
    """The searchable text of a specific page besides its title, accents kept."""
    parts = []
    if page.search_description:
        parts.append(page.search_description)
    parts.extend(_field_texts(page, page.get_search_fields()))
    seen = set()
    unique = []
    for part in parts:
        part = clean_text(part)
        if part and part not in seen:
            seen.add(part)
            unique.append(part)
    return "\n".join(unique)


def page_date(page):
    """The date search filters a page by (see the module docstring)."""
    for attribute in DATE_ATTRIBUTES:
        if hasattr(type(page), attribute):
            value = getattr(page, attribute)
            break
    else:
        value = page.first_published_at
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return value if isinstance(value, datetime.date) else None


def entry_values(page):
    title = clean_text(page.title)
    text = page_text(page)
    return {
        "locale_id": page.locale_id,
        "content_type_id": page.content_type_id,
        "title": title[:255],
        "title_folded": folded_words(title),
        "text": text[:MAX_TEXT_CHARS],
        "folded": folded_words(f"{title}\n{text}", limit=MAX_FOLDED_CHARS),
        "date": page_date(page),
    }


def index_page(page):
    """Write (or remove) the index row of ``page`` (a Page, any class, or a page id)."""
    page_id = page if isinstance(page, int) else page.pk
    if isinstance(page, int) or type(page) is not page.specific_class:
        page = Page.objects.filter(pk=page_id).first()
        page = page.specific if page is not None else None
    if page is None or not page.live or page.depth < 2 or page.specific_class is None:
        SearchEntry.objects.filter(page_id=page_id).delete()
        return None
    entry, _created = SearchEntry.objects.update_or_create(page_id=page_id, defaults=entry_values(page))
    return entry


def remove_page(page):
    SearchEntry.objects.filter(page_id=getattr(page, "pk", page)).delete()


def rebuild(log=None):
    """Rebuild every row: index every live page, drop rows of pages no longer live."""
    count = 0
    with transaction.atomic():
        SearchEntry.objects.exclude(page__live=True).delete()
        SearchEntry.objects.filter(page__depth__lt=2).delete()
        for page in Page.objects.live().filter(depth__gte=2).specific().iterator(chunk_size=200):
            index_page(page)
            count += 1
    if log:
        log(count)
    return count


def index_missing():
    """Index the live pages that have no entry yet (e.g. created before this app existed)."""
    count = 0
    missing = Page.objects.live().filter(depth__gte=2, sen_search_entry__isnull=True)
    for page in missing.specific().iterator(chunk_size=200):
        index_page(page)
        count += 1
    return count


# Signal receivers (connected in SearchConfig.ready).


def on_post_migrate(sender, using="default", **kwargs):
    if using == "default":
        index_missing()


def on_page_published(sender, instance, **kwargs):
    index_page(instance)


def on_page_unpublished(sender, instance, **kwargs):
    remove_page(instance)


# Fields a partial save may write without changing what the public sees of a page
# (``save_revision()`` of a draft writes only these, plus the comments relation).
BOOKKEEPING_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "draft_title",
    "wagtail_admin_comments",
    "comments",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
}


def on_page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    if update_fields is not None and set(update_fields) <= BOOKKEEPING_FIELDS:
        # A draft saved with save_revision(): the live content is unchanged.
        return
    if not instance.live:
        remove_page(instance)
    elif update_fields is None and type(instance) is instance.specific_class:
        # A full save writes this object's content as the live content.
        index_page(instance)
    else:
        # A partial save, or a save through a base class: what is live is in the database.
        index_page(instance.pk)
