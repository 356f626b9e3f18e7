"""Byte ranges on documents (bulletin videos) and media: seeking and iOS playback need 206 answers."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils.http import http_date
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

from cms.ranges import Unsatisfiable, parse_range
from tests.articles.factories import DEMO_VIDEO, make_image, make_video_document

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.browser.urls")]

VIDEO = DEMO_VIDEO.read_bytes()


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def video():
    return make_video_document()


def test_the_first_two_bytes_of_a_video(client, video):
    response = client.get(video.url, HTTP_RANGE="bytes=0-1")
    assert response.status_code == 206
    assert _body(response) == VIDEO[:2]
    assert response["Content-Range"] == f"bytes 0-1/{len(VIDEO)}"
    assert response["Content-Length"] == "2"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"


def test_a_range_in_the_middle_and_an_open_ended_one(client, video):
    response = client.get(video.url, HTTP_RANGE="bytes=1000-1999")
    assert (response.status_code, _body(response)) == (206, VIDEO[1000:2000])
    response = client.get(video.url, HTTP_RANGE="bytes=1000-")
    assert (response.status_code, _body(response)) == (206, VIDEO[1000:])
    assert response["Content-Range"] == f"bytes 1000-{len(VIDEO) - 1}/{len(VIDEO)}"
    # A last position past the end is cut to the file's length.
    response = client.get(video.url, HTTP_RANGE=f"bytes=10-{len(VIDEO) * 2}")
    assert (response.status_code, _body(response)) == (206, VIDEO[10:])


def test_a_suffix_range_gives_the_last_bytes(client, video):
    response = client.get(video.url, HTTP_RANGE="bytes=-500")
    assert response.status_code == 206
    assert _body(response) == VIDEO[-500:]
    assert response["Content-Range"] == f"bytes {len(VIDEO) - 500}-{len(VIDEO) - 1}/{len(VIDEO)}"


def test_an_unsatisfiable_range_is_a_416(client, video):
    for header in (f"bytes={len(VIDEO)}-", f"bytes={len(VIDEO) + 10}-{len(VIDEO) + 20}", "bytes=-0"):
        response = client.get(video.url, HTTP_RANGE=header)
        assert response.status_code == 416, header
        assert response["Content-Range"] == f"bytes */{len(VIDEO)}"
        assert _body(response) == b""


def test_a_range_the_server_does_not_understand_sends_the_whole_file(client, video):
    for header in ("bytes=abc", "bytes=5-2", "items=0-1", "bytes=0-1,5-6", "bytes=-", "bytes=²-3"):
        response = client.get(video.url, HTTP_RANGE=header)
        assert response.status_code == 200, header
        assert _body(response) == VIDEO
        assert response["Accept-Ranges"] == "bytes"


def test_without_a_range_the_whole_file_is_sent(client, video):
    response = client.get(video.url)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(len(VIDEO))
    assert _body(response) == VIDEO


def test_if_range_with_a_stale_validator_sends_the_whole_file(client, video):
    current = client.get(video.url)
    response = client.get(video.url, HTTP_RANGE="bytes=0-1", HTTP_IF_RANGE=current["Last-Modified"])
    assert (response.status_code, _body(response)) == (206, VIDEO[:2])
    response = client.get(video.url, HTTP_RANGE="bytes=0-1", HTTP_IF_RANGE=http_date(0))
    assert (response.status_code, _body(response)) == (200, VIDEO)
    response = client.get(video.url, HTTP_RANGE="bytes=0-1", HTTP_IF_RANGE='"not-the-etag"')
    assert (response.status_code, _body(response)) == (200, VIDEO)


def test_a_range_does_not_skip_the_privacy_check_of_a_private_document(client):
    collection = Collection.get_first_root_node().add_child(name="Nội bộ")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=BaseViewRestriction.LOGIN)
    document = get_document_model()(title="Biên bản", collection=collection)
    document.file.save("bien-ban.txt", ContentFile(b"noi dung mat"), save=False)
    document.save()
    response = client.get(document.url, HTTP_RANGE="bytes=0-1")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    client.force_login(get_user_model().objects.create_user("canbo", password="x"))
    response = client.get(document.url, HTTP_RANGE="bytes=0-1")
    assert (response.status_code, _body(response)) == (206, b"no")
    assert response["Cache-Control"] == "private, no-store"


def test_media_served_by_sen_answers_ranges(client):
    image = make_image()
    data = image.file.read()
    image.file.close()
    response = client.get(image.file.url, HTTP_RANGE="bytes=0-7")
    assert response.status_code == 206
    assert _body(response) == data[:8] == b"\x89PNG\r\n\x1a\n"
    response = client.get(image.file.url, HTTP_RANGE="bytes=-4")
    assert (response.status_code, _body(response)) == (206, data[-4:])
    assert client.get(image.file.url, HTTP_RANGE=f"bytes={len(data)}-").status_code == 416


@pytest.mark.parametrize(
    ("header", "size", "expected"),
    [
        ("bytes=0-0", 1, (0, 0)),
        ("bytes=0-", 10, (0, 9)),
        ("bytes=-20", 10, (0, 9)),
        ("bytes=9-9", 10, (9, 9)),
        ("BYTES = 2 - 3", 10, (2, 3)),
        ("bytes=3-2", 10, None),
        ("bytes=1-2,4-5", 10, None),
        ("", 10, None),
    ],
)
def test_parse_range(header, size, expected):
    assert parse_range(header, size) == expected


@pytest.mark.parametrize(("header", "size"), [("bytes=10-", 10), ("bytes=-1", 0), ("bytes=0-", 0), ("bytes=-0", 10)])
def test_parse_range_unsatisfiable(header, size):
    with pytest.raises(Unsatisfiable):
        parse_range(header, size)


def test_a_public_video_may_be_cached_but_is_revalidated_on_every_use(client, video):
    whole = client.get(video.url)
    part = client.get(video.url, HTTP_RANGE="bytes=0-1")
    for response in (whole, part):
        assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert client.get(video.url, HTTP_IF_NONE_MATCH=whole["ETag"]).status_code == 304
