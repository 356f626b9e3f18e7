"""City TV video bulletins: the "Xem tất cả" index and the bulletin page."""

import datetime
import re
from urllib.parse import parse_qs, quote, urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from articles.serializers import PosterField, VideoSourceField
from cms.blocks import video_file_chooser
from cms.content import RichTextHTMLField, SenDetailPageMixin, SenIndexPage, intro_field
from cms.paginator import Desc
from cms.shapes import typed_field

BULLETINS_PER_PAGE = 12
# The order of bulletin lists, for the database and for the seek paginator of deep pages.
BULLETIN_ORDER = [Desc("broadcast_date"), Desc("first_published_at"), Desc("pk")]

# Services whose players can be embedded; the address is checked here, never fetched.
EMBED_HOSTS = {
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "youtube-nocookie.com": "YouTube",
    "vimeo.com": "Vimeo",
    "facebook.com": "Facebook",
    "fb.watch": "Facebook",
}


def embed_host(url):
    """The known video service of ``url`` ("youtube.com" for "https://www.youtube.com/…"), or None."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    for known in EMBED_HOSTS:
        if host == known or host.endswith("." + known):
            return known
    return None


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_VIMEO_ID = re.compile(r"/(\d+)(?:/|$)")


def embed_player_url(url):
    """The address of the service's player for ``url``, worked out without asking the service."""
    host = embed_host(url) if url else None
    if host is None:
        return None
    parts = urlsplit(url)
    if host in ("youtube.com", "youtube-nocookie.com"):
        if parts.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parts.path.split("/")[2]
        else:
            video_id = (parse_qs(parts.query).get("v") or [""])[0]
    elif host == "youtu.be":
        video_id = parts.path.strip("/").split("/")[0]
    elif host == "vimeo.com":
        match = _VIMEO_ID.search(parts.path)
        return f"https://player.vimeo.com/video/{match.group(1)}" if match else None
    else:
        return "https://www.facebook.com/plugins/video.php?href=" + quote(url, safe="")
    if not _YOUTUBE_ID.match(video_id or ""):
        return None
    return f"https://www.youtube-nocookie.com/embed/{video_id}"


def validate_embed_url(url):
    if url and embed_host(url) is None:
        raise ValidationError(
            _("Give the address of a video on %(services)s."),
            params={"services": ", ".join(sorted(set(EMBED_HOSTS.values())))},
            code="embed_host",
        )


def validate_non_negative_duration(value):
    if value is not None and value < datetime.timedelta(0):
        raise ValidationError(_("The duration cannot be negative."), code="negative_duration")


def format_duration(value):
    """A duration as a clock reads it: "2:05", or "1:02:05" past an hour."""
    if value is None:
        return ""
    seconds = max(int(value.total_seconds()), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


class VideoIndexPage(SenIndexPage):
    """Every video bulletin, newest broadcast first ("Xem tất cả")."""

    intro = intro_field(_("A short text shown above the list of bulletins."))

    subpage_types = ["articles.VideoBulletinPage"]
    listing_name = "bulletins"
    per_page = BULLETINS_PER_PAGE

    class Meta:
        verbose_name = _("video bulletin index page")
        verbose_name_plural = _("video bulletin index pages")


class VideoBulletinPage(SenDetailPageMixin, Page):
    """One city TV bulletin: an uploaded video or an embedded one, with its transcript."""

    listing_order = BULLETIN_ORDER
    listing_select_related = ("poster", "video_file", "locale")
    listing_prefetch_related = ("poster__renditions",)
    index_name = "video_index"

    serve_select_related = ("poster", "video_file")  # read with the page when it is served (cms.chrome.serve)
    add_label = _("Add a video bulletin")  # the "Thêm …" button of the listing and dashboard (cms/workflows/adding.py)

    broadcast_date = models.DateField(
        default=timezone.localdate,
        verbose_name=_("broadcast date"),
        help_text=_("The day the programme was broadcast."),
    )
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("video file"),
        help_text=_("An uploaded MP4 or WebM file, played in the page. Give either a file or an embed address."),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("poster image"),
        help_text=_("Shown before the video plays and in lists of bulletins."),
    )
    embed_url = models.URLField(
        max_length=500,
        blank=True,
        validators=[validate_embed_url],
        verbose_name=_("embed address"),
        help_text=_("Address of the video on YouTube, Vimeo or Facebook, instead of an uploaded file."),
    )
    duration = models.DurationField(
        null=True,
        blank=True,
        validators=[validate_non_negative_duration],
        verbose_name=_("duration"),
        help_text=_("Length of the video as minutes:seconds, e.g. 12:30 (or hours:minutes:seconds)."),
    )
    description = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        verbose_name=_("description"),
        help_text=_("What the bulletin covers."),
    )
    transcript = models.TextField(
        blank=True,
        verbose_name=_("transcript"),
        help_text=_("The words of the bulletin, for deaf visitors and for search."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("broadcast_date"),
        MultiFieldPanel(
            [
                FieldPanel("video_file", widget=video_file_chooser()),
                FieldPanel("embed_url"),
                FieldRowPanel([FieldPanel("poster"), FieldPanel("duration")]),
            ],
            heading=_("Video"),
        ),
        FieldPanel("description"),
        FieldPanel("transcript"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("transcript"),
        index.FilterField("broadcast_date"),
        index.FilterField("locale"),
    ]

    api_fields = [
        APIField("broadcast_date"),
        APIField("video", serializer=VideoSourceField(source="*")),
        APIField("poster", serializer=PosterField(source="*")),
        APIField("embed_url"),
        APIField("duration_seconds", serializer=typed_field(int | None)()),
        APIField("duration_display", serializer=typed_field(str)()),
        APIField("description", serializer=RichTextHTMLField()),
        APIField("transcript"),
    ]
    api_filters = {
        "date_from": ("broadcast_date__gte", "date"),
        "date_to": ("broadcast_date__lte", "date"),
    }

    parent_page_types = ["articles.VideoIndexPage"]

    class Meta:
        verbose_name = _("video bulletin")
        verbose_name_plural = _("video bulletins")

    def clean(self):
        super().clean()
        if self.video_file_id and self.embed_url:
            raise ValidationError(
                {"embed_url": ValidationError(_("Give either a video file or an embed address, not both."))}
            )
        if not self.video_file_id and not self.embed_url:
            # "incomplete": a draft being filled in is merely incomplete (cms.workflows.editing keeps autosave quiet)
            missing = ValidationError(_("Upload a video file or give an embed address."), code="incomplete")
            raise ValidationError({"video_file": missing})

    @property
    def search_date(self):
        """The date site search filters and sorts this bulletin by."""
        return self.broadcast_date

    @property
    def duration_seconds(self):
        return int(self.duration.total_seconds()) if self.duration is not None else None

    @property
    def duration_display(self):
        """ "12:30" for the page and lists."""
        return format_duration(self.duration)

    @property
    def embed_player_url(self):
        return embed_player_url(self.embed_url)

    @property
    def embed_service(self):
        host = embed_host(self.embed_url) if self.embed_url else None
        return EMBED_HOSTS.get(host) if host else None
