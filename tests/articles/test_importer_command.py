"""``manage.py import_pages``: saved pages from old portals become NewsPage drafts, safely and repeatably."""

import io
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from PIL import Image as PILImage
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from articles.hooks import REPORT_IMPORTED
from articles.models import ImportRecord, NewsPage
from cms import hooks as sen_hooks
from cms.hooks import LinkTarget
from tests.articles.factories import make_news_index

FIXTURES = Path(__file__).parent / "fixtures" / "legacy"
SEEDS = Path(__file__).resolve().parent.parent.parent.parent / "shared" / "seeds"
GOOD_FIXTURES = ["aspnet-news.htm", "cp1258-news.htm", "liferay-news.html", "nukeviet-news.html", "plain-save.txt",
                 "tcvn3-news.htm"]  # fmt: skip


def run(*args):
    """Run the command in English and return what it printed."""
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_pages", *[str(arg) for arg in args], stdout=out)
    return out.getvalue()


def copy_fixtures(folder, names=GOOD_FIXTURES):
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def write_photo(path, colour="teal"):
    path.parent.mkdir(parents=True, exist_ok=True)
    PILImage.new("RGB", (640, 480), colour).save(path, "JPEG")
    return path


def counts():
    return {
        "pages": Page.objects.count(),
        "news": NewsPage.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "records": ImportRecord.objects.count(),
    }


def write_inspection_page(path, photo=None):
    """An education department's report on inspecting the Yên Thanh centre, with a photo if asked."""
    image = (
        f'<p><img src="{photo}" alt="Đoàn kiểm tra"></p><p><em>Đoàn kiểm tra tại trung tâm</em></p>' if photo else ""
    )
    path.write_text(
        "<html><body><h1>Kiểm tra hoạt động của Trung tâm học tập cộng đồng phường Yên Thanh</h1>"
        "<p>Ngày đăng: 16/11/2016</p><p>Từ ngày 25/10/2016 đến ngày 15/11/2016, đoàn kiểm tra của Phòng "
        "Giáo dục và Đào tạo đã làm việc với TTHTCĐ Yên Thanh về kết quả hoạt động năm học 2016 - 2017.</p>"
        f"{image}<p>Trung tâm đã mở 26 lớp chuyên đề, thu hút gần 2.000 lượt người dân tham gia.</p></body></html>",
        encoding="utf-8",
    )
    return path


def yen_thanh_centre(page):
    return LinkTarget(names=["TTHTCĐ Yên Thanh"], page=page, kind="center", context={"commune": "Phường Yên Thanh"})


