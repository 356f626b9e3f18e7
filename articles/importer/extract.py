"""Find the article in a page saved from an old portal: title, date, body, byline, source, photos.

The page arrives as HTML or as the text a browser saves ("Save as… Text"). Either way
it is turned into a list of lines, the portal's chrome (menus, search, visitor
counters, "Liên kết website", "Thông báo", TV bulletin lists, footers) is marked, and the
article is what remains between its title and the first box of chrome after it.
"""

import email
import email.policy
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from django.utils.translation import gettext as _

from cms.text import fold

from .dates import find_any_date, has_label, parse_date_line, parse_leading_date
from .decode import decode

DATE_FOUND = "found"
DATE_MISSING = "missing"

HTML_SUFFIXES = {".htm", ".html", ".xhtml", ".shtml", ".asp", ".aspx", ".php", ".jsp", ".do"}
TEXT_SUFFIXES = {".txt", ".text"}
MHT_SUFFIXES = {".mht", ".mhtml"}


class ExtractError(ValueError):
    """The page has no article the importer can recognise (the message says why)."""


@dataclass
class ImageRef:
    """A photo of the article: where the saved page points to, its caption and alt text."""

    src: str | None
    caption: str = ""
    alt: str = ""


@dataclass
class ExtractedArticle:
    """What was found in one saved page."""

    filename: str = ""
    title: str = ""
    published_at: object = None
    date_flag: str = DATE_MISSING
    # In reading order: ("paragraph", text), ("heading", text), ("image", ImageRef).
    body: list = field(default_factory=list)
    summary: str = ""
    author: str = ""
    source: str = ""
    source_url: str = ""
    original_url: str = ""
    encoding: str = ""
    warnings: list = field(default_factory=list)
    # Files carried inside a single-file archive (.mht), by their address.
    attachments: dict = field(default_factory=dict)

    @property
    def paragraphs(self):
        return [value for kind, value in self.body if kind == "paragraph"]

    @property
    def images(self):
        return [value for kind, value in self.body if kind == "image"]

    @property
    def key(self):
        """What identifies the article across imports: its original URL, else title and date."""
        if self.original_url:
            return "url:" + self.original_url.strip()
        date = self.published_at.date().isoformat() if self.published_at else ""
        digest = hashlib.sha256(f"{fold(self.title)}|{date}".encode()).hexdigest()[:32]
        return "hash:" + digest


# --------------------------------------------------------------------------- chrome

# Headings of the boxes around an article (folded: no accents, lower case). A box
# heading takes the lines of its box with it.
BOX_HEADINGS = {
    "tim kiem", "thong ke", "thong ke truy cap", "thong tin truy cap", "luot truy cap", "so luot truy cap",
    "thong bao", "thong bao moi", "lien ket website", "lien ket web", "lien ket", "website lien ket",
    "xem tat ca", "tin khac", "cac tin khac", "tin lien quan", "cac tin lien quan", "tin cung chuyen muc",
    "tin moi", "tin moi nhat", "tin moi cap nhat", "tin doc nhieu", "tin xem nhieu", "tin noi bat",
    "tin tuc noi bat", "video", "video clip", "thu vien anh", "thu vien video", "quang cao", "ho tro truc tuyen",
    "dang nhap", "binh luan", "y kien ban doc", "gui y kien", "gui binh luan", "van ban moi", "lich cong tac",
    "thoi tiet", "tham do y kien", "binh chon", "danh muc", "chuyen muc", "menu", "lien he", "tien ich",
    "ban do", "hinh anh hoat dong", "su kien", "tieu diem",
}  # fmt: skip
BOX_PREFIXES = ("truyen hinh ", "lien ket ", "thong ke ", "video ", "thu vien ")
# Lines of chrome that stand alone (a skip link, a greeting, page tools).
LINE_CHROME = {
    "chi tiet tin", "chi tiet", "noi dung chi tiet", "chi tiet bai viet", "truy cap noi dung luon",
    "bo qua noi dung", "chuyen den noi dung chinh", "trang chu", "in bai", "in bai viet", "in trang",
    "gui email", "gui bai viet", "gui cho ban be", "chia se", "ve dau trang", "len dau trang", "quay lai",
    "tro ve", "tro lai", "xem them", "co chu", "facebook", "twitter", "zalo", "email", "print", "share", "tweet",
    "like", "top", "back", "dong", "luu", "phan hoi", "tai ve", "a a a", "a- a a+", "-a +a",
}  # fmt: skip
LINE_CHROME_PREFIXES = ("chao mung quy khach", "chao mung ban den", "luot xem", "so lan xem", "da xem", "co chu")
FOOTER_PREFIXES = (
    "ban quyen", "copyright", "©", "(c) ", "co quan chu quan", "chiu trach nhiem", "giay phep", "thiet ke boi",
    "phat trien boi", "designed by", "powered by", "thiet ke va phat trien",
)  # fmt: skip
_COUNTER = re.compile(
    r"^(dang truy cap|dang online|dang xem|online|hom nay|hom qua|tuan nay|tuan truoc|thang nay|thang truoc|"
    r"nam nay|tong luot truy cap|tong so luot truy cap|tong truy cap|luot truy cap|so luot truy cap|truy cap|"
    r"thanh vien|khach|khach vieng tham|tong cong|tong)\s*:?\s*[\d.,\s]+$"
)
_MENU_SEPARATORS = re.compile(r"\s(?:\||»|›|>|•|::)\s")
_URL_LINE = re.compile(r"^(https?://\S+)$")
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+?)\s*(?:-->|$)", re.IGNORECASE | re.MULTILINE)

