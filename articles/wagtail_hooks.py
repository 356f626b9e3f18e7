"""What the articles plugin contributes to the admin and to the core (through Sen's hooks)."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from articles import queries
from articles.demo import load_demo_content
from articles.feeds import feed_urlpatterns
from articles.generate import generators
from articles.models import Category, NewsPage, VideoBulletinPage
from cms import hooks as sen_hooks


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("News categories")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(CategoryViewSet)


HOME_NEWS_COUNT = 6
HOME_BULLETIN_COUNT = 4
SIDEBAR_BULLETIN_COUNT = 5


@hooks.register(sen_hooks.HOME_SECTIONS)
def home_sections(request, page):
    locale = getattr(page, "locale", None)
    return [
        sen_hooks.Block(
            template="articles/includes/latest_news.html",
            context={
                "title": _("Latest news"),
                "articles": queries.latest_news(HOME_NEWS_COUNT, locale),
                "index": queries.news_index(locale),
            },
            order=10,
            title=_("Latest news"),
        ),
        sen_hooks.Block(
            template="articles/includes/latest_bulletins.html",
            context={
                "title": _("City television"),
                "bulletins": queries.latest_bulletins(HOME_BULLETIN_COUNT, locale),
                "index": queries.video_index(locale),
            },
            order=20,
            title=_("City television"),
        ),
    ]


@hooks.register(sen_hooks.SIDEBAR_WIDGETS)
def sidebar_widgets(request, page):
    locale = getattr(page, "locale", None)
    return [
        sen_hooks.Block(
            template="articles/includes/bulletins_widget.html",
            context={
                "title": _("Television"),
                "bulletins": queries.latest_bulletins(SIDEBAR_BULLETIN_COUNT, locale),
                "index": queries.video_index(locale),
            },
            order=10,
            title=_("Television"),
        )
    ]


@hooks.register(sen_hooks.DEMO_CONTENT)
def demo_content(context):
    load_demo_content(context)


@hooks.register(sen_hooks.GENERATE_CONTENT)
def generate_content():
    return generators()


@hooks.register(sen_hooks.SEARCH_FACETS)
def search_facets():
    return [
        (capfirst(NewsPage._meta.verbose_name_plural), NewsPage),
        (capfirst(VideoBulletinPage._meta.verbose_name_plural), VideoBulletinPage),
    ]


@hooks.register(sen_hooks.FEED_URLS)
def feed_urls():
    return feed_urlpatterns()


# English titles of the demo's news pages, by their Vietnamese titles (cms.i18n.demo).
DEMO_ENGLISH_TITLES = {
    "Tin tức": "News",
    "Truyền hình": "City television",
    "13 học sinh trung học cơ sở trở lại lớp giáo dục thường xuyên": (
        "13 lower-secondary pupils go back to continuing-education classes"
    ),
    "Chương trình truyền hình thành phố Mỹ Tho ngày 16/11/2018": "My Tho city television, 16/11/2018",
}


@hooks.register(sen_hooks.DEMO_TRANSLATIONS)
def demo_translations(language_code):
    return DEMO_ENGLISH_TITLES if language_code == "en" else {}


# Editorial roles and workflows (cms/workflows/roles.py).
import articles.roles  # noqa: E402, F401  (news and bulletins under the two-level approval)