@pytest.mark.django_db
class TestImport:
    def test_pages_become_drafts_that_are_not_live(self, news_index, tmp_path):
        output = run(copy_fixtures(tmp_path / "saved"))
        pages = NewsPage.objects.child_of(news_index)
        assert pages.count() == len(GOOD_FIXTURES)
        assert not pages.filter(live=True).exists()
        for page in pages:
            assert page.has_unpublished_changes
            assert page.latest_revision is not None
        assert f"Summary: created {len(GOOD_FIXTURES)}, updated 0, skipped 0." in output

    def test_the_draft_carries_the_extracted_article(self, news_index, tmp_path):
        run(copy_fixtures(tmp_path, ["aspnet-news.htm"]))
        page = NewsPage.objects.get()
        assert page.title == "Trung tâm học tập cộng đồng phường Yên Thanh mở lớp kỹ năng sống trong hè"
        assert page.slug == "trung-tam-hoc-tap-cong-dong-phuong-yen-thanh-mo-lop-ky-nang-song-trong-he"
        assert page.date.isoformat() == "2020-07-11T09:37:00+00:00"
        assert page.author == "Hồng Nhung"
        paragraphs = [block.value.source for block in page.body if block.block_type == "paragraph"]
        assert paragraphs[-1].startswith("<p>Lớp học miễn phí, kinh phí do Hội Khuyến học phường")
        assert len(paragraphs) == 3
        assert page.summary == ""

    def test_importing_again_updates_the_same_draft(self, news_index, tmp_path):
        folder = copy_fixtures(tmp_path)
        run(folder)
        before = counts()
        ids = set(NewsPage.objects.values_list("pk", flat=True))
        output = run(folder)
        after = counts()
        assert after["news"] == before["news"]
        assert after["records"] == before["records"]
        assert set(NewsPage.objects.values_list("pk", flat=True)) == ids
        assert after["revisions"] == before["revisions"] + len(GOOD_FIXTURES)
        assert f"Summary: created 0, updated {len(GOOD_FIXTURES)}, skipped 0." in output

    def test_a_draft_an_editor_has_changed_is_not_overwritten(self, news_index, tmp_path):
        folder = copy_fixtures(tmp_path, ["plain-save.txt"])
        run(folder)
        page = NewsPage.objects.get()
        page.title = "Hội thi Gia đình học tập năm 2017"
        page.save_revision()
        output = run(folder)
        assert "skipped 1" in output
        assert "--overwrite" in output
        assert page.get_latest_revision_as_object().title == "Hội thi Gia đình học tập năm 2017"
        output = run(folder, "--overwrite")
        assert "updated 1" in output
        assert NewsPage.objects.get().get_latest_revision_as_object().title.startswith('Hội thi "Gia đình học tập"')

    def test_dry_run_changes_nothing(self, news_index, tmp_path):
        folder = copy_fixtures(tmp_path)
        write_photo(folder / "nukeviet-news_files" / "lop-tin-hoc.jpg")
        before = counts()
        output = run(folder, "--dry-run")
        assert counts() == before
        assert output.count("WOULD CREATE") == len(GOOD_FIXTURES)
        assert f"would create {len(GOOD_FIXTURES)}, would update 0, skip 0" in output

    def test_a_broken_page_is_skipped_with_its_reason_and_the_others_import(self, news_index, tmp_path):
        folder = copy_fixtures(tmp_path, ["plain-save.txt", "broken-menu-only.html"])
        (folder / "empty.html").write_bytes(b"")
        (folder / "garbled.txt").write_bytes(bytes(range(0x80, 0x100)) * 20)
        output = run(folder)
        assert NewsPage.objects.count() == 1
        assert "Summary: created 1, updated 0, skipped 3." in output
        assert f"skipped {folder / 'empty.html'}: the file is empty" in output
        assert f"skipped {folder / 'garbled.txt'}: the text encoding could not be recognised" in output
        assert f"skipped {folder / 'broken-menu-only.html'}: no text was found in the page" in output

    def test_a_page_that_fails_while_saving_leaves_nothing_behind(self, news_index, tmp_path, home_page):
        folder = copy_fixtures(tmp_path, ["plain-save.txt"])
        write_inspection_page(folder / "kiem-tra.html", photo="kiem-tra_files/doan.jpg")
        write_photo(folder / "kiem-tra_files" / "doan.jpg")

        def attach_fails(report):
            raise RuntimeError("the centre could not be saved")

        media_before = set(Path(settings.MEDIA_ROOT).rglob("*"))

        with hooks.register_temporarily(
            [(sen_hooks.LINK_TARGETS, lambda: [yen_thanh_centre(home_page)]), (REPORT_IMPORTED, attach_fails)]
        ):
            output = run(folder)
        assert "Summary: created 1, updated 0, skipped 1." in output
        assert "the centre could not be saved" in output
        titles = list(NewsPage.objects.values_list("title", flat=True))
        assert titles == ['Hội thi "Gia đình học tập" phường Phương Nam năm 2017']
        assert ImportRecord.objects.count() == 1
        assert get_image_model().objects.count() == 0
        # Nor the photo's file in the media folder (other tests share that folder: compare).
        assert not [path for path in set(Path(settings.MEDIA_ROOT).rglob("*")) - media_before if "doan" in path.name]

    def test_the_uong_bi_report_keeps_no_date_and_is_flagged(self, news_index, tmp_path):
        if not (SEEDS / "uong-bi-clc-inspection.txt").exists():
            pytest.skip(f"the seed pages are not here ({SEEDS} is missing)")
        shutil.copy(SEEDS / "uong-bi-clc-inspection.txt", tmp_path / "uong-bi.txt")
        output = run(tmp_path / "uong-bi.txt")
        page = NewsPage.objects.get()
        assert page.date is None
        assert page.source == "Phan Thị Bích Huệ"
        assert "date missing" in output.split("To check by an editor:")[1]
        captions = [block.value.source for block in page.body if "<i>" in block.value.source]
        assert len(captions) == 4
        assert "images missing: 4 photo(s)" in output


