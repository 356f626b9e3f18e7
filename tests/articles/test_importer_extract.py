"""Reading pages saved from old portals: encodings, dates, and the article without the portal's chrome."""

import datetime
import unicodedata
from pathlib import Path

import pytest
from django.utils import translation

from articles.importer.dates import VIETNAM, parse_date_line
from articles.importer.decode import UndecodableError, decode
from articles.importer.extract import DATE_FOUND, DATE_MISSING, ExtractError, extract

FIXTURES = Path(__file__).parent / "fixtures" / "legacy"
SEEDS = Path(__file__).resolve().parent.parent.parent.parent / "shared" / "seeds"

CHROME_WORDS = ["Liên kết", "Thống kê", "Đang truy cập", "Hôm nay", "Tìm kiếm", "Bản quyền", "Trang chủ", "Xem tất cả"]


def read(name):
    return extract((FIXTURES / name).read_bytes(), name)


def all_text(article):
    texts = [article.title, article.summary, article.author, article.source, *article.paragraphs]
    texts += [image.caption for image in article.images]
    return "\n".join(texts)


def seed(name):
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"the seed pages are not here ({SEEDS} is missing)")
    return path


def at(*args):
    return datetime.datetime(*args, tzinfo=VIETNAM)


class TestDates:
    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ("20/06/2017", at(2017, 6, 20)),
            ("Ngày đăng 11/07/2020 | 16:37", at(2020, 7, 11, 16, 37)),
            ("06/07/2010, 10:36 (GMT+7)", at(2010, 7, 6, 10, 36)),
            ("Thứ sáu, 26/04/2019 09:00", at(2019, 4, 26, 9, 0)),
            ("ngày 01/10/2018", at(2018, 10, 1)),
            ("Cập nhật lúc 16:37 ngày 11/07/2020", at(2020, 7, 11, 16, 37)),
            ("Thứ Hai, 20/6/2017 - 08:15", at(2017, 6, 20, 8, 15)),
            ("Đăng lúc: 20-06-2017 8h15", at(2017, 6, 20, 8, 15)),
            ("Ngày 20 tháng 6 năm 2017", at(2017, 6, 20)),
        ],
    )
    def test_portal_date_lines_are_read_day_first_in_vietnam_time(self, line, expected):
        parsed = parse_date_line(line)
        assert parsed == expected
        assert parsed.utcoffset() == datetime.timedelta(hours=7)

    @pytest.mark.parametrize(
        "line",
        [
            "Thực hiện Kế hoạch số 1009 /KH - PGDĐT ngày 06/10/2016 của Phòng GD&ĐT Uông Bí",
            "Từ ngày 25/10/ 2016 đến ngày 15/11/2016 phòng Giáo dục Đào tạo phối hợp",
            "31/02/2017",
        ],
    )
    def test_a_date_in_a_sentence_or_an_impossible_date_is_not_a_date_line(self, line):
        assert parse_date_line(line) is None


