"""Feeds of news and video bulletins: RSS 2.0, Atom, JSON Feed; locales, categories, full content, enclosures."""

import datetime

import feedparser
import pytest
from wagtail.models import Locale, PageViewRestriction

from tests.articles.factories import (
    make_bulletin,
    make_category,
    make_image,
    make_news,
    make_news_index,
    make_video_index,
)

FORMATS = ["rss", "atom", "json"]


@pytest.fixture
def news(home_page):
    index = make_news_index(home_page)
    education = make_category("Giáo dục", index.locale)
    culture = make_category("Văn hoá", index.locale)
    image = make_image("Lớp học buổi tối")
    school = make_news(
        index,
        "Khai giảng lớp xoá mù chữ",
        summary="Hai mươi học viên theo học buổi tối.",
        author="Thanh Tùng",
        source="Báo Ấp Bắc",
        main_image=image,
        main_image_alt="Học viên trong lớp",
        body=[("paragraph", f'<p>Lớp học tại <a linktype="page" id="{index.pk}">trung tâm</a> phường.</p>')],
        categories=[education],
    )
    festival = make_news(index, "Liên hoan văn nghệ quần chúng", summary="Mười đội tham gia.", categories=[culture])
    draft = make_news(index, "Bản nháp chưa duyệt", publish=False)
    private = make_news(index, "Tin nội bộ", summary="Chỉ dành cho cán bộ.")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    return {"index": index, "school": school, "festival": festival, "draft": draft, "private": private,
            "education": education}  # fmt: skip


@pytest.fixture
def bulletins(home_page):
    index = make_video_index(home_page)
    with_file = make_bulletin(index, "Bản tin ngày 07/12/2018", datetime.date(2018, 12, 7),
                              duration=datetime.timedelta(minutes=12, seconds=30),
                              transcript="Chào mừng quý vị đến với bản tin.")  # fmt: skip
    embedded = make_bulletin(index, "Bản tin ngày 30/11/2018", datetime.date(2018, 11, 30),
                             embed_url="https://www.youtube.com/watch?v=abcdefghijk")  # fmt: skip
    return {"index": index, "with_file": with_file, "embedded": embedded}


class Parsed(dict):
    """A dict read like feedparser's results (``entry.title``)."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError as exc:
            raise AttributeError(name) from exc


def parse_json_feed(data):
    """Check a JSON Feed 1.1 document and shape it like feedparser's result (feedparser 6 reads RSS and Atom)."""
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(data["title"], str) and isinstance(data["items"], list)
    entries = []
    for item in data["items"]:
        assert item["id"] and ("content_html" in item or "content_text" in item)
        published = datetime.datetime.fromisoformat(item["date_published"]) if "date_published" in item else None
        entries.append(
            Parsed(
                title=item.get("title"),
                link=item.get("url"),
                content=[Parsed(value=item.get("content_html", ""))],
                author=(item.get("authors") or [{}])[0].get("name"),
                published_parsed=published.timetuple() if published else None,
                tags=[Parsed(term=tag) for tag in item.get("tags", [])],
                enclosures=[
                    Parsed(href=a["url"], length=a["size_in_bytes"], type=a["mime_type"])
                    for a in item.get("attachments", [])
                ],
            )
        )
    return Parsed(feed=Parsed(title=data["title"], language=data.get("language")), entries=entries)