@pytest.mark.django_db
class TestImages:
    def test_photos_next_to_the_page_go_into_the_image_library_once(self, news_index, tmp_path):
        folder = copy_fixtures(tmp_path, ["nukeviet-news.html"])
        write_photo(folder / "nukeviet-news_files" / "lop-tin-hoc.jpg")
        output = run(folder)
        page = NewsPage.objects.get()
        images = [block.value for block in page.body if block.block_type == "image"]
        assert len(images) == 1
        assert images[0]["caption"] == "Học viên thực hành tra cứu thông tin trên máy vi tính của trung tâm"
        assert images[0]["alt"] == "Học viên thực hành trên máy vi tính"
        assert images[0]["image"].width == 640
        # The second photo is not there: said, and its caption kept in the text.
        assert "images missing: 1 photo(s)" in output
        assert any(
            "Đại diện doanh nghiệp trao tặng" in block.value.source
            for block in page.body
            if block.block_type == "paragraph"
        )
        run(folder)
        assert get_image_model().objects.count() == 1

    def test_the_same_photo_saved_with_two_pages_is_one_image(self, news_index, tmp_path):
        folder = copy_fixtures(tmp_path, ["nukeviet-news.html", "liferay-news.html"])
        write_photo(folder / "nukeviet-news_files" / "lop-tin-hoc.jpg", colour="orange")
        write_photo(folder / "liferay-news_files" / "hoc-bong.jpg", colour="orange")
        run(folder)
        assert get_image_model().objects.count() == 1

    def test_a_lead_photo_becomes_the_main_image(self, news_index, tmp_path):
        folder = copy_fixtures(tmp_path, ["liferay-news.html"])
        write_photo(folder / "liferay-news_files" / "hoc-bong.jpg")
        date_line = '<p class="date-line">06/07/2010, 10:36 (GMT+7)</p>'
        lead_photo = (
            '<figure><img src="liferay-news_files/hoc-bong.jpg" alt="Quang cảnh buổi tổng kết">'
            "<figcaption>Quang cảnh buổi tổng kết</figcaption></figure>"
        )
        page_html = (FIXTURES / "liferay-news.html").read_text(encoding="utf-8")
        (folder / "liferay-news.html").write_text(
            page_html.replace(date_line, date_line + lead_photo), encoding="utf-8"
        )
        run(folder)
        page = NewsPage.objects.get()
        assert page.main_image is not None
        assert page.main_image_alt == "Quang cảnh buổi tổng kết"
        assert page.main_image_caption == "Quang cảnh buổi tổng kết"


