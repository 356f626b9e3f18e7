"""Centres: the Vietnamese sort key, administrative units and model validation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from centers.collation import vi_sort_key
from centers.models import AdministrativeUnit, CenterPage, CenterPerson, CenterPhoto, Inspection, YearlyReport
from centers.validators import validate_school_year
from tests.centers import factories


def vi_sorted(names):
    return sorted(names, key=vi_sort_key)


class TestSortKey:
    def test_letters_then_tones_in_dictionary_order(self):
        assert vi_sorted(["Mạ", "Ma", "Mà", "Mả", "Mã", "Má", "Ă", "Đ"]) == [
            "Ă",
            "Đ",
            "Ma",
            "Mà",
            "Mả",
            "Mã",
            "Má",
            "Mạ",
        ]

    def test_vowel_letters_follow_the_vietnamese_alphabet(self):
        assert vi_sorted(["ơ", "o", "ô", "e", "ê", "u", "ư", "â", "ă", "a"]) == [
            "a", "ă", "â", "e", "ê", "o", "ô", "ơ", "u", "ư",
        ]  # fmt: skip

    def test_d_with_stroke_comes_after_d(self):
        assert vi_sorted(["Đông", "Dương", "Em", "Cao"]) == ["Cao", "Dương", "Đông", "Em"]

    def test_words_are_compared_one_by_one(self):
        assert vi_sorted(["Anh", "An Bình", "Ân"]) == ["An Bình", "Anh", "Ân"]

    def test_numbers_compare_by_value(self):
        assert vi_sorted(["Phường 10", "Phường 4", "Phường 2"]) == ["Phường 2", "Phường 4", "Phường 10"]

    def test_nfc_and_nfd_give_the_same_key(self):
        import unicodedata

        name = "Trung tâm học tập cộng đồng Điền Công"
        assert vi_sort_key(unicodedata.normalize("NFD", name)) == vi_sort_key(name)

    def test_key_is_ascii_digits_so_every_database_orders_it_alike(self):
        assert vi_sort_key("Hội Khuyến học P.4").isdigit()
        assert vi_sort_key("").isdigit()

    @pytest.mark.django_db
    def test_database_orders_units_in_vietnamese_order(self):
        places = factories.seeded_places()
        added = ["Ân Thi", "An Bình", "Anh Sơn", "Đông Hải", "Dương Minh Châu"]
        for name in added:
            factories.unit("commune", name, places["quang_ninh"])
        names = list(
            AdministrativeUnit.objects.filter(parent=places["quang_ninh"], name__in=[*added, "Uông Bí", "Yên Tử"])
            .order_by("name_sort")
            .values_list("name", flat=True)
        )
        assert names == ["An Bình", "Anh Sơn", "Ân Thi", "Dương Minh Châu", "Đông Hải", "Uông Bí", "Yên Tử"]


class TestSchoolYear:
    @pytest.mark.parametrize("value", ["2016-2017", "1999-2000"])
    def test_consecutive_years_are_accepted(self, value):
        validate_school_year(value)

    @pytest.mark.parametrize("value", ["2016-2018", "2017-2016", "2016/2017", "16-17", "2016-2017 ", ""])
    def test_other_forms_are_refused_in_vietnamese(self, value):
        with translation.override("vi"), pytest.raises(ValidationError) as error:
            validate_school_year(value)
        assert "Năm học phải gồm hai năm liên tiếp" in str(error.value.messages[0])


@pytest.mark.django_db
class TestAdministrativeUnit:
    def test_seeded_units_are_there_with_their_codes_and_former_names(self):
        places = factories.seeded_places()
        assert places["quang_ninh"].code == "22"
        assert places["dong_thap"].code == "82"
        assert "Phường 4, thành phố Mỹ Tho" in places["dao_thanh"].former_names
        assert "Phường Yên Thanh" in places["uong_bi"].former_names
        assert "Phường Phương Nam" in places["yen_tu"].former_names
        assert str(places["uong_bi"]) == "Phường Uông Bí"

    def test_commune_needs_a_province(self):
        unit = AdministrativeUnit(level="commune", unit_type="xa", name="Thử")
        with translation.override("vi"), pytest.raises(ValidationError) as error:
            unit.full_clean()
        assert "Hãy chọn tỉnh, thành phố" in str(error.value.message_dict["parent"])

    def test_code_is_digits_of_the_right_length(self):
        places = factories.seeded_places()
        letters = AdministrativeUnit(
            level="commune", unit_type="xa", name="Thử", parent=places["quang_ninh"], code="7A"
        )
        with translation.override("vi"), pytest.raises(ValidationError) as error:
            letters.full_clean()
        assert "chỉ gồm chữ số" in " ".join(error.value.message_dict["code"])
        short = AdministrativeUnit(
            level="commune", unit_type="xa", name="Thử", parent=places["quang_ninh"], code="123"
        )
        with translation.override("vi"), pytest.raises(ValidationError) as error:
            short.full_clean()
        assert "gồm 5 chữ số" in " ".join(error.value.message_dict["code"])

    def test_code_is_unique_per_level(self):
        duplicate = AdministrativeUnit(level="province", unit_type="tinh", name="Khác", code="22")
        with translation.override("vi"), pytest.raises(ValidationError) as error:
            duplicate.full_clean()
        assert "đã dùng mã này" in str(error.value)

    def test_type_must_match_level(self):
        unit = AdministrativeUnit(level="province", unit_type="phuong", name="Khác")
        with pytest.raises(ValidationError) as error:
            unit.full_clean()
        assert "unit_type" in error.value.message_dict


@pytest.mark.django_db
class TestCenterValidation:
    @pytest.fixture
    def index(self, home_page):
        return factories.center_index(home_page)

    def test_commune_outside_the_province_is_refused(self, index):
        places = factories.seeded_places()
        page = CenterPage(title="TT thử", province=places["dong_thap"], commune=places["uong_bi"])
        with translation.override("vi"), pytest.raises(ValidationError) as error:
            page.clean()
        assert "Phường Uông Bí không thuộc Tỉnh Đồng Tháp" in str(error.value.message_dict["commune"])

    def test_merged_centre_needs_the_centre_it_merged_into(self, index):
        places = factories.seeded_places()
        page = CenterPage(title="TT thử", province=places["quang_ninh"], commune=places["uong_bi"], status="merged")
        with translation.override("vi"), pytest.raises(ValidationError) as error:
            page.clean()
        assert "đã sáp nhập vào" in str(error.value.message_dict["merged_into"])

    def test_active_centre_cannot_name_a_centre_it_merged_into(self, index):
        places = factories.seeded_places()
        other = factories.center(index, "TT khác", places["uong_bi"])
        page = CenterPage(title="TT thử", province=places["quang_ninh"], commune=places["uong_bi"], merged_into=other)
        with pytest.raises(ValidationError) as error:
            page.clean()
        assert "merged_into" in error.value.message_dict

    def test_founding_decision_cannot_be_in_the_future(self, index):
        places = factories.seeded_places()
        page = CenterPage(
            title="TT thử",
            province=places["quang_ninh"],
            commune=places["uong_bi"],
            founding_decision_date=datetime.date.today() + datetime.timedelta(days=30),
        )
        with translation.override("vi"), pytest.raises(ValidationError) as error:
            page.clean()
        assert "không thể mang ngày trong tương lai" in str(error.value.message_dict["founding_decision_date"])

    def test_inspection_dates_must_be_in_order(self):
        inspection = Inspection(
            date=datetime.date(2016, 11, 15), end_date=datetime.date(2016, 10, 25), inspecting_body="Phòng GD&ĐT"
        )
        with translation.override("vi"), pytest.raises(ValidationError) as error:
            inspection.clean()
        assert "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu" in str(error.value.message_dict["end_date"])

    def test_other_role_needs_words(self):
        person = CenterPerson(name="Nguyễn Văn A", role="other")
        with pytest.raises(ValidationError) as error:
            person.clean()
        assert "role_other" in error.value.message_dict
        assert CenterPerson(name="A", role="other", role_other="Cố vấn").role_label == "Cố vấn"

    def test_photo_needs_alt_text(self):
        photo = CenterPhoto(image_id=1, alt="  ")
        with translation.override("vi"), pytest.raises(ValidationError) as error:
            photo.clean()
        assert "văn bản thay thế" in str(error.value.message_dict["alt"])

    def test_report_totals(self):
        report = YearlyReport(
            school_year="2016-2017", classes_law=15, classes_quality_of_life=11, funding_state=30_000_000,
            funding_donors=5_000_000,
        )  # fmt: skip
        assert report.total_classes == 26
        assert report.total_funding == 35_000_000

    def test_slug_is_ascii_and_keeps_d(self, index):
        places = factories.seeded_places()
        page = CenterPage(title="Trung tâm học tập cộng đồng Điền Công", province=places["quang_ninh"],
                          commune=places["uong_bi"])  # fmt: skip
        index.add_child(instance=page)
        assert page.slug == "trung-tam-hoc-tap-cong-dong-dien-cong"

    def test_people_and_centres_get_sort_and_search_keys(self, index):
        places = factories.seeded_places()
        page = factories.center(index, "Trung tâm Yên Thanh", places["uong_bi"], short_names="TTHTCĐ Yên Thanh")
        assert "yen thanh" in page.name_folded
        assert page.name_sort == vi_sort_key("Trung tâm Yên Thanh")
