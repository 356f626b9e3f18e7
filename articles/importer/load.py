"""Turn extracted articles into NewsPage drafts: body blocks, photos, centre links, import records.

Every page is written in its own transaction, so a page that fails leaves nothing
behind and the batch goes on. Drafts are never published: they wait for the workflow.
"""

import base64
import binascii
import hashlib
import html
import io
import logging
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.images import get_image_model

from articles.hooks import REPORT_IMPORTED, ReportImported
from articles.models import ImportRecord, NewsIndexPage, NewsPage
from cms import hooks as sen_hooks
from cms.renditions.forms import check_image_file
from cms.text import fold

from .decode import UndecodableError
from .extract import HTML_SUFFIXES, MHT_SUFFIXES, TEXT_SUFFIXES, ExtractError, extract

logger = logging.getLogger("sen.importer")

PAGE_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES | MHT_SUFFIXES
ASSET_FOLDERS = ("_files", "_tep", ".files")  # where browsers put a saved page's photos
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp"}
# Words that name a centre in general; a mention of one near a commune's name is a
# mention of that commune's centre.
GENERIC_CENTER_WORDS = r"(?:trung tâm học tập cộng đồng|trung tâm htcđ|tthtcđ|tt htcđ|ttht cộng đồng|hội khuyến học)"

CREATED, UPDATED, SKIPPED = "created", "updated", "skipped"
MAX_PAGE_BYTES = 50 * 2**20  # a saved page with its archive (.mht) photos; anything bigger is not one
# An article reports an inspection when its title says so, or its text tells of the inspectors' visit.
INSPECTION_TITLE = re.compile(r"\b(kiem tra|thanh tra|giam sat|danh gia ngoai)\b")
INSPECTION_TEXT = re.compile(r"\b(doan kiem tra|doan thanh tra|doan giam sat|to chuc kiem tra|dot kiem tra)\b")


class IndexNotFound(LookupError):
    """The news index the articles should go under does not exist."""


@dataclass
class PageResult:
    """What happened to one saved page."""

    path: Path
    status: str = SKIPPED
    title: str = ""
    page_id: int | None = None
    reason: str = ""
    flags: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def find_pages(paths):
    """The saved pages in ``paths`` (files, or folders searched recursively), in a stable order.

    A browser's "<name>_files" folder holds the page's assets, not pages, and is left out.
    """
    found = []
    for path in paths:
        path = Path(path)
        if path.is_file():
            found.append(path)
            continue
        for child in sorted(path.rglob("*")):
            relative = child.relative_to(path)
            if any(part.startswith(".") or part.endswith(ASSET_FOLDERS) for part in relative.parts[:-1]):
                continue
            if child.is_file() and not child.name.startswith(".") and child.suffix.lower() in PAGE_SUFFIXES:
                found.append(child)
    return found


def find_index(value=None):
    """The NewsIndexPage named by id, slug or URL path (``/tin-tuc/``), or the first one."""
    pages = NewsIndexPage.objects.order_by("path")
    if not value:
        index = pages.first()
        if index is None:
            raise IndexNotFound(_("There is no news index page. Create one, or name it with --index."))
        return index
    value = str(value).strip()
    index = None
    if value.isdigit():
        index = pages.filter(pk=int(value)).first()
    if index is None:
        index = pages.filter(slug=value.strip("/")).first()
    if index is None and "/" in value:
        path = "/" + value.strip("/") + "/"
        index = pages.filter(url_path=path).first() or pages.filter(url_path__endswith=path).first()
    if index is None:
        message = _("No news index page matches “%(value)s” (give its id, slug or URL path).")
        raise IndexNotFound(message % {"value": value})
    return index


def reports_inspection(article):
    """True when the article is the report of an inspection (a visit to check on centres)."""
    if INSPECTION_TITLE.search(fold(article.title)):
        return True
    return any(INSPECTION_TEXT.search(fold(text)) for text in article.paragraphs)


def import_key(article):
    return hashlib.sha256(article.key.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- centre mentions


@dataclass
class Mention:
    start: int
    end: int
    target: object


def _name_pattern(name):
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name or "").strip()
    if len(name) < 4:
        return None
    words = [re.escape(word) for word in name.split()]
    return r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"