class TestEncodings:
    def test_windows_1258_is_detected_and_normalised_to_nfc(self):
        data = (FIXTURES / "cp1258-news.htm").read_bytes()
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        article = extract(data, "cp1258-news.htm")
        assert article.encoding == "windows-1258"
        assert article.title == "Phường 4 tuyên dương 45 gia đình học tập tiêu biểu"
        assert all(unicodedata.is_normalized("NFC", text) for text in article.paragraphs)
        assert article.published_at == at(2018, 10, 1)

    def test_tcvn3_page_declared_as_latin1_is_recognised(self):
        data = (FIXTURES / "tcvn3-news.htm").read_bytes()
        # The way every .VnTime page spells "Cộng hoà xã hội chủ nghĩa".
        assert "Céng hoµ x· héi chñ nghÜa".encode("latin-1") in data
        article = extract(data, "tcvn3-news.htm")
        assert article.encoding == "tcvn3"
        assert "Cộng hoà xã hội chủ nghĩa Việt Nam - Độc lập - Tự do - Hạnh phúc" in article.paragraphs
        # Written with the capitals font: read back as capitals, not "TRUNG TâM".
        assert article.title == "TRUNG TÂM HỌC TẬP CỘNG ĐỒNG XÃ TÂN MỸ CHÁNH MỞ LỚP TRỒNG LÚA"
        assert article.source == "Hội Nông dân xã"
        assert any("iso-8859-1" in warning for warning in article.warnings)
        assert len(article.warnings) == 2  # the encoding, and the title in capitals

    def test_decomposed_utf8_comes_out_composed(self):
        text = unicodedata.normalize("NFD", "Trung tâm học tập cộng đồng")
        assert decode(text.encode("utf-8")).text == "Trung tâm học tập cộng đồng"

    def test_utf8_with_bom(self):
        assert decode("\ufeffHội Khuyến học".encode()).text == "Hội Khuyến học"

    @pytest.mark.parametrize(
        "data",
        [b"", b"   \n", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(0x80, 0x100)) * 20],
        ids=["empty", "blank", "binary", "unknown-encoding"],
    )
    def test_undecodable_input_says_why(self, data):
        with pytest.raises(UndecodableError) as error:
            decode(data)
        assert str(error.value)


