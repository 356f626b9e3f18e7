"""The page tree's root and the root collection are named in Vietnamese (data migration cms 0003)."""

import json
import re

import pytest
from django.urls import reverse
from wagtail.models import Collection, Page

pytestmark = pytest.mark.django_db


def visible_text(response):
    html = re.sub(r"<script.*?</script>|<style.*?</style>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_roots_are_named_goc_after_migrating():
    root = Page.get_first_root_node()

    assert (root.title, root.draft_title) == ("Gốc", "Gốc")
    assert Collection.get_first_root_node().name == "Gốc"


def test_the_explorer_and_the_collections_say_goc_not_root(admin_client, home_page):
    explorer = visible_text(admin_client.get(reverse("wagtailadmin_explore_root")))
    collections = visible_text(admin_client.get(reverse("wagtailadmin_collections:index")))
    chooser = json.loads(admin_client.get(reverse("wagtailadmin_choose_page")).content)["html"]

    assert "Gốc" in explorer and not re.search(r"\bRoot\b", explorer)
    assert not re.search(r"\bRoot\b", collections)
    chooser_text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", chooser))
    assert "Gốc" in chooser_text and not re.search(r"\bRoot\b", chooser_text)


def test_a_flushed_database_gets_a_vietnamese_root_again(db):
    from home.demo import ensure_home_page

    Page.objects.all().delete()

    ensure_home_page()

    assert Page.get_first_root_node().title == "Gốc"
