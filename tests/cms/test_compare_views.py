"""Revision comparisons show only real changes: line endings, editor-added markup, row order, dates, empties."""

import datetime
import zoneinfo

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from articles.models import NewsPage
from centers.models import CenterPage
from tests.articles.factories import make_news_index
from tests.centers import factories

pytestmark = pytest.mark.django_db

REPORT_COLUMNS = [
    "classes_law",
    "classes_quality_of_life",
    "classes_technology",
    "classes_vocational",
    "classes_culture_sport",
    "classes_other",
    "attendances",
    "continuing_education_learners",
    "funding_state",
    "funding_association",
    "funding_donors",
    "funding_other",
    "learning_families",
    "learning_clans",
    "learning_communities",
    "learning_units",
]


@pytest.fixture
def centre(home_page):
    """A centre as the demo makes it: "\\n" line endings, rich text without block keys, rows without sort_order."""
    places = factories.seeded_places()
    index = factories.center_index(home_page)
    return factories.center(
        index,
        "Trung tâm học tập cộng đồng phường Yên Thanh",
        places["uong_bi"],
        reports=[
            {"school_year": "2016-2017", "classes_law": 15, "funding_state": 30_000_000},
            {"school_year": "2017-2018", "classes_law": 16, "funding_state": 25_000_000},
        ],
        short_names="TTHTCĐ phường Yên Thanh\nTrung tâm HTCĐ phường Yên Thanh",
        intro="<p>Trung tâm của phường.</p>",
        facilities="<p>Một phòng học có Internet.</p>",
    )


def centre_form(centre, reports=None, **fields):
    """What the browser posts for ``centre`` left as it is: text areas with "\\r\\n", Draftail's rich text."""
    rows = reports
    if rows is None:
        rows = [
            {"id": report.pk, "school_year": report.school_year, "notes": ""}
            | {name: getattr(report, name) for name in REPORT_COLUMNS}
            for report in centre.yearly_reports.all()
        ]
    data = {
        "title": centre.title,
        "slug": centre.slug,
        "kind": centre.kind,
        "short_names": centre.short_names.replace("\n", "\r\n"),
        "intro": rich_text(centre.intro),
        "province": centre.province_id,
        "commune": centre.commune_id,
        "address": "",
        "phone": "",
        "email": "",
        "website": "",
        "founding_decision_number": "",
        "founding_decision_date": "",
        "founding_decision_issuer": "",
        "status": "active",
        "facilities": rich_text(centre.facilities),
        "people": inline_formset([]),
        "photos": inline_formset([]),
        "yearly_reports": inline_formset(
            [{**row, "ORDER": order} for order, row in enumerate(rows)], initial=len(centre.yearly_reports.all())
        ),
        "inspections": inline_formset([]),
        **fields,
    }
    return nested_form_data(data)


def save_in_admin(client, user, page, data):
    client.force_login(user)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    return page.latest_revision


def compare(client, page, revision_a, revision_b):
    url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, revision_a.pk, revision_b.pk])
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.select_one("table.listing")
    rows = {}
    for row in table.select("tbody > tr"):
        label = row.select_one("td.title")
        if label is not None:
            rows[label.get_text(" ", strip=True).rstrip(":")] = row.select_one("td.comparison")
    return rows, table


def test_saving_a_centre_unchanged_shows_no_difference(client, admin_user, centre):
    before = centre.latest_revision
    after = save_in_admin(client, admin_user, centre, centre_form(centre))

    rows, table = compare(client, centre, before, after)

    assert rows == {}, f"unchanged fields shown as changed: {list(rows)}"
    assert "Không có khác biệt" in table.get_text() or "no differences" in table.get_text()


def test_text_areas_are_saved_with_one_line_ending(client, admin_user, centre):
    posted = centre_form(centre, short_names="TTHTCĐ Yên Thanh\r\nTTHTCĐ P. Yên Thanh")
    save_in_admin(client, admin_user, centre, posted)

    centre = CenterPage.objects.get(pk=centre.pk).get_latest_revision_as_object()
    assert centre.short_names == "TTHTCĐ Yên Thanh\nTTHTCĐ P. Yên Thanh"
    assert centre.short_name_list == ["TTHTCĐ Yên Thanh", "TTHTCĐ P. Yên Thanh"]


def test_a_real_change_is_shown_and_the_untouched_reports_are_not_moved(client, admin_user, centre):
    before = centre.latest_revision
    reports = list(centre.yearly_reports.all())
    rows = [
        {"id": report.pk, "school_year": report.school_year, "notes": ""}
        | {name: getattr(report, name) for name in REPORT_COLUMNS}
        for report in reports
    ]
    rows[1]["classes_law"] = 20
    after = save_in_admin(
        client,
        admin_user,
        centre,
        centre_form(centre, reports=rows, short_names="TTHTCĐ phường Yên Thanh\r\nTTHTCĐ Yên Thanh"),
    )

    compared, table = compare(client, centre, before, after)

    assert len(compared) == 2, list(compared)  # the short names and the yearly reports, nothing else
    short_names = next(cell for label, cell in compared.items() if "Yearly" not in label and "báo cáo" not in label)
    assert short_names.select_one(".addition").get_text() == "TTHTCĐ"  # only the changed words
    reports_cell = next(cell for label, cell in compared.items() if cell is not short_names)
    assert reports_cell.select(".addition") and "20" in [tag.get_text() for tag in reports_cell.select(".addition")]
    text = table.get_text(" ")
    assert "Moved" not in text and "Đã chuyển" not in text and "Di chuyển" not in text
    assert "25.000.000" in text  # numbers grouped the Vietnamese way


def test_the_news_date_reads_in_vietnamese_and_an_empty_one_is_not_none(client, admin_user, home_page):
    index = make_news_index(home_page)
    article = NewsPage(title="Khai giảng lớp tin học", summary="Tóm tắt.", date=None, live=False)
    index.add_child(instance=article)
    first = article.save_revision()
    tz = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
    article.date = datetime.datetime(2017, 6, 20, 14, 30, tzinfo=tz).astimezone(datetime.UTC)
    second = article.save_revision()

    client.force_login(admin_user)
    compared, table = compare(client, article, first, second)

    assert len(compared) == 1, list(compared)
    (cell,) = compared.values()
    assert cell.select_one(".deletion").get_text() == "(trống)"
    assert cell.select_one(".addition").get_text() == "Thứ Ba, 20/06/2017 14:30"
    text = table.get_text(" ")
    assert "None" not in text and "2017-06-20" not in text and "07:30" not in text
