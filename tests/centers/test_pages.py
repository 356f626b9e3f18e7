"""Centres: page types in the tree and the admin, rendering, previews, the listing and its filters."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from centers.models import AdministrativeUnit, CenterIndexPage, CenterPage, CenterPerson, CenterPhoto, Inspection
from home.demo import ensure_home_page
from home.models import HomePage
from tests.centers import factories

REPORT_2016 = {
    "school_year": "2016-2017",
    "classes_law": 15,
    "classes_quality_of_life": 11,
    "attendances": 2000,
    "continuing_education_learners": 13,
    "funding_state": 30_000_000,
    "learning_families": 2742,
    "learning_clans": 3,
    "learning_communities": 4,
    "learning_units": 3,
}

EMPTY_REPORT_COLUMNS = dict.fromkeys(
    [
        "classes_technology",
        "classes_vocational",
        "classes_culture_sport",
        "classes_other",
        "funding_association",
        "funding_donors",
        "funding_other",
    ],
    0,
)


def report_form(**values):
    return {**REPORT_2016, **EMPTY_REPORT_COLUMNS, "notes": "", **values}


def center_form_data(places, reports=(), **fields):
    """What the admin's "add centre" form posts, with the yearly reports as inline rows."""
    data = {
        "title": "Trung tâm học tập cộng đồng phường Yên Thanh",
        "slug": "tthtcd-yen-thanh",
        "kind": "both",
        "short_names": "TTHTCĐ phường Yên Thanh",
        "intro": rich_text("<p>Trung tâm của phường.</p>"),
        "province": places["quang_ninh"].pk,
        "commune": places["uong_bi"].pk,
        "address": "",
        "phone": "0203 3854 123",
        "email": "tthtcd@example.gov.vn",
        "website": "https://example.gov.vn/tthtcd",
        "founding_decision_number": "",
        "founding_decision_date": "",
        "founding_decision_issuer": "",
        "status": "active",
        "facilities": rich_text(""),
        "people": inline_formset(
            [
                {
                    "name": "Hoàng Trọng Hiếu",
                    "role": "director",
                    "role_other": "",
                    "additional_roles": "Chủ tịch Hội Khuyến học phường",
                    "organisation": "Phó Chủ tịch UBND phường",
                }
            ]
        ),
        "photos": inline_formset([]),
        "yearly_reports": inline_formset(list(reports)),
        "inspections": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


class CenterPagesTestCase(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, _created = ensure_home_page()
        cls.places = factories.seeded_places()
        cls.index = factories.center_index(cls.home, slug="trung-tam-hoc-tap-cong-dong")
        cls.center = factories.center(
            cls.index,
            "Trung tâm học tập cộng đồng và Hội Khuyến học Phường 4",
            cls.places["dao_thanh"],
            reports=[REPORT_2016, {**REPORT_2016, "school_year": "2017-2018", "classes_law": 16}],
            inspections=[
                {
                    "date": "2016-10-25",
                    "end_date": "2016-11-15",
                    "inspecting_body": "Phòng GD&ĐT",
                    "school_year": "2016-2017",
                }
            ],
            kind="both",
            short_names="TTHTCĐ P.4",
        )

    def setUp(self):
        # force_login: django-axes needs the request that client.login() cannot give it.
        self.user = self.create_test_user()
        self.client.force_login(self.user)


class TestTreeRules(CenterPagesTestCase):
    def test_index_lives_under_the_home_page_and_holds_centres(self):
        self.assertAllowedParentPageTypes(CenterIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CenterIndexPage, {CenterPage})

    def test_centre_lives_under_an_index_and_has_no_children(self):
        self.assertAllowedParentPageTypes(CenterPage, {CenterIndexPage})
        self.assertAllowedSubpageTypes(CenterPage, {})
        self.assertCanNotCreateAt(HomePage, CenterPage)
        self.assertCanNotCreateAt(Page, CenterIndexPage)


class TestAdminCreate(CenterPagesTestCase):
    def add_url(self, model, parent):
        return reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))

    def post_center(self, data):
        return self.client.post(self.add_url(CenterPage, self.index), data)

    def test_editor_can_create_an_index(self):
        data = nested_form_data({"title": "Trung tâm học tập", "slug": "trung-tam-hoc-tap", "intro": rich_text("")})
        self.assertCanCreate(self.home, CenterIndexPage, data)

    def test_editor_can_create_a_centre_with_people_and_reports(self):
        self.assertCanCreate(self.index, CenterPage, center_form_data(self.places, [report_form()]))
        page = CenterPage.objects.get(slug="tthtcd-yen-thanh")
        assert page.people.get().name == "Hoàng Trọng Hiếu"
        assert page.yearly_reports.get().total_classes == 26

    def assert_form_error(self, response, text):
        assert response.status_code == 200, "the form should come back with errors"
        assert text in response.content.decode(), f"missing error message {text!r}"
        assert not CenterPage.objects.filter(slug="tthtcd-yen-thanh").exists()

    def test_bad_school_year_is_a_vietnamese_form_error(self):
        response = self.post_center(center_form_data(self.places, [report_form(school_year="2016-2018")]))
        self.assert_form_error(response, "Năm học phải gồm hai năm liên tiếp")

    def test_duplicate_school_year_is_a_form_error_not_a_crash(self):
        response = self.post_center(center_form_data(self.places, [report_form(), report_form()]))
        self.assert_form_error(response, "Trung tâm này đã có báo cáo năm học 2016-2017.")

    def test_negative_count_is_a_form_error(self):
        response = self.post_center(center_form_data(self.places, [report_form(attendances=-5)]))
        self.assert_form_error(response, "Số này không được là số âm.")

    def test_commune_outside_the_province_is_a_form_error(self):
        data = center_form_data(self.places, commune=self.places["dao_thanh"].pk)
        response = self.post_center(data)
        self.assert_form_error(response, "Phường Đạo Thạnh không thuộc Tỉnh Quảng Ninh")

    def test_merged_without_target_is_a_form_error(self):
        response = self.post_center(center_form_data(self.places, status="merged"))
        self.assert_form_error(response, "Hãy chọn trung tâm mà trung tâm này đã sáp nhập vào.")

    def test_bad_email_and_website_are_form_errors(self):
        response = self.post_center(center_form_data(self.places, email="tthtcd@", website="uongbi gov vn"))
        self.assert_form_error(response, "Nhập một địa chỉ email hợp lệ")
        assert "bắt đầu bằng http:// hoặc https://" in response.content.decode()

    def test_photo_without_alt_text_is_a_form_error(self):
        image = get_image_model().objects.create(title="Ảnh", file=get_test_image_file())
        data = center_form_data(self.places)
        data.update(nested_form_data({"photos": inline_formset([{"image": image.pk, "alt": "", "caption": ""}])}))
        response = self.post_center(data)
        self.assert_form_error(response, "văn bản thay thế")

    def test_administrative_units_are_editable_snippets(self):
        unit = AdministrativeUnit.objects.get(level="commune", name="Uông Bí")
        response = self.client.get(reverse("wagtailsnippets_centers_administrativeunit:edit", args=[unit.pk]))
        assert response.status_code == 200
        assert "Uông Bí" in response.content.decode() and "06811" in response.content.decode()


