from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import escape, format_html, format_html_join, strip_tags
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from wagtail.models import Site

from cms import chrome, mentions, renditions
from cms import hooks as sen_hooks
from cms.languages import language_homes, live_translations, request_language
from cms.pages import listable
from cms.text import format_long_date, format_number
from cms.text import full_name as vietnamese_full_name

register = template.Library()


@register.filter(is_safe=True)
def link_mentions(value, page=None):
    """Rendered rich text with the names the plugins know linked to their pages (cms.mentions).

    ``{{ page.intro|richtext|link_mentions:page }}``, or around a stream body:
    ``{% filter link_mentions:page %}{% for block in page.body %}…{% endfor %}{% endfilter %}``.
    """
    if not value:
        return value
    if not isinstance(value, SafeData):
        value = escape(value)
    return mark_safe(mentions.link_mentions(str(value), page))  # noqa: S308 (escaped HTML in, escaped links added)


@register.filter
def page_numbers(page, on_each_side=2):
    """The page numbers to link from ``page`` (a paginator's page): the first and last, those around
    the current one, and ``None`` for each gap ("…"). Not every page: at 100,000 articles that was
    8,334 links on each list page, and most of its rendering time."""
    paginator = page.paginator
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(page.number, on_each_side=on_each_side, on_ends=1)
    ]


@register.filter
def vn_number(value):
    """873969 -> "873.969"."""
    return format_number(value)


@register.filter
def full_name(user):
    """A user's name family name first ("Nguyễn Văn An"), else the username."""
    return vietnamese_full_name(user)


@register.filter
def long_date(value):
    """A date as "Thứ Ba, 20/06/2017"."""
    return format_long_date(value)


@register.simple_tag(takes_context=True)
def render_block(context, block):
    """Render a Block contributed by a plugin, with the request available to its template."""
    request = context.get("request")
    return render_to_string(block.template, {**block.context, "page": context.get("page")}, request=request)


@register.simple_tag(takes_context=True)
def sidebar_widgets(context):
    """The sidebar widgets the plugins contribute (``sen_sidebar_widgets``), as Blocks."""
    return sen_hooks.collect(sen_hooks.SIDEBAR_WIDGETS, context.get("request"), context.get("page"))


def _cached_blocks(context, name, collect, parts):
    """Render the Blocks ``collect()`` returns, kept in the chrome cache under ``name`` and ``parts``.

    A Block's ``expires`` (seconds) bounds how long the rendering is kept; a preview is never cached.
    """

    def build():
        blocks = collect() if callable(collect) else collect
        html = "".join(render_block(context, block) for block in blocks)
        expires = [block.expires for block in blocks if getattr(block, "expires", None) is not None]
        return (html, min(expires) if expires else None)

    html, _expires = _chrome_fragment(
        context,
        name,
        parts,
        build,
        timeout=lambda value: value[1] if value[1] is not None else settings.SEN_CHROME_TIMEOUT,
    )
    return mark_safe(html)  # noqa: S308 (rendered templates)


def _chrome_fragment(context, name, parts, build, timeout=None):
    """``build()`` kept in the chrome cache per site, language and ``parts``; built afresh in a preview and
    where there is no request or site."""
    request = context.get("request")
    site = getattr(request, "_wagtail_site", None) if request is not None else None
    if request is None or site is None or getattr(request, "is_preview", False):
        return build()
    return chrome.cached(name, [site.pk, get_language() or "", *parts], build, request, timeout=timeout)


class ChromeCacheNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist, self.name, self.parts = nodelist, name, parts

    def render(self, context):
        name = f"fragment:{self.name.resolve(context)}"
        parts = [part.resolve(context) for part in self.parts]
        html = _chrome_fragment(context, name, parts, lambda: str(self.nodelist.render(context)))
        return mark_safe(html)  # noqa: S308 (a rendered template)


