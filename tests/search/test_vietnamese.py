"""Vietnamese queries and the pages each must (and must not) find.

Runs on SQLite and, with DATABASE_URL=postgres://…, on PostgreSQL: the same queries,
the same expected pages. Every query is its own test case.
"""

import datetime
import unicodedata

import pytest
from django.db import transaction

from search.query import search_pages
from tests.articles.factories import at as aware
from tests.articles.factories import make_bulletin, make_news, make_news_index, make_video_index

# Titles of the corpus pages.
YEN_THANH = "Trung tâm học tập cộng đồng phường Yên Thanh"
DIEN_CONG = "Hội Khuyến học xã Điền Công"
PHUONG_4 = "Trung tâm học tập cộng đồng Phường 4"
AN_HOA = "Trung tâm học tập cộng đồng xã An Hòa"
TIN_HOC = "Khai giảng lớp tin học cho người cao tuổi"
TONG_KET = "Tổng kết năm học 2016-2017"
HOC_BONG = "Trao học bổng cho học sinh nghèo vượt khó"
DO_CHOI = "Triển lãm đồ chơi dân gian"
THANH_NIEN = "Thanh niên tình nguyện hè"
BAN_TIN = "Bản tin truyền hình Mỹ Tho ngày 20/06/2017"
DRAFT = "Kế hoạch bí mật về học tập cộng đồng"
ENGLISH = "Community learning centre opens in Ward 4"

CENTRES = {YEN_THANH, DIEN_CONG, PHUONG_4, AN_HOA}
TITLE_CONG_DONG = {YEN_THANH, PHUONG_4, AN_HOA}


def news(index, title, date, summary="", body="", publish=True, **fields):
    body = [("paragraph", f"<p>{body}</p>")] if body else []
    return make_news(index, title, publish=publish, date=date, summary=summary, body=body, **fields)


def build_corpus():
    """A small site: four centres, five news articles, a bulletin, a draft, an English article."""
    from wagtail.models import Locale

    from centers.models import CenterPerson
    from home.demo import ensure_home_page
    from tests.centers import factories

    home, _created = ensure_home_page()
    places = factories.seeded_places()
    centres = factories.center_index(home, slug="trung-tam-tim-kiem")
    factories.center(
        centres,
        YEN_THANH,
        places["uong_bi"],
        address="Tổ 5, khu 3, phường Yên Thanh",
        people=[CenterPerson(name="Đặng Thị Hoa Mùi", role="director")],
    )
    factories.center(
        centres,
        DIEN_CONG,
        places["uong_bi"],
        intro="<p>Hội vận động xây dựng gia đình học tập và dòng họ học tập.</p>",
    )
    factories.center(
        centres,
        PHUONG_4,
        places["dao_thanh"],
        short_names="TTHTCĐ P.4",
        address="Số 12 đường Lê Lợi, thành phố Mỹ Tho",
    )
    an_hoa = factories.unit("commune", "An Hòa", places["dong_thap"], unit_type="xa")
    factories.center(centres, AN_HOA, an_hoa, intro="<p>Xã An Hòa mở lớp tiếng Anh.</p>")

    news_index = make_news_index(home, slug="tin-tuc-tim-kiem")
    news(
        news_index,
        TIN_HOC,
        aware(2017, 6, 20),
        summary="Lớp học do Hội Khuyến học phường tổ chức, học viên là người cao tuổi.",
    )
    news(
        news_index,
        TONG_KET,
        aware(2017, 7, 15),
        body="Các trung tâm đã tổ chức học tập suốt đời cho cộng đồng dân cư.",
    )
    news(
        news_index,
        HOC_BONG,
        aware(2018, 12, 7),
        body="Quỹ học bổng của Thành phố Mỹ Tho trao 30 suất cho học sinh.",
    )
    news(news_index, DO_CHOI, aware(2018, 3, 10), summary="Trẻ em làm đồ chơi từ tre, nứa.")
    news(news_index, THANH_NIEN, aware(2018, 7, 1), summary="Đoàn viên giúp xây nhà văn hoá.")
    news(news_index, DRAFT, aware(2018, 1, 1), summary="Bản nháp chưa xuất bản.", publish=False)

    video_index = make_video_index(home, slug="truyen-hinh-tim-kiem")
    make_bulletin(
        video_index,
        BAN_TIN,
        datetime.date(2017, 6, 20),
        embed_url="https://www.youtube.com/watch?v=abcdefghijk",
        transcript="Em Lan đỗ đạt cao trong kỳ thi học sinh giỏi.",
    )

    english = Locale.objects.get(language_code="en")
    en_home = home.copy_for_translation(english)
    en_home.save_revision().publish()
    en_news_index = news_index.copy_for_translation(english)
    en_news_index.save_revision().publish()
    news(en_news_index, ENGLISH, aware(2018, 5, 5), summary="A new centre for lifelong learning.")


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The corpus, built once for the module and rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        build_corpus()
        yield
        transaction.set_rollback(True)


