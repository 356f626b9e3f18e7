"""A name mentioned in a text becomes a link to its page: a service of the core, for every plugin.

Plugins say which names link where through the ``sen_link_targets`` hook (a centre by its
names, a document by its number such as ``1009/KH-PGDĐT``). The core applies them wherever
rich text is shown: the public pages' templates (``{% filter link_mentions:page %}`` in
``sen_tags``), the API's display-ready rich text (``cms.api.richtext``), and the news
importer stores them as internal links.

The rules: a name matches whole (not inside a longer word or number), with its exact accents
and case; only its first mention in a text is linked; never inside an existing link, a
heading, a script or an attribute; a page is never linked from itself, nor twice when the
text already links to it. A name two pages share is ambiguous and is not linked.

The targets are collected once per *version* and kept in the cache. Any page published,
unpublished, moved or deleted makes a new version (now and again after the commit, so a render
in between cannot keep the old list), since that page may be a target or become one. The
version lives where every process sees it: in Redis, or with the local-memory cache in a file
under ``SEN_VAR_DIR`` (as the page cache's generation). Rendering a text reads the version
and, once per version and process, the cached targets: never the database.
"""

import html
import logging
import re

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import hooks as sen_hooks
from cms.generation import SharedToken
from cms.pages import listable

logger = logging.getLogger("sen.mentions")

VERSION_KEY = "sen:link-targets:version"
CACHE_KEY = "sen:link-targets:{version}"
CACHE_SECONDS = 24 * 60 * 60  # a new version on every publish anyway; a day bounds a missed signal
MIN_NAME_LENGTH = 4  # shorter names ("TT", "Số 4") would link ordinary words

# Text inside these elements is never linked.
SKIPPED_ELEMENTS = frozenset(
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "textarea", "button", "select", "code", "pre"}
)
_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>|<[^>]*>", re.S)
_HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["']([^"']*)["']""", re.I)
_SPACE = r"(?:\s|&nbsp;|&#160;|\xa0)+"
# Whole names: not glued to a word before or after, nor to a longer number ("21009/…", "…-PGDĐT-2").
_BEFORE = r"(?<!\w)(?<!\w[/\-.])"
_AFTER = r"(?!\w)(?![/\-.]\w)"


class _Matcher:
    """The names of one version of the targets as one regular expression (a trie of their letters)."""

    def __init__(self, version, entries):
        self.version = version
        self.by_name = {}
        ambiguous = set()
        for name, page_id, url in entries:
            key = " ".join(html.escape(name, quote=False).split())
            if key in self.by_name and self.by_name[key][0] != page_id:
                ambiguous.add(key)
            self.by_name.setdefault(key, (page_id, url))
        for key in ambiguous:
            del self.by_name[key]
        self.page_by_path = {_path(url): page_id for page_id, url in self.by_name.values()}
        self.pattern = None
        if self.by_name:
            self.pattern = re.compile(_BEFORE + _trie_pattern(self.by_name) + _AFTER)


def _trie_pattern(names):
    trie = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = True
    return "(?:" + _node_pattern(trie) + ")"


def _node_pattern(node):
    branches = [
        (_SPACE if char == " " else re.escape(char)) + _node_pattern(child) for char, child in node.items() if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return "(?:" + body + ")?"
    return body


_matcher = None


def collect_targets():
    """[(name, page id, page URL)] from every plugin's ``sen_link_targets``: public pages (``cms.pages.listable``:
    live, not expired, no view restriction) with a URL."""
    targets = [target for target in sen_hooks.collect(sen_hooks.LINK_TARGETS) if target.page is not None]
    pages = {target.page.pk for target in targets if isinstance(target.page, Page)}
    public = set(listable(Page.objects.filter(pk__in=pages)).values_list("pk", flat=True)) if pages else set()
    entries = []
    for target in targets:
        page = target.page
        # A page must be public; anything else standing for one says whether it is live.
        if (page.pk not in public) if isinstance(page, Page) else not getattr(page, "live", True):
            continue
        url = page.url
        if not url:
            continue
        for name in target.names:
            name = " ".join((name or "").split())
            if len(name) >= MIN_NAME_LENGTH:
                entries.append((name, page.pk, url))
    return entries


VERSION = SharedToken(VERSION_KEY, "link-targets-version")


def current_version():
    """The targets' version (made on first use)."""
    return VERSION.current()


