"""Renditions are made ahead (upload, publish); a request never builds one of a large image."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.renditions import all_specs, get_renditions
from tests.articles.factories import make_image, make_news, make_news_index

ROOT = Path(__file__).resolve().parent.parent.parent
Image = get_image_model()
Rendition = Image.get_rendition_model()


@pytest.fixture(autouse=True)
def clear_caches():
    """Wagtail caches renditions by image id, and ids come back after a test's rollback."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


def png(size, mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def large_image(title="Ảnh 5 megapixel"):
    """An image above SEN_RENDITION_INLINE_MAX_PIXELS whose renditions were never made."""
    image = Image.objects.create(title=title, file=get_test_image_file(size=(2500, 2000)))
    assert image.width * image.height > 4_000_000
    return image


def made_specs(image):
    return set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_upload_above_the_pixel_limit_is_refused_in_vietnamese(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Ảnh quá lớn", "file": SimpleUploadedFile("qua-lon.png", png((10000, 10000), "1"), "image/png")},
    )
    assert response.status_code == 200  # the form again, with its error
    html = response.content.decode()
    assert "Tệp này có quá nhiều điểm ảnh (100000000). Tối đa 40000000 điểm ảnh." in html
    assert not Image.objects.filter(title="Ảnh quá lớn").exists()


@pytest.mark.django_db
def test_upload_makes_every_rendition_sen_shows(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailimages:add"),
            {"title": "Lớp tin học", "file": SimpleUploadedFile("lop.png", png((1600, 1200)), "image/png")},
        )
    assert response.status_code == 302
    image = Image.objects.get(title="Lớp tin học")
    assert made_specs(image) == set(all_specs())


@pytest.mark.django_db
def test_publish_makes_the_renditions_of_the_images_a_page_uses(home_page, django_capture_on_commit_callbacks):
    main, in_body = make_image("Ảnh chính"), make_image("Ảnh trong bài", colour="red")
    Rendition.objects.all().delete()  # as on a site whose renditions were lost or never made
    index = make_news_index(home_page)
    body = [{"type": "image", "value": {"image": in_body.pk, "alt": "Lớp học", "caption": "", "credit": ""}}]
    with django_capture_on_commit_callbacks(execute=True):
        make_news(index, "Khai giảng lớp tin học", main_image=main, main_image_alt="Phòng máy", body=body)
    assert made_specs(main) == set(all_specs())
    assert made_specs(in_body) == set(all_specs())


@pytest.mark.django_db
def test_api_request_for_a_large_image_builds_no_rendition(client):
    image = large_image()
    response = client.get(f"/api/v2/images/{image.pk}/")
    assert response.status_code == 200
    assert response.json()["renditions"] == {"thumbnail": None, "card": None, "full": None, "full_webp": None}
    assert Rendition.objects.filter(image=image).count() == 0

    call_command("make_renditions", str(image.pk), stdout=io.StringIO())  # what the worker does
    renditions = client.get(f"/api/v2/images/{image.pk}/").json()["renditions"]
    assert renditions["full"]["width"] == 1280
    assert renditions["full_webp"]["url"].endswith(".webp")


@pytest.mark.django_db
def test_page_with_a_large_image_shows_what_exists_and_builds_nothing(client, home_page):
    index = make_news_index(home_page)
    image = large_image()
    page = make_news(index, "Ảnh lớn chưa có bản thu nhỏ", main_image=image, main_image_alt="Toàn cảnh")
    Rendition.objects.filter(image=image).delete()  # the page was published before renditions were made ahead
    with override_settings(SEN_RENDITION_INLINE_MAX_PIXELS=10**9):
        small = get_renditions(image, "width-400")["width-400"]  # one small rendition exists

    urls = [page.url, index.url, "/", f"/api/v2/pages/{page.pk}/", "/api/v2/pages/?type=articles.NewsPage&fields=*"]
    urls += ["/feeds/news/rss/", "/feeds/news/atom/", "/feeds/news/json/"]
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert made_specs(image) == {"width-400"}
    html = client.get(page.url).content.decode()
    assert f'src="{small.url}"' in html  # the smaller rendition that exists stands in


@pytest.mark.django_db
def test_missing_renditions_of_a_large_image_are_queued_for_the_worker(client, django_capture_on_commit_callbacks):
    from django_tasks import default_task_backend

    image = large_image()
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.get(f"/api/v2/images/{image.pk}/").status_code == 200
            assert client.get(f"/api/v2/images/{image.pk}/").status_code == 200
        queued = [result.args for result in default_task_backend.results]
    assert queued == [[[image.pk]]]  # once, not once per request
    assert Rendition.objects.filter(image=image).count() == 0


@pytest.mark.django_db
def test_small_images_still_get_their_renditions_on_request(client):
    image = make_image()
    Rendition.objects.all().delete()
    renditions = client.get(f"/api/v2/images/{image.pk}/").json()["renditions"]
    assert renditions["card"]["width"] == 480
    assert made_specs(image) == {"fill-160x120", "fill-480x320", "max-1280x1280", "max-1280x1280|format-webp"}


def test_templates_and_code_name_no_rendition_spec_of_their_own():
    """Specs live in cms/renditions only, so what is made ahead is what requests ask for."""
    apps = [path for path in ROOT.iterdir() if (path / "__init__.py").exists() and path.name != "tests"]
    assert {"cms", "home", "articles", "centers"} <= {app.name for app in apps}
    offenders = []
    for path in [*ROOT.glob("templates/**/*.html"), *(p for app in apps for p in app.glob("templates/**/*.html"))]:
        if re.search(r"\{%\s*(image|picture|srcset_image)\s", path.read_text()):
            offenders.append(str(path.relative_to(ROOT)))
    for path in (p for app in apps for p in app.rglob("*.py")):
        if "renditions" not in path.parts and re.search(r"get_renditions?\(\s*[\"']", path.read_text()):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


# Renditions made by the worker refresh what the cache shows -----------------------------------


@pytest.mark.django_db
def test_cached_answers_show_the_renditions_once_the_worker_made_them(client, settings, tmp_path, home_page):
    from cms.generation import bump_generation
    from cms.renditions.tasks import make_renditions

    settings.SEN_PAGE_CACHE = True
    settings.VAR_DIR = tmp_path
    bump_generation()
    image = large_image()
    page = make_news(make_news_index(home_page), "Ảnh lớn mới tải lên", main_image=image, main_image_alt="Toàn cảnh")
    Rendition.objects.filter(image=image).delete()  # uploaded, the worker has not made them yet
    bump_generation()
    api = f"/api/v2/images/{image.pk}/"
    assert client.get(api).json()["renditions"]["full"] is None
    assert client.get(api).headers["X-Sen-Page-Cache"] == "hit"
    assert "/images/" not in client.get(page.url).content.decode().split("<main", 1)[-1].split("</main>")[0]

    make_renditions.call([image.pk])  # the worker's task

    assert client.get(api).json()["renditions"]["full"]["width"] == 1280
    full = Rendition.objects.get(image=image, filter_spec="width-800")
    assert full.url in client.get(page.url).content.decode()


# Animated images: frames and pixels over all frames ------------------------------------------------


def gif(size, frames):
    """An animated GIF whose frames differ (Pillow merges identical ones)."""
    buffer = io.BytesIO()
    images = [PILImage.new("RGB", size, color=(n * 10 % 256, n * 7 % 256, 0)) for n in range(frames)]
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], duration=40, loop=0)
    return buffer.getvalue()


