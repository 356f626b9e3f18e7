"""gzip for text answers (cms/http/compress.py), and the page cache keeping one copy per encoding."""

import gzip

import pytest

from cms.http import pagecache
from tests.articles.factories import DEMO_VIDEO, make_news, make_news_index, make_video_document

HIT = pagecache.HIT_HEADER
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


pytestmark = pytest.mark.usefixtures("page_cache")  # tests/cms/http/conftest.py


@pytest.fixture
def article(home_page):
    index = make_news_index(home_page)
    return make_news(index, "Tổng kết năm học 2017-2018", summary="Trung tâm học tập cộng đồng tổng kết năm học.")


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["article", "/api/v2/pages/?type=articles.NewsPage&fields=*", "/feeds/news/rss/"])
def test_text_answers_are_gzipped_for_a_client_that_accepts_it_and_plain_for_one_that_does_not(client, article, url):
    url = article.url if url == "article" else url
    plain = client.get(url)
    packed = client.get(url, **GZIP)

    assert plain.status_code == packed.status_code == 200
    assert not plain.has_header("Content-Encoding")
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content)
    assert "accept-encoding" in vary(plain) and "accept-encoding" in vary(packed)


@pytest.mark.django_db
def test_the_page_cache_serves_each_client_the_encoding_it_accepts(client, article):
    client.get(article.url, **GZIP)
    client.get(article.url)

    packed = client.get(article.url, **GZIP)
    plain = client.get(article.url)

    assert packed[HIT] == "hit" and plain[HIT] == "hit"
    assert packed["Content-Encoding"] == "gzip" and not plain.has_header("Content-Encoding")
    assert gzip.decompress(packed.content) == plain.content
    assert "Tổng kết năm học 2017-2018" in plain.content.decode()


@pytest.mark.django_db
def test_a_gzipped_answer_is_revalidated_with_its_etag(client, article):
    first = client.get(article.url, **GZIP)
    assert first["ETag"].startswith('W/"')  # a weak validator: the compressed bytes differ per response

    again = client.get(article.url, HTTP_IF_NONE_MATCH=first["ETag"], **GZIP)

    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.django_db
@pytest.mark.urls("tests.browser.urls")
def test_video_is_never_compressed_and_its_byte_ranges_count_the_file_bytes(client):
    video = make_video_document()
    body = DEMO_VIDEO.read_bytes()

    whole = client.get(video.url, **GZIP)
    part = client.get(video.url, HTTP_RANGE="bytes=0-1", **GZIP)

    assert not whole.has_header("Content-Encoding")
    assert b"".join(whole.streaming_content) == body
    assert part.status_code == 206
    assert not part.has_header("Content-Encoding")
    assert b"".join(part.streaming_content) == body[:2]
