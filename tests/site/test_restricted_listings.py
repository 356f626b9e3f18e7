"""A page behind a login or password restriction is listed nowhere a visitor can see it.

Its title, summary and link stay off the home sections, the news and bulletin indexes,
the sidebars, related articles, the centre listing, links between centres and the menu;
a visitor admitted to a restricted section still sees that section's own list.
"""

import datetime
import json

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.articles.factories import make_bulletin, make_news, make_news_index, make_video_index
from tests.centers import factories as center_factories

SECRET = "Tin nội bộ mật"
SECRET_BULLETIN = "Bản tin nội bộ"


def restrict(page, kind):
    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type=PageViewRestriction.PASSWORD if kind == "password" else PageViewRestriction.LOGIN,
        password="mat-khau" if kind == "password" else "",
    )
    return restriction


@pytest.fixture(params=["login", "password"])
def site(request, home_page):
    news_index = make_news_index(home_page)
    video_index = make_video_index(home_page)
    public = make_news(news_index, "Tin công khai", summary="Ai cũng đọc được.")
    secret = make_news(news_index, SECRET, summary="Chỉ dành cho cán bộ.", related=[])
    # The public article names the secret one as related: still not shown.
    make_news(news_index, "Tin có liên quan", related=[secret, public])
    make_bulletin(
        video_index, "Bản tin công khai", datetime.date(2018, 12, 7), embed_url="https://youtu.be/abcdefghijk"
    )
    secret_bulletin = make_bulletin(
        video_index, SECRET_BULLETIN, datetime.date(2018, 12, 8), embed_url="https://youtu.be/bcdefghijkl"
    )
    restrict(secret, request.param)
    restrict(secret_bulletin, request.param)
    return {"kind": request.param, "home": home_page, "news_index": news_index, "video_index": video_index,
            "public": public, "secret": secret}  # fmt: skip


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_home_sections_leave_out_restricted_news_and_bulletins(client, site):
    html = text(client, "/")
    assert "Tin công khai" in html and "Bản tin công khai" in html
    assert SECRET not in html and "Chỉ dành cho cán bộ" not in html and site["secret"].url not in html
    assert SECRET_BULLETIN not in html


def test_indexes_leave_out_restricted_pages(client, site):
    news = text(client, site["news_index"].url)
    assert "Tin công khai" in news and SECRET not in news and site["secret"].url not in news
    videos = text(client, site["video_index"].url)
    assert "Bản tin công khai" in videos and SECRET_BULLETIN not in videos


def test_article_sidebar_and_related_articles_leave_out_restricted_pages(client, site):
    html = text(client, site["news_index"].url + "tin-co-lien-quan/")
    assert "Tin công khai" in html  # the other related article
    assert SECRET not in html and site["secret"].url not in html
    assert "Bản tin công khai" in html and SECRET_BULLETIN not in html  # the bulletins widget


def test_a_restricted_section_is_left_out_of_the_menu_and_its_link(client, site):
    site["news_index"].show_in_menus = True
    site["news_index"].save_revision().publish()
    assert f'href="{site["news_index"].url}"' in text(client, "/")
    restrict(site["news_index"], site["kind"])
    html = text(client, "/")
    assert f'href="{site["news_index"].url}"' not in html  # menu and "All news"
    assert "Tin công khai" not in html  # its articles are behind the restriction too


def test_an_admitted_visitor_sees_the_list_of_the_restricted_section(client, site, django_user_model):
    restriction = restrict(site["news_index"], site["kind"])
    if site["kind"] == "password":
        response = client.post(
            f"/_util/authenticate_with_password/{restriction.pk}/{site['news_index'].pk}/",
            {"password": "mat-khau", "return_url": site["news_index"].url},
        )
        assert response.status_code == 302
    else:
        client.force_login(django_user_model.objects.create_user("can-bo", password="x"))
    html = text(client, site["news_index"].url)
    assert "Tin công khai" in html  # under the section's own restriction, which this visitor passed
    assert SECRET not in html  # its own restriction is another one


def test_centres_listing_and_links_leave_out_restricted_centres(client, home_page):
    places = center_factories.seeded_places()
    index = center_factories.center_index(home_page, slug="trung-tam")
    hidden = center_factories.center(index, "Trung tâm kín", places["uong_bi"])
    shown = center_factories.center(
        index, "Trung tâm mở", places["yen_tu"], linked_center=hidden,
        inspections=[{"date": datetime.date(2017, 5, 4), "report_page": hidden}],
    )  # fmt: skip
    listing = text(client, index.url)
    profile = text(client, shown.url)
    assert "Trung tâm kín" in listing and hidden.url in profile  # before the restriction
    restrict(hidden, "login")
    listing = text(client, index.url)
    assert "Trung tâm mở" in listing and "Trung tâm kín" not in listing
    profile = text(client, shown.url)
    assert "Trung tâm kín" not in profile and hidden.url not in profile


def test_group_restriction_counts_too(client, site):
    PageViewRestriction.objects.filter(page=site["secret"]).delete()
    restriction = PageViewRestriction.objects.create(page=site["secret"], restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Cán bộ"))
    assert SECRET not in text(client, "/")
    assert SECRET not in text(client, site["news_index"].url)


def test_the_api_does_not_name_a_restricted_or_draft_page_a_centre_links_to(client, home_page):
    places = center_factories.seeded_places()
    index = center_factories.center_index(home_page, slug="trung-tam")
    hidden = center_factories.center(index, "Trung tâm kín", places["uong_bi"])
    draft_report = center_factories.center(index, "Biên bản nháp", places["uong_bi"], publish=False)
    shown = center_factories.center(
        index, "Trung tâm mở", places["yen_tu"], linked_center=hidden, status="merged", merged_into=hidden,
        inspections=[{"date": datetime.date(2017, 5, 4), "report_page": hidden},
                     {"date": datetime.date(2018, 5, 4), "report_page": draft_report}],
    )  # fmt: skip
    url = f"/api/v2/pages/{shown.pk}/"
    data = client.get(url).json()
    assert data["linked_center"]["title"] == "Trung tâm kín" and data["merged_into"]["id"] == hidden.pk
    assert [i["report_page"] and i["report_page"]["title"] for i in data["inspections"]] == ["Trung tâm kín", None]
    restrict(hidden, "password")
    listing = client.get(f"/api/v2/pages/?type=centers.CenterPage&child_of={index.pk}&fields=*").json()["items"]
    for data in (client.get(url).json(), next(item for item in listing if item["id"] == shown.pk)):
        assert data["linked_center"] is None and data["merged_into"] is None
        assert [inspection["report_page"] for inspection in data["inspections"]] == [None, None]
        assert "Trung tâm kín" not in json.dumps(data, ensure_ascii=False)
