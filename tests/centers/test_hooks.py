"""Centres: what the plugin contributes through Sen's hooks (demo, link targets, reports, home section, API)."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone
from wagtail.models import Page

from centers.models import CenterPage, Inspection, YearlyReport
from cms import hooks as sen_hooks
from tests.centers import factories

INSPECTION = {
    "date": datetime.date(2016, 10, 25),
    "end_date": datetime.date(2016, 11, 15),
    "school_year": "2016-2017",
    "inspecting_body": "Phòng GD&ĐT Uông Bí phối hợp với Hội Khuyến học thành phố",
}


def article(parent, title, published):
    """A published page standing for a news article (plugins never import each other's models)."""
    page = Page(title=title)
    parent.add_child(instance=page)
    page.save_revision().publish()
    Page.objects.filter(pk=page.pk).update(first_published_at=published)
    page.refresh_from_db()
    return page


def attach_report(article_page, targets):
    """What the centres answer when the articles importer saves a report (its own hook, by name)."""
    return sen_hooks.collect("articles_report_imported", SimpleNamespace(article=article_page, targets=targets))


def centre_targets():
    return [target for target in sen_hooks.collect(sen_hooks.LINK_TARGETS) if target.kind == "center"]


@pytest.mark.django_db
class TestDemoContent:
    def test_demo_has_four_centres_with_two_school_years_and_the_inspection(self, demo_site):
        centres = {page.title: page for page in CenterPage.objects.live().filter(locale__language_code="vi")}
        assert len(centres) == 4
        phuong_4 = centres["Trung tâm học tập cộng đồng và Hội Khuyến học Phường 4"]
        assert phuong_4.kind == "both"
        assert phuong_4.people.get().name == "Đặng Thị Hoa Mùi"
        report = phuong_4.yearly_reports.get(school_year="2016-2017")
        assert (report.classes_law, report.classes_quality_of_life, report.total_classes) == (15, 11, 26)
        assert (report.learning_families, report.learning_clans, report.learning_communities) == (2742, 3, 4)
        assert (report.learning_units, report.continuing_education_learners, report.funding_state) == (
            3,
            13,
            30_000_000,
        )
        for page in centres.values():
            assert sorted(page.yearly_reports.values_list("school_year", flat=True)) == ["2016-2017", "2017-2018"]
            assert all(photo.alt.strip() for photo in page.photos.all())
        originals = Inspection.objects.filter(page__locale__language_code="vi").select_related("page")
        inspected = {inspection.page.title for inspection in originals}
        assert inspected == {
            "Trung tâm học tập cộng đồng phường Yên Thanh",
            "Trung tâm học tập cộng đồng phường Phương Nam",
            "Trung tâm học tập cộng đồng xã Điền Công",
        }
        assert {(i.date, i.end_date) for i in Inspection.objects.all()} == {
            (INSPECTION["date"], INSPECTION["end_date"])
        }

    def test_loading_the_demo_twice_creates_no_more_centres(self, demo_site):
        from home.demo import load_demo

        counts = (CenterPage.objects.count(), YearlyReport.objects.count(), Inspection.objects.count())
        again = load_demo()
        assert not [line for line in again.created if "centre" in line]
        assert (CenterPage.objects.count(), YearlyReport.objects.count(), Inspection.objects.count()) == counts


@pytest.mark.django_db
class TestLinkTargets:
    def test_every_live_centre_is_a_target_with_its_short_names(self, home_page):
        places = factories.seeded_places()
        index = factories.center_index(home_page)
        live = factories.center(
            index,
            "Trung tâm học tập cộng đồng phường Yên Thanh",
            places["uong_bi"],
            short_names="TTHTCĐ phường Yên Thanh\nTTHTCĐ Yên Thanh",
        )
        factories.center(index, "Trung tâm nháp", places["uong_bi"], publish=False)
        targets = centre_targets()
        assert [target.page.pk for target in targets] == [live.pk]
        target = targets[0]
        assert target.names == [
            "Trung tâm học tập cộng đồng phường Yên Thanh",
            "TTHTCĐ phường Yên Thanh",
            "TTHTCĐ Yên Thanh",
        ]
        assert target.context["commune"] == "Phường Uông Bí"
        assert any("Yên Thanh" in name for name in target.context["former_names"])


@pytest.mark.django_db
class TestAttachReport:
    @pytest.fixture
    def centre(self, home_page):
        places = factories.seeded_places()
        index = factories.center_index(home_page)
        return factories.center(
            index, "Trung tâm học tập cộng đồng xã Điền Công", places["uong_bi"], inspections=[INSPECTION]
        )

    def test_article_written_after_the_inspection_becomes_its_report(self, home_page, centre):
        report = article(
            home_page, "Kiểm tra hoạt động các TTHTCĐ", timezone.make_aware(datetime.datetime(2016, 11, 20))
        )
        lines = attach_report(report, centre_targets())
        assert len(lines) == 1
        assert "Kiểm tra hoạt động các TTHTCĐ" in lines[0] and "25/10/2016" in lines[0]
        assert Inspection.objects.get(page=centre).report_page_id == report.pk
        # the page shows the link, and a second article does not replace the first
        assert report.url in self_client_get(centre)
        later = article(home_page, "Bài khác", timezone.make_aware(datetime.datetime(2016, 12, 1)))
        assert attach_report(later, centre_targets()) == []
        assert Inspection.objects.get(page=centre).report_page_id == report.pk

    def test_article_from_another_time_is_not_attached(self, home_page, centre):
        report = article(home_page, "Tin năm 2019", timezone.make_aware(datetime.datetime(2019, 3, 1)))
        assert attach_report(report, centre_targets()) == []
        assert Inspection.objects.get(page=centre).report_page is None

    def test_only_centre_targets_count(self, home_page, centre):
        report = article(home_page, "Tin", timezone.make_aware(datetime.datetime(2016, 11, 20)))
        other = sen_hooks.LinkTarget(names=["X"], page=centre, kind="school")
        assert attach_report(report, [other]) == []

    def test_centre_with_pending_changes_gets_a_draft_revision_only(self, home_page, centre):
        draft = centre.get_latest_revision_as_object()
        draft.address = "Địa chỉ mới"
        draft.save_revision()
        report = article(home_page, "Tin", timezone.make_aware(datetime.datetime(2016, 11, 20)))
        assert len(attach_report(report, centre_targets())) == 1
        assert Inspection.objects.get(page=centre).report_page is None  # waits for approval
        latest = CenterPage.objects.get(pk=centre.pk).get_latest_revision_as_object()
        assert latest.inspections.all()[0].report_page_id == report.pk
        assert latest.address == "Địa chỉ mới"


def self_client_get(page):
    from django.test import Client

    return Client().get(page.url).content.decode()


@pytest.mark.django_db
class TestHomeSectionAndApi:
    def test_home_section_shows_the_latest_school_year(self, home_page):
        assert sen_hooks.collect(sen_hooks.HOME_SECTIONS, None, home_page) == [] or all(
            block.template != "centers/blocks/home_stats.html"
            for block in sen_hooks.collect(sen_hooks.HOME_SECTIONS, None, home_page)
        )
        places = factories.seeded_places()
        index = factories.center_index(home_page)
        factories.center(index, "TT", places["uong_bi"], reports=[{"school_year": "2017-2018", "classes_law": 4}])
        blocks = [
            b for b in sen_hooks.collect(sen_hooks.HOME_SECTIONS, None, home_page) if b.template.startswith("centers/")
        ]
        assert len(blocks) == 1
        assert blocks[0].context["totals"]["school_year"] == "2017-2018"
        assert blocks[0].context["totals"]["total_classes"] == 4
        assert blocks[0].context["index"].pk == index.pk

    def test_api_representation_nests_units_people_reports_and_inspections(self, home_page):
        places = factories.seeded_places()
        index = factories.center_index(home_page)
        page = factories.center(
            index,
            "TT",
            places["dao_thanh"],
            reports=[{"school_year": "2016-2017", "classes_law": 15, "classes_quality_of_life": 11}],
            inspections=[INSPECTION],
        )
        assert page.province_api["code"] == "82"
        assert "Phường 4, thành phố Mỹ Tho, tỉnh Tiền Giang" in page.commune_api["former_names"]
        assert page.yearly_reports_api[0]["total_classes"] == 26
        assert page.inspections_api[0]["date"] == "2016-10-25"
        assert page.inspections_api[0]["report_page"] is None
        assert {field.name for field in CenterPage.api_fields} >= {"people", "photos", "yearly_reports", "inspections"}


@pytest.mark.django_db
def test_administrative_units_have_a_vietnamese_admin_listing(admin_client):
    from django.urls import reverse

    from centers.models import AdministrativeUnit

    html = admin_client.get(reverse("wagtailsnippets_centers_administrativeunit:list")).content.decode()
    assert "Đơn vị hành chính" in html
    # The official list (3,355 units) in Vietnamese order, the first page first.
    first = AdministrativeUnit.objects.order_by("level", "name_sort").first()
    assert first.full_name in html