def _places(target):
    """The places a centre is known by: from its names ("… phường Yên Thanh") and its commune.

    Former commune names are left out: since the 2025 mergers one commune holds several
    former wards, each with its own centre, so an old ward's name does not say which one.
    """
    places = []
    for name in target.names:
        rest = re.sub(
            r"^\s*" + GENERIC_CENTER_WORDS + r"(?:\s+và\s+" + GENERIC_CENTER_WORDS + r")?", "", name, flags=re.I
        )
        if rest != name:
            places.append(rest.strip(" ,-"))
    commune = (target.context or {}).get("commune", "")
    places.append(re.split(r"[,(]", commune)[0])
    return [place.strip() for place in dict.fromkeys(places) if len(place.strip()) >= 4]


def _place_owners(targets):
    owners = {}
    for target in targets:
        for place in _places(target):
            owners.setdefault(place.casefold(), []).append(target)
    return owners


def find_mentions(text, targets, already=()):
    """Where ``text`` mentions one of ``targets``: by one of its names, or as "the centre of <place>".

    "TTHTCĐ điển hình tại UBND phường Yên Thanh" names the centre of phường Yên Thanh, if only
    one centre is known by that place. ``already`` holds targets linked earlier in the
    article: each centre is linked once.
    """
    mentions = []
    taken = []
    owners = _place_owners(targets)

    def free(start, end):
        return all(end <= s or start >= e for s, e in taken)

    for target in targets:
        if any(target is other for other in already) or target.page is None:
            continue
        found = None
        for name in sorted(target.names, key=len, reverse=True):
            pattern = _name_pattern(name)
            match = pattern and re.search(pattern, text, re.IGNORECASE)
            if match and free(*match.span()):
                found = match.span()
                break
        if found is None:
            for place in _places(target):
                pattern = _name_pattern(place)
                if not pattern or len(owners.get(place.casefold(), [])) != 1:
                    continue
                near = re.search(
                    GENERIC_CENTER_WORDS + r"[^.;:!?]{0,60}?" + pattern, text, re.IGNORECASE
                ) or re.search(pattern + r"[^.;:!?]{0,20}?" + GENERIC_CENTER_WORDS, text, re.IGNORECASE)
                if near and free(*near.span()):
                    found = near.span()
                    break
        if found is not None:
            taken.append(found)
            mentions.append(Mention(found[0], found[1], target))
    return sorted(mentions, key=lambda mention: mention.start)


def paragraph_html(text, mentions=()):
    """``text`` as a rich-text paragraph, escaped, with mentions as internal page links."""
    parts, position = [], 0
    for mention in mentions:
        parts.append(html.escape(text[position : mention.start], quote=False))
        parts.append(
            f'<a linktype="page" id="{mention.target.page.pk}">'
            f"{html.escape(text[mention.start : mention.end], quote=False)}</a>"
        )
        position = mention.end
    parts.append(html.escape(text[position:], quote=False))
    return "<p>" + "".join(parts) + "</p>"


# --------------------------------------------------------------------------- images


def _read_data_uri(src):
    header, _sep, payload = src.partition(",")
    if ";base64" not in header:
        return None, None
    try:
        data = base64.b64decode(payload, validate=False)
    except (binascii.Error, ValueError):
        return None, None
    extension = mimetypes.guess_extension(header[5:].split(";")[0]) or ".jpg"
    return data, "anh" + extension


def resolve_image(src, page_path, attachments=None):
    """The bytes and file name of the photo ``src`` points to next to the saved page, or (None, None).

    Looks in the archive's own files (.mht), then beside the page and in its "<name>_files"
    folder; never outside the page's folder, never on the network.
    """
    if src.startswith("data:"):
        return _read_data_uri(src)
    parts = urlsplit(src)
    name = unquote(Path(parts.path).name)
    for address, payload in (attachments or {}).items():
        if address == src or (name and unquote(Path(urlsplit(address).path).name) == name):
            return payload, name or "anh.jpg"
    folder = page_path.parent
    candidates = []
    if not parts.scheme and not parts.netloc and not parts.path.startswith("/"):
        candidates.append(folder / unquote(parts.path))
    for assets in ASSET_FOLDERS:
        candidates.append(folder / f"{page_path.stem}{assets}" / name)
    candidates.append(folder / name)
    for candidate in candidates:
        if name and candidate.is_file():
            try:
                candidate.resolve().relative_to(folder.resolve())
            except ValueError:
                continue  # never read outside the folder of the saved page
            return candidate.read_bytes(), candidate.name
    return None, None


def assets_folder_images(page_path):
    """Photos in the page's "<name>_files" folder, in name order (for text saves that lost their <img>)."""
    for assets in ASSET_FOLDERS:
        folder = page_path.parent / f"{page_path.stem}{assets}"
        if folder.is_dir():
            return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
    return []


