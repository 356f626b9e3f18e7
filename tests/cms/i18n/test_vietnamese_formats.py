"""Vietnamese formats: day-first dates in and out, dotted thousands, weeks from Monday, ASCII slugs."""

import datetime
import unicodedata

import pytest
from django import forms
from django.template import Context, Template
from django.utils import formats, translation

from cms.text import fold, format_long_date, format_number, slugify_vi


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_long_date_reads_like_a_vietnamese_portal():
    assert format_long_date(datetime.date(2017, 6, 20)) == "Thứ Ba, 20/06/2017"
    assert format_long_date(datetime.date(2018, 12, 9)) == "Chủ Nhật, 09/12/2018"


def test_short_date_time_and_week_start():
    value = datetime.datetime(2020, 7, 11, 16, 37)
    rendered = Template('{{ value|date:"SHORT_DATE_FORMAT" }} {{ value|time:"TIME_FORMAT" }}').render(
        Context({"value": value})
    )
    assert rendered == "11/07/2020 16:37"
    assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("20/06/2017", datetime.date(2017, 6, 20)), ("07/12/2018", datetime.date(2018, 12, 7))],
)
def test_date_inputs_are_day_first(typed, expected):
    field = forms.DateField()
    assert field.clean(typed) == expected


def test_datetime_inputs_are_day_first():
    assert forms.DateTimeField().clean("07/12/2018 16:37").replace(tzinfo=None) == datetime.datetime(
        2018, 12, 7, 16, 37
    )


def test_impossible_date_is_a_vietnamese_form_error():
    with pytest.raises(forms.ValidationError) as error:
        forms.DateField().clean("31/02/2018")
    assert "ngày" in str(error.value).lower()


@pytest.mark.parametrize(
    ("value", "expected"), [(873969, "873.969"), (30000000, "30.000.000"), (0, "0"), (-1500, "-1.500")]
)
def test_numbers_group_thousands_with_dots(value, expected):
    assert format_number(value) == expected
    assert Template("{% load sen_tags %}{{ value|vn_number }}").render(Context({"value": value})) == expected


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Trung tâm học tập cộng đồng", "trung-tam-hoc-tap-cong-dong"),
        ("Đường Nguyễn Huệ", "duong-nguyen-hue"),
        ("Hội Khuyến học P.4 – năm 2016", "hoi-khuyen-hoc-p-4-nam-2016"),
        ("Kết quả kiểm tra tháng 12/2026", "ket-qua-kiem-tra-thang-12-2026"),
        ("Đợt 1.2 \\ 2026…", "dot-1-2-2026"),
    ],
)
def test_slugs_are_ascii_and_keep_vietnamese_letters(title, slug):
    assert slugify_vi(title) == slug
    assert slugify_vi(unicodedata.normalize("NFD", title)) == slug


def test_folding_ignores_accents_case_and_normalisation_form():
    assert fold("CỘNG ĐỒNG") == "cong dong"
    assert fold(unicodedata.normalize("NFD", "cộng đồng")) == fold("cộng đồng") == "cong dong"


@pytest.mark.django_db
def test_pages_created_from_code_get_vietnamese_slugs(home_page):
    from home.models import HomePage

    page = HomePage(title="Cộng đồng học tập Điền Công")
    home_page.get_parent().add_child(instance=page)
    assert page.slug == "cong-dong-hoc-tap-dien-cong"

    twin = HomePage(title="Cộng đồng học tập Điền Công")
    home_page.get_parent().add_child(instance=twin)
    assert twin.slug == "cong-dong-hoc-tap-dien-cong-2"  # unique among its siblings, as Wagtail makes them


def test_every_sen_page_type_makes_vietnamese_slugs():
    from django.apps import apps
    from django.conf import settings
    from wagtail.models import Page

    from cms.pages import SenPageMixin

    sen_apps = set(settings.SEN_CORE_APPS) | set(settings.SEN_CONTENT_APPS)
    page_models = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and model._meta.app_config.name in sen_apps
    ]
    assert page_models
    assert [model.__name__ for model in page_models if not issubclass(model, SenPageMixin)] == []