def upload(admin_client, title, content, name="hoat-hinh.gif"):
    return admin_client.post(
        reverse("wagtailimages:add"), {"title": title, "file": SimpleUploadedFile(name, content, "image/gif")}
    )


@pytest.mark.django_db
def test_animation_with_too_many_frames_is_refused_in_vietnamese(admin_client, settings):
    settings.SEN_IMAGES_MAX_FRAMES = 20
    response = upload(admin_client, "Ảnh động dài", gif((8, 8), 21))
    assert response.status_code == 200  # the form again, with its error
    assert "Ảnh động này có 21 khung hình. Chỉ nhận tối đa 20 khung hình." in response.content.decode()
    assert not Image.objects.filter(title="Ảnh động dài").exists()


@pytest.mark.django_db
def test_animation_with_too_many_pixels_over_its_frames_is_refused_in_vietnamese(admin_client, settings):
    settings.SEN_IMAGES_MAX_ANIMATION_PIXELS = 40_000
    response = upload(admin_client, "Ảnh động lớn", gif((100, 100), 5))  # 50,000 pixels in all
    assert response.status_code == 200
    assert "Ảnh động này có quá nhiều điểm ảnh trên tất cả khung hình (50000)" in response.content.decode()
    assert not Image.objects.filter(title="Ảnh động lớn").exists()


@pytest.mark.django_db
def test_animations_within_the_limits_and_still_images_of_the_same_size_are_accepted(admin_client, settings):
    settings.SEN_IMAGES_MAX_ANIMATION_PIXELS = 40_000
    assert upload(admin_client, "Ảnh động nhỏ", gif((100, 100), 4)).status_code == 302
    assert upload(admin_client, "Ảnh tĩnh", png((150, 150)), name="tinh.png").status_code == 302
    assert Image.objects.filter(title__in=["Ảnh động nhỏ", "Ảnh tĩnh"]).count() == 2


def test_renditions_are_built_one_image_at_a_time_whatever_the_callers():
    import threading

    from cms.renditions.tasks import build

    state = {"now": 0, "peak": 0}
    counter_lock = threading.Lock()
    started = threading.Barrier(4)

    class SlowImage:
        def get_renditions(self, *specs):
            with counter_lock:
                state["now"] += 1
                state["peak"] = max(state["peak"], state["now"])
            threading.Event().wait(0.02)  # long enough for the other callers to try
            with counter_lock:
                state["now"] -= 1

    def worker():
        started.wait()
        build(SlowImage(), ["width-400"])

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert state["peak"] == 1


@pytest.mark.django_db
def test_the_importer_applies_the_same_limits(settings):
    from articles.importer.load import ImageImporter

    settings.SEN_IMAGES_MAX_FRAMES = 20
    with pytest.raises(ValueError, match="Ảnh động này có 21 khung hình"):
        ImageImporter().get_or_create(gif((8, 8), 21), "dai.gif", "Ảnh động dài")
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 10_000
    with pytest.raises(ValueError, match=r"Tệp này có quá nhiều điểm ảnh \(22500\)"):
        ImageImporter().get_or_create(png((150, 150)), "lon.png", "Ảnh lớn")
    assert not Image.objects.filter(title__in=["Ảnh động dài", "Ảnh lớn"]).exists()