class TestPortalShapes:
    def test_nukeviet_page(self):
        article = read("nukeviet-news.html")
        assert article.title == "Khai giảng lớp tin học cho người cao tuổi tại Phường 5"
        assert article.published_at == at(2019, 4, 26, 9, 0)
        assert article.date_flag == DATE_FOUND
        # The lead the portal set apart becomes the summary.
        assert article.summary.startswith("Sáng nay, Trung tâm học tập cộng đồng Phường 5")
        assert article.paragraphs[0].startswith("Lớp học có 35 học viên")
        assert article.paragraphs[-1].startswith("Dịp này, trung tâm cũng ra mắt câu lạc bộ đọc sách")
        assert len(article.paragraphs) == 3
        assert [(image.src, image.caption) for image in article.images] == [
            (
                "./nukeviet-news_files/lop-tin-hoc.jpg",
                "Học viên thực hành tra cứu thông tin trên máy vi tính của trung tâm",
            ),
            ("./nukeviet-news_files/trao-may.jpg", "Đại diện doanh nghiệp trao tặng máy vi tính cho trung tâm"),
        ]
        assert article.images[0].alt == "Học viên thực hành trên máy vi tính"
        assert article.author == "Minh Khoa"
        assert article.source == "Phòng Giáo dục và Đào tạo thành phố"
        assert article.source_url == "http://mytho.example.gov.vn/"
        assert article.original_url == "http://pgd.mytho.example.gov.vn/news/tin-tuc/khai-giang-lop-tin-hoc-1234.html"
        text = all_text(article)
        for word in [*CHROME_WORDS, "Các tin khác", "Chia sẻ", "Tổng kết năm học 2018", "873.969"]:
            assert word not in text
        # Photos stay where they were in the text.
        kinds = [kind for kind, _value in article.body]
        assert kinds == ["paragraph", "image", "paragraph", "image", "paragraph"]

    def test_liferay_page(self):
        article = read("liferay-news.html")
        assert article.title == "Hội Khuyến học xã Tân Mỹ Chánh tổng kết năm học 2009 - 2010"
        assert article.published_at == at(2010, 7, 6, 10, 36)
        assert article.images[0].caption == "Lãnh đạo xã trao học bổng cho học sinh nghèo vượt khó"
        assert ("heading", "Phương hướng năm học mới") in article.body
        assert article.source == "Báo Ấp Bắc"
        assert article.original_url.startswith("https://tiengiang.example.gov.vn/")
        text = all_text(article)
        for word in [*CHROME_WORDS, "Thông báo tuyển sinh", "Chính phủ", "Cơ quan chủ quản", "Truy cập nội dung"]:
            assert word not in text

    def test_aspnet_page(self):
        article = read("aspnet-news.htm")
        assert article.title == "Trung tâm học tập cộng đồng phường Yên Thanh mở lớp kỹ năng sống trong hè"
        assert article.published_at == at(2020, 7, 11, 16, 37)
        assert len(article.paragraphs) == 3
        assert article.author == "Hồng Nhung"
        text = all_text(article)
        for word in ["TÌM KIẾM", "THÔNG BÁO", "Lịch thi", "Copyright", "Giới thiệu"]:
            assert word not in text

    def test_plain_text_save_with_a_heading_glued_to_the_title(self):
        article = read("plain-save.txt")
        assert article.title == 'Hội thi "Gia đình học tập" phường Phương Nam năm 2017'
        assert article.published_at == at(2017, 6, 20, 8, 15)
        assert len(article.paragraphs) == 3
        assert article.author == "Ngọc Hân"
        assert article.source == "Đài Truyền thanh thành phố"
        text = all_text(article)
        for word in [*CHROME_WORDS, "LIÊN KẾT", "Tin liên quan", "Tuyên dương 120 học sinh", "Văn bản"]:
            assert word not in text

    def test_the_portals_own_date_in_its_header_is_not_the_articles_date(self):
        # Portals print today's date in their header: the day the page was saved, not published.
        page = (
            "<html><body><div class='top'>Thứ Ba, 24/11/2026</div><ul class='menu'><li>Trang chủ</li></ul>"
            "<div class='box'><h3>Tin mới</h3><ul><li>Hội nghị giao ban công tác khuyến học quý III</li></ul></div>"
            "<h1>Hội Khuyến học xã Điền Công trao học bổng cho học sinh nghèo vượt khó</h1>"
            "<p>Nhân dịp năm học mới, Hội Khuyến học xã Điền Công trao 30 suất học bổng cho học sinh có hoàn cảnh "
            "khó khăn vươn lên trong học tập, mỗi suất trị giá 500.000 đồng.</p></body></html>"
        )
        article = extract(page.encode(), "tin.html")
        assert article.title == "Hội Khuyến học xã Điền Công trao học bổng cho học sinh nghèo vượt khó"
        assert article.published_at is None
        assert article.date_flag == DATE_MISSING

    def test_a_page_of_chrome_only_is_reported(self):
        with pytest.raises(ExtractError) as error:
            read("broken-menu-only.html")
        assert str(error.value)

    def test_key_is_the_original_url_or_a_hash_of_title_and_date(self):
        assert read("nukeviet-news.html").key == "url:" + read("nukeviet-news.html").original_url
        plain = read("plain-save.txt")
        assert plain.key.startswith("hash:")
        assert plain.key == read("plain-save.txt").key
        plain.published_at = at(2017, 6, 21)
        assert plain.key != read("plain-save.txt").key


