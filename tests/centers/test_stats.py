"""Centres: statistics computed by the database, on known data, in one query each."""

import pytest

from centers import stats
from centers.models import CenterPage
from tests.centers import factories


def report(year, **values):
    return {"school_year": year, **values}


@pytest.fixture
def centres(home_page):
    """Four live centres in three communes of two provinces, plus a draft and an unpublished centre."""
    places = factories.seeded_places()
    index = factories.center_index(home_page)
    a = factories.center(
        index,
        "Trung tâm A",
        places["uong_bi"],
        reports=[
            report("2016-2017", classes_law=10, classes_quality_of_life=5, attendances=100, funding_state=1_000_000,
                   learning_families=7),
            report("2017-2018", classes_law=4, classes_technology=2, attendances=50, funding_donors=500_000,
                   learning_families=3),
        ],
    )  # fmt: skip
    b = factories.center(
        index,
        "Trung tâm B",
        places["uong_bi"],
        reports=[
            report("2016-2017", classes_law=1, classes_other=1, attendances=20, funding_association=200_000,
                   learning_clans=1)
        ],
    )  # fmt: skip
    c = factories.center(
        index,
        "Trung tâm C",
        places["yen_tu"],
        reports=[report("2017-2018", classes_vocational=3, attendances=30, funding_other=100, learning_communities=2)],
    )
    d = factories.center(
        index,
        "Trung tâm Đ",
        places["dao_thanh"],
        reports=[report("2016-2017", classes_culture_sport=6, attendances=60, learning_units=1)],
    )
    factories.center(
        index, "Trung tâm nháp", places["uong_bi"], reports=[report("2016-2017", classes_law=1000)], publish=False
    )
    withdrawn = factories.center(
        index, "Trung tâm đã gỡ", places["uong_bi"], reports=[report("2018-2019", classes_law=500)]
    )
    withdrawn.unpublish()
    return {"a": a, "b": b, "c": c, "d": d, "places": places}


@pytest.mark.django_db
class TestAggregates:
    def test_per_centre_across_years(self, centres, django_assert_num_queries):
        with django_assert_num_queries(1):
            rows = stats.totals_by_center()
        assert [row["page__title"] for row in rows] == ["Trung tâm A", "Trung tâm B", "Trung tâm C", "Trung tâm Đ"]
        a = rows[0]
        assert (a["total_classes"], a["attendances"], a["total_funding"], a["reports"]) == (21, 150, 1_500_000, 2)
        assert a["learning_families"] == 10

    def test_one_centre(self, centres, django_assert_num_queries):
        with django_assert_num_queries(1):
            totals = stats.center_totals(centres["a"])
        assert (totals["classes_law"], totals["classes_technology"], totals["total_classes"]) == (14, 2, 21)
        with django_assert_num_queries(1):
            reports = stats.center_reports(centres["a"])
        assert [(r.school_year, r.total_classes_db, r.total_funding_db) for r in reports] == [
            ("2016-2017", 15, 1_000_000),
            ("2017-2018", 6, 500_000),
        ]

    def test_per_commune_and_school_year(self, centres, django_assert_num_queries):
        with django_assert_num_queries(1):
            rows = stats.totals_by_commune()
        summary = [(row["commune_name"], row["school_year"], row["total_classes"], row["attendances"], row["centers"])
                   for row in rows]  # fmt: skip
        assert summary == [
            ("Đạo Thạnh", "2016-2017", 6, 60, 1),
            ("Uông Bí", "2016-2017", 17, 120, 2),
            ("Uông Bí", "2017-2018", 6, 50, 1),
            ("Yên Tử", "2017-2018", 3, 30, 1),
        ]

    def test_per_province_and_school_year(self, centres, django_assert_num_queries):
        with django_assert_num_queries(1):
            rows = stats.totals_by_province()
        summary = [(row["province_name"], row["school_year"], row["total_classes"], row["total_funding"])
                   for row in rows]  # fmt: skip
        assert summary == [
            ("Đồng Tháp", "2016-2017", 6, 0),
            ("Quảng Ninh", "2016-2017", 17, 1_200_000),
            ("Quảng Ninh", "2017-2018", 9, 500_100),
        ]
        with django_assert_num_queries(1):
            one_year = stats.totals_by_province("2017-2018")
        assert [row["province_name"] for row in one_year] == ["Quảng Ninh"]

    def test_site_wide(self, centres, django_assert_num_queries):
        with django_assert_num_queries(1):
            by_year = stats.totals_by_year()
        assert [(row["school_year"], row["total_classes"], row["attendances"], row["centers"]) for row in by_year] == [
            ("2016-2017", 23, 180, 3),
            ("2017-2018", 9, 80, 2),
        ]
        with django_assert_num_queries(1):
            totals = stats.site_totals()
        assert (totals["total_classes"], totals["attendances"], totals["total_funding"]) == (32, 260, 1_700_100)
        assert (totals["centers"], totals["reports"], totals["total_recognitions"]) == (4, 5, 14)

    def test_latest_school_year(self, centres, django_assert_num_queries):
        with django_assert_num_queries(1):
            latest = stats.latest_year_totals()
        assert latest["school_year"] == "2017-2018"
        assert latest["total_classes"] == 9
        assert stats.latest_school_year() == "2017-2018"

    def test_drafts_and_unpublished_centres_do_not_count(self, centres):
        assert CenterPage.objects.count() == 6
        totals = stats.site_totals()
        assert totals["classes_law"] == 15  # not 1000 (draft) nor 500 (unpublished)
        assert stats.latest_school_year() == "2017-2018"  # not the withdrawn centre's 2018-2019

    def test_unpublished_edits_do_not_count_until_published(self, centres):
        page = centres["b"]
        draft = page.get_latest_revision_as_object()
        reports = list(draft.yearly_reports.all())
        reports[0].classes_law = 99
        draft.yearly_reports = reports
        revision = draft.save_revision()
        assert stats.center_totals(page)["classes_law"] == 1
        revision.publish()
        assert stats.center_totals(page)["classes_law"] == 99