@pytest.mark.django_db
class TestCentreMentions:
    def test_a_centre_named_in_the_text_links_to_its_page(self, news_index, tmp_path, home_page):
        centre = home_page  # any page stands for the centre's page here
        targets = [LinkTarget(names=["Trung tâm học tập cộng đồng xã Tân Mỹ Chánh"], page=centre, kind="center")]
        with hooks.register_temporarily(sen_hooks.LINK_TARGETS, lambda: targets):
            output = run(copy_fixtures(tmp_path, ["liferay-news.html"]))
        page = NewsPage.objects.get()
        html = "".join(block.value.source for block in page.body if block.block_type == "paragraph")
        # The first mention links, once: here the commune's study-promotion association.
        assert f'<a linktype="page" id="{centre.pk}">Hội Khuyến học xã Tân Mỹ Chánh</a>' in html
        assert html.count(f'id="{centre.pk}"') == 1
        assert f"links to “{centre.title}”" in output

    def test_a_centre_named_by_its_place_links(self, news_index, tmp_path, home_page):
        targets = [yen_thanh_centre(home_page)]
        calls = []
        with hooks.register_temporarily(
            [(sen_hooks.LINK_TARGETS, lambda: targets), (REPORT_IMPORTED, lambda *args: calls.append(args))]
        ):
            run(copy_fixtures(tmp_path, ["aspnet-news.htm"]))
        html = "".join(block.value.source for block in NewsPage.objects.get().body)
        assert f'<a linktype="page" id="{home_page.pk}">Trung tâm học tập cộng đồng phường Yên Thanh</a>' in html
        # A summer class is not an inspection report: nothing to attach.
        assert calls == []

    def test_two_centres_sharing_a_place_are_not_guessed_between(self, news_index, tmp_path, home_page):
        targets = [
            LinkTarget(names=["Trung tâm học tập cộng đồng Yên Thanh A"], page=home_page, kind="center",
                       context={"commune": "Phường Yên Thanh"}),
            LinkTarget(names=["Trung tâm học tập cộng đồng Yên Thanh B"], page=news_index, kind="center",
                       context={"commune": "Phường Yên Thanh"}),
        ]  # fmt: skip
        with hooks.register_temporarily(sen_hooks.LINK_TARGETS, lambda: targets):
            run(copy_fixtures(tmp_path, ["aspnet-news.htm"]))
        assert "linktype" not in "".join(block.value.source for block in NewsPage.objects.get().body)

    def test_an_inspection_report_is_attached_to_the_centre(self, news_index, tmp_path, home_page):
        targets = [yen_thanh_centre(home_page)]
        calls = []

        def attach(report):
            page, mentioned = report.article, report.targets
            calls.append((page.pk, page.live, page.date, [t.page.pk for t in mentioned]))
            return ["attached to the inspection of 25/10/2016"]

        write_inspection_page(tmp_path / "kiem-tra.html")
        with hooks.register_temporarily([(sen_hooks.LINK_TARGETS, lambda: targets), (REPORT_IMPORTED, attach)]):
            output = run(tmp_path / "kiem-tra.html")
        page = NewsPage.objects.get()
        assert calls == [(page.pk, False, page.date, [home_page.pk])]
        assert timezone.localtime(page.date).date().isoformat() == "2016-11-16"
        assert "attached to the inspection of 25/10/2016" in output

    def test_no_hooks_no_links_and_text_is_escaped(self, news_index, tmp_path):
        folder = tmp_path / "saved"
        folder.mkdir()
        (folder / "tin.txt").write_text(
            "Lớp học <b>miễn phí</b> & trao 85 suất học bổng cho học sinh nghèo vượt khó\n20/06/2017\n\n"
            + "Trong năm học, hội đã vận động được hơn 120 triệu đồng và trao 85 suất học bổng <script>x</script>. "
            * 3,
            encoding="utf-8",
        )
        run(folder)
        page = NewsPage.objects.get()
        source = page.body[0].value.source
        assert "<script>" not in source
        assert "&lt;script&gt;" in source
        assert "linktype" not in source