class ImageImporter:
    """Put photos into Wagtail's image library once (the same file twice gives the same image)."""

    def __init__(self, dry_run=False):
        self.dry_run = dry_run
        self.created_files = []

    def get_or_create(self, data, filename, title):
        Image = get_image_model()
        digest = hashlib.sha1(data).hexdigest()  # noqa: S324 - Wagtail's own file_hash is SHA-1
        existing = Image.objects.filter(file_hash=digest).first()
        if existing is not None:
            return existing, False
        try:
            with PILImage.open(io.BytesIO(data)) as picture:
                picture.verify()
        except Exception as exc:  # Pillow raises many kinds of errors for a bad file
            raise ValueError(_("“%(name)s” is not a photo Sen can read") % {"name": filename}) from exc
        try:
            check_image_file(io.BytesIO(data))  # the upload form's limits: pixels, frames
        except ValidationError as exc:
            raise ValueError(f"{filename}: {' '.join(exc.messages)}") from exc
        if self.dry_run:
            return None, True
        image = Image(title=(title or filename)[:255], file=ContentFile(data, name=filename))
        image.file_size = len(data)
        image.file_hash = digest
        image.save()
        self.created_files.append(image.file.name)
        return image, True

    def discard_files(self):
        """Delete the files of images whose database rows were rolled back."""
        Image = get_image_model()
        storage = Image._meta.get_field("file").storage
        for name in self.created_files:
            if storage.exists(name):
                storage.delete(name)
        self.created_files = []


# --------------------------------------------------------------------------- pages


