"""Documents: numbers typed any way, the status from dates and links, validation, the page tree."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Collection, CollectionViewRestriction

from documents.models import DocumentIndexPage, LegalDocumentAttachment, LegalDocumentPage, Relation, Status
from documents.numbers import normalise_number, number_search_text
from documents.status import refresh_statuses
from home.models import HomePage
from tests.documents import factories

pytestmark = pytest.mark.django_db

D = datetime.date


TYPED = ["42/2022/NĐ-CP", "42/2022/nd-cp", "42 2022 ND CP", "42/2022/NÐ–CP ", "42-2022-nđ-cp"]


@pytest.mark.parametrize("typed", TYPED)
def test_a_number_typed_any_way_is_the_same_number(typed):
    assert normalise_number(typed) == "42 2022 nd cp"


def test_the_search_text_holds_the_spaced_and_joined_folded_number():
    assert number_search_text("1009/KH-PGDĐT") == "1009 kh pgddt 1009khpgddt"


def test_document_pages_live_under_their_index_under_the_home_page():
    assert LegalDocumentPage.parent_page_types == ["documents.DocumentIndexPage"]
    assert DocumentIndexPage.parent_page_types == ["home.HomePage"]
    assert DocumentIndexPage in HomePage.allowed_subpage_models()
    assert LegalDocumentPage not in HomePage.allowed_subpage_models()


def test_every_editor_facing_field_has_help_text():
    for model in (LegalDocumentPage, LegalDocumentAttachment):
        own = [f for f in model._meta.get_fields() if getattr(f, "model", None) is model and f.concrete]
        missing = [
            f.name
            for f in own
            if f.editable and not f.auto_created and f.name not in {"page", "sort_order"} and not f.help_text
        ]
        assert missing == [], model


def test_status_follows_the_dates(home_page):
    parent = factories.index(home_page)
    today = datetime.date.today()
    future = factories.document(parent, number="1/KH-X", issued=today, effective=today + datetime.timedelta(days=10))
    ended = factories.document(parent, number="2/KH-X", issued=D(2010, 1, 1), expires=D(2012, 1, 1))
    current = factories.document(parent, number="3/KH-X", issued=D(2010, 1, 1))
    assert future.status == Status.NOT_YET
    assert ended.status == Status.EXPIRED
    assert current.status == Status.IN_FORCE
    # The day it takes effect, the daily refresh (sen_periodic_tasks) moves it to "in force".
    assert refresh_statuses(today + datetime.timedelta(days=10)) >= 1
    future.refresh_from_db()
    assert future.status == Status.IN_FORCE


def test_publishing_a_replacement_marks_the_old_document_replaced_and_unpublishing_undoes_it(home_page):
    parent = factories.index(home_page)
    old = factories.document(parent, number="09/2008/QĐ-BGDĐT", issued=D(2008, 3, 24))
    new = factories.document(
        parent,
        number="44/2023/TT-BGDĐT",
        issued=D(2023, 12, 28),
        effective=D(2024, 2, 12),
        links=[(Relation.REPLACES, old)],
        publish=False,
    )
    old.refresh_from_db()
    assert old.status == Status.IN_FORCE  # a draft replaces nothing
    new.get_latest_revision().publish()
    old.refresh_from_db()
    assert old.status == Status.REPLACED
    new.refresh_from_db()
    new.unpublish()
    old.refresh_from_db()
    assert old.status == Status.IN_FORCE


def test_a_replacement_not_yet_in_force_leaves_the_old_document_in_force(home_page):
    parent = factories.index(home_page)
    old = factories.document(parent, number="5/QĐ-X", issued=D(2008, 3, 24))
    factories.document(
        parent,
        number="6/QĐ-X",
        issued=datetime.date.today(),
        effective=datetime.date.today() + datetime.timedelta(days=30),
        links=[(Relation.REPLACES, old)],
    )
    old.refresh_from_db()
    assert old.status == Status.IN_FORCE


def test_dates_out_of_order_are_refused(home_page):
    page = LegalDocumentPage(
        title="x", number="7/QĐ-X", summary="x", date_issued=D(2020, 1, 10), date_effective=D(2020, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "date_effective" in error.value.message_dict
    page.date_effective, page.date_expires = None, D(2019, 1, 1)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "date_expires" in error.value.message_dict


def test_a_file_in_a_restricted_collection_is_refused(home_page):
    private = Collection.get_first_root_node().add_child(name="Nội bộ")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="mat-khau"
    )
    attachment = LegalDocumentAttachment(document=factories.attachment_file(collection=private))
    with pytest.raises(ValidationError) as error:
        attachment.clean()
    assert "document" in error.value.message_dict
    LegalDocumentAttachment(document=factories.attachment_file()).clean()


def test_the_app_label_does_not_clash_with_wagtails_documents():
    from django.apps import apps

    assert apps.get_app_config("documents").name == "documents"
    assert apps.get_app_config("wagtaildocs").name == "wagtail.documents"