class TestSeedPages:
    def test_my_tho_news_detail(self):
        path = seed("my-tho-portal-news-detail.txt")
        article = extract(path.read_bytes(), path.name)
        assert article.title == (
            "Trung tâm học tập cộng đồng và Hội Khuyến học Phường 4 thực hiện hiệu quả công tác "
            "xây dựng xã hội học tập"
        )
        assert article.published_at.date() == datetime.date(2017, 6, 20)
        assert article.date_flag == DATE_FOUND
        assert len(article.paragraphs) == 4
        assert article.paragraphs[0].startswith("Thời gian qua, hoạt động của các Trung tâm học tập cộng đồng")
        assert article.paragraphs[1].startswith(
            "Trung tâm học tập cộng đồng và Hội Khuyến học phường 4 được thành lập"
        )
        assert article.paragraphs[2].startswith("Trung tâm học tập cộng đồng P.4 còn phối hợp với Hội Khuyến học")
        assert article.paragraphs[3].startswith("Bá Đặng Thị Hoa Mùi - Chủ tịch Hội Khuyến học P.4")
        assert article.author == "Thanh Tùng"
        text = all_text(article)
        for word in [
            *CHROME_WORDS,
            "Chương trình truyền hình",
            "Hướng dẫn nộp hồ sơ",
            "Truyền hình Mỹ Tho",
            "THỐNG KÊ",
            "Thông báo",
            "LIÊN KẾT WEBSITE",
            "Chi tiết tin",
            "Chào mừng quý khách",
            "873969",
        ]:
            assert word not in text

    def test_uong_bi_inspection_report(self):
        path = seed("uong-bi-clc-inspection.txt")
        with translation.override("en"):
            article = extract(path.read_bytes(), path.name)
        assert article.title == "Kiểm tra tình hình hoạt động của các Trung tâm học tập cộng đồng Năm học 2016 - 2017"
        # Its only dates are in the running text: left for the editor, and flagged.
        assert article.published_at is None
        assert article.date_flag == DATE_MISSING
        assert any("date missing" in warning for warning in article.warnings)
        captions = [image.caption for image in article.images]
        assert len(captions) == 4
        assert captions[0].startswith("Trao đổi về công tác phát triển khuyến học khuyến tài")
        assert captions[2] == "Đoàn kiểm tra làm việc tại UBND phường Phương Nam"
        assert all(image.src is None for image in article.images)
        assert article.source == "Phan Thị Bích Huệ"
        assert "Nguồn tin" not in all_text(article).replace(article.source, "")
        assert len(article.paragraphs) == 3

    def test_uong_bi_glued_behind_the_previous_pages_chrome(self):
        path = seed("uong-bi-clc-inspection.txt")
        data = "Thông báo Thông báo\n\nLIÊN KẾT WEBSITE LIÊN KẾT WEBSITE ".encode() + path.read_bytes()
        article = extract(data, path.name)
        assert article.title == "Kiểm tra tình hình hoạt động của các Trung tâm học tập cộng đồng Năm học 2016 - 2017"
        assert "LIÊN KẾT" not in all_text(article)