class Importer:
    """Import saved pages as NewsPage drafts under ``index``."""

    def __init__(self, index, dry_run=False, user=None, attach_reports=True, overwrite=False):
        self.index = index
        self.dry_run = dry_run
        self.user = user
        self.attach_reports = attach_reports
        self.overwrite = overwrite
        self._targets = None

    @property
    def targets(self):
        if self._targets is None:
            self._targets = [t for t in sen_hooks.collect(sen_hooks.LINK_TARGETS) if t.page is not None]
        return self._targets

    def import_file(self, path):
        path = Path(path)
        result = PageResult(path=path)
        try:
            if path.stat().st_size > MAX_PAGE_BYTES:
                result.reason = _("the file is too large for a saved page (over %(size)s MB)") % {
                    "size": MAX_PAGE_BYTES // 2**20
                }
                return result
            data = path.read_bytes()
        except OSError as exc:
            result.reason = _("cannot be read: %(error)s") % {"error": exc.strerror or exc}
            return result
        try:
            article = extract(data, path.name)
        except (UndecodableError, ExtractError) as exc:
            result.reason = str(exc)
            return result
        except Exception as exc:  # a page the parser chokes on must not stop the batch
            logger.exception("Could not read %s", path)
            result.reason = _("could not be read as a page: %(error)s") % {"error": _describe(exc)}
            return result
        result.title = article.title
        result.flags.extend(article.warnings)
        images = ImageImporter(dry_run=self.dry_run)
        try:
            with transaction.atomic():
                self._save(article, path, result, images)
                if self.dry_run:
                    transaction.set_rollback(True)
        except Exception as exc:  # one bad page must not stop the batch; nothing of it is kept
            logger.exception("Could not import %s", path)
            images.discard_files()
            result.status = SKIPPED
            result.page_id = None
            result.reason = _("could not be saved: %(error)s") % {"error": _describe(exc)}
        return result

    def _save(self, article, path, result, images):
        key = import_key(article)
        record = ImportRecord.objects.select_related("page").filter(key=key).first()
        page = record.page.specific if record is not None else None
        if page is not None and not self.overwrite:
            edited = page.live or (record.revision_id and page.latest_revision_id != record.revision_id)
            if edited:
                result.reason = _(
                    "already imported as “%(title)s” (id %(id)s), which an editor has since changed or published; "
                    "use --overwrite to replace it"
                ) % {"title": page.title, "id": page.pk}
                return

        summary = article.summary[:1000]
        body, main_image, mentioned = self._body(article.body, article, path, result, images)
        if summary:
            # The summary is plain text (no link), but the centre it names is still reported on.
            mentioned += [m.target for m in find_mentions(summary, self.targets, already=mentioned)]
        fields = {
            "title": article.title[:255],
            "date": article.published_at,
            "summary": summary,
            "author": article.author[:255],
            "source": article.source[:255],
            "source_url": _valid_url(article.source_url) if article.source else "",
            "body": body,
            "main_image": main_image[0] if main_image else None,
            "main_image_alt": main_image[1] if main_image else "",
            "main_image_caption": main_image[2] if main_image else "",
        }
        attach = bool(mentioned) and self.attach_reports and reports_inspection(article)
        if attach and article.published_at is None:
            # Which inspection an article reports is decided by its date: never by a guessed one.
            attach = False
            result.flags.append(
                _("not attached to the inspections of %(centres)s: the article has no date")
                % {"centres": ", ".join(f"“{target.page.title}”" for target in mentioned)}
            )
        result.status = CREATED if page is None else UPDATED
        if self.dry_run:
            result.page_id = page.pk if page is not None else None
            if attach:
                result.notes.append(
                    _("would be offered as the inspection report of %(centres)s")
                    % {"centres": ", ".join(f"“{target.page.title}”" for target in mentioned)}
                )
            return
        if page is None:
            page = NewsPage(live=False, locale=self.index.locale, **fields)
            self.index.add_child(instance=page)
        else:
            for name, value in fields.items():
                setattr(page, name, value)
            if not page.live:
                page.save()
            # A live article (--overwrite) keeps what visitors see: the import is a new draft revision.
        revision = page.save_revision(user=self.user, log_action=True)
        result.page_id = page.pk
        ImportRecord.objects.update_or_create(
            key=key,
            defaults={
                "page": page,
                "revision": revision,
                "original_url": article.original_url[:1000],
                "source_file": str(path)[:1000],
            },
        )
        if attach:
            page.refresh_from_db()
            result.notes.extend(sen_hooks.collect(REPORT_IMPORTED, ReportImported(article=page, targets=mentioned)))

    def _body(self, items, article, path, result, images):
        body, mentioned, main_image = [], [], None
        loose_files = assets_folder_images(path) if not any(img.src for img in article.images) else []
        caption_only = [img for img in article.images if not img.src]
        if loose_files and len(loose_files) == len(caption_only):
            # A text save keeps the captions and the photo folder, not the <img> tags: pair them in order.
            for image, file in zip(caption_only, loose_files, strict=True):
                image.src = file.name
            result.flags.append(_("photos paired with their captions in file-name order: check them"))
        missing = 0
        for position, (kind, value) in enumerate(items):
            if kind == "paragraph":
                mentions = find_mentions(value, self.targets, already=mentioned)
                mentioned.extend(mention.target for mention in mentions)
                body.append(("paragraph", paragraph_html(value, mentions)))
            elif kind == "heading":
                body.append(("paragraph", f"<h3>{html.escape(value, quote=False)}</h3>"))
            elif kind == "image":
                image = self._image(value, article, path, result, images)
                if image is None:
                    missing += 1
                    if value.caption:
                        mentions = find_mentions(value.caption, self.targets, already=mentioned)
                        mentioned.extend(mention.target for mention in mentions)
                        caption_html = paragraph_html(value.caption, mentions)
                        body.append(
                            ("paragraph", caption_html.replace("<p>", "<p><i>", 1).replace("</p>", "</i></p>"))
                        )
                    continue
                # A caption is plain text: a centre it names is reported on, without a link.
                mentioned.extend(m.target for m in find_mentions(value.caption, self.targets, already=mentioned))
                alt = (value.alt or value.caption or value.src or "")[:255]
                caption = value.caption[:500]
                if position == 0 and main_image is None:
                    main_image = (image, alt, caption)
                    continue
                body.append(("image", {"image": image, "alt": alt, "caption": caption, "credit": ""}))
        if missing:
            result.flags.append(
                _("images missing: %(count)s photo(s) not found next to the page (captions kept in the text)")
                % {"count": missing}
            )
        result.notes.extend(_("links to “%(name)s”") % {"name": target.page.title} for target in mentioned)
        return body, main_image, mentioned

    def _image(self, ref, article, path, result, images):
        if not ref.src:
            return None
        data, filename = resolve_image(ref.src, path, article.attachments)
        if data is None:
            return None
        try:
            image, _created = images.get_or_create(data, filename, ref.caption or ref.alt)
        except ValueError as exc:
            result.flags.append(str(exc))
            return None
        if image is None:  # dry run: the photo would be imported
            return _DryRunImage()
        return image


class _DryRunImage:
    pk = None


def _valid_url(url):
    if not url:
        return ""
    try:
        URLValidator()(url)
    except ValidationError:
        return ""
    return url[:500]


def _describe(exc):
    if isinstance(exc, ValidationError):
        messages = []
        for field_name, errors in getattr(exc, "message_dict", {"": exc.messages}).items():
            messages.append((f"{field_name}: " if field_name and field_name != "__all__" else "") + "; ".join(errors))
        return " | ".join(messages)
    return str(exc) or exc.__class__.__name__
