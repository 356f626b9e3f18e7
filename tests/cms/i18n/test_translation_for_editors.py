"""Translation for editors (issue 25, item 6): editors and leaders translate, the slug follows the
title, and a translated article shows its categories in its own language."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from cms.i18n.translations import translate
from cms.workflows import roles
from tests.articles.factories import make_category, make_news
from tests.utils import EditorialSite

pytestmark = pytest.mark.django_db


def english():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def site(home_page):
    translate(home_page, english(), {"title": "Home"})
    return EditorialSite(home_page)


def signed_in(client, user):
    client.force_login(user)
    return client


def edit_string(client, translation, path, value):
    """What the translation editor does when the translator saves a segment."""
    string_segment = StringSegment.objects.get(source=translation.source, context__path=path)
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.id, string_segment.id])
    response = client.put(url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 201), response.content
    return response.json()


def translated_slug(translation):
    return StringTranslation.objects.get(
        context__object_id=translation.source.object_id, context__path="slug", locale=translation.target_locale
    ).data


@pytest.mark.parametrize("role", [roles.EDITOR, roles.LEADER])
def test_editors_and_leaders_get_translate_this_page(client, site, role):
    article = site.news("Thư viện phường mở cửa buổi tối", publish=True)
    admin = signed_in(client, site.user("nguoidich", role))

    edit_page = admin.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert "Dịch trang này" in edit_page
    response = admin.post(
        reverse("wagtail_localize:submit_page_translation", args=[article.pk]), {"locales": [english().pk]}
    )
    assert response.status_code == 302
    translated = article.get_translation(english())
    # The translated page (and its section, copied on the way) is theirs to edit.
    assert admin.get(reverse("wagtailadmin_pages:edit", args=[translated.pk])).status_code == 200


def test_a_reporter_does_not_translate(client, site):
    article = site.news("Thư viện phường mở cửa buổi tối", publish=True)
    admin = signed_in(client, site.user("phongvien", roles.REPORTER))
    response = admin.post(
        reverse("wagtail_localize:submit_page_translation", args=[article.pk]), {"locales": [english().pk]}
    )
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")  # Wagtail's "no permission"
    assert not article.get_translations().exists()


def test_the_translating_roles_are_a_setting(client, home_page, settings):
    settings.SEN_TRANSLATOR_ROLES = [roles.LEADER, "no-such-role"]
    EditorialSite(home_page)
    assert roles.role_group(roles.LEADER).permissions.filter(codename="submit_translation").exists()
    assert not roles.role_group(roles.EDITOR).permissions.filter(codename="submit_translation").exists()


def test_a_section_copied_by_a_translation_gets_its_workflow_and_permissions(client, site):
    article = site.news("Hội thi tin học", publish=True)
    leader = signed_in(client, site.user("lanhdao", roles.LEADER))
    leader.post(reverse("wagtail_localize:submit_page_translation", args=[article.pk]), {"locales": [english().pk]})
    english_index = site.news_index.get_translation(english())
    assert english_index.get_workflow().name == "Duyệt tin hai cấp"
    assert article.get_translation(english()).permissions_for_user(leader_user(site)).can_publish()


def leader_user(site):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="lanhdao")


def test_the_slug_is_translated_with_the_title(client, site, django_capture_on_commit_callbacks):
    article = site.news("Đường Nguyễn Huệ mở rộng", publish=True)
    leader = signed_in(client, site.user("lanhdao", roles.LEADER))
    leader.post(reverse("wagtail_localize:submit_page_translation", args=[article.pk]), {"locales": [english().pk]})
    translation = Translation.objects.get(source=TranslationSource.objects.get_for_instance(article))

    edit_string(leader, translation, "title", "Đường Nguyễn Huệ is widened")
    assert translated_slug(translation) == "duong-nguyen-hue-is-widened"
    # A new title, a new slug.
    edit_string(leader, translation, "title", "Nguyễn Huệ Street &amp; its widening")
    assert translated_slug(translation) == "nguyen-hue-street-its-widening"

    # Nothing else is needed to publish: the English page lives at the English slug.
    translated = article.get_translation(english())
    with django_capture_on_commit_callbacks(execute=True):
        response = leader.post(reverse("wagtailadmin_pages:edit", args=[translated.pk]), {"action": "publish"})
    assert response.status_code == 302
    translated.refresh_from_db()
    assert translated.live
    assert translated.url.endswith("/nguyen-hue-street-its-widening/")


def test_a_slug_the_translator_wrote_is_kept(client, site):
    article = site.news("Hội thi tin học", publish=True)
    leader = signed_in(client, site.user("lanhdao", roles.LEADER))
    leader.post(reverse("wagtail_localize:submit_page_translation", args=[article.pk]), {"locales": [english().pk]})
    translation = Translation.objects.get(source=TranslationSource.objects.get_for_instance(article))
    edit_string(leader, translation, "title", "IT contest")
    edit_string(leader, translation, "slug", "contest-2026")
    edit_string(leader, translation, "title", "The IT contest")
    assert translated_slug(translation) == "contest-2026"


def test_an_english_article_shows_its_categories_in_english(client, site):
    education = make_category("Giáo dục", Locale.get_default())
    english_education = translate(education, english(), {"name": "Education", "slug": "education"})
    article = make_news(site.news_index, "Hội thi tin học", categories=[education], summary="Tóm tắt.")
    translated = translate(article, english(), {"title": "IT contest"})
    english_index = site.news_index.get_translation(english())

    html = client.get(translated.url).content.decode()
    assert '?category=education">Education</a>' in html
    assert "Giáo dục" not in html
    # The English category lists the English article.
    listing = client.get(english_index.url + "?category=education").content.decode()
    assert "IT contest" in listing

    api = client.get(f"/api/v2/pages/{translated.pk}/").json()
    assert api["categories"] == [{"id": english_education.pk, "name": "Education", "slug": "education"}]
    # The Vietnamese article is untouched.
    assert client.get(f"/api/v2/pages/{article.pk}/").json()["categories"][0]["name"] == "Giáo dục"


def test_a_related_card_on_an_english_page_has_no_untranslated_summary(client, site):
    first = make_news(site.news_index, "Hội thi tin học", summary="Hội thi có 40 thí sinh.")
    second = make_news(site.news_index, "Thư viện mở buổi tối", summary="Thư viện mở đến 21 giờ.")
    english_first = translate(first, english(), {"title": "IT contest", "summary": "The contest has 40 entrants."})
    english_second = translate(second, english(), {"title": "Library opens in the evening"})  # summary left

    html = client.get(english_first.url).content.decode()
    related = html[html.index('<section class="related"') :]
    assert "Library opens in the evening" in related
    assert "Thư viện mở đến 21 giờ." not in related
    # Once translated, the summary is shown.
    translate(second, english(), {"summary": "The library is open until 9 pm."})
    english_second.refresh_from_db()
    assert english_second.summary == "The library is open until 9 pm."
    html = client.get(english_first.url).content.decode()
    assert "The library is open until 9 pm." in html[html.index('<section class="related"') :]
    # The Vietnamese page keeps its Vietnamese cards.
    html = client.get(first.url).content.decode()
    assert "Thư viện mở đến 21 giờ." in html[html.index('<section class="related"') :]