@pytest.mark.django_db
class TestUsage:
    def test_without_a_news_index_the_command_says_what_to_do(self, home_page, tmp_path):
        with pytest.raises(CommandError, match="news index"):
            run(copy_fixtures(tmp_path, ["plain-save.txt"]))

    def test_a_missing_path_is_a_usage_error(self, news_index, tmp_path):
        with pytest.raises(CommandError, match="No such file or folder"):
            run(tmp_path / "khong-co")

    def test_the_index_can_be_named_by_slug_or_id(self, news_index, home_page, tmp_path):
        other = make_news_index(home_page, slug="tin-giao-duc", title="Tin giáo dục")
        run(copy_fixtures(tmp_path, ["plain-save.txt"]), "--index", "tin-giao-duc")
        assert NewsPage.objects.child_of(other).count() == 1
        with pytest.raises(CommandError, match="khong-co"):
            run(tmp_path, "--index", "khong-co")
        run(copy_fixtures(tmp_path / "b", ["aspnet-news.htm"]), "--index", str(news_index.pk))
        assert NewsPage.objects.child_of(news_index).count() == 1

    def test_asset_folders_are_not_read_as_pages(self, news_index, tmp_path):
        folder = copy_fixtures(tmp_path, ["plain-save.txt"])
        (folder / "plain-save_files").mkdir()
        (folder / "plain-save_files" / "menu.htm").write_text("<html><body>Trang chủ</body></html>", encoding="utf-8")
        output = run(folder)
        assert "Summary: created 1, updated 0, skipped 0." in output


def make_mht(path, html, photos):
    """A single-file web archive as Internet Explorer saved it: the page and its photos in one MIME file."""
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    archive = MIMEMultipart("related", type="text/html")
    page = MIMEText(html, "html", "utf-8")
    page["Content-Location"] = "http://uongbi.example.gov.vn/tin-tuc/kiem-tra-tthtcd.htm"
    archive.attach(page)
    for address, colour in photos.items():
        buffer = io.BytesIO()
        PILImage.new("RGB", (320, 240), colour).save(buffer, "JPEG")
        photo = MIMEImage(buffer.getvalue(), "jpeg")
        photo["Content-Location"] = address
        archive.attach(photo)
    path.write_bytes(archive.as_bytes())
    return path


@pytest.mark.django_db
class TestWebArchives:
    def test_an_mht_archive_brings_its_photos_and_address(self, news_index, tmp_path):
        html = (
            "<html><body><div class='menu'>Trang chủ | Tin tức | Liên hệ</div>"
            "<h1>Đoàn kiểm tra làm việc tại Trung tâm học tập cộng đồng phường Phương Nam</h1>"
            "<p>Cập nhật lúc 09:30 ngày 26/10/2016</p>"
            "<p>Sáng 25/10, đoàn kiểm tra của Phòng Giáo dục và Đào tạo làm việc với trung tâm về kết quả hoạt động "
            "năm học 2016 - 2017 và kế hoạch mở lớp chuyên đề cho người dân.</p>"
            "<p><img src='images/doan-kiem-tra.jpg' alt='Đoàn kiểm tra làm việc'></p>"
            "<p><em>Đoàn kiểm tra làm việc tại trụ sở Ủy ban nhân dân phường</em></p>"
            "<p>Nguồn tin: Phòng GD&amp;ĐT</p></body></html>"
        )
        path = make_mht(
            tmp_path / "kiem-tra.mht", html, {"http://uongbi.example.gov.vn/tin-tuc/images/doan-kiem-tra.jpg": "green"}
        )
        output = run(path)
        page = NewsPage.objects.get()
        assert page.title == "Đoàn kiểm tra làm việc tại Trung tâm học tập cộng đồng phường Phương Nam"
        assert page.date.isoformat() == "2016-10-26T02:30:00+00:00"
        image = next(block.value for block in page.body if block.block_type == "image")
        assert image["caption"] == "Đoàn kiểm tra làm việc tại trụ sở Ủy ban nhân dân phường"
        assert image["image"].width == 320
        assert ImportRecord.objects.get().original_url == "http://uongbi.example.gov.vn/tin-tuc/kiem-tra-tthtcd.htm"
        assert "images missing" not in output

    def test_an_undated_article_is_not_attached_by_a_guessed_date(self, news_index, tmp_path, home_page):
        if not (SEEDS / "uong-bi-clc-inspection.txt").exists():
            pytest.skip(f"the seed pages are not here ({SEEDS} is missing)")
        shutil.copy(SEEDS / "uong-bi-clc-inspection.txt", tmp_path / "uong-bi.txt")
        targets = [yen_thanh_centre(home_page)]
        calls = []
        with hooks.register_temporarily(
            [(sen_hooks.LINK_TARGETS, lambda: targets), (REPORT_IMPORTED, lambda *args: calls.append(args))]
        ):
            output = run(tmp_path / "uong-bi.txt")
        assert calls == []
        assert "the article has no date" in output
        html = "".join(block.value.source for block in NewsPage.objects.get().body)
        assert f'<a linktype="page" id="{home_page.pk}">' in html