_SOURCE = re.compile(r"^[(\[]?\s*(?:nguồn tin|nguồn|theo)\s*[:：]?\s*(?P<rest>.+?)\s*[)\]]?\s*\.?$", re.IGNORECASE)
_AUTHOR_LABEL = re.compile(
    r"^[-–—\s]*(?:tác giả|người viết|người đăng|bài và ảnh|bài, ảnh|bài - ảnh|bài|tin và ảnh|tin, ảnh|"
    r"tin - ảnh|tin|pv|phóng viên)\s*[:：]\s*(?P<rest>.+?)\s*\.?$",
    re.IGNORECASE,
)
_PHOTO_INTRO = re.compile(r"(hình ảnh|ảnh|hình)\b[^.!?]{0,120}:\s*$", re.IGNORECASE)
_LEAD_CLASS = re.compile(r"hometext|sapo|summary|lead|tomtat|tom-tat|trich-?yeu|article-?desc|intro", re.IGNORECASE)
_CAPTION_CLASS = re.compile(r"caption|desc|chu.?thich|legend|image.?note|pic.?note", re.IGNORECASE)
_CHROME_ATTR = re.compile(
    r"(?:^|[-_\s])(?:(?:menu|social|share|footer|banner|sidebar|breadcrumb|counter|search)\w*|(menus|nav|navbar|navigation|sidebar|side-bar|sidebox|leftcol|rightcol|left-col|right-col|"
    r"footer|banner|counter|breadcrumbs?|search|searchbox|timkiem|tim-kiem|thongke|thong-ke|lienket|lien-ket|"
    r"weblinks?|visitors?|social|share|sharing|related|othernews|other-news|tinkhac|tin-khac|comments?|advert|"
    r"ads|quangcao|quang-cao|marquee|slider|topbar|top-bar|copyright|login|toolbar|skip-link|skiplink)(?:$|[-_\s]))",
    re.IGNORECASE,
)
_SKIP_IMAGE = re.compile(
    r"(icon|logo|banner|spacer|blank|pixel|bullet|arrow|button|btn|loading|rss|print|email|facebook|zalo|"
    r"twitter|share|flag|counter|captcha)",
    re.IGNORECASE,
)
_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tbody", "thead", "tr", "td", "th",
    "section", "article", "header", "footer", "figure", "figcaption", "blockquote", "dt", "dd", "dl", "pre",
    "center", "main", "address", "hr", "br", "caption",
}  # fmt: skip
_DROP_TAGS = ["script", "style", "noscript", "nav", "aside", "iframe", "button", "select", "input",
              "textarea", "object", "embed", "svg", "template", "head", "map"]  # fmt: skip
_CONTAINER_TAGS = {"div", "section", "article", "ul", "ol", "table", "td", "aside", "main", "dl", "figure"}


