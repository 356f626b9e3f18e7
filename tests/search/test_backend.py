"""One search for the site, the APIs and the admin: Sen's Wagtail search backend."""

import datetime
import re
import unicodedata

import pytest

from tests.articles.factories import at as aware
from tests.articles.factories import make_news


def add_news(index, title, summary="", day=1, publish=True):
    return make_news(index, title, publish=publish, summary=summary, date=aware(2019, 5, day))


@pytest.fixture
def portal(news_index):
    pages = {
        "centre": add_news(news_index, "Trung tâm học tập cộng đồng phường 4", "Lớp tin học cho người lớn tuổi.", 3),
        "meeting": add_news(news_index, "Hội nghị tổng kết", "Các trung tâm học tập cộng đồng báo cáo.", 4),
        "nfd": add_news(
            news_index, "Ngày hội khuyến học", unicodedata.normalize("NFD", "Cộng đồng dân cư góp sức."), 5
        ),
        "other": add_news(news_index, "Đường Nguyễn Huệ thông xe", "Giao thông thuận lợi.", 6),
        "draft": add_news(news_index, "Cộng đồng bản nháp", "Chưa đăng.", 7, publish=False),
    }
    return pages


def site_ids(client, query):
    from wagtail.models import Page

    html = client.get("/search/", {"q": query}).content.decode()
    listing = re.search(r'<ol class="search-results".*?</ol>', html, re.S)
    paths = re.findall(r'<li>\s*<a href="([^"]+)"', listing.group(0)) if listing else []
    return {page.pk for page in Page.objects.all() if page.url in paths}


def api_v2_ids(client, query):
    response = client.get("/api/v2/pages/", {"search": query, "limit": 50})
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def sen_api_ids(client, query):
    response = client.get("/api/sen/search", {"q": query, "per_page": 50})
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["cong dong", "CỘNG ĐỒNG", "trung tam hoc tap", '"hoc tap cong dong"', "khuyen hoc", "duong nguyen hue", "xyz"],
)
def test_the_site_api_v2_and_sen_api_return_the_same_pages(client, portal, query):
    site = site_ids(client, query)
    assert site == api_v2_ids(client, query) == sen_api_ids(client, query)
    assert portal["draft"].pk not in site