class TestPortalBoxes:
    """Boxes of links around and inside the article are the portal's, whatever their titles say."""

    PARAGRAPHS = [
        "Thư viện có diện tích gần 60 mét vuông",
        "Phát biểu tại buổi lễ, bà Lê Thị Thu Hà",
        "Dịp này, Hội Khuyến học phường trao tặng 20 suất học bổng",
        "Tài liệu kèm theo:",
        "Kế hoạch số 12/KH-UBND về phát triển văn hóa đọc",
        "Nội quy thư viện cộng đồng khu phố 3",
        "Danh sách đơn vị tài trợ sách",
    ]
    CHROME = [
        "Đọc nhiều nhất", "Phường 6 ra quân dọn dẹp", "Lịch tiếp công dân", "Hướng dẫn đăng ký tạm trú",
        "Chia sẻ:", "In bài", "Gửi email", "Zalo", "Tweet", "Thích 12", "Về đầu trang",
        "Từ khóa", "văn hóa đọc,", "Các bài viết cùng chuyên mục", "Hội thi kể chuyện", "(05/03/2021)",
        "Tiêu điểm trong tuần", "đẩy mạnh chuyển đổi số", "Người dân có thể nộp hồ sơ", "Tiêm chủng",
    ]  # fmt: skip

    def check(self, article):
        assert article.title == "Phường 6 khánh thành thư viện cộng đồng tại khu phố 3"
        assert article.published_at == at(2021, 3, 18, 15, 20)
        assert article.summary.startswith("Sáng 17/3, Ủy ban nhân dân Phường 6")
        assert article.author == "Minh Khoa"
        starts = [text[: len(start)] for text, start in zip(article.paragraphs, self.PARAGRAPHS, strict=True)]
        assert starts == self.PARAGRAPHS
        # The photo of the article and its caption stay; thumbnails and share icons go.
        assert [(image.src, image.caption) for image in article.images] == [
            (
                "/images/2021/03/thu-vien-kp3.jpg",
                "Lãnh đạo phường và Hội Khuyến học cắt băng khánh thành thư viện cộng đồng khu phố 3",
            )
        ]
        text = all_text(article)
        assert not [words for words in self.CHROME if words in text]
        assert "chia sẻ kinh nghiệm" in text  # the word in a sentence is not a share bar
        assert article.warnings == []

    def test_most_read_related_share_and_tags_are_removed_inside_and_after_the_body(self):
        self.check(read("joomla-boxes-news.html"))

    def test_boxes_are_found_by_their_shape_not_by_their_titles(self):
        data = (FIXTURES / "joomla-boxes-news.html").read_text(encoding="utf-8")
        for title in ("Đọc nhiều nhất", "Từ khóa:", "Các bài viết cùng chuyên mục", "Tiêu điểm trong tuần"):
            data = data.replace(title, "Hộp số " + str(len(title)))
        article = extract(data.encode(), "renamed.html")
        self.check(article)
        assert "Hộp số" not in all_text(article)

    def test_a_list_of_links_right_under_the_title_does_not_take_the_title(self):
        page = (
            "<html><head><title>Xã Tân Mỹ Chánh ra mắt câu lạc bộ dưỡng sinh - Cổng thông tin xã</title></head><body>"
            "<h2>Xã Tân Mỹ Chánh ra mắt câu lạc bộ dưỡng sinh</h2>"
            '<div><a href="/tag/a.html">dưỡng sinh</a> <a href="/tag/b.html">người cao tuổi</a> '
            '<a href="/tag/c.html">sức khỏe</a></div>'
            "<p>Câu lạc bộ có 35 hội viên, sinh hoạt vào sáng thứ Ba và thứ Sáu hằng tuần tại hội trường ấp Mỹ "
            "Lợi, dưới sự hướng dẫn của hai hướng dẫn viên của Hội Người cao tuổi tỉnh.</p>"
            '<div role="complementary"><p>Hôm nay có 12 sự kiện mới trong lịch làm việc của ủy ban xã.</p></div>'
            "</body></html>"
        )
        article = extract(page.encode(), "club.html")
        assert article.title == "Xã Tân Mỹ Chánh ra mắt câu lạc bộ dưỡng sinh"
        assert article.paragraphs == [
            "Câu lạc bộ có 35 hội viên, sinh hoạt vào sáng thứ Ba và thứ Sáu hằng tuần tại hội trường ấp Mỹ Lợi, "
            "dưới sự hướng dẫn của hai hướng dẫn viên của Hội Người cao tuổi tỉnh."
        ]

    def test_a_sentence_that_links_its_words_stays(self):
        sentence = (
            'Chi tiết xem <a href="/tin/1.html">Quyết định phê duyệt kế hoạch</a>, '
            '<a href="/tin/2.html">hướng dẫn của Sở Giáo dục</a> và <a href="/tin/3.html">thông báo tuyển sinh</a>.'
        )
        page = (
            "<html><head><title>Phường 6 tuyển sinh lớp xóa mù chữ năm 2021</title></head><body>"
            "<h2>Phường 6 tuyển sinh lớp xóa mù chữ năm 2021</h2>"
            "<p>Trung tâm học tập cộng đồng phường tuyển sinh lớp xóa mù chữ cho người từ 15 đến 60 tuổi, học miễn "
            "phí vào buổi tối từ thứ Hai đến thứ Sáu tại nhà văn hóa khu phố 2.</p>"
            f"<p>{sentence}</p></body></html>"
        )
        article = extract(page.encode(), "literacy.html")
        assert article.paragraphs[-1] == (
            "Chi tiết xem Quyết định phê duyệt kế hoạch, hướng dẫn của Sở Giáo dục và thông báo tuyển sinh."
        )