def nfd(text):
    return unicodedata.normalize("NFD", text)


D = datetime.date

# (query, options, pages it must find, pages it must not find)
QUERIES = [
    # "Điền Công" has "dòng họ" and "vận động": both words, but not the phrase.
    ("cong dong", {}, TITLE_CONG_DONG | {TONG_KET, DIEN_CONG}, {DRAFT, DO_CHOI}),
    ('"cong dong"', {}, TITLE_CONG_DONG | {TONG_KET}, {DIEN_CONG, DRAFT}),
    ("cộng đồng", {}, TITLE_CONG_DONG | {TONG_KET}, {DRAFT, HOC_BONG}),
    ("CỘNG ĐỒNG", {}, TITLE_CONG_DONG | {TONG_KET}, {DRAFT}),
    ("CONG DONG", {}, TITLE_CONG_DONG | {TONG_KET}, {DRAFT}),
    (nfd("cộng đồng"), {}, TITLE_CONG_DONG | {TONG_KET}, {DRAFT}),
    (nfd("Cộng Đồng"), {}, TITLE_CONG_DONG | {TONG_KET}, {DRAFT}),
    ("cộng dong", {}, TITLE_CONG_DONG | {TONG_KET}, {DRAFT}),
    ('"học tập cộng đồng"', {}, TITLE_CONG_DONG, {TONG_KET, DRAFT, DIEN_CONG}),
    ('"hoc tap cong dong"', {}, TITLE_CONG_DONG, {TONG_KET, DRAFT}),
    ("“học tập cộng đồng”", {}, TITLE_CONG_DONG, {TONG_KET, DRAFT}),
    ("hoc tap cong dong", {}, TITLE_CONG_DONG | {TONG_KET, DIEN_CONG}, {DRAFT, DO_CHOI}),
    ('"cong dong hoc tap"', {}, set(), TITLE_CONG_DONG | {TONG_KET}),
    ("yen thanh", {}, {YEN_THANH}, {THANH_NIEN, PHUONG_4}),
    ("Yên Thanh", {}, {YEN_THANH}, {THANH_NIEN}),
    # Yên Thanh's ward, Uông Bí, was formed from "xã Điền Công" among others: it is found too.
    ("dien cong", {}, {DIEN_CONG, YEN_THANH}, {PHUONG_4, AN_HOA}),
    ("ĐIỀN CÔNG", {}, {DIEN_CONG, YEN_THANH}, {PHUONG_4, AN_HOA}),
    ("dang thi hoa mui", {}, {YEN_THANH}, {AN_HOA, DIEN_CONG}),
    (nfd("Đặng Thị Hoa Mùi"), {}, {YEN_THANH}, {AN_HOA}),
    ("hoa", {}, {YEN_THANH, AN_HOA}, {TONG_KET, DIEN_CONG}),
    ("an", {}, {AN_HOA}, {YEN_THANH, THANH_NIEN, DIEN_CONG, TONG_KET}),
    ("An Hòa", {}, {AN_HOA}, {YEN_THANH}),
    ("an hoa", {}, {AN_HOA}, {YEN_THANH}),
    ("do", {}, {TIN_HOC, DO_CHOI, BAN_TIN}, {THANH_NIEN, DIEN_CONG}),
    ("đồ chơi", {}, {DO_CHOI}, {TIN_HOC, BAN_TIN}),
    ('"đồ chơi dân gian"', {}, {DO_CHOI}, {TIN_HOC}),
    ("đỗ đạt", {}, {BAN_TIN}, {DO_CHOI}),
    ("my tho", {}, {PHUONG_4, HOC_BONG, BAN_TIN}, {YEN_THANH, AN_HOA}),
    ("Mỹ", {}, {PHUONG_4, HOC_BONG, BAN_TIN}, {YEN_THANH, TIN_HOC}),
    ("P.4", {}, {PHUONG_4}, {YEN_THANH, AN_HOA, ENGLISH}),
    ("phuong 4", {}, {PHUONG_4}, {YEN_THANH}),
    ("dao thanh", {}, {PHUONG_4}, {AN_HOA, YEN_THANH, DIEN_CONG}),
    ("2016-2017", {}, {TONG_KET}, {HOC_BONG}),
    ("khuyen hoc", {}, {DIEN_CONG, TIN_HOC}, {YEN_THANH, HOC_BONG}),
    ('"hội khuyến học"', {}, {DIEN_CONG, TIN_HOC}, {YEN_THANH}),
    ("nguoi cao tuoi", {}, {TIN_HOC}, {HOC_BONG}),
    ("hoc bong", {}, {HOC_BONG}, {TIN_HOC}),
    ("truyen hinh", {}, {BAN_TIN}, {TIN_HOC}),
    ("thanh nien", {}, {THANH_NIEN}, {YEN_THANH}),
    ("gia dinh hoc tap", {}, {DIEN_CONG}, {YEN_THANH}),
    ("  học    tập  ", {}, TITLE_CONG_DONG | {TONG_KET, DIEN_CONG}, {DRAFT, DO_CHOI}),
    ("bi mat", {}, set(), {DRAFT}),
    ("khong co trang nao", {}, set(), CENTRES),
    ("cong dong", {"content_types": ["centers.centerpage"]}, TITLE_CONG_DONG, {TONG_KET}),
    ("cong dong", {"content_types": ["articles.newspage"]}, {TONG_KET}, TITLE_CONG_DONG),
    (
        "my tho",
        {"content_types": ["articles.newspage", "articles.videobulletinpage"]},
        {HOC_BONG, BAN_TIN},
        {PHUONG_4},
    ),
    ("my tho", {"date_from": D(2017, 6, 1), "date_to": D(2017, 6, 30)}, {BAN_TIN}, {HOC_BONG}),
    ("my tho", {"date_from": D(2018, 12, 7)}, {HOC_BONG}, {BAN_TIN}),
    ("khuyen hoc", {"date_to": D(2017, 6, 20)}, {TIN_HOC}, {DIEN_CONG}),
    ("community", {"locale": "en"}, {ENGLISH}, set()),
    ("lifelong learning", {"locale": "en"}, {ENGLISH}, set()),
    ("lifelong learning", {"locale": "vi"}, set(), {ENGLISH}),
    ("ward 4", {}, {ENGLISH}, {PHUONG_4}),
    ("cong dong", {"locale": "vi"}, TITLE_CONG_DONG | {TONG_KET}, {ENGLISH}),
]


def query_id(case):
    query, options, _find, _not = case
    text = query if unicodedata.is_normalized("NFC", query) else f"NFD {unicodedata.normalize('NFC', query)}"
    return f"{text.strip()} {options}" if options else text.strip()


@pytest.mark.django_db
@pytest.mark.parametrize("case", QUERIES, ids=[query_id(case) for case in QUERIES])
def test_vietnamese_query(corpus, case):
    query, options, must_find, must_not_find = case
    results = search_pages(query, per_page=50, **options)
    titles = {hit.title for hit in results.items}
    assert results.total == len(results.items)
    assert must_find <= titles, f"{query!r} missed {must_find - titles}"
    assert not titles & must_not_find, f"{query!r} found {titles & must_not_find}"
    if not must_find:
        assert results.total == 0


def test_the_set_has_at_least_thirty_queries():
    assert len(QUERIES) >= 30