class TestRenderAndPreview(CenterPagesTestCase):
    def test_pages_render(self):
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.center)

    def test_pages_preview(self):
        self.assertPageIsPreviewable(self.index)
        self.assertPageIsPreviewable(self.center)

    def test_centre_page_shows_reports_as_a_table_and_an_accessible_chart(self):
        html = self.client.get(self.center.url).content.decode()
        assert "<table" in html and "<caption" in html
        assert '<figure class="year-chart"' in html and "<figcaption" in html
        assert "2016-2017" in html and "2017-2018" in html
        assert "2.742" in html  # learning families, grouped the Vietnamese way
        assert "30.000.000" in html
        assert "Thứ Ba, 25/10/2016" in html  # the inspection's first day
        assert "Phường 4, thành phố Mỹ Tho" in html  # the former ward name

    def test_home_page_shows_the_centre_statistics_section(self):
        html = self.client.get(self.home.url).content.decode()
        assert 'class="home-section center-stats"' in html
        assert "2017-2018" in html


class TestListing(CenterPagesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.yen_thanh = factories.center(
            cls.index, "Trung tâm học tập cộng đồng phường Yên Thanh", cls.places["uong_bi"]
        )
        cls.phuong_nam = factories.center(
            cls.index, "Trung tâm học tập cộng đồng phường Phương Nam", cls.places["yen_tu"]
        )
        cls.draft = factories.center(cls.index, "Trung tâm nháp", cls.places["yen_tu"], publish=False)

    def titles(self, **params):
        response = self.client.get(self.index.url, params)
        assert response.status_code == 200
        return [center.title for center in response.context["centers"]]

    def test_lists_live_centres_in_vietnamese_order(self):
        assert self.titles() == [
            "Trung tâm học tập cộng đồng phường Phương Nam",
            "Trung tâm học tập cộng đồng phường Yên Thanh",
            "Trung tâm học tập cộng đồng và Hội Khuyến học Phường 4",
        ]

    def test_search_ignores_accents(self):
        assert self.titles(q="yen thanh") == ["Trung tâm học tập cộng đồng phường Yên Thanh"]
        assert self.titles(q="YÊN THANH") == ["Trung tâm học tập cộng đồng phường Yên Thanh"]

    def test_search_finds_former_place_names(self):
        # Phường 4 of Mỹ Tho is now part of phường Đạo Thạnh.
        assert self.titles(q="phuong 4, thanh pho my tho") == [
            "Trung tâm học tập cộng đồng và Hội Khuyến học Phường 4"
        ]

    def test_filters_by_province_and_commune(self):
        assert self.titles(province=self.places["dong_thap"].pk) == [
            "Trung tâm học tập cộng đồng và Hội Khuyến học Phường 4"
        ]
        assert self.titles(commune=self.places["yen_tu"].pk) == ["Trung tâm học tập cộng đồng phường Phương Nam"]

    def test_bad_parameters_never_fail(self):
        for params in [{"province": "abc"}, {"commune": "-1"}, {"page": "x"}, {"page": "999"}, {"province": "9" * 40},
                       {"q": "%_\\'\"<script>"}]:  # fmt: skip
            response = self.client.get(self.index.url, params)
            assert response.status_code == 200, params


def queries_for(client, url, params=None):
    """The SQL a page view runs (after a first request warms the site and template caches)."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return response, [query["sql"] for query in context.captured_queries]


def centre_queries(sqls):
    """The queries that read the centres app's tables (the site chrome's are not counted)."""
    return [sql for sql in sqls if 'FROM "centers_' in sql]


@pytest.mark.django_db
def test_listing_runs_the_same_queries_for_2_and_20_centres(client, home_page):
    places = factories.seeded_places()
    index = factories.center_index(home_page)
    communes = [places["uong_bi"], places["yen_tu"], places["dao_thanh"]]

    def add_centres(first, last):
        for number in range(first, last):
            factories.center(index, f"Trung tâm {number}", communes[number % 3], reports=[REPORT_2016])

    add_centres(0, 2)
    response, with_2 = queries_for(client, index.url, {"q": "trung tam"})
    assert len(response.context["centers"]) == 2
    add_centres(2, 20)
    response, with_20 = queries_for(client, index.url, {"q": "trung tam"})
    assert len(response.context["centers"]) == 20
    assert len(with_20) == len(with_2)
    # the index (and its translations), count, page of centres, provinces, communes
    assert len(centre_queries(with_20)) <= 6


@pytest.mark.django_db
def test_centre_page_runs_the_same_queries_for_1_and_6_reports(client, home_page):
    places = factories.seeded_places()
    index = factories.center_index(home_page)

    def centre(slug, reports):
        years = [{**REPORT_2016, "school_year": f"{2010 + year}-{2011 + year}"} for year in range(reports)]
        people = [CenterPerson(name=f"Người {n}", role="member") for n in range(reports)]
        photos = [CenterPhoto(image=image, alt=f"Ảnh {n}") for n in range(reports)]
        inspections = [
            Inspection(date=datetime.date(2016, 10, n + 1), inspecting_body="Phòng GD&ĐT", report_page=home_page)
            for n in range(reports)
        ]
        return factories.center(
            index,
            f"Trung tâm {slug}",
            places["uong_bi"],
            slug=slug,
            reports=years,
            people=people,
            photos=photos,
            inspections=inspections,
        )

    image = get_image_model().objects.create(title="Ảnh", file=get_test_image_file())

    _response, small = queries_for(client, centre("nho", 1).url)
    _response, large = queries_for(client, centre("lon", 6).url)
    assert len(large) == len(small)
    # the centre (and its translations) and its index, commune, province, people, photos, reports, inspections
    assert len(centre_queries(large)) <= 9
