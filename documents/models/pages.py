"""A legal or administrative document page, its attached files and its links to other documents."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.compare import InlinePanel
from cms.content import RichTextHTMLField, SenDetailPageMixin
from cms.paginator import Desc
from cms.text import vi_sort_key
from documents.numbers import normalise_number, number_search_text
from documents.serializers import (
    AttachmentsField,
    DisplayDateField,
    NamedSnippetField,
    RelatedDocumentsField,
    StatusField,
)


class Status(models.TextChoices):
    IN_FORCE = "in-force", _("In force")
    NOT_YET = "not-yet", _("Not yet in force")
    EXPIRED = "expired", _("Expired")
    REPLACED = "replaced", _("Replaced")


class Relation(models.TextChoices):
    REPLACES = "replaces", _("replaces")
    AMENDS = "amends", _("amends")


# How a relation reads from the other document's side.
REVERSE_LABELS = {Relation.REPLACES: _("replaced by"), Relation.AMENDS: _("amended by")}


def today():
    return timezone.localdate()


def replacing_links(day, target_ids=None):
    """Links of live documents that replace another (of ``target_ids``, or any) and are in force on ``day``."""
    links = LegalDocumentLink.objects.filter(
        relation=Relation.REPLACES,
        page__live=True,
    ).annotate(start=Coalesce(F("page__date_effective"), F("page__date_issued")))
    links = links.filter(start__lte=day)
    if target_ids is not None:
        links = links.filter(target_id__in=target_ids)
    return links


class LegalDocumentPage(SenDetailPageMixin, Page):
    """A legal or administrative document: number, kind, issuer, dates, summary, files and links."""

    listing_order = [Desc("date_issued"), Desc("pk")]
    listing_select_related = ("kind", "issuer", "field", "locale")
    index_name = "documents_index"
    add_label = _("Add a legal document")  # the "Thêm …" button of the listing and dashboard (cms/workflows/adding.py)

    number = models.CharField(
        max_length=100,
        verbose_name=_("number and symbol"),
        help_text=_("As printed on the document, e.g. '42/2022/NĐ-CP' or '1009/KH-PGDĐT'."),
    )
    kind = models.ForeignKey(
        "documents.DocumentKind",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kind"),
        help_text=_("Quyết định, Thông tư, Kế hoạch, Công văn…"),
    )
    issuer = models.ForeignKey(
        "documents.IssuingBody",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issuing body"),
        help_text=_("The body that issued the document."),
    )
    signer = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("signed by"),
        help_text=_("Who signed it, with their position, e.g. 'Phó Thủ tướng Vũ Đức Đam'."),
    )
    date_issued = models.DateField(
        verbose_name=_("date issued"),
        help_text=_("The date printed on the document."),
    )
    date_effective = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("date in force"),
        help_text=_("When it takes effect. Left empty, the date issued."),
    )
    date_expires = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("date it ends"),
        help_text=_("The first day it is no longer in force, if it has an end date."),
    )
    summary = models.TextField(
        max_length=2000,
        verbose_name=_("summary"),
        help_text=_("The excerpt (trích yếu): what the document is about, as printed under its number."),
    )
    field = models.ForeignKey(
        "documents.DocumentField",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("field"),
        help_text=_("The field (lĩnh vực) it belongs to."),
    )
    notes = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        verbose_name=_("notes"),
        help_text=_("Optional: what it changes, who it concerns."),
    )
    # Kept up to date on save, on publishing a document that links to this one and each day
    # (documents.status), so that lists and the API filter by it in the database.
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.IN_FORCE, editable=False, db_index=True
    )
    issued_year = models.PositiveSmallIntegerField(editable=False, default=0, db_index=True)
    number_normalised = models.CharField(max_length=255, editable=False, default="", db_index=True)
    number_search = models.CharField(max_length=255, editable=False, default="")
    # Vietnamese sort keys (cms.text.vi_sort_key): "42/2022/NĐ-CP" before "1009/KH-PGDĐT", "Đề án" after "Dự án".
    number_sort = models.CharField(max_length=1000, editable=False, default="", db_index=True)
    title_sort = models.CharField(max_length=1000, editable=False, default="", db_index=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("kind")]),
                FieldRowPanel([FieldPanel("issuer"), FieldPanel("signer")]),
                FieldPanel("field"),
            ],
            heading=_("Number and issuer"),
        ),
        FieldRowPanel(
            [FieldPanel("date_issued"), FieldPanel("date_effective"), FieldPanel("date_expires")],
            heading=_("Dates"),
        ),
        FieldPanel("summary"),
        FieldPanel("notes"),
        InlinePanel("attachments", label=_("Attached files"), heading=_("Attached files")),
        InlinePanel("links", label=_("Links to other documents"), heading=_("Links to other documents")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("number"),
        # Found typed any way, never shown: excerpts quote the number as written (search.indexing).
        index.SearchField("number_search", excerpt=False),
        index.SearchField("summary"),
        index.SearchField("signer"),
        index.SearchField("notes"),
        index.RelatedFields("kind", [index.SearchField("name")]),
        index.RelatedFields("issuer", [index.SearchField("name"), index.SearchField("short_name")]),
        index.FilterField("date_issued"),
        index.FilterField("status"),
        index.FilterField("locale"),
    ]

    api_fields = [
        APIField("number"),
        APIField("kind", serializer=NamedSnippetField()),
        APIField("issuer", serializer=NamedSnippetField()),
        APIField("field", serializer=NamedSnippetField()),
        APIField("signer"),
        APIField("date_issued", serializer=DisplayDateField()),
        APIField("date_effective", serializer=DisplayDateField()),
        APIField("date_expires", serializer=DisplayDateField()),
        APIField("summary"),
        APIField("notes", serializer=RichTextHTMLField()),
        APIField("status", serializer=StatusField(source="*")),
        APIField("attachments", serializer=AttachmentsField(source="*")),
        APIField("related", serializer=RelatedDocumentsField(source="*")),
    ]
    api_filters = {
        "kind": ("kind__slug", "slug"),
        "issuer": ("issuer__slug", "slug"),
        "field": ("field__slug", "slug"),
        "year": ("issued_year", "code_or_id"),
        "status": ("status", "slug"),
        "date_from": ("date_issued__gte", "date"),
        "date_to": ("date_issued__lte", "date"),
    }

    parent_page_types = ["documents.DocumentIndexPage"]

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")

    def __str__(self):
        return f"{self.number} {self.title}".strip()

    def clean(self):
        super().clean()
        errors = {}
        if self.date_issued and self.date_effective and self.date_effective < self.date_issued:
            errors["date_effective"] = ValidationError(_("A document cannot take effect before it is issued."))
        start = self.date_effective or self.date_issued
        if start and self.date_expires and self.date_expires <= start:
            errors["date_expires"] = ValidationError(_("The end date must come after the date it takes effect."))
        if not normalise_number(self.number):
            errors["number"] = ValidationError(_("Give the number with its digits or letters."))
        else:
            same = self.same_number()
            if same is not None:
                errors["number"] = ValidationError(
                    _(
                        "“%(other)s” from this issuing body already has the number %(number)s. "
                        "Check the number, or edit that document instead."
                    ),
                    code="duplicate_number",
                    params={"other": same.title, "number": same.number},
                )
        if errors:
            raise ValidationError(errors)

    def same_number(self):
        """Another document of the same issuer and locale with this number, or None.

        Numbers are compared as ``documents.numbers.normalise_number`` folds them (case, spaces,
        accents, đ/Đ, separators: "1009/KH-PGDĐT" is "1009/kh-pgddt"). Translations of this
        document (same translation key) and aliases are not other documents.
        """
        if not self.issuer_id or not self.locale_id or self.alias_of_id:
            return None
        others = LegalDocumentPage.objects.filter(
            issuer_id=self.issuer_id,
            locale_id=self.locale_id,
            number_normalised=normalise_number(self.number)[:255],
            alias_of__isnull=True,
        ).exclude(translation_key=self.translation_key)
        if self.pk:
            others = others.exclude(pk=self.pk)
        return others.only("title", "number").order_by("pk").first()

    def save(self, *args, **kwargs):
        self.number = " ".join((self.number or "").split())
        self.number_normalised = normalise_number(self.number)[:255]
        self.number_search = number_search_text(self.number)[:255]
        self.number_sort = vi_sort_key(self.number)
        self.title_sort = vi_sort_key(self.title)
        self.issued_year = self.date_issued.year if self.date_issued else 0
        self.status = self.current_status(today())
        return super().save(*args, **kwargs)

    @property
    def effective_from(self):
        return self.date_effective or self.date_issued

    @property
    def display_date(self):
        """The date search and feeds show for the document: the date it was issued."""
        return self.date_issued

    def status_on(self, day):
        """The status from the dates alone (the "replaced" status needs the links, see documents.status)."""
        if self.date_expires and self.date_expires <= day:
            return Status.EXPIRED
        start = self.effective_from
        if start and start > day:
            return Status.NOT_YET
        return Status.IN_FORCE

    def current_status(self, day):
        """The status on ``day``: "replaced" once a live document replacing this one is in force, else by the dates."""
        if self.pk and replacing_links(day, [self.pk]).exclude(page_id=self.pk).exists():
            return Status.REPLACED
        return self.status_on(day)

    def related_documents(self):
        """Documents this one replaces or amends, and those that replace or amend it (live, public only).

        A list of (label, [documents]) in a fixed number of queries.
        """
        visible = LegalDocumentPage.listing(LegalDocumentPage.objects.filter(locale_id=self.locale_id))
        outgoing = [(link.relation, link.target_id) for link in self.links.all() if link.target_id]
        incoming = list(LegalDocumentLink.objects.filter(target_id=self.pk).values_list("relation", "page_id"))
        ids = {page_id for _relation, page_id in [*outgoing, *incoming]}
        by_id = {doc.pk: doc for doc in visible.filter(pk__in=ids)} if ids else {}
        groups = []
        for relation in Relation:
            forward = [by_id[pk] for rel, pk in outgoing if rel == relation and pk in by_id]
            if forward:
                groups.append((relation.label, forward))
        for relation in Relation:
            backward = [by_id[pk] for rel, pk in incoming if rel == relation and pk in by_id]
            if backward:
                groups.append((REVERSE_LABELS[relation], backward))
        return groups

    def get_status_display_now(self):
        return Status(self.status).label

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = self.related_documents()
        context["attachment_list"] = [a for a in self.attachments.select_related("document") if a.document_id]
        return context


class LegalDocumentAttachment(Orderable):
    """A file of the document (PDF, DOC, DOCX…), from Wagtail's documents."""

    page = ParentalKey("documents.LegalDocumentPage", on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("file"),
        help_text=_("The scanned or original file. Keep it in a collection without view restrictions."),
    )
    label = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("label"),
        help_text=_("Optional, e.g. 'Phụ lục 1'. Left empty, the file's title is shown."),
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")

    def clean(self):
        super().clean()
        if self.document_id and self.document.collection.get_view_restrictions().exists():
            raise ValidationError(
                {"document": _("This file is in a collection with view restrictions: visitors could not open it.")}
            )

    @property
    def display_label(self):
        return self.label or (self.document.title if self.document_id else "")

    @property
    def file_type(self):
        return (self.document.file_extension or "").upper() if self.document_id else ""

    @property
    def file_size(self):
        if not self.document_id:
            return None
        if self.document.file_size is None:
            try:
                return self.document.file.size
            except OSError:
                return None
        return self.document.file_size


class LegalDocumentLink(Orderable):
    """This document replaces or amends another one; the other shows it the other way round."""

    page = ParentalKey("documents.LegalDocumentPage", on_delete=models.CASCADE, related_name="links")
    relation = models.CharField(
        max_length=20,
        choices=Relation.choices,
        default=Relation.REPLACES,
        verbose_name=_("relation"),
        help_text=_("What this document does to the other one."),
    )
    target = models.ForeignKey(
        "documents.LegalDocumentPage",
        on_delete=models.CASCADE,
        related_name="incoming_links",
        verbose_name=_("document"),
        help_text=_("The earlier document it replaces or amends."),
    )

    panels = [FieldPanel("relation"), PageChooserPanel("target", "documents.LegalDocumentPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("link to another document")
        verbose_name_plural = _("links to other documents")

    def clean(self):
        super().clean()
        if self.target_id and self.page_id and self.target_id == self.page_id:
            raise ValidationError({"target": _("A document cannot replace or amend itself.")})