@register.tag
def chromecache(parser, token):
    """``{% chromecache "name" part … %}…{% endchromecache %}``: the enclosed template, rendered once per
    content generation (``cms.chrome``), site, language and ``part``s, like the sidebar.

    For a part of a page that shows other content (an article's related articles): every content change
    retires it, so it is never stale. Rendered afresh in a preview and where there is no request or site.
    Whatever the enclosed template reads lazily (a ``SimpleLazyObject`` in the context) is not computed on
    a hit.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('chromecache needs a name: {% chromecache "name" part … %}')
    nodelist = parser.parse(("endchromecache",))
    parser.delete_first_token()
    return ChromeCacheNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]])


@register.simple_tag(takes_context=True)
def home_sections(context, sections):
    """The home page's sections (``sen_home_sections``): listings of content, rendered once per content
    generation (``cms.chrome``). ``sections`` is a callable returning the Blocks, called only on a miss."""
    page = context.get("page")
    return _cached_blocks(context, "home-sections", sections, [getattr(page, "pk", "")])


@register.simple_tag(takes_context=True)
def sidebar(context):
    """The rendered sidebar, kept in the chrome cache (``cms.chrome``) per site, language and page locale.

    Sidebar widgets are the same on every page of a language: a widget's content may depend on
    the page's locale, not on the page itself. A hook may bound how long its widgets are kept with
    a ``Block.expires`` (seconds; an announcement's end time).
    """
    page = context.get("page")
    return _cached_blocks(context, "sidebar", lambda: sidebar_widgets(context), [getattr(page, "locale_id", "")])


@register.simple_tag(takes_context=True)
def site_menu(context):
    """The live pages just below the site's home page that editors marked "show in menus"."""
    request = context.get("request")
    if request is None:
        return []
    site = Site.find_for_request(request)
    if site is None:
        return []
    cache_attr = "_sen_site_menu"
    if not hasattr(request, cache_attr):
        language = request_language(request)

        def build():
            root = language_homes(request).get(language, site.root_page)
            return list(listable(root.get_children().in_menu()).specific(defer=True))

        setattr(request, cache_attr, chrome.cached("menu", [site.pk, language], build, request))
    return getattr(request, cache_attr)


@register.simple_tag(takes_context=True)
def site_home(context):
    """The site's home page in the active language (the first link of the menu)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    cache_attr = "_sen_site_home"
    if not hasattr(request, cache_attr):
        setattr(request, cache_attr, language_homes(request).get(request_language(request), site.root_page))
    return getattr(request, cache_attr)


@register.filter
def is_within(page, section):
    """True when ``page`` is ``section`` or below it in the page tree (for the current menu item)."""
    path = getattr(page, "path", None)
    section_path = getattr(section, "path", None)
    return bool(path and section_path and path.startswith(section_path))


def _plain(value, limit=160):
    text = " ".join(strip_tags(str(value or "")).split())
    return Truncator(text).chars(limit) if text else ""


@register.simple_tag(takes_context=True)
def meta_description(context, page=None):
    """The page's description for search engines and link previews.

    The editor's search description first; otherwise the page's ``seo_description``,
    ``summary`` or ``intro`` when it has one (plain text, at most 160 characters).
    """
    page = page if page is not None else context.get("page")
    for name in ("search_description", "seo_description", "summary", "intro"):
        value = getattr(page, name, None)
        if callable(value):
            value = value()
        text = _plain(value)
        if text:
            return text
    return ""


@register.simple_tag(takes_context=True)
def canonical_url(context, page=None):
    """The absolute address of the page (without query string), for canonical and og:url."""
    request = context.get("request")
    page = page if page is not None else context.get("page")
    if page is not None and hasattr(page, "get_full_url"):
        url = page.get_full_url(request)
        if url:
            return url
    if request is not None:
        return request.build_absolute_uri(request.path)
    return ""


@register.simple_tag(takes_context=True)
def page_alternates(context, page=None):
    """hreflang alternates: (language code, absolute URL) for each live translation, the page included.

    One query whatever the number of languages; empty when the page has no translation.
    """
    request = context.get("request")
    page = page if page is not None else context.get("page")
    if page is None or not hasattr(page, "get_translations") or not getattr(page, "pk", None):
        return []
    alternates = []
    for translation in live_translations(page).values():
        url = translation.get_full_url(request)
        if url:
            alternates.append((translation.locale.language_code, url))
    return alternates if len(alternates) > 1 else []


@register.simple_tag(takes_context=True)
def og_image(context, image=None, alt=""):
    """Open Graph image tags for ``image``, or for the page's ``seo_image`` (attribute or method).

    Pages name their image with a ``seo_image`` attribute, or a template overrides the
    ``og_image`` block with ``{% og_image page.some_image alt=… %}``. One rendition (1200×630).
    """
    request = context.get("request")
    if image is None:
        page = context.get("page")
        image = getattr(page, "seo_image", None)
        if callable(image):
            image = image()
    if image is None or not hasattr(image, "get_rendition"):
        return ""
    # None for a missing source file, or a large image whose rendition the worker has yet to make.
    rendition = renditions.get_rendition(image, renditions.OPEN_GRAPH_IMAGE)
    if rendition is None:
        return ""
    url = request.build_absolute_uri(rendition.url) if request is not None else rendition.url
    alt = alt or getattr(image, "default_alt_text", "") or ""
    return format_html(
        '<meta property="og:image" content="{}">\n    <meta property="og:image:width" content="{}">\n'
        '    <meta property="og:image:height" content="{}">{}',
        url,
        rendition.width,
        rendition.height,
        format_html('\n    <meta property="og:image:alt" content="{}">', alt) if alt else "",
    )


@register.simple_tag
def og_locale(language_code):
    """An Open Graph locale ("vi_VN", "en_GB") from a language code."""
    return {"vi": "vi_VN", "en": "en_GB"}.get((language_code or "").split("-")[0], language_code or "")


@register.simple_tag
def rendition(image, name):
    """One rendition of ``image`` by its name in cms.renditions (e.g. "video_poster"), or None."""
    spec = {"video_poster": renditions.VIDEO_POSTER, "open_graph": renditions.OPEN_GRAPH_IMAGE}[name]
    return renditions.get_rendition(image, spec) if image else None


@register.simple_tag
def responsive_image(image, set_name, sizes="100vw", alt=None, eager=False, css_class=""):
    """An <img> with srcset/sizes, width and height, and lazy loading unless ``eager``.

    ``set_name`` names the widths to offer in ``cms.renditions.RESPONSIVE_SETS`` ("card",
    "content", "gallery", "logo"), which the worker makes ahead for every image; widths wider
    than the original collapse into one. ``eager`` is for the first, main image of a page: it
    loads at once with fetchpriority="high"; every other image loads lazily. ``alt`` defaults
    to the image's own alt text; pass alt="" for a decorative image. One query for all the
    renditions (none when the listing prefetched them). A large image whose renditions are
    not made yet shows those that exist, or nothing.
    """
    if not image:
        return ""
    found = list(renditions.get_renditions(image, *renditions.responsive_specs(set_name)).values())
    if not found:  # a missing source file, or nothing made yet for a large image
        return ""
    unique = {}
    for item in sorted(found, key=lambda item: item.width):
        unique.setdefault(item.width, item)
    candidates = list(unique.values())
    default = candidates[len(candidates) // 2] if len(candidates) > 2 else candidates[-1]
    attributes = {
        "src": default.url,
        "width": default.width,
        "height": default.height,
        "alt": image.default_alt_text if alt is None else alt,
    }
    if len(candidates) > 1:
        attributes["srcset"] = ", ".join(f"{item.url} {item.width}w" for item in candidates)
        attributes["sizes"] = sizes
    if eager:
        attributes["fetchpriority"] = "high"
    else:
        attributes["loading"] = "lazy"
    attributes["decoding"] = "async"
    if css_class:
        attributes["class"] = css_class
    return format_html("<img {}>", flatatt_pairs(attributes))


def flatatt_pairs(attributes):
    return format_html_join(" ", '{}="{}"', attributes.items())