@pytest.mark.django_db
def test_no_reports_gives_zeros_and_no_latest_year(home_page):
    assert stats.site_totals()["total_classes"] == 0
    assert stats.latest_year_totals() is None
    assert stats.totals_by_year() == []


# --- The school year the home page shows: the newest one the centres have all reported ---


@pytest.fixture
def new_year_started(home_page):
    """Four active centres reported 2025-2026; one of them has already filed 2026-2027.

    A dissolved centre (which reports nothing any more) and a draft centre are not expected to report.
    """
    places = factories.seeded_places()
    index = factories.center_index(home_page)
    full_year = {"classes_law": 20, "classes_other": 4, "attendances": 300}
    centres = []
    for number, place in enumerate(["uong_bi", "yen_tu", "dao_thanh", "uong_bi"]):
        reports = [report("2025-2026", **full_year)]
        if number == 0:
            reports.append(report("2026-2027", classes_law=31, attendances=40))
        centres.append(factories.center(index, f"Trung tâm {number}", places[place], reports=reports))
    factories.center(
        index,
        "Trung tâm đã giải thể",
        places["yen_tu"],
        reports=[report("2024-2025", classes_law=9)],
        status="dissolved",
    )
    factories.center(index, "Trung tâm nháp", places["yen_tu"], reports=[], publish=False)
    return {"centres": centres, "index": index}


@pytest.mark.django_db
class TestHomeYear:
    def test_a_new_year_shows_only_once_every_centre_reported_it(self, new_year_started, django_assert_num_queries):
        with django_assert_num_queries(2):
            totals = stats.home_year_totals()
        assert (totals["school_year"], totals["total_classes"], totals["attendances"]) == ("2025-2026", 96, 1200)
        assert (totals["reporting"], totals["expected"], totals["complete"]) == (4, 4, True)
        newer = totals["newer"]
        assert (newer["school_year"], newer["reporting"], newer["expected"]) == ("2026-2027", 1, 4)

    def test_the_new_year_shows_when_the_last_centre_reports(self, new_year_started):
        for centre in new_year_started["centres"][1:]:
            factories.add_report(centre, report("2026-2027", classes_law=30))
        totals = stats.home_year_totals()
        assert (totals["school_year"], totals["reporting"], totals["expected"]) == ("2026-2027", 4, 4)
        assert totals["total_classes"] == 31 + 3 * 30
        assert totals["newer"] is None

    def test_a_lower_share_is_a_setting(self, new_year_started, settings):
        settings.SEN_CENTER_STATS_MIN_SHARE = 25
        totals = stats.home_year_totals()
        assert (totals["school_year"], totals["reporting"], totals["expected"], totals["share"]) == (
            "2026-2027", 1, 4, 25
        )  # fmt: skip
        settings.SEN_CENTER_STATS_MIN_SHARE = 50
        assert stats.home_year_totals()["school_year"] == "2025-2026"

    def test_with_no_complete_year_the_best_covered_one_shows_as_incomplete(self, home_page):
        places = factories.seeded_places()
        index = factories.center_index(home_page)
        factories.center(index, "A", places["uong_bi"], reports=[report("2016-2017", classes_law=3)])
        factories.center(index, "B", places["yen_tu"], reports=[])
        totals = stats.home_year_totals()
        assert (totals["school_year"], totals["reporting"], totals["expected"], totals["complete"]) == (
            "2016-2017", 1, 2, False
        )  # fmt: skip

    def test_home_page_says_which_year_and_how_many_centres_reported(self, new_year_started, client):
        html = client.get("/").content.decode()
        assert "Năm học 2025-2026: 4/4 trung tâm đã báo cáo." in html
        assert "Năm học 2026-2027 đang được báo cáo (1/4 trung tâm đã báo cáo)" in html
        assert "Số liệu chưa đầy đủ." not in html
        assert "<dd>96</dd>" in html  # 2025-2026's classes, not 2026-2027's 31

    def test_api_gives_the_year_and_its_coverage(self, new_year_started, client):
        data = client.get("/api/sen/centers/stats/current").json()
        assert (data["school_year"], data["reporting"], data["expected"], data["total_classes"]) == (
            "2025-2026", 4, 4, 96
        )  # fmt: skip
        assert data["newer"] == {"school_year": "2026-2027", "reporting": 1, "expected": 4}


@pytest.mark.django_db
def test_api_current_year_without_reports_is_a_404_with_a_message(home_page, client):
    response = client.get("/api/sen/centers/stats/current")
    assert response.status_code == 404
    assert response.json()["detail"]
