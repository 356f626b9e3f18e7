"""Factories for the documents plugin (wagtail-factories): snippets, index, documents, attached files."""

import datetime

import factory
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale

from documents.models import (
    DocumentField,
    DocumentIndexPage,
    DocumentKind,
    IssuingBody,
    LegalDocumentAttachment,
    LegalDocumentLink,
    LegalDocumentPage,
)
from tests.factories import PublishedPageFactory


def kind(name="Quyết định"):
    locale = Locale.get_default()
    return DocumentKind.objects.filter(name=name, locale=locale).first() or DocumentKind.objects.create(
        name=name, locale=locale
    )


def field(name="Khuyến học"):
    locale = Locale.get_default()
    return DocumentField.objects.filter(name=name, locale=locale).first() or DocumentField.objects.create(
        name=name, locale=locale
    )


def issuer(name="Thủ tướng Chính phủ", short_name="TTg"):
    return IssuingBody.objects.filter(name=name).first() or IssuingBody.objects.create(
        name=name, short_name=short_name
    )


class DocumentIndexPageFactory(PublishedPageFactory):
    title = "Văn bản"
    slug = "van-ban"

    class Meta:
        model = DocumentIndexPage
        django_get_or_create = ("slug", "parent")


class LegalDocumentPageFactory(PublishedPageFactory):
    title = "Phê duyệt Đề án đẩy mạnh phong trào học tập suốt đời"
    number = "281/QĐ-TTg"
    kind = factory.LazyFunction(lambda: kind())
    issuer = factory.LazyFunction(lambda: issuer())

    class Meta:
        model = LegalDocumentPage


def index(home, slug="van-ban", title="Văn bản"):
    return DocumentIndexPageFactory(parent=home, slug=slug, title=title)


def attachment_file(title="Toàn văn", name="van-ban.pdf", content=b"%PDF-1.4\n%test\n", collection=None):
    document = get_document_model()(title=title, collection=collection or Collection.get_first_root_node())
    document.file.save(name, ContentFile(content), save=False)
    document.file_size = len(content)
    document.save()
    return document


def document(
    parent,
    number="281/QĐ-TTg",
    title="Phê duyệt Đề án đẩy mạnh phong trào học tập suốt đời",
    summary="Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng.",
    issued=datetime.date(2014, 2, 20),
    effective=None,
    expires=None,
    publish=True,
    files=(),
    links=(),
    **fields,
):
    return LegalDocumentPageFactory(
        parent=parent,
        title=title,
        number=number,
        summary=summary,
        date_issued=issued,
        date_effective=effective,
        date_expires=expires,
        attachments=[LegalDocumentAttachment(document=file) for file in files],
        links=[LegalDocumentLink(relation=relation, target=target) for relation, target in links],
        publish=publish,
        **fields,
    )
