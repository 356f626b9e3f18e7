"""API representations of the article fields (rich text as HTML, images as renditions)."""

from rest_framework.fields import Field
from typing_extensions import TypedDict

from cms.blocks import image_api_representation
from cms.shapes import URL, ImageRef

# The return annotations type the fields in the OpenAPI documents (cms.api.schemas).


class CategoryRef(TypedDict):
    id: int
    name: str
    slug: str


class VideoFile(TypedDict):
    url: URL
    file_extension: str
    title: str


class VideoSource(TypedDict):
    """Where to play a bulletin: the uploaded file, or the service's address and its player's."""

    file: VideoFile | None
    embed_url: URL | None
    embed_player_url: URL | None


class MainImageField(Field):
    """A news article's main image with its alt text, caption and renditions (``source="*"``)."""

    def to_representation(self, page) -> ImageRef | None:
        result = image_api_representation(page.main_image, page.main_image_alt)
        if result is not None:
            result["caption"] = page.main_image_caption
        return result


class CategoriesField(Field):
    """The categories of a news article as name/slug pairs (``source="*"``)."""

    def to_representation(self, page) -> list[CategoryRef]:
        # One lookup of the categories' translations for the whole listing (the context is the listing's).
        page.category_translations = self.context.setdefault("sen_category_translations", {})
        return [{"id": c.pk, "name": c.name, "slug": c.slug} for c in page.display_categories]


class PosterField(Field):
    """A bulletin's poster image (``source="*"``)."""

    def to_representation(self, page) -> ImageRef | None:
        return image_api_representation(page.poster, page.title)


class VideoSourceField(Field):
    """Where to play a bulletin: the uploaded file (URL, type) or the embed address (``source="*"``)."""

    def to_representation(self, page) -> VideoSource:
        document = page.video_file
        return {
            "file": (
                {"url": document.url, "file_extension": document.file_extension, "title": document.title}
                if document
                else None
            ),
            "embed_url": page.embed_url or None,
            "embed_player_url": page.embed_player_url,
        }
