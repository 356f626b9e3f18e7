"""Articles: model behaviour (slugs, publication date, validation, related articles, queries)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from wagtail.models import Locale

from articles import queries
from articles.models import Category, NewsPage, VideoBulletinPage
from articles.models.video import embed_player_url, format_duration
from articles.serializers import CategoriesField, MainImageField, VideoSourceField
from cms.content import RichTextHTMLField
from tests.articles.factories import (
    at,
    make_bulletin,
    make_category,
    make_image,
    make_news,
    make_video_document,
)


def validation_messages(page):
    with translation.override("vi"), pytest.raises(ValidationError) as excinfo:
        page.full_clean()
    return {field: [str(message) for message in messages] for field, messages in excinfo.value.message_dict.items()}


# Slugs


def test_page_created_from_code_gets_an_ascii_vietnamese_slug(news_index):
    page = make_news(news_index, "Trung tâm học tập cộng đồng")
    assert page.slug == "trung-tam-hoc-tap-cong-dong"


def test_bulletin_created_from_code_gets_an_ascii_slug(video_index):
    page = make_bulletin(video_index, "Chương trình truyền hình Mỹ Tho ngày 07/12/2018", datetime.date(2018, 12, 7))
    assert page.slug == "chuong-trinh-truyen-hinh-my-tho-ngay-07-12-2018"


def test_category_slug_is_made_from_its_name(home_page):
    category = make_category("Xã hội học tập", home_page.locale)
    assert category.slug == "xa-hoi-hoc-tap"


def test_two_categories_cannot_share_a_slug_in_one_locale(home_page):
    make_category("Khuyến học", home_page.locale)
    duplicate = Category(name="Khuyến học", locale=home_page.locale)
    messages = validation_messages(duplicate)
    assert "Một chuyên mục khác đã dùng đường dẫn này." in messages["slug"]


# Publication date


def test_date_defaults_to_first_publication(news_index):
    page = make_news(news_index, "Tin chưa có ngày", publish=False)
    assert page.date is None
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.date is not None
    assert page.date == page.first_published_at
    # The editor sees the date the next time they open the article.
    assert page.get_latest_revision_as_object().date == page.date


def test_date_is_not_moved_by_later_publications(news_index):
    page = make_news(news_index, "Tin đăng hai lần")
    first_date = page.date
    page.title = "Tin đăng hai lần (cập nhật)"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.date == first_date


def test_a_date_the_editor_chose_is_kept(news_index):
    page = make_news(news_index, "Tin có ngày", date=at(2017, 6, 20))
    assert page.date == at(2017, 6, 20)
    assert page.first_published_at > page.date


def test_listing_orders_news_by_publication_date_not_publishing_time(news_index):
    make_news(news_index, "Tin năm 2016", date=at(2016, 10, 24))
    make_news(news_index, "Tin năm 2019", date=at(2019, 2, 20))
    make_news(news_index, "Tin năm 2017", date=at(2017, 6, 20))
    titles = [page.title for page in news_index.get_articles()]
    assert titles == ["Tin năm 2019", "Tin năm 2017", "Tin năm 2016"]


# Validation


def test_main_image_needs_alt_text(news_index):
    page = NewsPage(title="Tin có ảnh", slug="tin-co-anh", main_image=make_image())
    page.set_url_path(news_index)
    messages = validation_messages(page)
    assert messages["main_image_alt"] == ["Hãy mô tả ảnh chính cho người không xem được ảnh."]


def test_bulletin_needs_a_video_file_or_an_embed_address(video_index):
    page = VideoBulletinPage(title="Bản tin", slug="ban-tin", broadcast_date=datetime.date(2018, 12, 7))
    messages = validation_messages(page)
    assert messages["video_file"] == ["Hãy tải lên tệp video hoặc nhập địa chỉ nhúng."]


def test_bulletin_cannot_have_both_a_file_and_an_embed_address(video_index):
    page = VideoBulletinPage(
        title="Bản tin",
        slug="ban-tin",
        broadcast_date=datetime.date(2018, 12, 7),
        video_file=make_video_document(),
        embed_url="https://www.youtube.com/watch?v=abcdefghijk",
    )
    messages = validation_messages(page)
    assert messages["embed_url"] == ["Chỉ dùng một trong hai: tệp video hoặc địa chỉ nhúng."]


@pytest.mark.parametrize("url", ["https://example.com/video.mp4", "javascript:alert(1)", "ftp://youtube.com/x"])
def test_embed_address_must_be_a_known_video_service(video_index, url):
    page = VideoBulletinPage(title="Bản tin", slug="ban-tin", broadcast_date=datetime.date(2018, 12, 7), embed_url=url)
    messages = validation_messages(page)
    assert any("Hãy nhập địa chỉ của một video trên" in message for message in messages["embed_url"])


def test_duration_cannot_be_negative(video_index):
    page = VideoBulletinPage(
        title="Bản tin",
        slug="ban-tin",
        broadcast_date=datetime.date(2018, 12, 7),
        video_file=make_video_document(),
        duration=datetime.timedelta(seconds=-5),
    )
    messages = validation_messages(page)
    assert messages["duration"] == ["Thời lượng không được là số âm."]


def test_source_link_needs_a_source_name(news_index):
    page = NewsPage(title="Tin", slug="tin", source_url="https://mytho.tiengiang.gov.vn/")
    messages = validation_messages(page)
    assert messages["source"] == ["Hãy ghi tên nguồn tin mà đường liên kết trỏ tới."]


# Video helpers


@pytest.mark.parametrize(("seconds", "shown"), [(0, "0:00"), (5, "0:05"), (750, "12:30"), (3725, "1:02:05")])
def test_duration_reads_like_a_clock(seconds, shown):
    assert format_duration(datetime.timedelta(seconds=seconds)) == shown


@pytest.mark.parametrize(
    ("url", "player"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?t=3", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://www.youtube.com/watch?v=bad%22id", None),
        ("https://example.com/watch?v=dQw4w9WgXcQ", None),
    ],
)
def test_embed_player_address_is_worked_out_without_the_network(url, player):
    assert embed_player_url(url) == player


# Related articles


def test_related_articles_are_the_chosen_ones_first(news_index, home_page):
    education = make_category("Giáo dục", home_page.locale)
    chosen = make_news(news_index, "Tin được chọn", date=at(2016, 1, 1))
    same_category = make_news(news_index, "Cùng chuyên mục", date=at(2017, 1, 1), categories=[education])
    make_news(news_index, "Tin mới nhất", date=at(2019, 1, 1))
    page = make_news(news_index, "Tin chính", categories=[education], related=[chosen])
    assert page.get_related_articles(2) == [chosen, same_category]


def test_related_articles_fall_back_to_the_same_category_then_the_newest(news_index, home_page):
    education = make_category("Giáo dục", home_page.locale)
    promotion = make_category("Khuyến học", home_page.locale)
    newest = make_news(news_index, "Tin mới nhất", date=at(2019, 1, 1), categories=[promotion])
    same = make_news(news_index, "Cùng chuyên mục", date=at(2016, 1, 1), categories=[education])
    make_news(news_index, "Bản nháp cùng chuyên mục", publish=False, categories=[education])
    older = make_news(news_index, "Tin cũ", date=at(2015, 1, 1))
    page = make_news(news_index, "Tin chính", date=at(2018, 1, 1), categories=[education])
    related = page.get_related_articles(3)
    assert related == [same, newest, older]
    assert page not in related


def test_related_articles_take_a_bounded_number_of_queries(news_index, home_page, django_assert_max_num_queries):
    education = make_category("Giáo dục", home_page.locale)
    articles = [make_news(news_index, f"Tin {n}", date=at(2016, 1, n + 1), categories=[education]) for n in range(8)]
    page = make_news(news_index, "Tin chính", categories=[education], related=articles[:3])
    page = NewsPage.objects.get(pk=page.pk)
    with django_assert_max_num_queries(8):
        related = page.get_related_articles(6)
        titles = [article.title for article in related]
        _ = [category.name for article in related for category in article.categories.all()]
    assert len(titles) == 6


# Shared queries


def test_latest_news_and_bulletins_are_live_newest_first_and_limited(news_index, video_index):
    for year in (2016, 2017, 2018):
        make_news(news_index, f"Tin {year}", date=at(year, 5, 1))
    make_news(news_index, "Bản nháp", publish=False)
    make_bulletin(video_index, "Bản tin 30/11/2018", datetime.date(2018, 11, 30))
    make_bulletin(video_index, "Bản tin 07/12/2018", datetime.date(2018, 12, 7))
    make_bulletin(video_index, "Bản tin nháp", datetime.date(2018, 12, 14), publish=False)
    assert [page.title for page in queries.latest_news(2)] == ["Tin 2018", "Tin 2017"]
    assert [page.title for page in queries.latest_bulletins(5)] == ["Bản tin 07/12/2018", "Bản tin 30/11/2018"]
    assert queries.video_index() == video_index
    assert queries.news_index() == news_index


def test_latest_news_only_shows_the_requested_language(news_index):
    make_news(news_index, "Tin tiếng Việt")
    english = Locale.objects.get(language_code="en")
    assert [page.title for page in queries.latest_news(5, locale=news_index.locale)] == ["Tin tiếng Việt"]
    assert queries.latest_news(5, locale=english) == []


# Search


def test_transcript_makes_a_bulletin_findable(video_index):
    make_bulletin(
        video_index,
        "Bản tin ngày 07/12/2018",
        datetime.date(2018, 12, 7),
        transcript="Hướng dẫn nộp hồ sơ trực tuyến bằng điện thoại.",
    )
    make_bulletin(
        video_index, "Bản tin ngày 30/11/2018", datetime.date(2018, 11, 30), transcript="An toàn giao thông."
    )
    results = [page.title for page in VideoBulletinPage.objects.live().search("điện thoại")]
    assert results == ["Bản tin ngày 07/12/2018"]


# API representations


def test_api_fields_give_html_images_and_categories(news_index, home_page):
    education = make_category("Giáo dục", home_page.locale)
    page = make_news(
        news_index,
        "Tin có ảnh",
        main_image=make_image(),
        main_image_alt="Lớp học buổi tối",
        main_image_caption="Lớp giáo dục thường xuyên",
        categories=[education],
    )
    image = MainImageField().to_representation(page)
    assert image["alt"] == "Lớp học buổi tối"
    assert image["caption"] == "Lớp giáo dục thường xuyên"
    assert image["renditions"]["card"]["width"] == 480
    assert CategoriesField().to_representation(page) == [{"id": education.pk, "name": "Giáo dục", "slug": "giao-duc"}]
    link = f'<p><a linktype="page" id="{page.pk}">xem</a></p>'
    assert f'href="{page.url}"' in RichTextHTMLField().to_representation(link)


def test_bulletin_api_gives_the_video_source(video_index):
    page = make_bulletin(video_index, "Bản tin", datetime.date(2018, 12, 7), duration=datetime.timedelta(seconds=750))
    video = VideoSourceField().to_representation(page)
    assert video["file"]["url"] == page.video_file.url
    assert video["file"]["file_extension"] == "mp4"
    assert video["embed_url"] is None
    assert page.duration_seconds == 750
    assert page.duration_display == "12:30"


@pytest.mark.parametrize("model", [NewsPage, VideoBulletinPage])
def test_every_declared_api_field_exists(model, news_index, video_index):
    page = model(title="x", broadcast_date=timezone.localdate()) if model is VideoBulletinPage else model(title="x")
    for field in model.api_fields:
        if field.serializer is None:
            getattr(page, field.name)
