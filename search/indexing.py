"""Keeping the search index (``SearchEntry``) in step with the pages.

One row per page (the tree's root excluded), with ``live`` telling whether the public
may find it. The page row holds the live content of a live page (drafts live in
revisions) and the latest content of a page never published; the entry is written
from the page row:

* ``page_published`` indexes the page that was just published;
* a full ``save()`` of a live page (pages created live from code, imports, the demo)
  indexes the page as saved;
* ``save_revision()`` of a draft writes only bookkeeping fields of the page row and
  is ignored: a draft edit changes nothing the public finds;
* any other partial save re-reads the page from the database, whose row always holds
  the live content (drafts live in revisions);
* ``page_unpublished`` marks the row not live; deleting the page deletes it through
  the foreign key.

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

from .models import Abbreviation, SearchEntry

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


# A number written with groups of three digits ("9.600", "9,600", "1.000.000"), and one written
# without them ("9600"): each is indexed in the other form too (``number_variants``).
GROUPED_NUMBER_RE = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,]\d{3})+(?![.,]?\d)")
PLAIN_NUMBER_RE = re.compile(r"(?<![\d.,])\d{4,18}(?![.,]?\d)")


def number_variants(text):
    """The other forms of the numbers in ``text``: "9.600" and "9,600" -> "9600"; "9600" -> "9 600"
    (the words "9" "600", which a query "9.600" or "9,600" asks for as a phrase)."""
    found = {number.replace(".", "").replace(",", "") for number in GROUPED_NUMBER_RE.findall(text)}
    for number in PLAIN_NUMBER_RE.findall(text):
        head = len(number) % 3 or 3
        found.add(" ".join([number[:head], *(number[i : i + 3] for i in range(head, len(number), 3))]))
    return sorted(found)


def abbreviation_pairs():
    """The administrators' abbreviations as folded (abbreviation, full form) pairs (``folded_words``);
    one query, read once per batch of pages indexed."""
    pairs = [
        (folded_words(short), folded_words(full)) for short, full in Abbreviation.objects.values_list("short", "full")
    ]
    return [(short, full) for short, full in pairs if short.strip() and full.strip() and short != full]


def abbreviation_variants(folded, pairs):
    """The other forms of the abbreviations ``folded`` holds. ``pairs`` are (abbreviation, full form)
    as folded words between single spaces (``folded_words``); the abbreviations of one full form
    go together ("GDĐT", "GD&ĐT", "Giáo dục và Đào tạo"): a page that writes one of them is found
    by every other."""
    groups = {}
    for short, full in pairs:
        groups.setdefault(full, {full}).add(short)
    found = []
    for forms in groups.values():
        if any(form in folded for form in forms):
            found.extend(form.strip() for form in sorted(forms) if form not in folded)
    return found


def variant_words(text, folded, pairs=()):
    """ "w1 w2 …": the words to index besides the page's own, so that a number typed in another
    grouping and an abbreviation or its full form find the page (appended after the page's words,
    which keeps the page's own phrases intact)."""
    variants = [*number_variants(text), *abbreviation_variants(folded, pairs)]
    return " ".join(word for variant in variants for word in words(variant))


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


def shown_in_excerpts(field):
    """Whether the text of a search field may be shown to visitors in an excerpt.

    A model declares index-only text (extra forms of a value, added so that search finds it
    typed other ways) with ``index.SearchField("number_search", excerpt=False)``: its words
    are matched, but excerpts show only what the page itself says.
    """
    return field.kwargs.get("excerpt", True) is not False


def _field_texts(obj, fields, shown=True):
    """(text, shown) for each searchable field of ``obj``; ``shown`` is False for index-only text."""
    for field in fields:
        if isinstance(field, index.SearchField):
            if field.field_name == "title" and isinstance(obj, Page):
                continue
            text = _prepare_value(field.get_value(obj))
            if text.strip():
                yield text, shown and shown_in_excerpts(field)
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
                yield from _field_texts(item, field.fields, shown)


def _unique_lines(parts):
    seen = set()
    unique = []
    for part in parts:
        part = clean_text(part)
        if part and part not in seen:
            seen.add(part)
            unique.append(part)
    return "\n".join(unique)


def page_texts(page):
    """(shown, hidden): the searchable text of a specific page besides its title, accents kept.

    ``shown`` is what excerpts may quote; ``hidden`` the index-only text (see
    ``shown_in_excerpts``), matched but never shown.
    """
    shown = [page.search_description] if page.search_description else []
    hidden = []
    for text, is_shown in _field_texts(page, page.get_search_fields()):
        (shown if is_shown else hidden).append(text)
    return _unique_lines(shown), _unique_lines(hidden)


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


def extra_tokens(folded, content_type_id, locale_id, date, title_folded=""):
    """The lexemes of the stored vector besides the words (PostgreSQL, migration 0007).

    Each pair of adjacent words as one lexeme (``hoi0khuyen khuyen0hoc``), then each run of
    three (``hoi0khuyen0hoc``): a quoted phrase of two or three words is one lexeme, found by
    the GIN index alone; a longer one is found through its runs of three before its positions
    are checked (reading the row's vector). On SQLite, pair i is at position i of the live FTS5
    table's ``tokens`` column, so a phrase is matched as the phrase of its pairs. Then the
    page type, locale and year as lexemes (``0ct12 0lc1 0y2018``), which no folded word can
    be (a word never starts with "0" followed by a letter run like these in practice), so
    that those filters are part of the index lookup. Last, each word of the title (``0ttrung``):
    the pages whose title holds the query's words are one index lookup (``search.ranking``).
    Computed here rather than in SQL
    (a regular expression per row made writing 100,000 entries take minutes)."""
    found = folded.split()
    tokens = [f"{first}0{second}" for first, second in zip(found, found[1:], strict=False)]
    tokens += [f"{a}0{b}0{c}" for a, b, c in zip(found, found[1:], found[2:], strict=False)]
    tokens.append(meta_token("ct", content_type_id))
    tokens.append(meta_token("lc", locale_id))
    if date is not None:
        tokens.append(meta_token("y", date.year))
    tokens += [meta_token("t", word) for word in dict.fromkeys(title_folded.split())]
    return " ".join(tokens)


def meta_token(kind, value):
    return f"0{kind}{value}"


def entry_values(page, pairs=None):
    """The index row of a specific page; ``pairs`` the abbreviations (``abbreviation_pairs()``)."""
    title = clean_text(page.title)
    text, hidden = page_texts(page)
    everything = f"{title}\n{text}\n{hidden}"
    folded = folded_words(everything, limit=MAX_FOLDED_CHARS)
    variants = variant_words(everything, folded, abbreviation_pairs() if pairs is None else pairs)
    if variants:
        folded += variants + " "
    date = page_date(page)
    return {
        "locale_id": page.locale_id,
        "content_type_id": page.content_type_id,
        "title": title[:255],
        "title_folded": folded_words(title),
        "text": text[:MAX_TEXT_CHARS],
        "folded": folded,
        "tokens": extra_tokens(folded, page.content_type_id, page.locale_id, date, folded_words(title)),
        "date": date,
        "live": bool(page.live),
    }


UPDATE_FIELDS = [
    "locale",
    "content_type",
    "title",
    "title_folded",
    "text",
    "folded",
    "tokens",
    "date",
    "live",
    "updated_at",
]


def _indexable(page):
    return page is not None and page.depth >= 2 and page.specific_class is not None


def index_pages(pages):
    """Write the rows of many specific pages in one statement (an upsert). Returns the count."""
    now = timezone.now()
    entries = []
    pairs = None
    for page in pages:
        if _indexable(page):
            pairs = abbreviation_pairs() if pairs is None else pairs
            entries.append(SearchEntry(page_id=page.pk, updated_at=now, **entry_values(page, pairs)))
    if entries:
        SearchEntry.objects.bulk_create(
            entries, update_conflicts=True, unique_fields=["page"], update_fields=UPDATE_FIELDS, batch_size=500
        )
    return len(entries)


def index_page(page):
    """Write (or remove) the index row of ``page`` (a Page, any class, or a page id).

    Every page but the tree's root has a row (drafts too, for the admin); ``live`` says
    whether the public may find it."""
    page_id = page if isinstance(page, int) else page.pk
    if isinstance(page, int) or type(page) is not page.specific_class:
        page = Page.objects.filter(pk=page_id).first()
        page = page.specific if page is not None else None
    if not _indexable(page):
        SearchEntry.objects.filter(page_id=page_id).delete()
        return None
    entry, _created = SearchEntry.objects.update_or_create(page_id=page_id, defaults=entry_values(page))
    return entry


def remove_page(page):
    SearchEntry.objects.filter(page_id=getattr(page, "pk", page)).delete()


def _index_in_chunks(queryset, chunk_size=500):
    count = 0
    chunk = []
    for page in queryset.specific().iterator(chunk_size=chunk_size):
        chunk.append(page)
        if len(chunk) >= chunk_size:
            count += index_pages(chunk)
            chunk = []
    return count + index_pages(chunk)


def rebuild(log=None):
    """Rebuild every row: index every page below the root, drop rows of pages that are gone."""
    with transaction.atomic():
        SearchEntry.objects.filter(page__depth__lt=2).delete()
        count = _index_in_chunks(Page.objects.filter(depth__gte=2).order_by("path"))
    if log:
        log(count)
    return count


def index_missing():
    """Index the pages that have no entry yet (e.g. created before this app existed)."""
    return _index_in_chunks(Page.objects.filter(depth__gte=2, sen_search_entry__isnull=True).order_by("path"))


# Signal receivers (connected in SearchConfig.ready).


# Migrations after which every row is written again (what a row holds changed): the number forms,
# abbreviations and title words of migration 0013.
REINDEX_AFTER = {("sen_search", "0013_seed_abbreviations")}


def on_post_migrate(sender, using="default", plan=None, **kwargs):
    if using != "default":
        return
    applied = {(migration.app_label, migration.name) for migration, backwards in plan or [] if not backwards}
    if applied & REINDEX_AFTER:
        rebuild()
    else:
        index_missing()


def on_page_published(sender, instance, **kwargs):
    index_page(instance)


def on_page_unpublished(sender, instance, **kwargs):
    index_page(instance.pk)


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
    if update_fields is None and type(instance) is instance.specific_class:
        # A full save writes this object's content as the live content.
        index_page(instance)
    else:
        # A partial save, or a save through a base class: what is live is in the database.
        index_page(instance.pk)