@pytest.mark.django_db
def test_the_report_is_in_vietnamese_for_the_operator(news_index, tmp_path):
    out = io.StringIO()
    with translation.override("vi"):
        call_command(
            "import_pages", str(copy_fixtures(tmp_path, ["plain-save.txt", "broken-menu-only.html"])), stdout=out
        )
    output = out.getvalue()
    assert "Tổng kết: đã tạo 1, đã cập nhật 0, bỏ qua 1." in output
    assert "không tìm thấy nội dung nào trong trang" in output


@pytest.mark.django_db
def test_a_text_save_gets_the_photos_of_its_folder_in_caption_order(news_index, tmp_path):
    if not (SEEDS / "uong-bi-clc-inspection.txt").exists():
        pytest.skip(f"the seed pages are not here ({SEEDS} is missing)")
    shutil.copy(SEEDS / "uong-bi-clc-inspection.txt", tmp_path / "uong-bi.txt")
    for number, colour in enumerate(["red", "green", "blue", "yellow"], start=1):
        write_photo(tmp_path / "uong-bi_files" / f"anh-{number}.jpg", colour=colour)
    output = run(tmp_path / "uong-bi.txt")
    page = NewsPage.objects.get()
    images = [block.value for block in page.body if block.block_type == "image"]
    assert len(images) == 4
    assert images[0]["caption"].startswith("Trao đổi về công tác phát triển khuyến học")
    assert images[2]["caption"] == "Đoàn kiểm tra làm việc tại UBND phường Phương Nam"
    assert [image["image"].title for image in images] == [image["caption"] for image in images]
    assert get_image_model().objects.count() == 4
    assert "photos paired with their captions in file-name order" in output
    assert "images missing" not in output


@pytest.mark.django_db
def test_a_page_the_parser_chokes_on_is_skipped(news_index, tmp_path, monkeypatch):
    from articles.importer import load

    folder = copy_fixtures(tmp_path, ["plain-save.txt", "aspnet-news.htm"])
    real_extract = load.extract

    def choke(data, filename):
        if filename.endswith(".htm"):
            raise RecursionError("maximum recursion depth exceeded")
        return real_extract(data, filename)

    monkeypatch.setattr(load, "extract", choke)
    output = run(folder)
    assert "Summary: created 1, updated 0, skipped 1." in output
    assert "could not be read as a page: maximum recursion depth exceeded" in output


@pytest.mark.django_db
def test_revisions_can_be_saved_in_an_editors_name(news_index, tmp_path, django_user_model):
    editor = django_user_model.objects.create_user(username="bientap", password="x")
    run(copy_fixtures(tmp_path, ["plain-save.txt"]), "--user", "bientap")
    assert NewsPage.objects.get().latest_revision.user == editor
    with pytest.raises(CommandError, match="khong-ai"):
        run(tmp_path, "--user", "khong-ai")


@pytest.mark.django_db
def test_overwriting_a_published_article_leaves_the_live_version_alone(news_index, tmp_path):
    folder = copy_fixtures(tmp_path, ["aspnet-news.htm"])
    run(folder)
    page = NewsPage.objects.get()
    page.title = "Lớp kỹ năng sống hè 2020 ở phường Yên Thanh"
    page.save_revision().publish()
    output = run(folder, "--overwrite")
    assert "updated 1" in output
    page.refresh_from_db()
    assert page.live
    assert page.title == "Lớp kỹ năng sống hè 2020 ở phường Yên Thanh"
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title.startswith("Trung tâm học tập cộng đồng phường Yên Thanh")
