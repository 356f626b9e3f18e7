"""Figures typed the Vietnamese way ("25.000.000") are saved as typed, through every admin form that has one."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.db import models
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site, get_page_models
from wagtail.test.utils.form_data import nested_form_data, rich_text

from centers.models import YearlyReport
from centers.models.center import REPORT_SUM_FIELDS
from cms.numbers import (
    ClockDurationField,
    VietnameseDecimalField,
    VietnameseFloatField,
    VietnameseIntegerField,
    format_vi_number,
    parse_vi_number,
)
from home.demo import ensure_home_page
from home.models import PortalSettings
from tests.articles.factories import make_video_index
from tests.centers import factories
from tests.centers.test_pages import center_form_data, report_form

TWENTY_FIVE_MILLION = [
    "25.000.000",
    "25000000",
    "25 000 000",
    "25\u00a0000\u00a0000",  # no-break spaces, as word processors put them
    "25\u202f000\u202f000",  # narrow no-break spaces
    " 25.000.000 ",
]


@pytest.mark.parametrize("text", TWENTY_FIVE_MILLION)
def test_grouped_and_plain_figures_read_as_one_number(text):
    assert parse_vi_number(text) == 25_000_000
    assert parse_vi_number(text, decimals=True) == 25_000_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.234,5", Decimal("1234.5")), ("1234,5", Decimal("1234.5")), ("0,25", Decimal("0.25")), ("2.000", 2000)],
)
def test_decimals_take_a_comma(text, expected):
    assert parse_vi_number(text, decimals=True) == expected


@pytest.mark.parametrize(
    ("text", "decimals", "code"),
    [
        ("2.5", False, "not_whole"),  # a decimal point, English style, in a whole-number field
        ("1.5", True, "decimal_point"),  # ... or in a decimal field: write 1,5
        ("1.23.4", False, "grouping"),
        ("1.23.4", True, "grouping"),
        ("25.00.000", False, "grouping"),
        ("25 000.000", False, "grouping"),  # two kinds of group separator
        ("1,000", False, "ambiguous_comma"),  # a thousand in English, one in Vietnamese
        ("1,234.5", True, "separator_order"),
        ("1,234.5", False, "separator_order"),
        ("1,2,3", True, "separator_order"),
        ("25.", False, "grouping"),
        ("abc", False, "invalid"),
        ("12a", False, "invalid"),
        (",5", True, "invalid"),
        ("1e6", False, "invalid"),
    ],
)
def test_ambiguous_figures_are_refused_not_truncated(text, decimals, code):
    with pytest.raises(forms.ValidationError) as caught:
        parse_vi_number(text, decimals=decimals)
    assert caught.value.code == code


def test_figures_are_shown_grouped():
    assert format_vi_number(25_000_000) == "25.000.000"
    assert format_vi_number(Decimal("1234.5")) == "1.234,5"
    assert format_vi_number(0) == "0"
    assert VietnameseIntegerField().widget.format_value(2000) == "2.000"
    # What the editor typed comes back as typed when the form has an error.
    assert VietnameseIntegerField().widget.format_value("2.5") == "2.5"


def test_decimal_and_float_form_fields_read_vietnamese_decimals():
    field = VietnameseDecimalField(max_digits=8, decimal_places=2)
    assert field.clean("1.234,56") == Decimal("1234.56")
    with pytest.raises(forms.ValidationError):
        field.clean("1.234,567")  # too many decimal places: refused, not rounded
    assert VietnameseFloatField().clean("1.234,5") == 1234.5


def test_messages_are_vietnamese(compiled_vi):
    with translation.override("vi"):
        assert str(forms.IntegerField.default_error_messages["invalid"]) == "Hãy nhập một số nguyên."
        with pytest.raises(forms.ValidationError) as caught:
            VietnameseIntegerField().clean("2.5")
        assert caught.value.messages == [
            "“2.5” không phải là số nguyên. Ô này chỉ nhận số nguyên: phân cách hàng nghìn bằng dấu chấm, "
            "ví dụ 25.000.000."
        ]
        with pytest.raises(forms.ValidationError) as caught:
            VietnameseIntegerField().clean("1,000")
        assert "không rõ nghĩa" in caught.value.messages[0]
        with pytest.raises(forms.ValidationError) as caught:
            ClockDurationField().clean("12")
        assert caught.value.messages[0].startswith("Ghi thời lượng theo dạng phút:giây")


@pytest.fixture
def compiled_vi():
    import gettext as gettext_module

    from django.core.management import call_command
    from django.utils.translation import trans_real

    call_command("compile_translations", verbosity=0)
    # Forget catalogues loaded before compiling, so this process reads the fresh .mo files.
    gettext_module._translations.clear()
    trans_real._translations = {}
    trans_real._default = None
    yield
    trans_real._translations = {}
    trans_real._default = None


# --- Every numeric field of every model, through the admin ---

NUMBER_FORM_FIELDS = {
    models.IntegerField: VietnameseIntegerField,
    models.DecimalField: VietnameseDecimalField,
    models.FloatField: VietnameseFloatField,
    models.DurationField: ClockDurationField,
}


def _admin_form_classes():
    """The admin form class of every page type and setting, with the inline (child) forms they hold."""
    from wagtail.admin.panels import get_edit_handler

    found = []
    handlers = [(model, model.get_edit_handler()) for model in get_page_models()]
    handlers.append((PortalSettings, get_edit_handler(PortalSettings)))
    for model, handler in handlers:
        form_class = handler.get_form_class()
        pending = [(model, form_class)]
        while pending:
            owner, form = pending.pop()
            found.append((owner, form))
            for formset in getattr(form, "formsets", {}).values():
                pending.append((formset.model, formset.form))
    return found


def test_every_numeric_field_in_the_admin_reads_vietnamese_figures():
    checked = []
    for model, form_class in _admin_form_classes():
        for name, form_field in form_class.base_fields.items():
            try:
                model_field = model._meta.get_field(name)
            except Exception:  # noqa: S112 - a form-only field
                continue
            for model_class, form_field_class in NUMBER_FORM_FIELDS.items():
                if isinstance(model_field, model_class):
                    assert isinstance(form_field, form_field_class), f"{model.__name__}.{name}"
                    checked.append(f"{model.__name__}.{name}")
    # The yearly report's 16 figures, the bulletin's duration and the visits counted before Sen.
    assert {f"YearlyReport.{name}" for name in REPORT_SUM_FIELDS} <= set(checked)
    assert {"VideoBulletinPage.duration", "PortalSettings.visitor_count_start"} <= set(checked)


class AdminCase:
    """A centre with no report yet, and a superuser logged in to the admin."""

    def __init__(self, client):
        self.client = client
        self.home, _created = ensure_home_page()
        self.places = factories.seeded_places()
        self.index = factories.center_index(self.home, slug="trung-tam-hoc-tap-cong-dong")
        self.center = factories.center(
            self.index, "Trung tâm học tập cộng đồng phường Yên Thanh", self.places["uong_bi"]
        )

    def publish_report(self, **values):
        data = center_form_data(self.places, [report_form(**values)], slug=self.center.slug)
        data["action-publish"] = "action-publish"
        return self.client.post(reverse("wagtailadmin_pages:edit", args=(self.center.pk,)), data)

    def saved_report(self):
        return YearlyReport.objects.get(page=self.center)


@pytest.fixture
def admin_case(db, client, django_user_model):
    user = django_user_model.objects.create_superuser("bientap", "bientap@example.vn", "matkhau-123")
    client.force_login(user)
    return AdminCase(client)


@pytest.mark.parametrize(("typed", "saved"), [("25.000.000", 25_000_000), ("2.000", 2000), ("1 850", 1850)])
def test_every_report_figure_typed_the_vietnamese_way_is_saved_as_typed(typed, saved, admin_case):
    response = admin_case.publish_report(**dict.fromkeys(REPORT_SUM_FIELDS, typed))
    assert response.status_code == 302, response.content.decode()[:2000]
    report = admin_case.saved_report()
    assert {field: getattr(report, field) for field in REPORT_SUM_FIELDS} == dict.fromkeys(REPORT_SUM_FIELDS, saved)


@pytest.mark.parametrize("typed", ["2.5", "1,000", "1.23.4", "1,234.5"])
def test_every_ambiguous_report_figure_is_a_form_error_and_nothing_is_saved(typed, admin_case):
    response = admin_case.publish_report(**dict.fromkeys(REPORT_SUM_FIELDS, typed))
    assert response.status_code == 200
    page = response.content.decode()
    # One error under each of the 16 figures, and what the editor typed kept for correction.
    assert page.count(f"“{typed}”") == len(REPORT_SUM_FIELDS)
    assert page.count(f'value="{typed}"') == len(REPORT_SUM_FIELDS)
    assert not YearlyReport.objects.filter(page=admin_case.center).exists()


def test_edit_form_shows_saved_figures_grouped(admin_case):
    assert admin_case.publish_report(funding_state="25.000.000", learning_families="2.000").status_code == 302
    page = admin_case.client.get(reverse("wagtailadmin_pages:edit", args=(admin_case.center.pk,))).content.decode()
    assert 'value="25.000.000"' in page
    assert 'value="2.000"' in page
    assert 'inputmode="numeric"' in page


def bulletin_data(duration):
    return nested_form_data(
        {
            "title": "Bản tin truyền hình Uông Bí ngày 07/12/2018",
            "slug": "ban-tin-07-12-2018",
            "broadcast_date": "2018-12-07",
            "embed_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "duration": duration,
            "description": rich_text(""),
            "transcript": "",
        }
    )


@pytest.mark.parametrize(
    ("typed", "seconds"), [("12:30", 750), ("1:05:00", 3900), ("0:45", 45), ("12 : 30", 750), ("", None)]
)
def test_bulletin_duration_reads_as_a_clock(typed, seconds, admin_case):
    from articles.models import VideoBulletinPage

    index = make_video_index(admin_case.home)
    url = reverse("wagtailadmin_pages:add", args=("articles", "videobulletinpage", index.pk))
    response = admin_case.client.post(url, {**bulletin_data(typed), "action-publish": "action-publish"})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = VideoBulletinPage.objects.get(slug="ban-tin-07-12-2018")
    assert page.duration == (datetime.timedelta(seconds=seconds) if seconds is not None else None)
    if seconds:
        edit = admin_case.client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
        assert f'value="{typed.replace(" ", "")}"' in edit


@pytest.mark.parametrize("typed", ["12", "12:75", "1:75:00", "12.30"])
def test_ambiguous_bulletin_duration_is_refused(typed, admin_case):
    from articles.models import VideoBulletinPage

    index = make_video_index(admin_case.home)
    url = reverse("wagtailadmin_pages:add", args=("articles", "videobulletinpage", index.pk))
    response = admin_case.client.post(url, {**bulletin_data(typed), "action-publish": "action-publish"})
    assert response.status_code == 200
    assert not VideoBulletinPage.objects.filter(slug="ban-tin-07-12-2018").exists()


@pytest.mark.parametrize(("typed", "saved"), [("873.969", 873_969), ("1 200 000", 1_200_000), ("42", 42)])
def test_portal_settings_visits_before_sen_read_vietnamese_figures(typed, saved, admin_case):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=("home", "portalsettings", site.pk))
    form = admin_case.client.get(url)
    assert form.status_code == 200
    data = {
        "portal_name": "Cổng thông tin điện tử thành phố Uông Bí",
        "owner": "",
        "address": "",
        "phone": "",
        "email": "",
        "licence": "",
        "footer_text": rich_text(""),
        "visitor_count_start": typed,
    }
    response = admin_case.client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert PortalSettings.for_site(site).visitor_count_start == saved
