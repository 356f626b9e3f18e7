"""Names family name first ("Nguyễn Văn An") on Sen's screens and on Wagtail's own.

Sen stores the family and middle names in ``first_name`` and the given name in ``last_name``, so
that Django's ``get_full_name()``, which Wagtail shows everywhere, reads the Vietnamese way.
"""

from importlib import import_module

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse

from cms.text import full_name, split_full_name

pytestmark = pytest.mark.django_db


def test_one_rule_for_sen_and_wagtail(django_user_model):
    from wagtail.admin.utils import get_user_display_name

    family, given = split_full_name("  Nguyễn   Văn An ")
    user = django_user_model.objects.create_user("phongvien", first_name=family, last_name=given)
    assert full_name(user) == get_user_display_name(user) == "Nguyễn Văn An"
    assert full_name(django_user_model.objects.create_user("khongten")) == "khongten"


def test_accounts_stored_the_old_way_read_family_name_first_after_the_migration(django_user_model):
    old = django_user_model.objects.create_user("cu", first_name="An", last_name="Nguyễn Văn")  # "An Nguyễn Văn"
    migration = import_module("cms.migrations.0007_store_names_family_first")

    migration.swap_name_fields(apps, schema_editor=None)

    assert get_user_model().objects.get(pk=old.pk).get_full_name() == "Nguyễn Văn An"


def test_the_user_form_asks_for_the_family_names_then_the_given_name(admin_client):
    soup = BeautifulSoup(admin_client.get(reverse("wagtailusers_users:add")).content, "html.parser")
    labels = [
        soup.select_one(f"label[for=id_{name}]").get_text(" ", strip=True) for name in ("first_name", "last_name")
    ]
    assert [label.rstrip("*").strip() for label in labels] == ["Họ và tên đệm", "Tên"]


def test_the_sidebar_names_the_signed_in_person_in_full(client, django_user_model):
    import json

    user = django_user_model.objects.create_superuser("binh", "binh@example.com", "x")
    user.first_name, user.last_name = split_full_name("Trần Thị Bình")
    user.save()
    client.force_login(user)

    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    props = json.loads(soup.select_one("#wagtail-sidebar-props").string)
    assert '"name": "Trần Thị Bình"' in json.dumps(props, ensure_ascii=False)
