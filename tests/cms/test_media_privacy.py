"""Media that Sen serves itself (SEN_SERVE_MEDIA) never bypasses a private collection."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.browser.urls")]


def _collection(name, private):
    collection = Collection.get_first_root_node().add_child(name=name)
    if private:
        CollectionViewRestriction.objects.create(collection=collection, restriction_type=BaseViewRestriction.LOGIN)
    return collection


def _files(collection, stem):
    image = get_image_model().objects.create(
        title=stem, collection=collection, file=get_test_image_file(filename=f"{stem}.png", colour="red")
    )
    # Not get_rendition: the renditions cache outlives a test's rolled-back database.
    rendition = image.create_rendition(Filter("width-100"))
    document = get_document_model()(title=stem, collection=collection)
    document.file.save(f"{stem}.pdf", ContentFile(b"%PDF-1.4 bien ban mat"), save=False)
    document.save()
    return image, rendition, document


@pytest.fixture
def private():
    return _files(_collection("Hồ sơ nội bộ", private=True), "ho-so-mat")


@pytest.fixture
def public():
    return _files(_collection("Ảnh công khai", private=False), "anh-cong-khai")


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_private_document_is_not_readable_from_media_anonymously(client, private):
    _image, _rendition, document = private
    response = client.get(document.file.url)
    assert response.status_code == 302
    assert response["Location"] == document.url  # Wagtail's view, which checks the collection
    followed = client.get(document.file.url, follow=True)
    assert "/login/?next=/documents/" in followed.redirect_chain[-1][0]
    assert b"bien ban mat" not in followed.content


def test_a_private_original_image_and_its_renditions_are_not_readable_anonymously(client, private):
    image, rendition, _document = private
    for url in (image.file.url, rendition.url):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login/?next=/media/" in response["Location"]
        assert not response.streaming


def test_a_signed_in_user_reads_private_files(client, private):
    image, rendition, document = private
    client.force_login(get_user_model().objects.create_user("nhanvien", password="x"))
    for url, stored in ((image.file.url, image.file), (rendition.url, rendition.file)):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _body(response) == Path(stored.path).read_bytes()
        assert response["Cache-Control"] == "private, no-store"
    followed = client.get(document.file.url, follow=True)
    assert followed.status_code == 200
    assert _body(followed) == b"%PDF-1.4 bien ban mat"


def test_public_files_are_still_served(client, public):
    image, rendition, document = public
    for url in (image.file.url, rendition.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _body(response)[:8] == b"\x89PNG\r\n\x1a\n"
    followed = client.get(document.file.url, follow=True)
    assert followed.status_code == 200
    assert followed.redirect_chain == [(document.url, 302)]
    assert _body(followed) == b"%PDF-1.4 bien ban mat"


def test_files_unknown_to_wagtail_in_image_and_document_folders_are_not_served(client, public, settings):
    for folder in ("documents", "original_images", "images"):
        (settings.MEDIA_ROOT / folder).mkdir(parents=True, exist_ok=True)
        (settings.MEDIA_ROOT / folder / "mo-coi.txt").write_text("orphan")
        assert client.get(f"/media/{folder}/mo-coi.txt").status_code == 404
    assert client.get("/media/../../etc/passwd").status_code in (400, 404)


@pytest.mark.parametrize("path", ["a" * 256, "x/" + "é" * 200, "a/" * 600, "original_images/" + "a" * 300])
def test_names_longer_than_a_filesystem_allows_are_not_found(path):
    client = Client(raise_request_exception=False)
    assert client.get("/media/" + path).status_code == 404


def test_public_renditions_are_cached_for_a_year_and_originals_revalidate(client, public):
    image, rendition, _document = public
    assert client.get(rendition.url)["Cache-Control"] == "public, max-age=31536000, immutable"
    original = client.get(image.file.url)
    assert original["Cache-Control"] == "public, max-age=0, must-revalidate"
    again = client.get(image.file.url, HTTP_IF_MODIFIED_SINCE=original["Last-Modified"])
    assert again.status_code == 304
    assert again["Cache-Control"] == "public, max-age=0, must-revalidate"
