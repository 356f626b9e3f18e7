"""The home page and the site chrome every page shares."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index

from cms import hooks as sen_hooks
from cms.pages import SenPageMixin


class HomePage(SenPageMixin, Page):
    """The portal's front page: an introduction, then the sections the content plugins contribute."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        verbose_name=_("introduction"),
        help_text=_("A short welcome shown above the sections of the home page."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    api_fields = ["intro"]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        # Rendered by ``{% home_sections %}`` (cms.templatetags.sen_tags), kept in the chrome cache.
        def sections():
            return sen_hooks.collect(sen_hooks.HOME_SECTIONS, request, self)

        sections.do_not_call_in_templates = True  # called by the tag, on a cache miss only
        context["sections"] = sections
        return context


class AnnouncementQuerySet(models.QuerySet):
    def visible(self, when=None, locale=None):
        """Live announcements whose visibility window includes ``when``: expired ones drop out by themselves,
        as do those past their expiry time (``expire_at``) before the worker unpublishes them."""
        when = when or timezone.now()
        queryset = self.filter(live=True).filter(
            Q(visible_from__isnull=True) | Q(visible_from__lte=when),
            Q(visible_until__isnull=True) | Q(visible_until__gt=when),
            Q(expire_at__isnull=True) | Q(expire_at__gt=when),
        )
        if locale is not None:
            queryset = queryset.filter(locale=locale)
        return queryset.order_by("-pinned", "-visible_from", "-id")

    def next_visibility_change(self, when=None, locale=None):
        """The next time a live announcement appears, ends or expires by itself (after ``when``), or None."""
        when = when or timezone.now()
        queryset = self.filter(live=True)
        if locale is not None:
            queryset = queryset.filter(locale=locale)
        starts = queryset.filter(visible_from__gt=when).aggregate(first=models.Min("visible_from"))["first"]
        ends = queryset.filter(visible_until__gt=when).aggregate(first=models.Min("visible_until"))["first"]
        expires = queryset.filter(expire_at__gt=when).aggregate(first=models.Min("expire_at"))["first"]
        times = [time for time in (starts, ends, expires) if time is not None]
        return min(times) if times else None


class Announcement(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    index.Indexed,
    models.Model,
):
    """A notice ("Thông báo") shown in the sidebar between its visible-from and visible-until times."""

    add_label = _("Add an announcement")  # the dashboard's "Thêm …" button (cms/workflows/adding.py)

    # Where webhook consumers read announcements (cms.webhooks.events): they have no detail endpoint.
    webhook_api_path = "/api/sen/announcements?locale={locale}"

    title = models.CharField(_("title"), max_length=255, help_text=_("A short headline, e.g. 'Lịch tiếp công dân'."))
    text = RichTextField(
        _("text"), blank=True, features=["bold", "italic", "link", "ul", "ol"], help_text=_("The notice itself.")
    )
    link_url = models.URLField(
        _("link"), blank=True, help_text=_("Optional: a page on another site with the details.")
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: a file with the details (a decision, a plan)."),
    )
    visible_from = models.DateTimeField(
        _("visible from"), null=True, blank=True, help_text=_("Leave empty to show it as soon as it is published.")
    )
    visible_until = models.DateTimeField(
        _("visible until"), null=True, blank=True, help_text=_("After this time the notice disappears by itself.")
    )
    pinned = models.BooleanField(_("pinned"), default=False, help_text=_("Pinned notices are listed first."))

    objects = AnnouncementQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("link_url"),
        FieldPanel("document"),
        FieldRowPanel([FieldPanel("visible_from"), FieldPanel("visible_until")], heading=_("Visibility")),
        FieldPanel("pinned"),
    ]

    search_fields = [index.SearchField("title"), index.SearchField("text"), index.FilterField("locale")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.visible_from and self.visible_until and self.visible_until <= self.visible_from:
            raise ValidationError({"visible_until": _("The end of visibility must come after its start.")})

    def is_visible(self, when=None):
        """Whether the sidebar shows it at ``when`` (now): live and inside its visibility window."""
        when = when or timezone.now()
        return (
            self.live
            and (self.visible_from is None or self.visible_from <= when)
            and (self.visible_until is None or self.visible_until > when)
        )

    @property
    def url(self):
        if self.link_url:
            return self.link_url
        return self.document.url if self.document_id else ""

    def get_preview_template(self, request, mode_name):
        return "home/previews/announcement.html"


class WebsiteLink(TranslatableMixin, Orderable):
    """A link to another site ("Liên kết website"), e.g. the province portal or the ministry."""

    title = models.CharField(_("title"), max_length=255, help_text=_("The name of the site as visitors know it."))
    url = models.URLField(_("address"), help_text=_("The full address, starting with https://"))
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: a small logo shown next to the name."),
    )

    panels = [FieldPanel("title"), FieldPanel("url"), FieldPanel("logo")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "title"]
        verbose_name = _("website link")
        verbose_name_plural = _("website links")

    def __str__(self):
        return self.title


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Who runs the portal, shown in the header and footer of every page."""

    portal_name = models.CharField(
        _("portal name"),
        max_length=255,
        blank=True,
        help_text=_("Shown in the header, e.g. 'Cổng thông tin điện tử'."),
    )
    owner = models.CharField(
        _("managing agency"),
        max_length=255,
        blank=True,
        help_text=_("The agency responsible for the portal, e.g. 'Ủy ban nhân dân phường'."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True, help_text=_("Postal address."))
    phone = models.CharField(_("phone"), max_length=64, blank=True, help_text=_("Contact telephone number."))
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Contact e-mail address."))
    licence = models.CharField(
        _("licence"),
        max_length=255,
        blank=True,
        help_text=_("The portal's licence line, e.g. 'Giấy phép số …/GP-TTĐT'."),
    )
    footer_text = RichTextField(
        _("footer text"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Any other line for the footer (editor in charge, copyright)."),
    )

    visitor_count_start = models.PositiveBigIntegerField(
        _("visits before Sen"),
        default=0,
        help_text=_("Visits counted by the portal's previous system, added to the total visitor count."),
    )

    panels = [
        FieldPanel("portal_name"),
        FieldPanel("owner"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("licence"),
        FieldPanel("footer_text"),
        FieldPanel("visitor_count_start"),
    ]

    class Meta:
        verbose_name = _("portal settings")


class VisitorDay(models.Model):
    """One visitor on one day, by a day-salted keyed hash: no IP address is stored."""

    day = models.DateField(_("day"))
    visitor = models.CharField(_("visitor key"), max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "visitor"], name="home_visitorday_unique")]
        verbose_name = _("visitor day")

    def __str__(self):
        return f"{self.day} {self.visitor[:8]}"


class VisitorPresence(models.Model):
    """When a visitor was last seen, for the "online now" figure."""

    visitor = models.CharField(_("visitor key"), max_length=64, unique=True)
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("visitor presence")

    def __str__(self):
        return f"{self.visitor[:8]} {self.last_seen:%H:%M}"


class VisitorTotal(models.Model):
    """The running total of daily visitors (one row per site-wide counter)."""

    name = models.CharField(max_length=32, unique=True)
    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("visitor total")

    def __str__(self):
        return f"{self.name}: {self.value}"