@pytest.mark.django_db
def test_the_three_entry_points_find_the_expected_pages(client, portal):
    home = portal["centre"].get_parent().get_parent().pk  # the demo home page's text may match too
    expected = {portal["centre"].pk, portal["meeting"].pk, portal["nfd"].pk}
    assert api_v2_ids(client, "cong dong") - {home} == expected
    assert sen_api_ids(client, "cong dong") - {home} == expected
    assert api_v2_ids(client, '"trung tam hoc tap"') - {home} == {portal["centre"].pk, portal["meeting"].pk}
    assert api_v2_ids(client, "dd") == set()


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("bientap", "bientap@example.com", "mat-khau-dai-123")
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_an_editor_finds_a_centre_in_the_admin_page_search_without_accents(editor_client, portal):
    response = editor_client.get("/admin/pages/search/", {"q": "trung tam hoc tap"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trung tâm học tập cộng đồng phường 4" in html
    assert "Đường Nguyễn Huệ" not in html
    # Drafts are found in the admin (editors search their own drafts).
    response = editor_client.get("/admin/pages/search/", {"q": "cong dong ban nhap"})
    assert "Cộng đồng bản nháp" in response.content.decode()


@pytest.mark.django_db
def test_an_editor_finds_a_centre_in_the_page_chooser_by_a_prefix(editor_client, portal):
    response = editor_client.get("/admin/choose-page/search/", {"q": "trung tam hoc ta"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trung tâm học tập cộng đồng phường 4" in html
    assert "Đường Nguyễn Huệ" not in html


@pytest.mark.django_db
def test_images_are_found_without_accents(editor_client):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image_model = get_image_model()
    image_model.objects.create(title="Lễ khai giảng Trung tâm Đông Hòa", file=get_test_image_file())
    image_model.objects.create(title="Sân trường", file=get_test_image_file())
    found = {image.title for image in image_model.objects.all().search("dong hoa")}
    assert found == {"Lễ khai giảng Trung tâm Đông Hòa"}
    found = {image.title for image in image_model.objects.all().autocomplete("khai gi")}
    assert found == {"Lễ khai giảng Trung tâm Đông Hòa"}


@pytest.mark.django_db
def test_unbalanced_quotes_and_punctuation_do_not_break_any_entry_point(editor_client, portal):
    for query in ['"trung tam', 'cong" dong"', "!!!", "đ"]:
        assert editor_client.get("/search/", {"q": query}).status_code == 200
        assert editor_client.get("/api/v2/pages/", {"search": query}).status_code == 200
        assert editor_client.get("/api/sen/search", {"q": query}).status_code == 200
        assert editor_client.get("/admin/pages/search/", {"q": query}).status_code == 200
    assert portal["centre"].pk in api_v2_ids(editor_client, '"trung tam')


@pytest.mark.django_db
def test_counts_stop_at_the_cap_and_say_more_than(client, news_index, monkeypatch):
    from search import query as search_query

    monkeypatch.setattr(search_query, "COUNT_CAP", 3)
    for day in range(1, 7):
        add_news(news_index, f"Tin số {day}", summary="Lớp học tập cộng đồng.", day=day)
    add_news(news_index, "Cộng đồng học tập", summary="Bài cũ nhất.", day=1)

    results = search_query.search_pages("cong dong", per_page=2)
    assert (results.total, results.capped) == (3, True)
    # The title match comes first even when ranking is bounded.
    assert results.items[0].title == "Cộng đồng học tập"
    assert [f.capped for f in results.facets if f.key == "articles.newspage"] == [True]

    body = client.get("/api/sen/search", {"q": "cong dong"}).json()
    assert body["total"] == 3 and body["total_capped"] is True
    html = client.get("/search/", {"q": "cong dong"}).content.decode()
    assert "Hơn 3 kết quả cho “cong dong”" in html

    exact = search_query.search_pages("bai cu nhat")
    assert (exact.total, exact.capped) == (1, False)


@pytest.mark.django_db
def test_a_type_filter_counts_pages_missing_from_the_capped_sample(news_index, monkeypatch):
    from articles.models import VideoBulletinPage, VideoIndexPage
    from search import query as search_query

    monkeypatch.setattr(search_query, "COUNT_CAP", 3)
    for day in range(1, 6):
        add_news(news_index, f"Trung tâm tin {day}", day=day)
    videos = VideoIndexPage(title="Truyền hình", slug="truyen-hinh")
    news_index.get_parent().add_child(instance=videos)
    videos.save_revision().publish()
    bulletin = VideoBulletinPage(
        title="Bản tin Trung tâm học tập",
        slug="ban-tin-tt",
        broadcast_date=datetime.date(2019, 1, 1),
        embed_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )
    videos.add_child(instance=bulletin)
    bulletin.save_revision().publish()

    results = search_query.search_pages("trung tam", content_types=["articles.videobulletinpage"])
    assert [hit.title for hit in results.items] == ["Bản tin Trung tâm học tập"]
    assert (results.total, results.capped) == (1, False)
    facet = next(f for f in results.facets if f.key == "articles.videobulletinpage")
    assert (facet.count, facet.capped) == (1, False)


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_search_inside_a_transaction_leaves_the_planner_as_it_was(client, portal):
    """The search's plan settings (no sequential or plain index scans, no JIT) are for its own query only:
    a caller's transaction carries on with the normal planner, so its other queries stay cheap."""
    from django.db import connection, transaction

    from search import query as search_query

    def planner():
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan')")
            return cursor.fetchone()

    before = planner()
    with transaction.atomic():  # the test's own transaction is around it too
        assert search_query.search_pages("cong dong").total >= 3
        assert client.get("/api/v2/pages/", {"search": "cong dong"}).status_code == 200
        assert planner() == before == ("on", "on")
    assert planner() == before
