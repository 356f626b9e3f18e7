"""A document's number in a news or centre text links to it, through the core's ``sen_link_targets`` hook."""

import datetime

import pytest
from django.apps import apps
from wagtail import hooks
from wagtail.models import PageViewRestriction

from cms import hooks as sen_hooks
from documents.numbers import is_linkable, number_names
from documents.wagtail_hooks import link_targets
from tests.documents import factories

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def documents(home_page):
    parent = factories.index(home_page)
    plan = factories.document(
        parent,
        number="1009/KH-PGDĐT",
        title="Kiểm tra hoạt động các trung tâm học tập cộng đồng năm học 2016 – 2017",
        issued=D(2016, 10, 6),
        kind=factories.kind("Kế hoạch"),
        issuer=factories.issuer("Phòng Giáo dục và Đào tạo thành phố Uông Bí", "PGDĐT"),
    )
    decree = factories.document(parent, number="42/2022/NĐ-CP", issued=D(2022, 6, 24))
    draft = factories.document(parent, number="1373/QĐ-TTg", issued=D(2021, 7, 30), publish=False)
    return {"index": parent, "plan": plan, "decree": decree, "draft": draft}


def needs_articles():
    # The plugin's tests run without the other plugins (SEN_PLUGINS=documents).
    if not apps.is_installed("articles"):
        pytest.skip("the articles plugin is not enabled")


def targets_by_page():
    targets = sen_hooks.collect(sen_hooks.LINK_TARGETS)
    return {target.page.pk: target for target in targets if target.kind == "document"}


@pytest.mark.parametrize(
    ("number", "names"),
    [
        ("1009/KH-PGDĐT", ["1009/KH-PGDĐT", "1009/KH-PGDDT", "1009/KH-PGDÐT"]),
        ("42/2022/NĐ-CP", ["42/2022/NĐ-CP", "42/2022/ND-CP", "42/2022/NÐ-CP"]),
        ("1373/QĐ-TTg", ["1373/QĐ-TTg", "1373/QD-TTg", "1373/QÐ-TTg"]),
        ("38/2005/QH11", ["38/2005/QH11"]),
        ("  43/2019/QH14 ", ["43/2019/QH14"]),
    ],
)
def test_a_number_is_named_as_printed_and_as_typed_without_diacritics(number, names):
    assert number_names(number) == names


@pytest.mark.parametrize("number", ["1009", "2016", "KH-PGDĐT", "Số 5", "", None, "12/2016"])
def test_a_number_without_both_digits_and_a_symbol_is_never_a_link(number):
    # "1009" or "2016" alone would turn every year and count in a text into a link.
    assert not is_linkable(number)
    assert number_names(number) == []


def test_the_hook_is_registered_and_names_each_live_public_document(documents):
    assert link_targets in hooks.get_hooks(sen_hooks.LINK_TARGETS)
    targets = targets_by_page()
    assert set(targets) == {documents["plan"].pk, documents["decree"].pk}  # not the unpublished draft
    plan = targets[documents["plan"].pk]
    assert plan.names == ["1009/KH-PGDĐT", "1009/KH-PGDDT", "1009/KH-PGDÐT"]
    assert plan.page.url == documents["plan"].url
    assert plan.context["number"] == "1009/KH-PGDĐT"
    assert plan.context["kind"] == "Kế hoạch"
    assert plan.context["issuer"] == "Phòng Giáo dục và Đào tạo thành phố Uông Bí"
    assert plan.context["locale"] == "vi"


def test_a_restricted_or_unpublished_document_is_no_target(documents):
    PageViewRestriction.objects.create(
        page=documents["decree"], restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    documents["plan"].unpublish()
    assert targets_by_page() == {}


def test_a_number_two_documents_share_links_to_neither(documents):
    # Two offices using one symbol (the same issuer cannot: the editor refuses it), or duplicates
    # saved before that rule: a link could point at the wrong one.
    factories.document(
        documents["index"],
        number="42/2022/ND-CP",
        title="Bản trùng số",
        issued=D(2022, 6, 24),
        issuer=factories.issuer("Ủy ban nhân dân tỉnh", "UBND"),
    )
    assert set(targets_by_page()) == {documents["plan"].pk}


def test_the_targets_take_a_fixed_number_of_queries(documents, django_assert_max_num_queries):
    with django_assert_max_num_queries(3) as few:
        link_targets()
    for number in range(10):
        factories.document(documents["index"], number=f"{number + 100}/KH-UBND", issued=D(2020, 1, 1 + number))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(link_targets()) == 12


def test_an_imported_text_naming_a_number_without_diacritics_links_to_it(documents):
    # The news importer (articles) is the one reader of the hook on this branch.
    needs_articles()
    from articles.importer.load import find_mentions

    targets = [t for t in sen_hooks.collect(sen_hooks.LINK_TARGETS) if t.kind == "document"]
    text = "Thực hiện Kế hoạch số 1009/KH-PGDDT ngày 06/10/2016 của Phòng GD&ĐT Uông Bí."
    (mention,) = find_mentions(text, targets)
    assert mention.target.page.pk == documents["plan"].pk
    assert text[mention.start : mention.end] == "1009/KH-PGDDT"


# The core links names wherever rich text is rendered (cms/mentions.py): a document's number too.
def test_a_news_text_naming_a_document_links_to_it_when_rendered(client, documents, home_page):
    needs_articles()
    from tests.articles.factories import make_news, make_news_index

    news = make_news(
        make_news_index(home_page),
        "Uông Bí kiểm tra trung tâm học tập cộng đồng",
        body=[("paragraph", "<p>Thực hiện Kế hoạch số 1009/KH-PGDĐT ngày 06/10/2016, đoàn kiểm tra…</p>")],
    )
    html = client.get(news.url).content.decode()
    assert f'href="{documents["plan"].url}"' in html
    assert ">1009/KH-PGDĐT</a>" in html
