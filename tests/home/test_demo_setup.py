"""`make run`'s steps can run again without duplicating anything."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from home.models import HomePage


@pytest.mark.django_db
def test_load_demo_twice_gives_the_same_pages():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = sorted(Page.objects.values_list("url_path", flat=True))
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    second = sorted(Page.objects.values_list("url_path", flat=True))
    assert first == second
    # One home page per content language: the Vietnamese one and its English translation.
    assert HomePage.objects.filter(locale__language_code="vi").count() == 1
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    # Wagtail's placeholder welcome page is gone.
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"vi", "en"}


@pytest.mark.django_db
def test_ensure_admin_generates_a_password_once(capsys, monkeypatch):
    monkeypatch.delenv("SEN_ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin")
    first = capsys.readouterr().out
    assert "password '" in first
    password = first.split("password '")[1].split("'")[0]
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)

    call_command("ensure_admin")
    second = capsys.readouterr().out
    assert password not in second
    assert get_user_model().objects.filter(username="admin").count() == 1
    user.refresh_from_db()
    assert user.check_password(password)


@pytest.mark.django_db
def test_ensure_admin_takes_the_password_from_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("SEN_ADMIN_PASSWORD", "mat-khau-rat-dai-2024")
    call_command("ensure_admin")
    out = capsys.readouterr().out
    assert "mat-khau-rat-dai-2024" not in out
    assert get_user_model().objects.get(username="admin").check_password("mat-khau-rat-dai-2024")


@pytest.mark.django_db
def test_ensure_admin_stores_the_name_so_the_admin_shows_it_family_name_first(monkeypatch, capsys):
    from wagtail.admin.utils import get_user_display_name

    monkeypatch.setenv("SEN_ADMIN_PASSWORD", "mat-khau-rat-dai-2024")
    call_command("ensure_admin", full_name="Phạm Thị Dung")
    assert get_user_display_name(get_user_model().objects.get(username="admin")) == "Phạm Thị Dung"

    call_command("ensure_admin", full_name="Phạm Thị Hồng Dung")  # a corrected name
    assert get_user_display_name(get_user_model().objects.get(username="admin")) == "Phạm Thị Hồng Dung"
