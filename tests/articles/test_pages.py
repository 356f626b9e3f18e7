"""Articles: page types in the admin and on the site (create, render, preview, list, filter, demo)."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import Category, NewsIndexPage, NewsPage, VideoBulletinPage, VideoIndexPage
from home.demo import ensure_home_page
from home.models import HomePage
from tests.articles.factories import (
    at,
    make_bulletin,
    make_category,
    make_image,
    make_news,
    make_news_index,
    make_video_document,
    make_video_index,
)


def add_page_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


def news_form_data(**overrides):
    data = {
        "title": "Trung tâm học tập cộng đồng Phường 4 mở 26 lớp chuyên đề",
        "slug": "trung-tam-hoc-tap-cong-dong-phuong-4",
        "date": "20/06/2017 08:00",
        "summary": "Gần 2.000 lượt người dân theo học các lớp chuyên đề trong năm 2016.",
        "main_image": "",
        "main_image_alt": "",
        "main_image_caption": "",
        "body": streamfield([("paragraph", rich_text("<p>Trung tâm tổ chức 26 lớp chuyên đề.</p>"))]),
        "author": "Thanh Tùng",
        "source": "Cổng thông tin điện tử thành phố Mỹ Tho",
        "source_url": "",
        "tags": "Mỹ Tho, khuyến học",
        "related_article_links": inline_formset([]),
        "comments": inline_formset([]),
    }
    categories = overrides.pop("categories", [])
    data.update(overrides)
    form_data = nested_form_data(data)
    form_data["categories"] = categories  # a multiple choice: one value per chosen category
    return form_data


def bulletin_form_data(**overrides):
    data = {
        "title": "Chương trình truyền hình thành phố Mỹ Tho ngày 07/12/2018",
        "slug": "chuong-trinh-truyen-hinh-07-12-2018",
        "broadcast_date": "07/12/2018",
        "video_file": "",
        "embed_url": "",
        "poster": "",
        "duration": "12:30",
        "description": rich_text("<p>Hướng dẫn nộp hồ sơ trực tuyến.</p>"),
        "transcript": "Kính chào quý vị khán giả.",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


class ArticlePageTypesTests(WagtailPageTestCase):
    """Where each page type may live, and that editors can create, preview and read each one."""

    @classmethod
    def setUpTestData(cls):
        cls.home, _created = ensure_home_page()
        cls.news_index = make_news_index(cls.home)
        cls.video_index = make_video_index(cls.home)
        cls.category = make_category("Giáo dục", cls.home.locale)
        cls.image = make_image("Lớp học")
        cls.video = make_video_document()
        cls.earlier = make_news(cls.news_index, "Tin trước", date=at(2016, 10, 24), categories=[cls.category])
        cls.article = make_news(
            cls.news_index,
            "Phường 4 có 2.742 gia đình học tập",
            date=at(2017, 1, 12),
            summary="Kết quả xây dựng xã hội học tập năm 2016.",
            main_image=cls.image,
            main_image_alt="Lễ công nhận gia đình học tập",
            main_image_caption="Lễ công nhận",
            author="Thanh Tùng",
            source="Hội Khuyến học Phường 4",
            source_url="https://mytho.tiengiang.gov.vn/",
            categories=[cls.category],
            body=[
                ("paragraph", "<p>Toàn phường có 2.742 gia đình học tập.</p>"),
                ("image", {"image": cls.image, "alt": "Sân khấu buổi lễ", "caption": "Buổi lễ", "credit": ""}),
                ("quote", {"quote": "Học tập suốt đời.", "attribution": "Hội Khuyến học"}),
            ],
        )
        cls.bulletin = make_bulletin(
            cls.video_index,
            "Chương trình truyền hình thành phố Mỹ Tho ngày 30/11/2018",
            datetime.date(2018, 11, 30),
            video_file=cls.video,
            poster=cls.image,
            duration=datetime.timedelta(minutes=12, seconds=30),
            transcript="Kính chào quý vị khán giả.\n\nXin cảm ơn.",
        )
        cls.embedded = make_bulletin(
            cls.video_index,
            "Chương trình truyền hình ngày 23/11/2018",
            datetime.date(2018, 11, 23),
            embed_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        )

    def setUp(self):
        # force_login: django-axes needs the request that client.login() cannot give it.
        self.user = self.create_test_user()
        self.client.force_login(self.user)

    # Where pages live

    def test_allowed_parents_and_children(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertAllowedParentPageTypes(VideoIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(VideoIndexPage, {VideoBulletinPage})
        self.assertAllowedParentPageTypes(VideoBulletinPage, {VideoIndexPage})
        self.assertAllowedSubpageTypes(VideoBulletinPage, set())

    def test_articles_cannot_be_created_outside_their_index(self):
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(VideoIndexPage, NewsPage)
        self.assertCanNotCreateAt(NewsIndexPage, VideoBulletinPage)

    # Creating in the admin

    def test_editor_can_create_index_pages(self):
        intro = rich_text("<p>Tin giáo dục.</p>")
        data = {"title": "Tin giáo dục", "slug": "tin-giao-duc", "intro": intro, "comments": inline_formset([])}
        self.assertCanCreate(self.home, NewsIndexPage, nested_form_data(data))
        data = {"title": "Truyền hình", "slug": "truyen-hinh-2", "intro": intro, "comments": inline_formset([])}
        self.assertCanCreate(self.home, VideoIndexPage, nested_form_data(data))

    def test_editor_can_create_a_full_news_article(self):
        table = {
            "data": [["Nội dung", "Số liệu"], ["Lớp chuyên đề", "26"]],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_header_choice": "row",
            "table_caption": "Năm 2016",
        }
        data = news_form_data(
            main_image=self.image.pk,
            main_image_alt="Người dân ngồi học trong phòng học",
            main_image_caption="Một buổi học chuyên đề",
            source_url="https://mytho.tiengiang.gov.vn/",
            categories=[self.category.pk],
            body=streamfield(
                [
                    ("paragraph", rich_text("<p>Trung tâm tổ chức 26 lớp chuyên đề.</p>")),
                    ("image", {"image": self.image.pk, "alt": "Lớp học", "caption": "Lớp học", "credit": "Ảnh: TT"}),
                    ("quote", {"quote": "Học tập suốt đời.", "attribution": "Hội Khuyến học"}),
                    ("table", json.dumps(table)),
                    ("video", {"embed": "", "file": self.video.pk, "poster": self.image.pk, "caption": ""}),
                    ("document", {"document": self.video.pk, "title": "Tải video"}),
                ]
            ),
            related_article_links=inline_formset([{"article": self.earlier.pk}]),
        )
        self.assertCanCreate(self.news_index, NewsPage, data)
        page = NewsPage.objects.get(slug="trung-tam-hoc-tap-cong-dong-phuong-4")
        self.assertTrue(page.live)
        self.assertEqual(timezone.localtime(page.date).strftime("%d/%m/%Y %H:%M"), "20/06/2017 08:00")
        self.assertEqual(
            [block.block_type for block in page.body], ["paragraph", "image", "quote", "table", "video", "document"]
        )
        self.assertEqual(list(page.categories.all()), [self.category])
        self.assertEqual(sorted(page.tag_names), ["Mỹ Tho", "khuyến học"])
        self.assertEqual(page.get_related_articles(1), [self.earlier])

    def test_article_without_a_date_gets_the_publication_time(self):
        self.assertCanCreate(self.news_index, NewsPage, news_form_data(date=""))
        page = NewsPage.objects.get(slug="trung-tam-hoc-tap-cong-dong-phuong-4")
        self.assertEqual(page.date, page.first_published_at)

    def test_editor_can_create_a_bulletin_with_a_file_or_an_embed(self):
        data = bulletin_form_data(video_file=self.video.pk, poster=self.image.pk)
        self.assertCanCreate(self.video_index, VideoBulletinPage, data)
        page = VideoBulletinPage.objects.get(slug="chuong-trinh-truyen-hinh-07-12-2018")
        self.assertEqual(page.duration_display, "12:30")
        self.assertEqual(page.broadcast_date, datetime.date(2018, 12, 7))
        data = bulletin_form_data(slug="ban-tin-youtube", embed_url="https://youtu.be/dQw4w9WgXcQ")
        self.assertCanCreate(self.video_index, VideoBulletinPage, data)

    # Validation errors, in Vietnamese

    def post_errors(self, model, parent, data):
        response = self.client.post(add_page_url(model, parent), data)
        self.assertEqual(response.status_code, 200)
        return response.context["form"].errors

    def test_main_image_without_alt_text_is_refused(self):
        errors = self.post_errors(NewsPage, self.news_index, news_form_data(main_image=self.image.pk))
        self.assertEqual(errors["main_image_alt"], ["Hãy mô tả ảnh chính cho người không xem được ảnh."])
        self.assertFalse(NewsPage.objects.filter(slug="trung-tam-hoc-tap-cong-dong-phuong-4").exists())

    def test_bad_source_link_is_refused(self):
        errors = self.post_errors(NewsPage, self.news_index, news_form_data(source_url="không phải địa chỉ"))
        self.assertIn("source_url", errors)
        self.assertNotIn("Enter a valid URL", str(errors))

    def test_body_image_without_alt_text_is_refused(self):
        body = streamfield([("image", {"image": self.image.pk, "alt": "", "caption": "", "credit": ""})])
        errors = self.post_errors(NewsPage, self.news_index, news_form_data(body=body))
        self.assertIn("body", errors)

    def test_bulletin_needs_exactly_one_video_source(self):
        errors = self.post_errors(VideoBulletinPage, self.video_index, bulletin_form_data())
        self.assertEqual(errors["video_file"], ["Hãy tải lên tệp video hoặc nhập địa chỉ nhúng."])
        both = bulletin_form_data(video_file=self.video.pk, embed_url="https://youtu.be/dQw4w9WgXcQ")
        errors = self.post_errors(VideoBulletinPage, self.video_index, both)
        self.assertEqual(errors["embed_url"], ["Chỉ dùng một trong hai: tệp video hoặc địa chỉ nhúng."])

    def test_bulletin_embed_address_and_duration_are_checked(self):
        data = bulletin_form_data(embed_url="https://example.com/video", duration="-5:00")
        errors = self.post_errors(VideoBulletinPage, self.video_index, data)
        self.assertIn("Hãy nhập địa chỉ của một video trên", errors["embed_url"][0])
        self.assertEqual(errors["duration"], ["Thời lượng không được là số âm."])

    # Rendering and previews

    def test_pages_render(self):
        for page in (self.news_index, self.article, self.video_index, self.bulletin, self.embedded):
            self.assertPageIsRenderable(page)

    def test_pages_preview(self):
        for page in (self.news_index, self.video_index, self.bulletin):
            self.assertPageIsPreviewable(page)
        # A StreamField's form data is built by JavaScript, so give the article's explicitly.
        data = news_form_data(
            title=self.article.title,
            slug=self.article.slug,
            main_image=self.image.pk,
            main_image_alt="Lễ công nhận",
            categories=[self.category.pk],
            body=streamfield(
                [
                    ("paragraph", rich_text("<p>Toàn phường có 2.742 gia đình học tập.</p>")),
                    ("image", {"image": self.image.pk, "alt": "Sân khấu", "caption": "", "credit": ""}),
                ]
            ),
        )
        self.assertPageIsPreviewable(self.article, post_data=data)

    def test_article_page_shows_date_byline_source_image_and_related(self):
        html = self.client.get(self.article.url).content.decode()
        self.assertIn('<time datetime="2017-01-12T09:00:00+07:00">Thứ Năm, 12/01/2017</time>', html)
        self.assertIn('<p class="byline">Thanh Tùng</p>', html)
        self.assertIn(
            'Nguồn tin: <a href="https://mytho.tiengiang.gov.vn/" rel="noopener">Hội Khuyến học Phường 4</a>', html
        )
        image_tag = re.search(r'<img [^>]*alt="Lễ công nhận gia đình học tập"[^>]*>', html).group(0)
        self.assertRegex(image_tag, r'srcset="[^"]+ 400w')
        self.assertRegex(image_tag, r'width="\d+" height="\d+"')
        self.assertIn("<figcaption>Lễ công nhận</figcaption>", html)
        self.assertIn('alt="Sân khấu buổi lễ"', html)
        self.assertIn("Bài viết liên quan", html)
        self.assertIn(self.earlier.title, html)
        self.assertIn(f'href="{self.news_index.url}?category=giao-duc"', html)

    def test_bulletin_page_plays_the_file_with_its_poster_and_shows_the_transcript(self):
        html = self.client.get(self.bulletin.url).content.decode()
        self.assertRegex(html, r'<video controls[^>]* poster="/media/images/[^"]+"')
        self.assertIn(f'<source src="{self.video.url}" type="video/mp4">', html)
        self.assertIn('<time datetime="PT750S">12:30</time>', html)
        self.assertIn('<h2 id="transcript-title">Lời thoại</h2>', html)
        self.assertIn("<p>Kính chào quý vị khán giả.</p>", html)
        self.assertIn("Thứ Sáu, 30/11/2018", html)

    def test_embedded_bulletin_uses_the_player_address_without_fetching_it(self):
        html = self.client.get(self.embedded.url).content.decode()
        self.assertIn('src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"', html)
        self.assertNotIn("<video", html)


# Listings


def listed_titles(html):
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html)


def test_news_index_lists_newest_first_and_filters_by_category(client, news_index, home_page):
    education = make_category("Giáo dục", home_page.locale)
    make_category("Khuyến học", home_page.locale)
    make_news(news_index, "Tin giáo dục 2016", date=at(2016, 10, 24), categories=[education])
    make_news(news_index, "Tin thành phố 2018", date=at(2018, 12, 7))
    make_news(news_index, "Tin giáo dục 2019", date=at(2019, 2, 20), categories=[education])
    make_news(news_index, "Bản nháp giáo dục", publish=False, categories=[education])
    html = client.get(news_index.url).content.decode()
    assert listed_titles(html) == ["Tin giáo dục 2019", "Tin thành phố 2018", "Tin giáo dục 2016"]
    response = client.get(news_index.url, {"category": "giao-duc"})
    assert listed_titles(response.content.decode()) == ["Tin giáo dục 2019", "Tin giáo dục 2016"]
    assert response.context["category"] == education
    assert listed_titles(client.get(news_index.url, {"category": "khuyen-hoc"}).content.decode()) == []


def test_unknown_category_gives_an_empty_list_with_a_message(client, news_index):
    make_news(news_index, "Tin bất kỳ")
    response = client.get(news_index.url, {"category": "<script>khong-co</script>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert listed_titles(html) == []
    assert "Không có chuyên mục “&lt;script&gt;khong-co&lt;/script&gt;”." in html


@pytest.mark.parametrize("page_param", ["abc", "0", "-1", "999", "1.5", ""])
def test_bad_page_numbers_do_not_fail(client, news_index, video_index, page_param):
    for n in range(14):
        make_news(news_index, f"Tin số {n}", date=at(2017, 1, n + 1))
    make_bulletin(video_index, "Bản tin", datetime.date(2018, 12, 7))
    response = client.get(news_index.url, {"page": page_param})
    assert response.status_code == 200
    assert len(listed_titles(response.content.decode())) in (12, 2)
    assert client.get(video_index.url, {"page": page_param}).status_code == 200


def test_news_index_is_paginated_twelve_per_page(client, news_index):
    for n in range(14):
        make_news(news_index, f"Tin số {n:02d}", date=at(2017, 1, n + 1))
    first = client.get(news_index.url).content.decode()
    second = client.get(news_index.url, {"page": 2}).content.decode()
    assert len(listed_titles(first)) == 12
    assert listed_titles(second) == ["Tin số 01", "Tin số 00"]
    assert 'aria-label="Phân trang"' in first
    assert 'href="?page=2"' in first


def test_video_index_lists_every_bulletin_newest_broadcast_first(client, video_index):
    make_bulletin(video_index, "Bản tin 16/11/2018", datetime.date(2018, 11, 16))
    make_bulletin(video_index, "Bản tin 07/12/2018", datetime.date(2018, 12, 7))
    make_bulletin(video_index, "Bản tin nháp", datetime.date(2018, 12, 14), publish=False)
    html = client.get(video_index.url).content.decode()
    assert listed_titles(html) == ["Bản tin 07/12/2018", "Bản tin 16/11/2018"]


def _count_queries(client, url):
    client.get(url)  # make the renditions once, as the first visitor would
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


def test_news_listing_takes_the_same_queries_for_2_and_20_articles(
    client, news_index, home_page, django_assert_max_num_queries
):
    education = make_category("Giáo dục", home_page.locale)
    image = make_image()

    def add(count, start):
        for n in range(start, start + count):
            make_news(
                news_index,
                f"Tin {n}",
                date=at(2017, 1, n + 1),
                categories=[education],
                main_image=image if n % 2 else make_image(f"Ảnh {n}"),
                main_image_alt="Ảnh",
            )

    filtered = f"{news_index.url}?category=giao-duc"
    add(2, 0)
    with_two = _count_queries(client, news_index.url)
    with_two_filtered = _count_queries(client, filtered)
    add(18, 2)
    client.get(news_index.url)
    with django_assert_max_num_queries(with_two):
        assert client.get(news_index.url).status_code == 200
    client.get(filtered + "&page=2")
    with django_assert_max_num_queries(with_two_filtered):
        assert client.get(filtered + "&page=2").status_code == 200


def test_video_listing_takes_the_same_queries_for_2_and_20_bulletins(
    client, video_index, django_assert_max_num_queries
):
    video = make_video_document()

    def add(count, start):
        for n in range(start, start + count):
            day = datetime.date(2018, 1, 1) + datetime.timedelta(days=n)
            make_bulletin(video_index, f"Bản tin {n}", day, video_file=video, poster=make_image(f"Ảnh {n}"))

    add(2, 0)
    with_two = _count_queries(client, video_index.url)
    add(18, 2)
    client.get(video_index.url)
    with django_assert_max_num_queries(with_two):
        assert client.get(video_index.url).status_code == 200


# Home page and sidebar (contributed through hooks)


def test_home_shows_latest_news_and_sidebar_links_to_all_bulletins(client, home_page, news_index, video_index):
    make_news(news_index, "Tin mới nhất về khuyến học", date=at(2019, 2, 20))
    make_bulletin(video_index, "Chương trình truyền hình thành phố Mỹ Tho ngày 07/12/2018", datetime.date(2018, 12, 7))
    html = client.get("/").content.decode()
    news_section = re.search(r'<section class="home-section latest-news".*?</section>', html, re.S).group(0)
    assert "Tin mới" in news_section
    assert "Tin mới nhất về khuyến học" in news_section
    widget = re.search(r'<section class="widget widget-bulletins".*?</section>', html, re.S).group(0)
    assert "Chương trình truyền hình thành phố Mỹ Tho ngày 07/12/2018" in widget
    assert f'<a href="{video_index.url}">Xem tất cả</a>' in widget


def test_sidebar_bulletins_show_on_other_pages_too(client, news_index, video_index):
    article = make_news(news_index, "Tin bất kỳ")
    make_bulletin(video_index, "Bản tin 07/12/2018", datetime.date(2018, 12, 7))
    html = client.get(article.url).content.decode()
    assert re.search(r'class="widget widget-bulletins".*Bản tin 07/12/2018.*Xem tất cả', html, re.S)


# Demo content


@pytest.mark.django_db
def test_load_demo_creates_news_and_bulletins_once():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from home.demo import load_demo

    load_demo()
    # The Vietnamese originals (the demo also translates the newest of each into English).
    news = NewsPage.objects.live().filter(locale__language_code="vi")
    bulletins = VideoBulletinPage.objects.live().filter(locale__language_code="vi")
    assert news.count() >= 8
    assert bulletins.count() == 4
    assert Category.objects.filter(news_pages__isnull=False).distinct().count() >= 3
    assert news.filter(date__year=2016).exists() and news.filter(date__year=2019).exists()
    assert all(page.main_image and page.main_image_alt for page in news)
    for bulletin in bulletins:
        assert bulletin.video_file.file_extension == "mp4"
        assert bulletin.video_file.file.size < 100_000
        assert bulletin.poster is not None
    counts = (
        NewsPage.objects.count(),
        VideoBulletinPage.objects.count(),
        Category.objects.count(),
        get_image_model().objects.count(),
        get_document_model().objects.count(),
    )
    context = load_demo()
    assert not [line for line in context.created if "tin" in line.lower() or "truyền hình" in line.lower()]
    assert counts == (
        NewsPage.objects.count(),
        VideoBulletinPage.objects.count(),
        Category.objects.count(),
        get_image_model().objects.count(),
        get_document_model().objects.count(),
    )


def test_a_long_news_list_links_the_first_last_and_nearby_pages_not_every_page(client, news_index, monkeypatch):
    from articles.models import news as news_models

    monkeypatch.setattr(news_models.NewsIndexPage, "per_page", 1)  # 14 articles, 14 pages
    for n in range(14):
        make_news(news_index, f"Tin số {n:02d}", date=at(2017, 1, n + 1))

    html = client.get(news_index.url, {"page": 7}).content.decode()

    linked = [int(number) for number in re.findall(r'href="\?page=(\d+)">\d+</a>', html)]
    assert linked == [1, 5, 6, 8, 9, 14]
    assert '<span aria-current="page">7</span>' in html
    assert html.count('<span class="gap">…</span>') == 2
    assert 'href="?page=6" rel="prev"' in html and 'href="?page=8" rel="next"' in html


@pytest.mark.django_db
def test_the_page_links_of_a_category_keep_the_category(client, news_index, monkeypatch):
    from articles.models import news as news_models
    from tests.articles.factories import at, make_category, make_news

    monkeypatch.setattr(news_models.NewsIndexPage, "per_page", 1)
    category = make_category("Khuyến học", news_index.locale)
    for n in range(3):
        make_news(news_index, f"Tin khuyến học {n}", categories=[category], date=at(2017, 1, n + 1))

    html = client.get(news_index.url, {"category": category.slug}).content.decode()

    assert f'href="?category={category.slug}&amp;page=2"' in html
    assert 'href="?page=2"' not in html


@pytest.mark.django_db
def test_related_articles_follow_each_publish_and_unpublish(client, news_index):
    from tests.articles.factories import at, make_category, make_news

    category = make_category("Khuyến học", news_index.locale)
    article = make_news(news_index, "Bài chính", categories=[category], date=at(2020, 1, 1))
    older = make_news(news_index, "Bài cũ cùng chuyên mục", categories=[category], date=at(2019, 1, 1))

    def related_titles():
        # What the reader sees: the section is rendered once per content generation ({% chromecache %}).
        response = client.get(article.url)
        assert response.status_code == 200
        section = re.search(r'<section class="related".*?</section>', response.content.decode(), re.S)
        return re.findall(r"<h3><a [^>]*>([^<]*)</a></h3>", section.group(0)) if section else []

    assert related_titles()[0] == older.title
    assert related_titles()[0] == older.title  # the same from the chrome cache
    newer = make_news(news_index, "Bài mới cùng chuyên mục", categories=[category], date=at(2021, 1, 1))
    assert related_titles()[:2] == [newer.title, older.title]
    newer.unpublish()
    assert newer.title not in related_titles()


@pytest.mark.django_db
def test_an_article_read_again_takes_its_related_articles_from_the_chrome_cache(client, news_index, settings):
    from tests.articles.factories import at, make_category, make_news

    settings.SEN_PAGE_CACHE = False  # every request renders the page
    category = make_category("Khuyến học", news_index.locale)
    article = make_news(news_index, "Bài chính", categories=[category], date=at(2020, 1, 1))
    make_news(news_index, "Bài cũ cùng chuyên mục", categories=[category], date=at(2019, 1, 1))

    def categories_reads(queries):
        return [q["sql"] for q in queries.captured_queries if "articles_newspage_categories" in q["sql"]]

    with CaptureQueriesContext(connection) as first:
        first_html = client.get(article.url).content
    with CaptureQueriesContext(connection) as again:
        again_html = client.get(article.url).content

    assert again_html == first_html
    assert "Bài cũ cùng chuyên mục" in again_html.decode()
    # The first request chose the related articles (a category semi-join) and read their categories;
    # the second reads only the article's own categories (shown in its header).
    assert len(categories_reads(first)) >= 3
    assert len(categories_reads(again)) == 1
    assert len(again.captured_queries) < len(first.captured_queries)
    # What is left is the article's own: its row with its main image, its categories, its tags.
    assert len(again.captured_queries) <= 3, [q["sql"][:120] for q in again.captured_queries]