def clean_space(text):
    text = text.replace("\xa0", " ").replace("\u200b", "").replace("\ufeff", "").replace("\t", " ")
    return re.sub(r"\s+", " ", text).strip()


def _key(text):
    return fold(text).strip(" .:;-–—|»>()[]*").strip()


def doubled(text):
    """The heading of a portal box written twice ("Thông báo Thông báo"), or None."""
    n = len(text)
    if n % 2 == 1 and n >= 5 and text[n // 2] == " " and text[: n // 2] == text[n // 2 + 1 :]:
        return text[: n // 2]
    return None


def split_glued_heading(text):
    """Split a box heading glued in front of the text that follows it.

    "LIÊN KẾT WEBSITE LIÊN KẾT WEBSITE Kiểm tra tình hình…" -> ("LIÊN KẾT WEBSITE", "Kiểm tra…").
    """
    for k in range(3, min(80, len(text) // 2)):
        if text[k] != " " or text[k + 1 : 2 * k + 1] != text[:k] or text[2 * k + 1 : 2 * k + 2] != " ":
            continue
        head, rest = text[:k], text[2 * k + 2 :].strip()
        if rest and (head == head.upper() or is_box_heading(head)):
            return head, rest
    return None, text


def is_box_heading(text):
    key = _key(text)
    if key in BOX_HEADINGS:
        return True
    return len(key) <= 60 and key.startswith(BOX_PREFIXES)


def is_footer(text):
    return _key(text).startswith(FOOTER_PREFIXES) or text.strip().startswith("©")


_LINE_CHROME_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(LINE_CHROME, key=len, reverse=True) if p[0].isalpha()) + r")\b"
)


def is_line_chrome(text):
    key = _key(text)
    if key in LINE_CHROME or key.startswith(LINE_CHROME_PREFIXES):
        return True
    # A row of page tools: "Chia sẻ In bài Gửi email".
    if len(key) <= 80 and not re.sub(r"[\W_]+", "", _LINE_CHROME_RE.sub("", key)):
        return True
    if _COUNTER.match(key):
        return True
    parts = _MENU_SEPARATORS.split(text)
    return len(parts) >= 3 and all(len(part.split()) <= 6 for part in parts)


# --------------------------------------------------------------------------- lines


@dataclass
class Line:
    """One line of the page as a reader sees it."""

    text: str = ""
    kind: str = "text"  # text | heading | image
    group: int = 0
    level: int = 0
    image: ImageRef | None = None
    caption_hint: bool = False
    emphasis: bool = False
    lead_hint: bool = False
    links: list = field(default_factory=list)
    role: str = ""  # "" | "box" (chrome that ends the article) | "chrome"


def lines_from_text(text):
    lines, group = [], 0
    for raw in text.splitlines():
        cleaned = clean_space(raw)
        if not cleaned:
            group += 1
            continue
        lines.append(Line(cleaned, group=group))
    return lines


class _HTMLWalker:
    """Linearise cleaned HTML into Lines, keeping headings, images and caption hints."""

    def __init__(self):
        self.lines = []
        self.buffer = []
        self.context = None

    def flush(self):
        text = clean_space("".join(piece for piece, _emph, _bold in self.buffer))
        if text:
            ctx = self.context or {}
            visible = [piece for piece in self.buffer if piece[0].strip()]
            self.lines.append(
                Line(
                    text,
                    kind="heading" if ctx.get("level") else "text",
                    level=ctx.get("level", 0),
                    group=ctx.get("group", 0),
                    caption_hint=ctx.get("caption", False),
                    lead_hint=ctx.get("lead", False) or bool(visible) and all(bold for _p, _e, bold in visible),
                    emphasis=bool(visible) and all(emph for _piece, emph, _bold in visible),
                    links=list(ctx.get("links", [])),
                )
            )
        self.buffer = []
        self.context = None

    def walk(self, node, ctx):
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                if self.context is None:
                    self.context = {**ctx, "links": []}
                self.buffer.append((str(child), ctx.get("emphasis", False), ctx.get("bold", False)))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name == "img":
                self.image(child, ctx)
                continue
            child_ctx = dict(ctx)
            if name in ("em", "i") or "italic" in (child.get("style") or "").replace(" ", ""):
                child_ctx["emphasis"] = True
            if name in ("strong", "b") or "bold" in (child.get("style") or ""):
                child_ctx["bold"] = True
            if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
                child_ctx["level"] = int(name[1])
            attrs = " ".join(child.get("class") or []) + " " + (child.get("id") or "")
            if _LEAD_CLASS.search(attrs):
                child_ctx["lead"] = True
            if name == "figcaption" or _CAPTION_CLASS.search(attrs):
                child_ctx["caption"] = True
            table = child.find_parent("table") if name in ("td", "th") else None
            if table and table.find("img") and not child.find("img") and len(child.get_text(" ", strip=True)) <= 300:
                child_ctx["caption"] = True
            if name in _CONTAINER_TAGS:
                child_ctx["group"] = id(child)
            if name == "a" and child.get("href"):
                if self.context is None:
                    self.context = {**ctx, "links": []}
                self.context.setdefault("links", []).append(child["href"])
            block = name in _BLOCK_TAGS
            if block:
                self.flush()
            self.walk(child, child_ctx)
            if block:
                self.flush()

    def image(self, tag, ctx):
        src = (tag.get("src") or tag.get("data-src") or "").strip()
        if not src or _SKIP_IMAGE.search(src.rsplit("/", 1)[-1]):
            return
        for attr in ("width", "height"):
            value = re.sub(r"\D", "", str(tag.get(attr) or ""))
            if value and int(value) < 50:
                return
        self.flush()
        alt = clean_space(tag.get("alt") or tag.get("title") or "")
        caption = ""
        figure = tag.find_parent("figure")
        if figure is not None and figure.find("figcaption"):
            caption = clean_space(figure.find("figcaption").get_text(" "))
            figure.find("figcaption").decompose()
        self.lines.append(Line(alt or src, kind="image", image=ImageRef(src, caption, alt), group=ctx.get("group", 0)))


def _original_url(raw, soup=None):
    match = _SAVED_FROM.search(raw[:4096])
    if match:
        return match.group(1).strip()
    if soup is not None:
        for attrs in ({"rel": "canonical"},):
            link = soup.find("link", attrs=attrs)
            if link and link.get("href", "").startswith("http"):
                return link["href"].strip()
        for prop in ("og:url",):
            meta = soup.find("meta", attrs={"property": prop})
            if meta and meta.get("content", "").startswith("http"):
                return meta["content"].strip()
    return ""


def _remove_chrome(soup, titles=()):
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    body = soup.body or soup
    total = len(body.get_text(" ", strip=True)) or 1
    remove_link_boxes(body, total, titles)
    _remove_headed_boxes(body, total)
    for tag in soup.find_all(["header", "footer"]):
        if not tag.decomposed and tag.find_parent("article") is None and not tag.find("h1"):
            tag.decompose()
    # ASP.NET wraps the whole page in one <form>: keep a form that holds the page.
    for tag in body.find_all("form"):
        if not tag.decomposed and len(tag.get_text(" ", strip=True)) < 0.5 * total:
            tag.decompose()
    for tag in body.find_all(True):
        if tag.decomposed or tag.name in ("body", "html", "main", "article"):
            continue
        attrs = " ".join(tag.get("class") or []) + " " + (tag.get("id") or "")
        if not attrs.strip() or not _CHROME_ATTR.search(attrs):
            continue
        if tag.find("h1") or len(tag.get_text(" ", strip=True)) > 0.5 * total > 250:
            continue
        tag.decompose()


# --------------------------------------------------------------------------- link boxes

# Links that share or print the page rather than lead to content.
_SHARE_HREF = re.compile(
    r"^(?:mailto:|javascript:|#)|sharer|share[_-]?(?:inline|link|url)?[/?.]|/intent/|addthis|print|"
    r"facebook\.com|twitter\.com|zalo\.me|linkedin\.com|pinterest\.com|plus\.google",
    re.IGNORECASE,
)
# Links to files: a list of them in the text is the article's attachments, not chrome.
_FILE_HREF = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|zip|rar|7z)(?:[?#]|$)", re.IGNORECASE)
_BOX_ROLES = {"navigation", "complementary", "contentinfo", "banner", "search"}
_HEADING_TAGS = ("h2", "h3", "h4", "h5", "h6")
_LINK_BOX_TAGS = ["div", "ul", "ol", "section", "table", "dl", "p", "footer"]
_SHORT_HEADING = 60  # characters: a box's title, not a sentence


def _text_len(node):
    return len(clean_space(node.get_text(" ")))


def _is_short_heading(tag):
    """A short title without links: an <h2>…<h6>, or a short line set in bold or on its own."""
    if not isinstance(tag, Tag) or tag.find("a") or tag.find("img"):
        return False
    text = clean_space(tag.get_text(" "))
    if not text or len(text) > _SHORT_HEADING or text[-1] in ".!?;,":
        return False
    return tag.name in _HEADING_TAGS or tag.name in ("div", "p", "span", "strong", "b", "dt")


def _is_small_box(tag, total):
    """Not the page's main column: no <h1>, and not most of a page's text."""
    length = _text_len(tag)
    return not tag.find("h1") and (length <= 0.5 * total or length <= 250)


def _previous_element(tag):
    sibling = tag.previous_sibling
    while sibling is not None and not isinstance(sibling, Tag):
        if clean_space(str(sibling)):
            return None
        sibling = sibling.previous_sibling
    return sibling


def _link_box_kind(tag, total):
    """Why ``tag`` is a box of portal links ("share", "links", "teasers"), or None.

    Decided by structure only, never by the words of the box: how much of its text is
    links, where they point, and whether a short title heads it.
    """
    links = [a for a in tag.find_all("a") if a.get("href")]
    if not links or not _is_small_box(tag, total):
        return None
    length = _text_len(tag)
    hrefs = [a["href"].strip() for a in links]
    if sum(bool(_FILE_HREF.search(href)) for href in hrefs) * 2 >= len(hrefs):
        return None
    shares = sum(bool(_SHARE_HREF.search(href)) for href in hrefs)
    if shares >= 2 and shares * 2 >= len(hrefs) and length <= 120:
        return "share"
    if len(links) < 3:
        return None
    link_text = sum(len(clean_space(a.get_text(" "))) for a in links)
    # Only links, and at most a short title or label ("Đọc nhiều", "Từ khóa:"); a paragraph
    # that ends as a sentence is text that links its words.
    sentence = tag.name == "p" and clean_space(tag.get_text(" "))[-1:] in (".", "!", "?", "…")
    if length - link_text <= _SHORT_HEADING + 3 * len(links) and link_text * 2 >= length and not sentence:
        return "links"
    # Teasers: three or more items, each a link with a thumbnail or a line of summary,
    # under a short title of their own.
    items = [child for child in tag.find_all(recursive=False) if child.name not in _HEADING_TAGS]
    teasers = [item for item in items if item.find("a", href=True) and _text_len(item) <= 300]
    heading = tag.find(_HEADING_TAGS, recursive=False) or _previous_element(tag)
    if len(teasers) >= 3 and len(teasers) == len(items) and _is_short_heading(heading):
        return "teasers"
    return None


def remove_link_boxes(body, total, titles=()):
    """Stage: remove the portal's boxes of links inside and around the article.

    "Most read", "related", "same category" and trending lists, share and print bars,
    social buttons and tag clouds are recognised by rule: an element marked as navigation
    or a sidebar by its ``role``; an element whose text is (almost) only links, with at most
    a short title; a list of teasers under a short title; a bar of share/print/e-mail links.
    A short title just before a removed box goes with it (never the date line or a heading
    that ``titles``, the page's folded <title>/og:title, name). Lists of attached files stay.
    """
    for tag in body.find_all(True):
        if not tag.decomposed and (tag.get("role") or "").lower() in _BOX_ROLES and _is_small_box(tag, total):
            tag.decompose()
    for tag in body.find_all(_LINK_BOX_TAGS):
        if tag.decomposed:
            continue
        kind = _link_box_kind(tag, total)
        if kind is None:
            continue
        heading = _previous_element(tag)
        if kind != "share" and _is_box_title(heading, titles):
            heading.decompose()
        tag.decompose()


def _is_box_title(tag, titles):
    """A short heading just before a box is its title, unless it is the date or the page's title."""
    if not _is_short_heading(tag):
        return False
    text = clean_space(tag.get_text(" "))
    key = _key(text)
    return not parse_date_line(text) and not any(key and key in title for title in titles)


def _remove_headed_boxes(body, total):
    """Remove the boxes whose heading says what they are ("Liên kết website", "Tin khác"...)."""
    for tag in body.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "div", "span", "p", "strong", "b", "td", "th"]):
        if tag.decomposed or tag.find(["div", "p", "table", "ul"]):
            continue
        text = clean_space(tag.get_text(" "))
        if not text or len(text) > 80 or not is_box_heading(doubled(text) or text):
            continue
        box = tag
        while box.parent is not None and box.parent.name not in ("body", "html", "[document]"):
            parent = box.parent
            if len(clean_space(parent.get_text(" "))) > len(text):
                box = parent
                break
            box = parent
        box_text = len(clean_space(box.get_text(" ")))
        if box is not tag and (box.find("h1") or box_text > 1500 or box_text > 0.5 * total):
            box = tag
        box.decompose()


def lines_from_html(raw):
    soup = BeautifulSoup(raw, "html.parser")
    meta = {"original_url": _original_url(raw, soup)}
    og_title = soup.find("meta", attrs={"property": "og:title"})
    meta["og_title"] = clean_space(og_title.get("content", "")) if og_title else ""
    meta["title_tag"] = clean_space(soup.title.get_text()) if soup.title else ""
    _remove_chrome(soup, [_key(meta[name]) for name in ("og_title", "title_tag") if meta[name]])
    walker = _HTMLWalker()
    walker.walk(soup.body or soup, {"group": 0})
    walker.flush()
    return walker.lines, meta


def looks_like_html(text, filename=""):
    suffix = Path(filename).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return True
    if suffix in TEXT_SUFFIXES:
        return False
    head = text[:2048].lower()
    return bool(re.search(r"<(html|body|div|p|head|meta|!doctype)\b", head))


# --------------------------------------------------------------------------- article


def _is_body_paragraph(line):
    text = line.text
    if line.kind != "text" or line.role:
        return False
    words = len(text.split())
    return len(text) >= 200 or (len(text) >= 80 and words >= 12 and text[-1] in '.!?…:;"”)')


def _is_title_like(line):
    if line.kind not in ("text", "heading") or line.role:
        return False
    text = line.text
    return 8 <= len(text) <= 300 and len(text.split()) >= 2 and not text.endswith(":") and not parse_date_line(text)


def _is_person_name(text):
    text = re.sub(r"\s*\([^)]{1,40}\)\s*$", "", text).strip(" .")
    words = text.split()
    if not 2 <= len(words) <= 6 or len(text) > 60 or re.search(r"[\d:;,!?]", text):
        return False
    for word in words:
        if word in ("-", "–"):
            continue
        if not (word[0].isupper() and (word[1:].islower() or not word[1:] or (word.isupper() and len(word) <= 6))):
            return False
    return True


def _mark_roles(lines):
    """Mark chrome; a box heading takes the other lines of its box (group) with it."""
    box_groups = set()
    for line in lines:
        if line.kind == "image":
            continue
        head, rest = split_glued_heading(line.text)
        if head is not None:
            line.text = rest
        text = line.text
        twice = doubled(text)
        if twice is not None and len(twice) <= 80 or is_box_heading(text) or is_footer(text):
            line.role = "box"
            box_groups.add(line.group)
        elif _COUNTER.match(_key(text)):
            line.role = "box"
        elif is_line_chrome(text) and not parse_date_line(text):
            line.role = "chrome"
    for line in lines:
        # Article paragraphs are never part of a box, whatever the layout glued them to.
        if not line.role and line.group in box_groups and line.kind != "image" and len(line.text) < 200:
            line.role = "chrome"


def analyse(lines, meta, filename=""):
    """Find the article in ``lines``; raise ExtractError when there is none."""
    article = ExtractedArticle(filename=filename, original_url=meta.get("original_url", ""))
    _mark_roles(lines)
    content = [line for line in lines if line.role != "chrome"]
    if not any(line.kind == "text" and not line.role for line in content):
        raise ExtractError(_("no text was found in the page"))

    body_start = next((i for i, line in enumerate(content) if _is_body_paragraph(line)), None)
    if body_start is None:
        # A short article: its longest line of text is the body.
        candidates = [i for i, line in enumerate(content) if line.kind == "text" and not line.role]
        longest = max(candidates, key=lambda i: len(content[i].text))
        if len(content[longest].text) < 40:
            raise ExtractError(_("no article text was found (only menus and short lines)"))
        body_start = longest

    # A long title that ends with a full stop looks like a paragraph: its date line says it is not.
    if (
        body_start + 1 < len(content)
        and parse_date_line(content[body_start + 1].text)
        and _is_title_like(content[body_start])
        and not any(_is_title_like(line) for line in content[max(0, body_start - 2) : body_start])
    ):
        body_start += 2

    title_index = _find_title(content, body_start, meta)
    if title_index is None:
        fallback = meta.get("og_title") or meta.get("title_tag")
        if not fallback:
            raise ExtractError(_("no title was found"))
        article.title = fallback
        title_index = -1
    else:
        article.title = content[title_index].text

    # The page's date line: between the title and the body, or a labelled one just above the
    # title. A bare date above is the portal's header ("Thứ Ba, 24/11/2026": the day the page
    # was saved, not published).
    date_index, published = None, None
    nearby = list(range(title_index + 1, body_start)) + list(range(title_index - 1, max(title_index - 3, -1), -1))
    for i in nearby:
        if content[i].kind == "image" or content[i].role == "box":
            continue
        if i < title_index and not has_label(content[i].text):
            continue
        parsed = parse_date_line(content[i].text)
        if parsed is None and title_index < i <= title_index + 2:
            parsed = parse_leading_date(content[i].text)
        if parsed:
            date_index, published = i, parsed
            break

    # The article runs from its title to the first box of chrome after the body starts.
    start = max(title_index, date_index if date_index is not None else -1) + 1
    end = len(content)
    for i in range(max(start, body_start), len(content)):
        if content[i].role == "box":
            end = i
            break
    region = []
    for i in range(start, end):
        line = content[i]
        if i == date_index or line.role or (line.kind != "image" and _key(line.text) == _key(article.title)):
            continue
        region.append(line)

    if published is None:
        # A labelled date further down ("Ngày đăng: …" under the text).
        for line in region:
            if line.kind != "image" and len(line.text) <= 120 and parse_date_line(line.text):
                published = parse_date_line(line.text)
                region.remove(line)
                break

    _take_byline(article, region)
    first_text = next((line for line in region if line.kind != "image"), None)
    if first_text is not None and first_text.lead_hint and first_text.kind == "text" and len(first_text.text) <= 600:
        # The lead ("sapo") the portal set apart, bold or in its own box.
        article.summary = first_text.text
        region.remove(first_text)
    article.body = _body_items(region)
    if not article.paragraphs and not article.images:
        raise ExtractError(_("the page has a title but no article text"))

    if article.title.isupper():
        article.warnings.append(_("the title is all in capitals: write it in sentence case"))
    article.published_at = published
    if published is not None:
        article.date_flag = DATE_FOUND
    else:
        article.date_flag = DATE_MISSING
        if any(find_any_date(text) for text in article.paragraphs):
            article.warnings.append(
                _("date missing: the page has no date line; dates in the text were not used, set it by hand")
            )
        else:
            article.warnings.append(_("date missing: the page has no date line, set it by hand"))
    return article


def _find_title(content, body_start, meta):
    prefix_end = body_start
    wanted = [_key(meta[name]) for name in ("og_title", "title_tag") if meta.get(name)]
    # 1. A line the page's own <title>/og:title names.
    for i in range(prefix_end - 1, -1, -1):
        line = content[i]
        if _is_title_like(line) and len(line.text) >= 15:
            key = _key(line.text)
            if any(key == w or (len(key) >= 15 and key in w) for w in wanted):
                return i
    # 2. The nearest heading (h1 first) above the body.
    for level in (1, 2, 3):
        for i in range(prefix_end - 1, -1, -1):
            if content[i].kind == "heading" and content[i].level == level and _is_title_like(content[i]):
                return i
    # 3. The nearest title-like line above the date line or the body.
    for i in range(prefix_end - 1, -1, -1):
        if content[i].role == "box":
            break
        if _is_title_like(content[i]) and not _is_person_name(content[i].text):
            return i
    return None


def _take_byline(article, region):
    """Take the source and author lines from the end of the article (and an author label near the top)."""
    for _step in range(4):
        texts = [i for i, line in enumerate(region) if line.kind != "image"]
        if not texts:
            return
        index = texts[-1]
        line = region[index]
        text = line.text
        source = _SOURCE.match(text)
        author = _AUTHOR_LABEL.match(text)
        if source and len(text) <= 150 and not article.source and _is_source(text, source.group("rest")):
            article.source = source.group("rest").strip()
            links = [href for href in line.links if href.startswith("http")]
            url = re.search(r"https?://\S+", article.source)
            article.source_url = links[0] if links else (url.group(0) if url else "")
        elif author and not article.author and len(text) <= 100:
            article.author = author.group("rest").strip()
        elif not article.author and _is_person_name(text.lstrip("-–— ")):
            article.author = text.lstrip("-–— ").strip(" .")
        else:
            break
        region.pop(index)
    for line in list(region[:3]):
        match = _AUTHOR_LABEL.match(line.text) if line.kind != "image" else None
        if match and not article.author and len(line.text) <= 100:
            article.author = match.group("rest").strip()
            region.remove(line)


def _is_source(text, rest):
    if re.match(r"^[(\[]?\s*(nguồn tin|nguồn)\b", text, re.IGNORECASE):
        return True
    # "Theo …" is a source only as a short line of its own, not "Theo đó, …".
    return len(rest.split()) <= 10 and "," not in rest and not _key(rest).startswith(("do ", "do,"))


def _body_items(region):
    items = []
    photo_intro = False
    i = 0
    while i < len(region):
        line = region[i]
        if line.kind == "image":
            image = line.image
            following = region[i + 1] if i + 1 < len(region) else None
            if (
                not image.caption
                and following is not None
                and following.kind == "text"
                and len(following.text) <= 300
                and (following.caption_hint or following.emphasis)
            ):
                image.caption = following.text
                i += 1
            items.append(("image", image))
        elif line.kind == "heading":
            items.append(("heading", line.text))
        elif photo_intro and len(line.text) <= 400:
            # Captions of photos the text save no longer has.
            items.append(("image", ImageRef(None, line.text, "")))
        else:
            items.append(("paragraph", line.text))
            photo_intro = bool(_PHOTO_INTRO.search(line.text)) and len(line.text) <= 200
        i += 1
    return items


def is_mht(data, filename=""):
    if Path(filename).suffix.lower() in MHT_SUFFIXES:
        return True
    head = data[:2048].lower() if isinstance(data, bytes) else b""
    return b"multipart/related" in head and b"mime-version" in head


def read_mht(data):
    """The HTML of a single-file web archive (.mht), its charset and address, and the files it carries."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    html_part, files = None, {}
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if payload is None:
            continue
        if part.get_content_type() == "text/html" and html_part is None:
            html_part = part
            html_payload = payload
        else:
            files[str(part.get("Content-Location", "")).strip()] = payload
    if html_part is None:
        raise ExtractError(_("the web archive (.mht) has no HTML page in it"))
    location = str(html_part.get("Content-Location", "")).strip()
    return html_payload, html_part.get_content_charset(), location, files


def extract(data, filename=""):
    """Read one saved page (bytes or text) and return the ExtractedArticle in it.

    Raises UndecodableError (encoding) or ExtractError (no article) with the reason.
    """
    attachments, location = {}, ""
    if is_mht(data, filename):
        data, charset, location, attachments = read_mht(data)
        decoded = decode(data, declared=(charset or "").lower() or None)
    else:
        decoded = decode(data)
    text = decoded.text
    if attachments or looks_like_html(text, filename):
        lines, meta = lines_from_html(text)
        if location.startswith("http") and not meta["original_url"]:
            meta["original_url"] = location
    else:
        lines = lines_from_text(text)
        meta = {"original_url": _original_url(text)}
        for line in lines[:2] + lines[-2:]:
            url = _URL_LINE.match(line.text)
            if url:
                meta["original_url"] = meta["original_url"] or url.group(1)
                line.role = "chrome"
    article = analyse(lines, meta, filename)
    article.attachments = {urljoin(location, address) if location else address: payload
                           for address, payload in attachments.items()}  # fmt: skip
    article.encoding = decoded.encoding
    if decoded.note:
        article.warnings.append(decoded.note)
    return article
