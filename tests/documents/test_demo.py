"""The demo documents: real numbers, issuers and dates, one replacement chain, loaded once."""

import datetime

import pytest

from documents.demo import DOCUMENTS, load_demo_content
from documents.models import LegalDocumentPage, Status
from home.demo import DemoContext

pytestmark = pytest.mark.django_db

D = datetime.date


def load(home_page):
    context = DemoContext(home=home_page)
    load_demo_content(context)
    return context


def test_the_demo_has_eight_documents_published_with_a_file_each(home_page):
    load(home_page)
    pages = LegalDocumentPage.objects.live().public()
    assert pages.count() == len(DOCUMENTS) == 8
    for page in pages:
        (attachment,) = page.attachments.all()
        assert attachment.file_type == "PDF" and attachment.file_size > 0


def test_the_demo_documents_carry_the_confirmed_facts(home_page):
    load(home_page)
    facts = {
        page.number: (page.issuer.short_name, page.date_issued, page.date_effective, page.signer)
        for page in LegalDocumentPage.objects.select_related("issuer")
    }
    assert facts == {
        "38/2005/QH11": ("QH", D(2005, 6, 14), D(2006, 1, 1), "Chủ tịch Quốc hội Nguyễn Văn An"),
        "43/2019/QH14": ("QH", D(2019, 6, 14), D(2020, 7, 1), ""),
        "89/QĐ-TTg": ("TTg", D(2013, 1, 9), None, ""),
        "281/QĐ-TTg": ("TTg", D(2014, 2, 20), None, ""),
        "1009/KH-PGDĐT": ("PGDĐT", D(2016, 10, 6), None, ""),
        "489/QĐ-TTg": ("TTg", D(2020, 4, 8), None, ""),
        "1373/QĐ-TTg": ("TTg", D(2021, 7, 30), None, ""),
        "42/2022/NĐ-CP": ("CP", D(2022, 6, 24), None, ""),
    }


def test_the_2019_education_law_replaces_the_2005_one(home_page):
    load(home_page)
    old = LegalDocumentPage.objects.get(number="38/2005/QH11")
    new = LegalDocumentPage.objects.get(number="43/2019/QH14")
    assert old.status == Status.REPLACED
    assert new.status == Status.IN_FORCE
    assert [(link.relation, link.target_id) for link in new.links.all()] == [("replaces", old.pk)]


def test_loading_the_demo_twice_adds_nothing(home_page):
    first = load(home_page)
    assert len(first.created) == 9  # the index and eight documents
    second = load(home_page)
    assert second.created == []
    assert LegalDocumentPage.objects.count() == 8
