"""vi → en translation with wagtail-localize: the admin's Translate, segment editing, publishing, sync.

Vietnamese is the source locale (served at /), English the second (under /en/).
"""

from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from cms.i18n.translations import translate
from tests.articles.factories import make_news, make_news_index

pytestmark = pytest.mark.django_db


def english():
    return Locale.objects.get(language_code="en")


def english_home(home):
    return translate(home, english(), {"title": "Home"})


def admin_client(client):
    user = get_user_model().objects.create_superuser("bientap", "bientap@example.com", "matkhau-thu-nghiem")
    client.force_login(user)
    return client


def segment(source, path):
    return StringSegment.objects.get(source=source, context__path=path)


def edit_string(client, translation, source, path, value):
    """What the translation editor does when the translator saves a segment."""
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment(source, path).id])
    response = client.put(url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 201), response.content
    return response.json()


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_an_editor_translates_a_news_page_in_the_admin(client, home_page, django_capture_on_commit_callbacks):
    english_home(home_page)
    news_index = make_news_index(home_page)
    translate(news_index, english(), {"title": "News", "slug": "news"})
    article = make_news(news_index, "Thư viện phường mở cửa buổi tối", summary="Thư viện mở đến 21 giờ.")
    admin = admin_client(client)

    # "Translate" from the page's action menu, into English.
    response = admin.post(
        reverse("wagtail_localize:submit_page_translation", args=[article.id]), {"locales": [english().id]}
    )
    assert response.status_code == 302
    translated = article.get_translation(english())
    source = TranslationSource.objects.get_for_instance(article)
    translation = Translation.objects.get(source=source, target_locale=english())

    # The translator writes the title, and a slug in Vietnamese words.
    edit_string(admin, translation, source, "title", "Ward library opens in the evening")
    saved = edit_string(admin, translation, source, "slug", "Cộng đồng học tập")
    assert saved["data"] == "cong-dong-hoc-tap"

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("wagtailadmin_pages:edit", args=[translated.id]), {"action": "publish"})
    assert response.status_code == 302
    translated.refresh_from_db()
    assert translated.live
    assert translated.slug == "cong-dong-hoc-tap"
    assert translated.url == "/en/news/cong-dong-hoc-tap/"

    html = html_of(client, "/en/news/cong-dong-hoc-tap/")
    assert '<html lang="en">' in html
    assert "Ward library opens in the evening" in html
    # A segment nobody translated yet shows the source text (wagtail-localize's fallback).
    assert "Thư viện mở đến 21 giờ." in html
    # The Vietnamese original is untouched.
    assert "Thư viện phường mở cửa buổi tối" in html_of(client, article.url)


def test_a_translated_slug_stays_ascii_even_when_written_in_vietnamese(home_page):
    english_home(home_page)
    news_index = make_news_index(home_page)
    translated = translate(news_index, english(), {"title": "Learning community", "slug": "Cộng đồng học tập"})
    assert translated.slug == "cong-dong-hoc-tap"
    slug = StringTranslation.objects.get(
        context__object_id=news_index.translation_key, context__path="slug", locale=english()
    )
    assert slug.data == "cong-dong-hoc-tap"


def test_a_page_given_a_vietnamese_slug_in_code_gets_an_ascii_one(home_page):
    news_index = make_news_index(home_page)
    article = make_news(news_index, "Đường Nguyễn Huệ", slug="đường-nguyễn-huệ")
    assert article.slug == "duong-nguyen-hue"


def test_sync_brings_new_source_text_into_the_translation(client, home_page, django_capture_on_commit_callbacks):
    english_home(home_page)
    news_index = make_news_index(home_page)
    translate(news_index, english(), {"title": "News", "slug": "news"})
    article = make_news(news_index, "Hội thi tin học", summary="Tóm tắt cũ.")
    translated = translate(article, english(), {"title": "IT contest", "slug": "it-contest"})
    assert "Tóm tắt cũ." in html_of(client, translated.url)

    # The Vietnamese editor rewrites the summary and publishes.
    article.summary = "Hội thi có 40 thí sinh."
    article.save_revision().publish()

    # The translator clicks "Sync translated pages" and publishes at once.
    admin = admin_client(client)
    source = TranslationSource.objects.get_for_instance(article)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse("wagtail_localize:update_translations", args=[source.id]), {"publish_translations": "on"}
        )
    assert response.status_code == 302
    html = html_of(client, translated.url)
    assert "Hội thi có 40 thí sinh." in html  # the new segment, untranslated for now
    assert "IT contest" in html  # earlier translations are kept
    new_segment = segment(source, "summary")
    assert not StringTranslation.objects.filter(translation_of=new_segment.string, locale=english()).exists()

    translate(article, english(), {"summary": "The contest has 40 entrants."})
    html = html_of(client, translated.url)
    assert "The contest has 40 entrants." in html
    assert "Hội thi có 40 thí sinh." not in html


