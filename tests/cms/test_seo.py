"""What every public page tells browsers, search engines and link previews; error pages; image markup."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import Locale

from tests.articles.factories import make_image, make_news, make_news_index

ROOT = Path(__file__).resolve().parent.parent.parent


class Head(HTMLParser):
    """The <html lang>, <title>, <meta> and <link> elements of a page, and the order of focusable elements."""

    def __init__(self, html):
        super().__init__()
        self.lang = None
        self.title = ""
        self.meta = {}
        self.links = []
        self.focusable = []
        self._in_title = False
        self._in_body = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = attrs.get("name") or attrs.get("property")
            if key:
                self.meta[key] = attrs.get("content")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "body":
            self._in_body = True
        if self._in_body and (tag in ("a", "button", "input", "select", "textarea") or tag.startswith("wagtail-")):
            self.focusable.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def link(self, rel, **match):
        return [
            link
            for link in self.links
            if link.get("rel") == rel and all(link.get(key) == value for key, value in match.items())
        ]


@pytest.fixture
def article(home_page):
    index = make_news_index(home_page)
    return make_news(
        index,
        "Lớp học tiếng Anh miễn phí ở trung tâm học tập cộng đồng",
        summary="Trung tâm mở lớp tiếng Anh buổi tối cho thiếu nhi trong phường.",
        main_image=make_image("Lớp tiếng Anh"),
        main_image_alt="Thiếu nhi ngồi học tiếng Anh",
    )


@pytest.mark.django_db
def test_every_page_has_title_description_canonical_and_open_graph(client, home_page):
    head = Head(client.get("/").content.decode())
    assert head.lang == "vi"
    assert home_page.title in head.title
    assert head.meta["description"]
    canonical = head.link("canonical")
    assert len(canonical) == 1 and canonical[0]["href"].startswith("http")
    assert head.meta["og:title"] == home_page.title
    assert head.meta["og:type"] == "website"
    assert head.meta["og:url"] == canonical[0]["href"]
    assert head.meta["og:description"] == head.meta["description"]
    assert head.meta["og:locale"] == "vi_VN"
    assert "og:image" not in head.meta  # the home page has no image of its own


@pytest.mark.django_db
def test_article_describes_itself_with_its_summary_and_image(client, article):
    head = Head(client.get(article.url).content.decode())
    assert head.meta["description"] == article.summary
    assert head.meta["og:type"] == "article"
    assert re.match(r"^https?://[^/]+/.+\.(png|jpg|jpeg|webp)$", head.meta["og:image"])
    assert int(head.meta["og:image:width"]) > 0 and int(head.meta["og:image:height"]) > 0
    assert head.meta["og:image:alt"] == "Thiếu nhi ngồi học tiếng Anh"
    assert head.link("canonical")[0]["href"].endswith(article.url)


@pytest.mark.django_db
def test_translations_are_linked_with_hreflang_both_ways(client, home_page, django_assert_max_num_queries):
    english = Locale.objects.get_or_create(language_code="en")[0]
    translation = home_page.copy_for_translation(english)
    translation.save_revision().publish()
    translation.refresh_from_db()

    vietnamese_head = Head(client.get(home_page.url).content.decode())
    english_response = client.get(translation.url)
    english_head = Head(english_response.content.decode())

    assert english_head.lang == "en"
    for head in (vietnamese_head, english_head):
        alternates = {link["hreflang"]: link["href"] for link in head.link("alternate") if "hreflang" in link}
        assert set(alternates) == {"vi", "en", "x-default"}
        assert alternates["en"].endswith(translation.url)
        assert alternates["x-default"] == alternates["vi"]

    template = Template("{% load sen_tags %}{% page_alternates as alternates %}{{ alternates|length }}")
    request = RequestFactory().get(home_page.url)
    with django_assert_max_num_queries(3):  # the translations, plus the site lookups of a fresh request
        assert template.render(Context({"page": home_page, "request": request})) == "2"


@pytest.mark.django_db
def test_a_page_without_translation_has_no_hreflang(client, home_page):
    head = Head(client.get(home_page.url).content.decode())
    assert not [link for link in head.link("alternate") if "hreflang" in link]


@pytest.mark.django_db
def test_skip_link_comes_first_and_the_editor_toolbar_after_the_content(admin_client, home_page):
    html = admin_client.get(home_page.url).content.decode()
    head = Head(html)
    tag, attrs = head.focusable[0]
    assert (tag, attrs.get("href"), attrs.get("class")) == ("a", "#main", "skip-link")
    assert "Truy cập nội dung luôn" in html
    assert 'id="main"' in html
    userbar = html.find("<wagtail-userbar") if "<wagtail-userbar" in html else html.find("wagtail-userbar")
    assert userbar > html.find('id="main"')


@pytest.mark.django_db
def test_not_found_page_is_vietnamese_with_the_site_layout(client, home_page):
    response = client.get("/trang-khong-co-that/")
    assert response.status_code == 404
    html = response.content.decode()
    assert Head(html).lang == "vi"
    assert "Không tìm thấy trang" in html
    assert 'class="skip-link"' in html


def test_server_error_page_is_standalone_vietnamese_html():
    html = (ROOT / "templates" / "500.html").read_text(encoding="utf-8")
    assert "{%" not in html and "{{" not in html  # served even when templates or the database fail
    head = Head(html)
    assert head.lang == "vi"
    assert head.title.strip()
    assert "Lỗi" in html and 'href="/"' in html
    assert "http://" not in html and "https://" not in html  # nothing from another host


@pytest.mark.django_db
def test_article_images_have_srcset_sizes_dimensions_and_lazy_loading(client, article, home_page):
    index = article.get_parent().specific
    for number in range(3):
        make_news(
            index,
            f"Tin thêm số {number}",
            main_image=make_image(f"Ảnh thêm {number}"),
            main_image_alt=f"Ảnh thêm số {number}",
        )
    detail = client.get(article.url).content.decode()
    main = re.search(r"<img [^>]*alt=\"Thiếu nhi ngồi học tiếng Anh\"[^>]*>", detail).group(0)
    assert 'fetchpriority="high"' in main and "loading=" not in main
    assert re.search(r'width="\d+"', main) and re.search(r'height="\d+"', main)
    widths = re.findall(r" (\d+)w", re.search(r'srcset="([^"]+)"', main).group(1))
    assert len(widths) == len(set(widths)) >= 2  # no two candidates of the same width
    assert 'sizes="' in main

    listing = client.get(index.url).content.decode()
    images = re.findall(r"<img [^>]*>", listing.split('id="main"', 1)[1].split("</main>", 1)[0])
    assert len(images) == 4
    assert 'fetchpriority="high"' in images[0]
    assert all('loading="lazy"' in image for image in images[1:])
    assert all("srcset=" in image and re.search(r'alt="[^"]+"', image) for image in images)


@pytest.mark.django_db
def test_a_page_names_its_link_preview_image_with_seo_image():
    class PageWithPicture:
        def __init__(self, image):
            self.image = image

        def seo_image(self):
            return self.image

    image = make_image("Toàn cảnh trung tâm")
    template = Template("{% load sen_tags %}{% og_image %}")
    request = RequestFactory().get("/")
    html = template.render(Context({"page": PageWithPicture(image), "request": request}))
    assert re.search(r'<meta property="og:image" content="http://testserver/[^"]+">', html)
    assert 'property="og:image:alt" content="Toàn cảnh trung tâm"' in html
    assert template.render(Context({"page": object(), "request": request})) == ""
