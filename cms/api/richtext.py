"""Expanding the rich text of many objects at once: one lookup per link or embed type, not one per text.

``expand_db_html`` resolves the internal links and embeds of one text with a few queries;
a listing of 20 articles would repeat them 20 times. ``expand_many`` rewrites many
texts together, with the same rewriters Wagtail uses, so a listing runs the same number
of queries whatever its length.
"""

from collections import defaultdict

from wagtail.blocks import StreamValue
from wagtail.blocks.list_block import ListValue
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.rich_text import RichText, get_rewriter
from wagtail.rich_text.rewriters import LinkRewriter

from cms.mentions import MentionLinker


def linked_document_ids(html):
    """The ids of the documents a rich text (database format) links to."""
    ids = []
    for rewriter in get_rewriter().rewriters:
        if isinstance(rewriter, LinkRewriter):
            ids.extend(match.attrs.get("id") for match in rewriter.extract_tags(html).get("document", ()))
    return [pk for pk in ids if isinstance(pk, str) and pk.isdigit()]


def document_model():
    return get_document_model()


def _rewrite_many(rewriter, htmls):
    grouped = defaultdict(list)  # tag type -> [(text index, match)]
    for index, html in enumerate(htmls):
        for tag_type, matches in rewriter.extract_tags(html).items():
            grouped[tag_type].extend((index, match) for match in matches)
    replaced = defaultdict(list)
    for tag_type, items in grouped.items():
        # Page links: cms.pages.VisiblePageLinkHandler (public pages only, in the active language).
        replacements = rewriter.get_tag_replacements(tag_type, [match.attrs for _index, match in items])
        if not replacements:
            continue
        for (index, match), replacement in zip(items, replacements, strict=False):
            match.replacement = replacement
            replaced[index].append(match)
    results = []
    for index, html in enumerate(htmls):
        offset = 0
        for match in sorted(replaced.get(index, ()), key=lambda match: match.start):
            html = html[: match.start + offset] + match.replacement + html[match.end + offset :]
            offset += len(match.replacement) - match.end + match.start
        results.append(html)
    return results


def expand_many(htmls):
    """``[expand_db_html(html) for html in htmls]``, with one lookup per link or embed type."""
    results = list(htmls)
    for rewriter in get_rewriter().rewriters:
        results = _rewrite_many(rewriter, results)
    return results


def collect_rich_text(value, found):
    """Every ``RichText`` inside a block value (struct, list and stream values included)."""

    if isinstance(value, RichText):
        found.append(value)
    elif isinstance(value, StreamValue):
        for child in value:
            collect_rich_text(child.value, found)
    elif isinstance(value, dict):
        for item in value.values():
            collect_rich_text(item, found)
    elif isinstance(value, (list, tuple, ListValue)):
        for item in value:
            collect_rich_text(item, found)


def expand_in_place(objects, field_names, stream_values=(), stream_owners=None):
    """Replace the rich text of ``objects`` (fields named) and ``stream_values`` with display HTML.

    The display HTML is the page's: internal links resolved, and the names the plugins know
    linked to their pages (``cms.mentions``), once per text. Each rich text field is one text,
    and so is each stream value (its blocks in order); ``stream_owners`` gives the object each
    stream value belongs to, so that a page never links to itself.
    """

    if not objects and not stream_values:
        return
    rich_fields = []
    if objects:
        model = type(objects[0])
        rich_fields = [
            field.name
            for field in model._meta.get_fields()
            if isinstance(field, RichTextField) and field.name in field_names
        ]
    targets = []  # (setter, html, text key, owner)
    for obj in objects:
        for name in rich_fields:
            html = getattr(obj, name)
            if html:
                setter = lambda value, obj=obj, name=name: setattr(obj, name, value)  # noqa: E731
                targets.append((setter, html, (id(obj), name), obj))
    for index, stream_value in enumerate(stream_values):
        owner = stream_owners[index] if stream_owners else None
        rich_texts = []
        collect_rich_text(stream_value, rich_texts)
        for rich_text in rich_texts:
            if rich_text.source:
                setter = lambda value, rich_text=rich_text: setattr(rich_text, "source", value)  # noqa: E731
                targets.append((setter, rich_text.source, ("stream", index), owner))
    if not targets:
        return
    linkers = {}
    expanded = expand_many([html for _setter, html, _key, _owner in targets])
    for (setter, _html, key, owner), html in zip(targets, expanded, strict=True):
        if key not in linkers:
            linkers[key] = MentionLinker(owner if isinstance(owner, Page) else None)
        setter(linkers[key].link(html))
