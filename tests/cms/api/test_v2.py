"""The public read API at /api/v2/: display-ready fields, locales, translations, fallback, filters, privacy, budget."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale, PageViewRestriction

from articles.models import Category, NewsPage
from centers.models import AdministrativeUnit, YearlyReport
from tests.articles.factories import (
    VideoIndexPageFactory,
    make_bulletin,
    make_image,
    make_news,
    make_news_index,
)
from tests.centers.factories import CenterPageFactory, center_index
from tests.utils import assert_problem

pytestmark = pytest.mark.django_db

# Helpers (also used by the other test_api_* modules) ----------------------------------------


def make_document(title="Kế hoạch năm học", name="ke-hoach.pdf"):
    from django.core.files.base import ContentFile

    document = get_document_model()(title=title)
    document.file.save(name, ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    return document


def aware(year, month, day, hour=9):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, 0))


def rich_body(target_page, image, document):
    """A body with an internal link, a document link, an image, a video and a download."""
    return [
        {
            "type": "paragraph",
            "value": (
                f'<p>Xem <a linktype="page" id="{target_page.pk}">tin tức</a> và '
                f'<a linktype="document" id="{document.pk}">kế hoạch</a>.</p>'
            ),
        },
        {
            "type": "image",
            "value": {"image": image.pk, "alt": "Học viên lớp tin học", "caption": "Lớp học", "credit": ""},
        },
        {"type": "video", "value": {"embed": "", "file": document.pk, "poster": image.pk, "caption": "Bản tin"}},
        {"type": "document", "value": {"document": document.pk, "title": "Tải kế hoạch"}},
    ]


def translate(page, language_code="en", title=None, publish=True):
    """An English copy of ``page`` (its parents must be translated first), published."""
    locale = Locale.objects.get(language_code=language_code)
    copy = page.copy_for_translation(locale)
    copy = copy.specific
    if title:
        copy.title = title
    revision = copy.save_revision()
    if publish:
        revision.publish()
    copy.refresh_from_db()
    return copy


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    if status >= 400:
        return assert_problem(response, status)
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def make_center(index, title, commune, reports=(), publish=True):
    return CenterPageFactory(
        parent=index,
        title=title,
        slug="",
        commune=commune,
        intro=f'<p>Trung tâm ở <a linktype="page" id="{index.pk}">danh sách</a>.</p>',
        yearly_reports=[YearlyReport(**report) for report in reports],
        publish=publish,
    )


# Content types ---------------------------------------------------------------------------


def test_news_detail_is_display_ready(client, home_page):
    index = make_news_index(home_page)
    image, document = make_image(), make_document()
    category = Category.objects.create(name="Giáo dục", slug="giao-duc", locale=home_page.locale)
    page = make_news(
        index,
        "Khai giảng lớp tin học",
        categories=[category],
        tags=["khuyến học"],
        body=rich_body(index, image, document),
        date=aware(2017, 6, 20),
        summary="Lớp tin học miễn phí.",
        main_image=image,
        main_image_alt="Phòng máy",
    )

    data = get_json(client, f"/api/v2/pages/{page.pk}/")

    assert data["title"] == "Khai giảng lớp tin học"
    assert data["date"] == "2017-06-20T09:00:00+07:00"
    assert data["meta"]["first_published_at"].endswith("+07:00")
    assert data["categories"] == [{"id": category.pk, "name": "Giáo dục", "slug": "giao-duc"}]
    assert data["tag_names"] == ["khuyến học"]
    assert data["main_image"]["alt"] == "Phòng máy"
    assert set(data["main_image"]["renditions"]) == {"thumbnail", "card", "full", "full_webp"}
    blocks = {block["type"]: block["value"] for block in data["body"]}
    paragraph = blocks["paragraph"]
    assert "linktype=" not in paragraph
    assert f'href="http://testserver{index.url}"' in paragraph  # absolute: shown as is on another domain
    assert f'href="http://testserver{document.url}"' in paragraph
    image_value = blocks["image"]
    assert image_value["alt"] == "Học viên lớp tin học"
    assert image_value["caption"] == "Lớp học"
    thumbnail = image_value["image"]["renditions"]["thumbnail"]
    assert (thumbnail["width"], thumbnail["height"]) == (160, 120)
    assert thumbnail["url"].endswith(".png")
    assert image_value["image"]["renditions"]["full_webp"]["url"].endswith(".webp")
    assert blocks["video"]["source"] == "http://testserver" + document.url
    assert blocks["video"]["poster"]["renditions"]["card"]["width"] == 480
    assert blocks["document"] == {
        "title": "Tải kế hoạch",
        "url": "http://testserver" + document.url,
        "file_extension": "pdf",
    }


def test_listing_by_type_shows_requested_fields(client, home_page):
    index = make_news_index(home_page)
    make_news(index, "Tin thứ nhất", date=aware(2017, 6, 20), summary="Tóm tắt một")
    make_news(index, "Tin thứ hai", date=aware(2018, 1, 5), summary="Tóm tắt hai")

    data = get_json(client, "/api/v2/pages/?type=articles.NewsPage&fields=summary,date&order=-date")

    assert data["meta"]["total_count"] == 2
    assert [item["title"] for item in data["items"]] == ["Tin thứ hai", "Tin thứ nhất"]
    assert data["items"][0]["summary"] == "Tóm tắt hai"
    assert data["items"][0]["meta"]["locale"] == "vi"


def test_bulletin_and_index_rich_text_are_html(client, home_page):
    video_index = VideoIndexPageFactory(
        parent=home_page, show_in_menus=False, intro=f'<p><a linktype="page" id="{home_page.pk}">Trang chủ</a></p>'
    )
    document = make_document("Bản tin", "ban-tin.mp4")
    bulletin = make_bulletin(
        video_index,
        "Bản tin ngày 07/12/2018",
        datetime.date(2018, 12, 7),
        video_file=document,
        description=f'<p>Xem <a linktype="page" id="{video_index.pk}">các bản tin</a></p>',
        duration=datetime.timedelta(minutes=12, seconds=30),
    )

    data = get_json(client, f"/api/v2/pages/{bulletin.pk}/")
    assert data["broadcast_date"] == "2018-12-07"
    assert data["video"]["file"]["url"] == "http://testserver" + document.url
    assert data["duration_display"] == "12:30"
    assert (
        "linktype=" not in data["description"] and f'href="http://testserver{video_index.url}"' in data["description"]
    )

    index_data = get_json(client, f"/api/v2/pages/{video_index.pk}/")
    assert "linktype=" not in index_data["intro"] and 'href="http://testserver/"' in index_data["intro"]


def test_center_has_reports_and_totals(client, home_page):
    index = center_index(home_page, "Trung tâm", slug="trung-tam")
    uong_bi = AdministrativeUnit.objects.get(level="commune", name="Uông Bí")
    page = make_center(
        index,
        "Trung tâm học tập cộng đồng phường Uông Bí",
        uong_bi,
        reports=[
            {
                "school_year": "2016-2017",
                "classes_law": 5,
                "classes_other": 1,
                "attendances": 300,
                "funding_state": 1000,
            },
            {"school_year": "2017-2018", "classes_law": 7, "attendances": 400, "funding_donors": 500},
        ],
    )

    data = get_json(client, f"/api/v2/pages/{page.pk}/")

    assert [report["school_year"] for report in data["yearly_reports"]] == ["2016-2017", "2017-2018"]
    assert data["totals"]["reports"] == 2
    assert data["totals"]["classes_law"] == 12
    assert data["totals"]["total_classes"] == 13
    assert data["totals"]["attendances"] == 700
    assert data["totals"]["total_funding"] == 1500
    assert data["province"]["code"] == uong_bi.parent.code
    assert data["commune"]["name"] == "Uông Bí"
    assert "linktype=" not in data["intro"]


def test_images_endpoint_has_named_renditions(client, db):
    image = make_image("Ảnh lớp học")
    data = get_json(client, "/api/v2/images/")
    item = data["items"][0]
    assert item["id"] == image.pk
    assert item["alt"] == "Ảnh lớp học"
    card = item["renditions"]["card"]
    assert (card["width"], card["height"]) == (480, 320)
    assert card["url"].startswith("http://testserver/media/images/")  # absolute, from the request host
    detail = get_json(client, f"/api/v2/images/{image.pk}/")
    assert detail["renditions"]["full"]["width"] == 800


def test_documents_endpoint(client, db):
    document = make_document()
    data = get_json(client, "/api/v2/documents/")
    assert data["items"][0]["title"] == "Kế hoạch năm học"
    assert data["items"][0]["meta"]["download_url"].endswith(document.url)


# Locales -----------------------------------------------------------------------------------


def english_site(home_page):
    """A Vietnamese article translated into English, and one left untranslated."""
    index = make_news_index(home_page)
    translated = make_news(index, "Khai giảng năm học mới", date=aware(2018, 9, 5))
    untranslated = make_news(index, "Họp phụ huynh", date=aware(2018, 9, 6))
    en_home = translate(home_page, title="Home")
    en_index = translate(index, title="News")
    english = translate(translated, title="New school year opens")
    return {
        "index": index,
        "translated": translated,
        "untranslated": untranslated,
        "en_home": en_home,
        "en_index": en_index,
        "english": english,
    }


def test_locale_filter(client, home_page):
    pages = english_site(home_page)

    english = get_json(client, "/api/v2/pages/?type=articles.NewsPage&locale=en")
    assert [item["id"] for item in english["items"]] == [pages["english"].pk]
    assert english["items"][0]["meta"]["locale"] == "en"

    vietnamese = get_json(client, "/api/v2/pages/?type=articles.NewsPage&locale=vi")
    assert {item["id"] for item in vietnamese["items"]} == {pages["translated"].pk, pages["untranslated"].pk}

    error = get_json(client, "/api/v2/pages/?locale=fr", status=400)
    assert "locale" in error["detail"]


def test_find_by_html_path_in_english(client, home_page):
    pages = english_site(home_page)
    english = pages["english"]
    path = english.get_url()
    assert path.startswith("/en/")

    response = client.get(f"/api/v2/pages/find/?html_path={path}")
    assert response.status_code == 302
    assert response["Location"] == f"/api/v2/pages/{english.pk}/"  # relative to the request: any host works

    vietnamese = client.get(f"/api/v2/pages/find/?html_path={pages['translated'].get_url()}")
    assert vietnamese["Location"] == f"/api/v2/pages/{pages['translated'].pk}/"

    missing = client.get("/api/v2/pages/find/?html_path=/en/khong-co/")
    assert missing.status_code == 404


def test_translations_are_listed(client, home_page):
    pages = english_site(home_page)
    english, original = pages["english"], pages["translated"]

    detail = get_json(client, f"/api/v2/pages/{original.pk}/")
    assert detail["meta"]["translations"] == [
        {
            "locale": "en",
            "id": english.pk,
            "title": "New school year opens",
            "html_url": english.get_full_url(),
            "api_url": f"http://127.0.0.1:8000/api/v2/pages/{english.pk}/",
        }
    ]
    listing = get_json(client, "/api/v2/pages/?type=articles.NewsPage&locale=vi")
    by_id = {item["id"]: item["meta"]["translations"] for item in listing["items"]}
    assert [entry["id"] for entry in by_id[original.pk]] == [english.pk]
    assert by_id[pages["untranslated"].pk] == []


def test_unpublished_translation_is_not_listed(client, home_page):
    pages = english_site(home_page)
    pages["english"].unpublish()
    detail = get_json(client, f"/api/v2/pages/{pages['translated'].pk}/")
    assert detail["meta"]["translations"] == []


def test_fallback_to_vietnamese_is_marked(client, home_page):
    pages = english_site(home_page)

    listing = get_json(client, "/api/v2/pages/?type=articles.NewsPage&locale=en&fallback=vi")
    items = {item["id"]: item["meta"] for item in listing["items"]}
    assert set(items) == {pages["english"].pk, pages["untranslated"].pk}
    assert items[pages["english"].pk]["fallback"] is False
    assert items[pages["untranslated"].pk]["fallback"] is True
    assert items[pages["untranslated"].pk]["requested_locale"] == "en"

    # Without the opt-in, missing translations are simply missing.
    plain = get_json(client, "/api/v2/pages/?type=articles.NewsPage&locale=en")
    assert "fallback" not in plain["items"][0]["meta"]

    detail = get_json(client, f"/api/v2/pages/{pages['untranslated'].pk}/?locale=en&fallback=vi")
    assert detail["id"] == pages["untranslated"].pk
    assert detail["meta"]["fallback"] is True and detail["meta"]["requested_locale"] == "en"

    translated = get_json(client, f"/api/v2/pages/{pages['translated'].pk}/?locale=en&fallback=vi")
    assert translated["id"] == pages["english"].pk and translated["meta"]["fallback"] is False

    missing = get_json(client, f"/api/v2/pages/{pages['untranslated'].pk}/?locale=en", status=404)
    assert "en" in missing["detail"]
    assert "locale" in get_json(client, "/api/v2/pages/?fallback=vi", status=400)["detail"]


# Filters -----------------------------------------------------------------------------------


def test_news_filters(client, home_page):
    index = make_news_index(home_page)
    education = Category.objects.create(name="Giáo dục", slug="giao-duc", locale=home_page.locale)
    culture = Category.objects.create(name="Văn hóa", slug="van-hoa", locale=home_page.locale)
    june = make_news(index, "Tin tháng Sáu", date=aware(2017, 6, 20), categories=[education], tags=["khuyến học"])
    july = make_news(index, "Tin tháng Bảy", date=aware(2017, 7, 2), categories=[education, culture])
    august = make_news(index, "Tin tháng Tám", date=aware(2017, 8, 15), categories=[culture], tags=["Khuyến học"])

    def ids(query):
        return [item["id"] for item in get_json(client, f"/api/v2/pages/?type=articles.NewsPage&{query}")["items"]]

    assert ids("date_from=2017-07-01&order=date") == [july.pk, august.pk]
    assert ids("date_to=2017-07-02&order=-date") == [july.pk, june.pk]
    assert ids("date_from=2017-06-21&date_to=2017-08-14") == [july.pk]
    assert sorted(ids("category=giao-duc")) == sorted([june.pk, july.pk])
    # A category that does not exist is a 404, as on the feeds (it was an empty 200).
    assert get_json(client, "/api/v2/pages/?type=articles.NewsPage&category=khong-co", status=404)["parameter"] == (
        "category"
    )
    assert sorted(ids("tag=khuyến học")) == sorted([june.pk, august.pk])
    assert ids("order=-date") == [august.pk, july.pk, june.pk]

    for query in ["date_from=20-06-2017", "date_to=2017-13-01", "category=giáo dục", "date_from=" + "9" * 200]:
        error = get_json(client, f"/api/v2/pages/?type=articles.NewsPage&{query}", status=400)
        assert query.split("=")[0] in error["detail"]
    # A filter the listed type does not declare says which types have it.
    error = get_json(client, "/api/v2/pages/?date_from=2017-01-01", status=400)
    assert "articles.NewsPage" in error["detail"]


def test_bulletin_date_filters(client, home_page):
    video_index = VideoIndexPageFactory(parent=home_page, show_in_menus=False)
    document = make_document("Bản tin", "ban-tin.mp4")
    first = make_bulletin(video_index, "Bản tin 1", datetime.date(2018, 12, 7), video_file=document)
    second = make_bulletin(video_index, "Bản tin 2", datetime.date(2018, 12, 14), video_file=document)
    base = "/api/v2/pages/?type=articles.VideoBulletinPage"
    assert [i["id"] for i in get_json(client, f"{base}&date_from=2018-12-10")["items"]] == [second.pk]
    assert [i["id"] for i in get_json(client, f"{base}&date_to=2018-12-10")["items"]] == [first.pk]
    assert [i["id"] for i in get_json(client, f"{base}&order=-date")["items"]] == [second.pk, first.pk]


def test_center_filters(client, home_page):
    index = center_index(home_page, "Trung tâm", slug="trung-tam")
    uong_bi = AdministrativeUnit.objects.get(level="commune", name="Uông Bí")
    dao_thanh = AdministrativeUnit.objects.get(level="commune", name="Đạo Thạnh")
    north = make_center(index, "Trung tâm Uông Bí", uong_bi, reports=[{"school_year": "2016-2017"}])
    south = make_center(
        index, "Trung tâm Đạo Thạnh", dao_thanh, reports=[{"school_year": "2016-2017"}, {"school_year": "2017-2018"}]
    )

    def ids(query):
        return sorted(i["id"] for i in get_json(client, f"/api/v2/pages/?type=centers.CenterPage&{query}")["items"])

    # Official codes only: a row id is never taken for a code (it was, when no code matched).
    dao_thanh.code = "28000"  # a test code: the seed leaves communes' codes empty until confirmed
    dao_thanh.save()
    assert ids(f"province={uong_bi.parent.code}") == [north.pk]
    assert ids(f"province={dao_thanh.parent.code}") == [south.pk]
    assert ids("commune=28000") == [south.pk]
    assert ids("province=01") == []  # Hà Nội, which has no centre here
    get_json(client, f"/api/v2/pages/?type=centers.CenterPage&province={dao_thanh.parent.pk}", status=400)
    assert ids("school_year=2016-2017") == sorted([north.pk, south.pk])
    assert ids("school_year=2017-2018") == [south.pk]
    for query in ["school_year=2016-2018", "school_year=2016", "province=abc", "commune=-1"]:
        get_json(client, f"/api/v2/pages/?type=centers.CenterPage&{query}", status=400)


# Bad input ---------------------------------------------------------------------------------

BAD_QUERIES = [
    "limit=-1",
    "limit=abc",
    "limit=100000",
    "offset=-5",
    "offset=x",
    "offset=99999999999999999999",
    "limit=99999999999999999999",
    "unknown=1",
    "fields=nope",
    "fields=title,(",
    "type=nothing.Here",
    "type=articles.NewsPage&order=nope",
    "child_of=99999999999999999999999",
    "descendant_of=abc",
    "translation_of=-3",
    "locale=xx",
    "search=%00",
    "title=%00abc",
    "search=" + "a" * 5000,
    "x" * 200 + "=1",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_input_is_a_400_with_a_message(client, home_page, query):
    assert_problem(client.get(f"/api/v2/pages/?{query}"), 400)


def test_bad_detail_and_find_input(client, home_page):
    assert client.get("/api/v2/pages/99999999999999999999/").status_code == 404
    assert client.get("/api/v2/pages/find/?id=abc").status_code == 400
    assert client.get("/api/v2/pages/find/?html_path=%00").status_code == 400
    assert client.get("/api/v2/images/?limit=zz").status_code == 400
    assert client.get("/api/v2/documents/?fields=nope").status_code == 400


# Privacy -----------------------------------------------------------------------------------


def test_drafts_and_private_pages_are_invisible(client, home_page):
    index = make_news_index(home_page)
    public = make_news(index, "Tin công khai")
    draft = make_news(index, "Tin nháp", publish=False)
    private = make_news(index, "Tin nội bộ")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    edited = make_news(index, "Tin đã đăng")
    edited.title = "Bản nháp chưa duyệt"
    edited.save_revision()

    listing = get_json(client, "/api/v2/pages/?type=articles.NewsPage&fields=*")
    assert {item["id"] for item in listing["items"]} == {public.pk, edited.pk}
    assert "Bản nháp chưa duyệt" not in str(listing)
    for page in (draft, private):
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
        assert (
            client.get(f"/api/v2/pages/find/?html_path={page.url_path[len(home_page.url_path) - 1 :]}").status_code
            == 404
        )
    assert get_json(client, f"/api/v2/pages/{edited.pk}/")["title"] == "Tin đã đăng"
    searched = {item["id"] for item in get_json(client, "/api/v2/pages/?search=Tin")["items"]}
    assert public.pk in searched and not searched & {draft.pk, private.pk}


# Query budget -----------------------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(queries), response.json()


def test_listing_query_count_does_not_grow_with_items(client, home_page):
    index = make_news_index(home_page)
    categories = [Category.objects.create(name=f"Mục {n}", slug=f"muc-{n}", locale=home_page.locale) for n in range(3)]
    document = make_document()
    for n in range(20):
        image = make_image(f"Ảnh {n}")
        make_news(
            index,
            f"Tin số {n}",
            date=aware(2017, 1, 1 + n),
            main_image=image,
            main_image_alt=f"Ảnh {n}",
            categories=categories[: 1 + n % 3],
            tags=[f"thẻ {n}", "chung"],
            body=rich_body(index, image, document)
            + [{"type": "gallery", "value": [{"image": image.pk, "alt": "Ảnh", "caption": "", "credit": ""}]}],
        )
    translate(home_page)
    translate(index)
    translate(NewsPage.objects.get(title="Tin số 0"))

    url = "/api/v2/pages/?type=articles.NewsPage&locale=vi&fields=*&order=-date&limit={}"
    client.get(url.format(20))  # renditions are made on first use
    small, small_data = count_queries(client, url.format(2))
    large, large_data = count_queries(client, url.format(20))

    assert len(small_data["items"]) == 2 and len(large_data["items"]) == 20
    assert all(item["body"][1]["value"]["image"]["renditions"] for item in large_data["items"])
    assert large == small, f"{small} queries for 2 items, {large} for 20"

    centres = "/api/v2/pages/?type=centers.CenterPage&fields=*&limit={}"
    centre_index = center_index(home_page, "Trung tâm", slug="trung-tam")
    uong_bi = AdministrativeUnit.objects.get(level="commune", name="Uông Bí")
    for n in range(6):
        make_center(centre_index, f"Trung tâm {n}", uong_bi, reports=[{"school_year": "2016-2017"}])
    client.get(centres.format(6))
    few, _data = count_queries(client, centres.format(2))
    many, many_data = count_queries(client, centres.format(6))
    assert len(many_data["items"]) == 6 and few == many


def test_generic_listing_with_all_fields(client, home_page):
    index = make_news_index(home_page)
    for n in range(5):
        make_news(index, f"Tin {n}")
    client.get("/api/v2/pages/?fields=*")  # warms the site root paths cache
    few, _ = count_queries(client, "/api/v2/pages/?fields=*&limit=2")
    many, data = count_queries(client, "/api/v2/pages/?fields=*&limit=7")
    assert len(data["items"]) == 7 and few == many
    assert all(re.match(r"\d{4}-\d\d-\d\dT", item["meta"]["first_published_at"]) for item in data["items"])


def test_a_listing_says_which_languages_it_holds(client, home_page):
    """Without ``locale=`` a listing holds every language: ``meta.locales`` says which ones it mixes."""
    index = make_news_index(home_page)
    article = make_news(index, "Khai giảng năm học mới")
    english = Locale.objects.get_or_create(language_code="en")[0]
    article.copy_for_translation(english, copy_parents=True).save_revision().publish()

    everything = get_json(client, "/api/v2/pages/?type=articles.NewsPage")
    assert everything["meta"]["total_count"] == 2 and everything["meta"]["locales"] == ["en", "vi"]
    vietnamese = get_json(client, "/api/v2/pages/?type=articles.NewsPage&locale=vi")
    assert vietnamese["meta"] == {"total_count": 1, "locales": ["vi"]}
    searched = get_json(client, "/api/v2/pages/?type=articles.NewsPage&locale=en&search=khai")
    assert searched["meta"]["locales"] == ["en"]
    # A language with nothing matching is not listed.
    assert get_json(client, "/api/v2/pages/?type=articles.VideoBulletinPage")["meta"]["locales"] == []


def test_a_listings_count_is_kept_for_the_content_generation(client, home_page):
    """Paging, ordering or choosing fields again runs no COUNT(*); a publish makes the count new."""
    index = make_news_index(home_page)
    for number in range(3):
        make_news(index, f"Tin số {number}")
    url = f"/api/v2/pages/?child_of={index.pk}&locale=vi&limit=1"

    def counts(query):
        with CaptureQueriesContext(connection) as queries:
            data = get_json(client, query)
        return data["meta"]["total_count"], sum("COUNT(" in item["sql"].upper() for item in queries.captured_queries)

    client.get("/")  # the site's settings are made on first use (a content change of their own)
    assert counts(url) == (3, 1)
    assert counts(url + "&offset=2") == (3, 0)
    assert counts(url + "&order=-title&fields=title") == (3, 0)
    assert counts(url + "&search=s%E1%BB%91")[1] == 1  # another question: its own count
    make_news(index, "Tin số 3")
    assert counts(url + "&offset=1") == (4, 1)


def test_a_full_detail_answer_costs_at_most_ten_queries(client, home_page):
    """#24: the detail endpoint with every field (body with an image, a document and a video, categories,
    tags, the main image's renditions) stays within ten queries once its renditions exist."""
    index = make_news_index(home_page)
    image, document = make_image(), make_document()
    categories = [Category.objects.create(name=f"Mục {n}", slug=f"muc-{n}", locale=home_page.locale) for n in range(3)]
    page = make_news(
        index,
        "Khai giảng lớp tin học",
        categories=categories,
        tags=["khuyến học", "tin học"],
        body=rich_body(index, image, document),
        date=aware(2017, 6, 20),
        main_image=image,
        main_image_alt="Phòng máy",
    )
    translate(home_page)
    translate(index)
    translate(page)
    url = f"/api/v2/pages/{page.pk}/"
    client.get(url)  # renditions are made on first use
    queries, data = count_queries(client, url)
    assert data["main_image"]["renditions"] and len(data["categories"]) == 3
    assert queries <= 10, f"{queries} queries for one page's detail"


def test_an_english_listing_shows_translated_categories_without_a_query_per_item(client, home_page):
    """An English article keeps its source's (Vietnamese) categories and shows their English names: looked up
    once for the listing, not once per article."""
    index = make_news_index(home_page)
    category = Category.objects.create(name="Giáo dục", slug="giao-duc", locale=home_page.locale)
    english = Locale.objects.get_or_create(language_code="en")[0]
    translated = category.copy_for_translation(english)
    translated.name, translated.slug = "Education", "education"
    translated.save()
    translate(home_page)
    translate(index)
    for n in range(6):
        translate(make_news(index, f"Tin số {n}", date=aware(2017, 1, 1 + n), categories=[category]))

    url = "/api/v2/pages/?type=articles.NewsPage&locale=en&fields=categories&limit={}"
    client.get(url.format(6))  # what any listing reads once (the site, the count) is read
    few, _data = count_queries(client, url.format(2))
    many, data = count_queries(client, url.format(6))

    assert len(data["items"]) == 6
    assert all(item["categories"][0]["name"] == "Education" for item in data["items"])
    assert many == few, f"{few} queries for 2 items, {many} for 6"
