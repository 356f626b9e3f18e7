"""``manage.py generate_content``: bulk pages that are published, in the tree, indexed, and made once per seed."""

import pytest
from django.core.management import call_command


def run(**counts):
    call_command("generate_content", seed=3, **counts)


@pytest.mark.django_db
def test_generated_pages_are_live_in_a_valid_tree_with_revisions_and_found_by_search(demo_site):
    from wagtail.models import Page

    from articles.models import NewsPage
    from search.models import SearchEntry
    from search.query import search_pages

    before = NewsPage.objects.count()
    run(news=30, bulletins=3, centres=4)
    news = NewsPage.objects.filter(slug__startswith="tin-3-")
    assert news.count() == 30 and NewsPage.objects.count() == before + 30
    assert not news.filter(live=False).exists()
    assert not news.filter(latest_revision__isnull=True).exists()
    assert not news.filter(live_revision__isnull=True).exists()
    # treebeard's bookkeeping is right: numchild, depth and paths agree with the tree.
    assert Page.find_problems() == ([], [], [], [], [])
    parent = news.first().get_parent()
    assert parent.numchild == parent.get_children().count()
    page = news.order_by("pk").first()
    # The revision holds the page's content; the page opens in the admin's editor.
    assert page.latest_revision.as_object().title == page.title
    assert SearchEntry.objects.filter(page__in=news, live=True).count() == 30
    first_words = " ".join(page.title.split()[:3])
    assert page.pk in {hit.page.pk for hit in search_pages(f'"{first_words}"', per_page=50).items}
    assert page.url.endswith(f"/{page.slug}/")


@pytest.mark.django_db
def test_a_second_run_with_the_same_seed_adds_only_what_is_missing(demo_site):
    from articles.models import NewsPage

    run(news=10)
    first = list(NewsPage.objects.filter(slug__startswith="tin-3-").order_by("slug").values_list("slug", "title"))
    run(news=12)
    second = list(NewsPage.objects.filter(slug__startswith="tin-3-").order_by("slug").values_list("slug", "title"))
    assert len(first) == 10 and len(second) == 12
    assert set(first) <= set(second)  # the same pages, the same text