def parse(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, response.content[:300]
    if response["Content-Type"].startswith("application/feed+json"):
        return response, parse_json_feed(response.json())
    parsed = feedparser.parse(response.content, response_headers={"content-type": response["Content-Type"]})
    assert not parsed.bozo, parsed.get("bozo_exception")
    return response, parsed


@pytest.mark.parametrize("fmt", FORMATS)
def test_news_feed_parses_and_lists_only_public_live_news(client, news, fmt):
    response, parsed = parse(client, f"/feeds/news/{fmt}/")
    titles = [entry.title for entry in parsed.entries]
    assert titles[:2] == ["Liên hoan văn nghệ quần chúng", "Khai giảng lớp xoá mù chữ"] or set(titles) == {
        "Liên hoan văn nghệ quần chúng",
        "Khai giảng lớp xoá mù chữ",
    }
    assert "Bản nháp chưa duyệt" not in titles and "Tin nội bộ" not in titles
    assert parsed.feed.title == "Tin tức"
    assert response.has_header("ETag") and "public" in response["Cache-Control"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_news_items_carry_full_content_with_absolute_urls(client, news, fmt):
    _response, parsed = parse(client, f"/feeds/news/{fmt}/?category=giao-duc")
    [entry] = parsed.entries
    html = entry.content[0].value
    assert "Lớp học tại" in html and "Báo Ấp Bắc" in html
    assert 'href="http://testserver/tin-tuc/"' in html  # the internal page link, expanded and absolute
    assert 'src="http://testserver/media/' in html  # the main image rendition
    assert entry.link == "http://testserver" + news["school"].url
    assert entry.get("author") == "Thanh Tùng"
    assert entry.get("published_parsed") is not None


def test_rss_and_atom_items_have_category_tags(client, news):
    _response, parsed = parse(client, "/feeds/news/rss/?category=giao-duc")
    assert [tag.term for tag in parsed.entries[0].tags] == ["Giáo dục"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_video_feed_has_the_video_file_as_enclosure(client, bulletins, fmt):
    _response, parsed = parse(client, f"/feeds/videos/{fmt}/")
    entries = {entry.title: entry for entry in parsed.entries}
    document = bulletins["with_file"].video_file
    [enclosure] = entries["Bản tin ngày 07/12/2018"].enclosures
    assert enclosure.href == "http://testserver" + document.url
    assert int(enclosure.length) == document.get_file_size() > 0
    assert enclosure.type == "video/mp4"
    assert not entries["Bản tin ngày 30/11/2018"].get("enclosures")
    assert "youtube.com" in entries["Bản tin ngày 30/11/2018"].content[0].value
    assert "Chào mừng quý vị" in entries["Bản tin ngày 07/12/2018"].content[0].value


def test_json_feed_follows_version_1_1(client, bulletins):
    data = client.get("/feeds/videos/json/").json()
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    item = next(item for item in data["items"] if item["title"] == "Bản tin ngày 07/12/2018")
    [attachment] = item["attachments"]
    assert attachment["mime_type"] == "video/mp4" and attachment["duration_in_seconds"] == 750
    assert item["date_published"].startswith("2018-12-07T")


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_category_is_404(client, news, fmt):
    assert client.get(f"/feeds/news/{fmt}/?category=khong-co").status_code == 404


@pytest.mark.parametrize(
    "query",
    ["?category=Gi%C3%A1o", "?category=a%00b", "?locale=fr", "?foo=1", "?category=" + "a" * 300,
     "?category=giao-duc&category=van-hoa"],
)  # fmt: skip
@pytest.mark.parametrize("fmt", FORMATS)
def test_bad_parameters_are_400_with_a_json_message(client, news, fmt, query):
    response = client.get(f"/feeds/news/{fmt}/{query}")
    assert response.status_code == 400
    assert response.json()["message"]
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_video_feed_has_no_categories(client, bulletins):
    assert client.get("/feeds/videos/rss/?category=giao-duc").status_code == 400


def test_english_feed_lists_english_news_only(client, news):
    english = Locale.objects.get_or_create(language_code="en")[0]
    translated = news["festival"].copy_for_translation(english, copy_parents=True)
    translated.title = "Community arts festival"
    translated.save_revision().publish()

    for url in ("/en/feeds/news/rss/", "/feeds/news/rss/?locale=en"):
        _response, parsed = parse(client, url)
        assert [entry.title for entry in parsed.entries] == ["Community arts festival"]
        assert parsed.feed.get("language") == "en"
    _response, parsed = parse(client, "/feeds/news/atom/")
    assert "Community arts festival" not in [entry.title for entry in parsed.entries]


def test_feeds_of_an_empty_site_are_valid(client, home_page):
    for fmt in FORMATS:
        _response, parsed = parse(client, f"/feeds/videos/{fmt}/")
        assert parsed.entries == []


def test_index_pages_link_their_feeds(client, news, bulletins):
    html = client.get(news["index"].url).content.decode()
    for url in ("/feeds/news/rss/", "/feeds/news/atom/", "/feeds/news/json/"):
        assert 'rel="alternate" type="application/' in html and f'href="{url}"' in html
    filtered = client.get(news["index"].url + "?category=giao-duc").content.decode()
    assert 'href="/feeds/news/rss/?category=giao-duc"' in filtered
    videos = client.get(bulletins["index"].url).content.decode()
    assert 'type="application/rss+xml"' in videos and 'href="/feeds/videos/rss/"' in videos
    for link in ("/feeds/news/atom/?category=giao-duc", "/feeds/videos/json/"):
        assert client.get(link).status_code == 200


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_an_empty_feed_is_dated_by_its_index_and_answers_the_same_twice(client, home_page, kind):
    """A category with no article yet: the feed's date is its index's, not the clock's (Django's default for a
    feed without items), so two requests get the same body and ETag."""
    from django.core.cache import cache

    index = make_news_index(home_page)
    make_category("Văn hoá", index.locale)
    url = f"/feeds/news/{kind}/?category=van-hoa"
    first = client.get(url)
    cache.clear()  # the second answer is made again, not read from the page cache
    second = client.get(url)

    assert first.status_code == second.status_code == 200
    assert first.content == second.content and first["ETag"] == second["ETag"]
    parsed = feedparser.parse(first.content)
    assert parsed.entries == []
    updated = parsed.feed.get("updated_parsed")
    assert updated is not None and updated[:6] == index.last_published_at.utctimetuple()[:6]
