"""A name mentioned in a text becomes a link to its page, wherever the text is shown (cms.mentions)."""

import pytest
from wagtail import hooks

from cms import hooks as sen_hooks
from cms import mentions
from tests.articles.factories import make_news, make_news_index
from tests.centers import factories as centre_factories

pytestmark = pytest.mark.django_db

CENTRE = "Trung tâm học tập cộng đồng xã Điền Công"


@pytest.fixture(autouse=True)
def fresh_targets():
    mentions.forget_targets()
    yield
    mentions.forget_targets()


@pytest.fixture
def centre(home_page):
    places = centre_factories.seeded_places()
    index = centre_factories.center_index(home_page)
    return centre_factories.center(index, CENTRE, places["uong_bi"], short_names="TTHTCĐ xã Điền Công")


def body(text):
    return [("paragraph", text)]


def links_to(page, html):
    """Links to ``page`` in ``html``: by path on the site's pages, by absolute URL in API answers."""
    return html.count(f'href="{page.url}"') + html.count(f'href="http://testserver{page.url}"')


def test_a_centre_named_in_an_article_links_on_the_page_and_in_the_api(client, home_page, centre):
    index = make_news_index(home_page)
    article = make_news(
        index,
        "Hội thi gia đình học tập",
        body=body(f"<p>Sáng nay, {CENTRE} tổ chức hội thi.</p><p>{CENTRE} trao giải cho 12 gia đình.</p>"),
    )

    page = client.get(article.url).content.decode()
    assert f'<a href="{centre.url}">{CENTRE}</a> tổ chức hội thi' in page
    assert links_to(centre, page) == 1  # the first mention only, across the blocks of the body

    detail = client.get(f"/api/v2/pages/{article.pk}/").json()
    html = "".join(block["value"] for block in detail["body"] if block["type"] == "paragraph")
    assert f'<a href="http://testserver{centre.url}">{CENTRE}</a>' in html
    assert links_to(centre, html) == 1

    listing = client.get("/api/v2/pages/", {"type": "articles.NewsPage", "fields": "body"}).json()
    (item,) = listing["items"]
    assert links_to(centre, "".join(block["value"] for block in item["body"] if block["type"] == "paragraph")) == 1


def test_no_link_to_an_unpublished_centre(client, home_page, centre):
    article = make_news(make_news_index(home_page), "Tin", body=body(f"<p>{CENTRE} họp.</p>"))
    assert links_to(centre, client.get(article.url).content.decode()) == 1

    centre.unpublish()

    page = client.get(article.url).content.decode()
    assert CENTRE in page and f'href="{centre.url}"' not in page
    detail = client.get(f"/api/v2/pages/{article.pk}/").json()
    assert "<a " not in detail["body"][0]["value"]


def test_an_existing_link_to_the_centre_is_not_doubled(client, home_page, centre):
    text = f'<p>Theo <a linktype="page" id="{centre.pk}">trung tâm</a>, {CENTRE} có 12 lớp.</p>'
    article = make_news(make_news_index(home_page), "Tin", body=body(text))

    page = client.get(article.url).content.decode()
    assert links_to(centre, page) == 1
    assert f"{CENTRE} có 12 lớp" in page


def test_a_centre_page_does_not_link_to_itself(client, centre):
    draft = centre.get_latest_revision_as_object()
    draft.intro = f"<p>{CENTRE} thành lập năm 2008.</p>"
    draft.save_revision().publish()
    page = client.get(centre.url).content.decode()
    assert f'<a href="{centre.url}">{CENTRE}</a>' not in page
    assert f"{CENTRE} thành lập năm 2008" in page


class Target:
    """A page stand-in: the linker needs a primary key, a URL and the live flag."""

    def __init__(self, pk, url):
        self.pk, self.url, self.live = pk, url, True


def linked(text, names_by_page, page=None):
    targets = [
        sen_hooks.LinkTarget(names=names, page=Target(pk, f"/trang-{pk}/")) for pk, names in names_by_page.items()
    ]
    with hooks.register_temporarily(sen_hooks.LINK_TARGETS, lambda: targets):
        mentions.forget_targets()
        try:
            return mentions.link_mentions(text, page)
        finally:
            mentions.forget_targets()


def test_whole_words_with_exact_accents_and_case():
    names = {1: ["Yên Thanh"]}
    assert linked("<p>phường Yên Thanh</p>", names) == '<p>phường <a href="/trang-1/">Yên Thanh</a></p>'
    assert linked("<p>phường Yên Thanhh</p>", names) == "<p>phường Yên Thanhh</p>"
    assert linked("<p>phường yên thanh</p>", names) == "<p>phường yên thanh</p>"
    assert linked("<p>phường Yen Thanh</p>", names) == "<p>phường Yen Thanh</p>"
    assert linked("<p>phường Yên&nbsp;Thanh</p>", names) == '<p>phường <a href="/trang-1/">Yên&nbsp;Thanh</a></p>'


def test_document_numbers_with_slashes_and_dashes():
    names = {7: ["1009/KH-PGDĐT"]}
    assert linked("<p>Theo Kế hoạch số 1009/KH-PGDĐT.</p>", names) == (
        '<p>Theo Kế hoạch số <a href="/trang-7/">1009/KH-PGDĐT</a>.</p>'
    )
    for other in ["21009/KH-PGDĐT", "1009/KH-PGDĐT-BGD", "A-1009/KH-PGDĐT"]:
        assert linked(f"<p>Số {other}.</p>", names) == f"<p>Số {other}.</p>"


def test_never_in_links_headings_or_attributes_and_never_to_the_page_itself():
    names = {1: ["Yên Thanh"], 2: ["Phương Nam"]}
    text = (
        '<h2>Yên Thanh</h2><p><img alt="Yên Thanh" src="/a.jpg"> <a href="/khac/">Yên Thanh</a></p>'
        "<p>Yên Thanh và Yên Thanh, Phương Nam.</p>"
    )
    assert linked(text, names) == (
        '<h2>Yên Thanh</h2><p><img alt="Yên Thanh" src="/a.jpg"> <a href="/khac/">Yên Thanh</a></p>'
        '<p><a href="/trang-1/">Yên Thanh</a> và Yên Thanh, <a href="/trang-2/">Phương Nam</a>.</p>'
    )
    assert 'href="/trang-1/"' not in linked(text, names, page=1)


def test_the_longest_name_wins_and_a_shared_name_links_nowhere():
    names = {1: ["Trung tâm Yên Thanh"], 2: ["Trung tâm Yên Thanh A"], 3: ["Hội Khuyến học"], 4: ["Hội Khuyến học"]}
    assert linked("<p>Trung tâm Yên Thanh A và Hội Khuyến học.</p>", names) == (
        '<p><a href="/trang-2/">Trung tâm Yên Thanh A</a> và Hội Khuyến học.</p>'
    )


def test_rendering_reads_no_database_once_the_targets_are_known(centre, django_assert_num_queries):
    text = f"<p>{CENTRE} và TTHTCĐ xã Điền Công.</p>"
    assert links_to(centre, mentions.link_mentions(text)) == 1
    with django_assert_num_queries(0):
        for _ in range(3):
            assert links_to(centre, mentions.link_mentions(text)) == 1
