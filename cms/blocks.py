"""StreamField blocks shared by every content plugin.

Each block carries an icon, a description and a preview value for the editor, and
an API representation that a consuming site can show as is (rich text as HTML,
images as rendition URLs with size and alt text).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from typing_extensions import TypedDict
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.documents.widgets import AdminDocumentChooser
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import expand_db_html

from cms.absolute import absolute_url
from cms.renditions import API_RENDITIONS, get_renditions
from cms.shapes import HTML, URL, ImageRef

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr", "blockquote"]

# Named renditions a consumer can pick from (Wagtail filter specs, listed in cms/renditions).
IMAGE_RENDITIONS = API_RENDITIONS


def image_api_representation(image, alt="", renditions=IMAGE_RENDITIONS, request=None):
    """An image as a consumer needs it: renditions with URL and size, and the alt text.

    A rendition not made yet of a large image is ``null`` (the worker is making it).
    """
    if image is None:
        return None
    result = {"id": image.id, "title": image.title, "alt": alt or getattr(image, "default_alt_text", "") or ""}
    found = get_renditions(image, *renditions.values())
    result["renditions"] = {}
    for name, spec in renditions.items():
        rendition = found.get(spec)
        result["renditions"][name] = (
            {"url": absolute_url(request, rendition.url), "width": rendition.width, "height": rendition.height}
            if rendition
            else None
        )
    return result


def _request(context):
    return (context or {}).get("request")


class RichParagraphBlock(blocks.RichTextBlock):
    """Body text with headings, lists and links."""

    api_type = HTML

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def get_api_representation(self, value, context=None):
        return expand_db_html(value.source) if value else ""

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        description = _("Text with headings, lists and links.")
        preview_value = "<p>Trung tâm học tập cộng đồng phường tổ chức 26 lớp chuyên đề trong năm.</p>"


class CaptionedImageValue(TypedDict):
    image: ImageRef | None
    alt: str
    caption: str
    credit: str


class VideoValue(TypedDict):
    embed_url: URL | None
    source: URL | None
    poster: ImageRef | None
    caption: str


class DocumentDownloadValue(TypedDict):
    title: str
    url: URL | None
    file_extension: str | None


# A block whose ``get_api_representation`` is its own says what it gives in ``api_type`` (a Python type, see
# cms.shapes); the API documents derive every other block's type from its definition (cms.api.schemas).


class ImageWithCaptionBlock(blocks.StructBlock):
    """A photo with the alt text a screen reader needs, its caption and its credit."""

    api_type = CaptionedImageValue

    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alt text"),
        max_length=255,
        help_text=_("Describe the photo for visitors who cannot see it. Required."),
    )
    caption = blocks.CharBlock(
        required=False, label=_("Caption"), help_text=_("Shown under the photo."), max_length=500
    )
    credit = blocks.CharBlock(
        required=False, label=_("Credit"), help_text=_("Who took the photo, e.g. 'Ảnh: Thanh Tùng'."), max_length=255
    )

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not (value.get("alt") or "").strip():
            raise StructBlockValidationError({"alt": ValidationError(_("Every image needs alt text."))})
        return value

    def get_api_representation(self, value, context=None):
        return {
            "image": image_api_representation(value.get("image"), value.get("alt"), request=_request(context)),
            "alt": value.get("alt", ""),
            "caption": value.get("caption", ""),
            "credit": value.get("credit", ""),
        }

    class Meta:
        icon = "image"
        label = _("Image with caption")
        description = _("A photo with alt text, caption and credit.")
        template = "cms/blocks/image_with_caption.html"


class GalleryBlock(blocks.ListBlock):
    """Several photos shown together."""

    def __init__(self, **kwargs):
        super().__init__(ImageWithCaptionBlock(), min_num=1, **kwargs)

    class Meta:
        icon = "image"
        label = _("Gallery")
        description = _("Several photos with their captions.")
        template = "cms/blocks/gallery.html"


def video_file_chooser():
    """The document chooser's widget saying what it chooses: "Chọn tệp video", not "Chọn tài liệu"."""
    return AdminDocumentChooser(
        choose_one_text=_("Choose a video file"),
        choose_another_text=_("Choose another video file"),
        link_to_chosen_text=_("Edit this video file"),
    )


class VideoFileChooserBlock(DocumentChooserBlock):
    """Wagtail's document chooser block with the video file's words; stored as Wagtail's block (migrations
    name ``DocumentChooserBlock``, so existing StreamField definitions do not change)."""

    widget = video_file_chooser()

    @property
    def canonical_module_path(self):
        return "wagtail.documents.blocks.DocumentChooserBlock"


class VideoBlock(blocks.StructBlock):
    """A video: an embed URL (YouTube, Facebook…) or an uploaded file with a poster image."""

    api_type = VideoValue

    embed = EmbedBlock(
        required=False, label=_("Embed URL"), help_text=_("Address of the video on YouTube or another service.")
    )
    file = VideoFileChooserBlock(
        required=False, label=_("Video file"), help_text=_("An uploaded MP4 or WebM file, played in the page.")
    )
    poster = ImageChooserBlock(required=False, label=_("Poster image"), help_text=_("Shown before the video plays."))
    caption = blocks.CharBlock(required=False, label=_("Caption"), max_length=500)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("embed") and not value.get("file"):
            raise StructBlockValidationError(
                block_errors={"file": ValidationError(_("Give either an embed URL or a video file."))}
            )
        return value

    def get_api_representation(self, value, context=None):
        embed = value.get("embed")
        file = value.get("file")
        return {
            "embed_url": embed.url if embed else None,
            "source": file.url if file else None,
            "poster": image_api_representation(value.get("poster"), request=_request(context)),
            "caption": value.get("caption", ""),
        }

    class Meta:
        icon = "media"
        label = _("Video")
        description = _("An embedded or uploaded video.")
        template = "cms/blocks/video.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with who said it."""

    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, label=_("Attribution"), max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        description = _("A quotation and who said it.")
        template = "cms/blocks/quote.html"
        preview_value = {"quote": "Học tập suốt đời là quyền của mọi người dân.", "attribution": "Hội Khuyến học"}


class DocumentDownloadBlock(blocks.StructBlock):
    """A file visitors can download (a decision, a plan, a form)."""

    api_type = DocumentDownloadValue

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False, label=_("Link text"), help_text=_("Defaults to the document's title."), max_length=255
    )

    def get_api_representation(self, value, context=None):
        document = value.get("document")
        return {
            "title": value.get("title") or (document.title if document else ""),
            "url": document.url if document else None,
            "file_extension": document.file_extension if document else None,
        }

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        description = _("A link to download a file.")
        template = "cms/blocks/document.html"


class BodyBlock(blocks.StreamBlock):
    """The body of an article or a page."""

    paragraph = RichParagraphBlock()
    image = ImageWithCaptionBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    table = TableBlock(label=_("Table"), icon="table", description=_("A table of figures."))
    document = DocumentDownloadBlock()