def test_a_centre_translation_carries_its_people_and_reports(client, home_page):
    from tests.centers import factories

    english_home(home_page)
    places = factories.seeded_places()
    index = factories.center_index(home_page, slug="trung-tam-hoc-tap-cong-dong")
    translate(index, english(), {"title": "Learning centres", "slug": "learning-centres"})
    centre = factories.center(
        index,
        "Trung tâm học tập cộng đồng phường Yên Thanh",
        places["uong_bi"],
        reports=[{"school_year": "2016-2017", "classes_law": 12, "attendances": 873969}],
    )
    centre.people.create(name="Đặng Thị Hoa Mùi", role="director")
    centre.save_revision().publish()

    translated = translate(centre, english(), {"title": "Yen Thanh ward learning centre", "slug": "yen-thanh"})
    assert translated.url == "/en/learning-centres/yen-thanh/"
    assert [person.name for person in translated.people.all()] == ["Đặng Thị Hoa Mùi"]
    assert [report.school_year for report in translated.yearly_reports.all()] == ["2016-2017"]
    html = html_of(client, translated.url)
    assert '<html lang="en">' in html
    assert "Yen Thanh ward learning centre" in html
    assert "Đặng Thị Hoa Mùi" in html

    # A new report in the source reaches the translation on sync.
    centre = centre.specific_deferred.__class__.objects.get(pk=centre.pk)
    centre.yearly_reports.create(school_year="2017-2018", classes_law=3)
    centre.save_revision().publish()
    translated = translate(centre, english())
    assert sorted(report.school_year for report in translated.yearly_reports.all()) == ["2016-2017", "2017-2018"]
    assert translated.title == "Yen Thanh ward learning centre"


def test_snippets_are_translated_too(home_page):
    from articles.models import Category
    from home.models import Announcement

    category = Category.objects.create(name="Giáo dục", locale=home_page.locale)
    translated = translate(category, english(), {"name": "Education", "slug": "Giáo dục thường xuyên"})
    assert (translated.name, translated.slug, translated.locale) == ("Education", "giao-duc-thuong-xuyen", english())

    notice = Announcement(title="Lịch tiếp công dân", text="<p>Thứ Ba hằng tuần.</p>", locale=home_page.locale)
    notice.save()
    notice.save_revision().publish()
    translated = translate(notice, english(), {"title": "Citizen reception hours"})
    assert translated.live
    assert translated.title == "Citizen reception hours"
    assert list(Announcement.objects.visible(locale=english())) == [translated]


def test_an_english_address_of_an_untranslated_page_is_a_404_that_offers_the_original(client, home_page):
    english_home(home_page)
    news_index = make_news_index(home_page)
    translate(news_index, english(), {"title": "News"})
    article = make_news(news_index, "Chỉ có bản tiếng Việt", slug="chi-co-ban-tieng-viet")

    response = client.get("/en/tin-tuc/chi-co-ban-tieng-viet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "This page has no English version yet." in html
    link = f'<a href="{article.url}" lang="vi" hreflang="vi">Read the original in Vietnamese: {article.title}</a>'
    assert link in html


def test_without_an_english_home_the_english_prefix_never_serves_vietnamese_pages(client, home_page):
    news_index = make_news_index(home_page)
    assert client.get(news_index.url).status_code == 200
    response = client.get("/en" + news_index.url)
    assert response.status_code == 404
    assert f'href="{news_index.url}"' in response.content.decode()


def test_the_english_home_page_is_served_under_en(client, home_page):
    home = english_home(home_page)
    assert home.url == "/en/"
    html = html_of(client, "/en/")
    assert '<html lang="en">' in html
    assert Page.objects.get(pk=home.pk).title == "Home"


def test_a_slug_uploaded_in_a_po_file_stays_ascii(home_page):
    english_home(home_page)
    news_index = make_news_index(home_page)
    translate(news_index, english())
    source = TranslationSource.objects.get_for_instance(news_index)
    translation = Translation.objects.get(source=source, target_locale=english())
    po = translation.export_po()
    for entry in po:
        entry.msgstr = {"slug": "Đường đến trường", "title": "The way to school"}.get(entry.msgctxt, entry.msgstr)
    translation.import_po(po)
    translation.save_target(publish=False)
    assert news_index.get_translation(english()).slug == "duong-den-truong"
