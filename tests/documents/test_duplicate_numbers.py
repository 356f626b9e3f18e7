"""A document number is used once per issuing body: the page editor refuses a second one, in Vietnamese."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Locale, Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from documents.models import LegalDocumentPage
from tests.documents import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(home_page):
    parent = factories.index(home_page)
    pgd = factories.issuer("Phòng Giáo dục và Đào tạo", "PGDĐT")
    plan = factories.document(
        parent,
        number="1009/KH-PGDĐT",
        title="Kế hoạch khuyến học năm 2024",
        summary="Kế hoạch triển khai phong trào khuyến học.",
        issued=datetime.date(2024, 3, 5),
        issuer=pgd,
        kind=factories.kind("Kế hoạch"),
    )
    return {"index": parent, "issuer": pgd, "plan": plan, "kind": factories.kind("Kế hoạch")}


@pytest.fixture
def second(office):
    """Another plan of the same office, with a number of its own."""
    return factories.document(
        office["index"],
        number="1010/KH-PGDĐT",
        title="Kế hoạch tổ chức Ngày hội học tập",
        issuer=office["issuer"],
        kind=office["kind"],
        issued=datetime.date(2024, 9, 12),
    )


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("bientap", "bientap@example.org", "x-Pass-1234")
    client.force_login(user)
    return client


def form_data(office, number, title="Kế hoạch tổ chức Ngày hội học tập", slug="ngay-hoi-hoc-tap", **overrides):
    data = {
        "title": title,
        "slug": slug,
        "number": number,
        "kind": office["kind"].pk,
        "issuer": office["issuer"].pk,
        "signer": "",
        "field": "",
        "date_issued": "12/09/2024",
        "date_effective": "",
        "date_expires": "",
        "summary": "Tổ chức Ngày hội học tập suốt đời.",
        "notes": rich_text(""),
        "attachments": inline_formset([]),
        "links": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["documents", "legaldocumentpage", parent.pk])


def number_errors(response):
    assert response.status_code == 200
    return response.context["form"].errors.get("number", [])


@pytest.mark.parametrize("number", ["1009/KH-PGDĐT", "1009/kh-pgdđt", " 1009 / KH - PGDDT ", "1009/KH-PGDÐT"])
def test_adding_a_second_document_with_the_same_number_from_the_same_issuer_is_refused(editor, office, number):
    # The same number typed another way: case, spaces, without the stroke of Đ, the Icelandic eth.
    response = editor.post(add_url(office["index"]), form_data(office, number, **{"action-publish": "1"}))
    errors = number_errors(response)
    assert errors == [
        "“Kế hoạch khuyến học năm 2024” của cơ quan ban hành này đã có số 1009/KH-PGDĐT. "
        "Hãy kiểm tra lại số, hoặc sửa văn bản đó."
    ]
    page = response.content.decode()
    assert "Kế hoạch khuyến học năm 2024" in page and "Hãy kiểm tra lại số" in page
    assert LegalDocumentPage.objects.count() == 1


def test_the_number_in_nfd_is_the_same_number(editor, office):
    import unicodedata

    number = unicodedata.normalize("NFD", "1009/KH-PGDĐT")
    response = editor.post(add_url(office["index"]), form_data(office, number))
    assert number_errors(response)
    assert LegalDocumentPage.objects.count() == 1


def test_the_same_number_from_another_issuer_or_another_number_is_saved(editor, office):
    other = factories.issuer("Ủy ban nhân dân thành phố", "UBND")
    response = editor.post(add_url(office["index"]), form_data(office, "1009/KH-PGDĐT", issuer=other.pk))
    assert response.status_code == 302, response.context["form"].errors
    response = editor.post(add_url(office["index"]), form_data(office, "1010/KH-PGDĐT", slug="ngay-hoi-2"))
    assert response.status_code == 302, response.context["form"].errors
    assert LegalDocumentPage.objects.count() == 3


def test_editing_a_document_keeps_its_own_number_but_refuses_another_ones(editor, office, second):
    url = reverse("wagtailadmin_pages:edit", args=[second.pk])
    data = form_data(office, "1010/KH-PGDĐT", slug=second.slug)
    assert editor.post(url, data).status_code == 302
    response = editor.post(url, form_data(office, "1009/kh-pgdđt", slug=second.slug))
    assert "Kế hoạch khuyến học năm 2024" in number_errors(response)[0]
    second.refresh_from_db()
    assert second.number == "1010/KH-PGDĐT"
    assert second.get_latest_revision().as_object().number == "1010/KH-PGDĐT"


def test_submitting_a_duplicate_for_approval_is_refused_and_starts_no_workflow(editor, office, second):
    workflow = Workflow.objects.filter(active=True).first()
    if workflow is None:
        pytest.skip("no active workflow")
    workflow.workflow_pages.get_or_create(page=office["index"])  # the index's own workflow
    url = reverse("wagtailadmin_pages:edit", args=[second.pk])
    response = editor.post(url, form_data(office, "1009/KH-PGDĐT", slug=second.slug, **{"action-submit": "1"}))
    assert "Kế hoạch khuyến học năm 2024" in number_errors(response)[0]
    assert not WorkflowState.objects.filter(object_id=str(second.pk)).exists()


def test_a_translation_keeps_the_number_of_its_original(editor, office):
    english = Locale.objects.get_or_create(language_code="en")[0]
    translation = office["plan"].copy_for_translation(english, copy_parents=True)
    translation.title = "2024 learning promotion plan"
    translation.full_clean()  # no duplicate: the same document in another language
    assert translation.same_number() is None
    # A new English document with that number from that issuer is a duplicate of the translation.
    other = LegalDocumentPage(
        title="Another plan", number="1009/KH-PGDĐT", issuer=office["issuer"], locale=english, kind=office["kind"]
    )
    translation.save()
    assert other.same_number() == translation