def forget_targets(**kwargs):
    """Make a new version: the targets are collected again on the next render. Never raises."""
    VERSION.replace("the link targets' version")


def _targets_changed(**kwargs):
    forget_targets()
    transaction.on_commit(forget_targets, robust=True)


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _targets_changed()


def _restriction_changed(sender, instance, **kwargs):
    # A page behind a view restriction is no target: one added or removed changes the targets.
    _targets_changed()


def connect_signals():
    page_published.connect(_targets_changed, dispatch_uid="sen_mentions_published")
    page_unpublished.connect(_targets_changed, dispatch_uid="sen_mentions_unpublished")
    post_page_move.connect(_targets_changed, dispatch_uid="sen_mentions_moved")
    post_delete.connect(_page_deleted, dispatch_uid="sen_mentions_deleted")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="sen_mentions_restricted")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="sen_mentions_unrestricted")


def matcher():
    """The current targets' matcher: built once per version and process, from the cached targets."""
    global _matcher
    try:
        version = current_version()
    except Exception:  # the cache is down: keep what this process knows, else collect without it
        logger.warning("link targets' version unavailable", exc_info=True)
        version = None
        if _matcher is not None:
            return _matcher
    if _matcher is not None and _matcher.version == version:
        return _matcher
    entries = None
    if version is not None:
        entries = cache.get(CACHE_KEY.format(version=version))
    if entries is None:
        entries = collect_targets()
        if version is not None:
            cache.set(CACHE_KEY.format(version=version), entries, CACHE_SECONDS)
    _matcher = _Matcher(version, entries)
    return _matcher


def _path(url):
    return re.sub(r"^[a-z]+://[^/]+", "", url or "")


class MentionLinker:
    """Links the first mention of each target in one text, which may be given in several pieces.

    ``page``: the page the text belongs to (never linked to itself). The pieces of one text
    (the blocks of a body, in order) go through the same linker, so a name is linked once.
    """

    def __init__(self, page=None):
        self.matcher = matcher()
        self.seen = set()
        page_id = getattr(page, "pk", page)
        if page_id is not None:
            self.seen.add(page_id)

    def link(self, text):
        if not text or self.matcher.pattern is None:
            return text
        text = str(text)
        # Pages the text links to already are not linked again.
        for href in _HREF.findall(text):
            page_id = self.matcher.page_by_path.get(_path(html.unescape(href)))
            if page_id is not None:
                self.seen.add(page_id)
        parts, position, skipping = [], 0, []
        for tag in _TAG.finditer(text):
            if tag.start() > position:
                piece = text[position : tag.start()]
                parts.append(piece if skipping else self._link_text(piece))
            closing, name, self_closing = tag.group(1), (tag.group(2) or "").lower(), tag.group(3)
            if name in SKIPPED_ELEMENTS and not self_closing:
                if closing:
                    if name in skipping:
                        del skipping[len(skipping) - 1 - skipping[::-1].index(name)]
                else:
                    skipping.append(name)
            parts.append(tag.group(0))
            position = tag.end()
        if position < len(text):
            piece = text[position:]
            parts.append(piece if skipping else self._link_text(piece))
        return "".join(parts)

    def _link_text(self, piece):
        def replace(match):
            key = re.sub(_SPACE, " ", match.group(0))
            found = self.matcher.by_name.get(key)
            if found is None or found[0] in self.seen:
                return match.group(0)
            self.seen.add(found[0])
            return f'<a href="{html.escape(found[1])}">{match.group(0)}</a>'

        return self.matcher.pattern.sub(replace, piece)


def link_mentions(text, page=None):
    """``text`` (display HTML) with the first mention of each target linked to its page."""
    return MentionLinker(page).link(text)
