"""vi → en translation by an editor and a leader, in Chromium (issue 25, item 6).

The editor finds "Dịch trang này", English is already chosen, the text to translate shows its links and
italics as chips (never `<a id="a1">`), the slug follows the translated title; the leader publishes, and
the English page reads its category in English.
"""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation

from cms.i18n.translations import translate
from cms.workflows import roles
from tests.articles.factories import make_category, make_news
from tests.browser.conftest import screenshot_dir
from tests.browser.test_editor_inputs import PASSWORD, sign_in
from tests.utils import EditorialSite

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Trung tâm Phường 4 mở 26 lớp chuyên đề"
BODY = '<p>Xem <a href="https://example.gov.vn/ke-hoach">kế hoạch năm 2016</a> và <i>ghi chú</i> của trung tâm.</p>'
# The source segment as wagtail-localize stores it, and the English the editor types around the chips.
SOURCE = 'Xem <a id="a1">kế hoạch năm 2016</a> và <i>ghi chú</i> của trung tâm.'
WORDS = ["See the ", "2016 plan", " and ", "notes", " of the centre."]
TRANSLATED = 'See the <a id="a1">2016 plan</a> and <i>notes</i> of the centre.'
ENGLISH_TITLE = "Ward 4 centre opens 26 classes"
CHIPS = ["Liên kết 1", "/Liên kết 1", "Nghiêng", "/Nghiêng"]


@pytest.fixture
def article(home_page):
    english = Locale.objects.get(language_code="en")
    translate(home_page, english, {"title": "Home"})
    site = EditorialSite(home_page)
    for username, role in [("bientapvien", roles.EDITOR), ("lanhdao", roles.LEADER)]:
        user = site.user(username, role)
        user.set_password(PASSWORD)
        user.save()
    education = make_category("Giáo dục", Locale.get_default())
    translate(education, english, {"name": "Education", "slug": "education"})
    body = [{"type": "paragraph", "value": BODY}]
    return make_news(site.news_index, TITLE, categories=[education], summary="Tóm tắt.", body=body)


def visible_raw_tags(page):
    """The raw inline tags a person can see in the translation editor (text drawn with a size)."""
    return page.evaluate(
        """() => {
            const found = [];
            const walker = document.createTreeWalker(document.querySelector('.js-translation-editor'),
                                                     NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const node = walker.currentNode;
                if (!/<\\/?(a|i)\\b/.test(node.textContent)) continue;
                const range = document.createRange();
                range.selectNodeContents(node);
                const box = range.getBoundingClientRect();
                if (box.width > 0 && box.height > 0) found.push(node.textContent);
            }
            document.querySelectorAll('.js-translation-editor textarea').forEach((area) => {
                const box = area.getBoundingClientRect();
                const shown = box.width > 2 && box.height > 2 && getComputedStyle(area).opacity !== '0';
                if (shown && /<\\/?(a|i)\\b/.test(area.value)) found.push(area.value);
            });
            return found;
        }"""
    )


def replace_words(page, box, index, text):
    """Select the ``index``-th run of words between the chips, as a person would, and type over it."""
    box.evaluate(
        """(box, index) => {
            const runs = Array.from(box.childNodes).filter((node) => node.nodeType === Node.TEXT_NODE);
            const range = document.createRange();
            range.selectNodeContents(runs[index]);
            box.focus();
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        index,
    )
    page.keyboard.type(text)


def segment(page, source_text):
    """The segment (list item) whose source reads ``source_text``."""
    return page.locator("li:has(> p)").filter(has=page.locator("p", has_text=source_text)).last


def translate_segment(page, source_text, text):
    item = segment(page, source_text)
    item.get_by_role("button", name="Dịch", exact=True).click()
    item.locator("textarea").fill(text)
    item.locator("textarea").press("Enter")


def saved(string, locale):
    return StringTranslation.objects.filter(translation_of__data=string, locale=locale).first()


def test_an_editor_translates_with_chips_and_a_leader_publishes(browser, live_server, article, request):
    base_url = live_server.url
    english = Locale.objects.get(language_code="en")
    folder = screenshot_dir(request.config)

    editor = sign_in(browser, base_url, "bientapvien")
    editor.goto(f"{base_url}/admin/pages/{article.pk}/edit/")
    # The header's actions menu ("Thao tác", …) has "Dịch trang này".
    editor.locator("#w-slim-header-buttons").get_by_role("button", name="Thao tác").click()
    editor.get_by_role("link", name="Dịch trang này").click()
    editor.wait_for_url(f"{base_url}/admin/localize/submit/page/{article.pk}/")
    # Only one other language: English is chosen already.
    assert editor.get_by_label("Tiếng Anh").is_checked()
    editor.screenshot(path=str(folder / "translate-submit-1280.png"), full_page=True)
    editor.locator("input[type=submit]").click()
    editor.wait_for_url(f"{base_url}/admin/pages/*/edit/")
    editor.locator(".sen-chips").first.wait_for()

    # The text to translate: links and italics as chips, no raw tag on the screen.
    source = segment(editor, "của trung tâm")
    assert source.locator(".sen-chips .sen-chip").all_inner_texts() == CHIPS
    assert visible_raw_tags(editor) == []

    translate_segment(editor, TITLE, ENGLISH_TITLE)
    editor.wait_for_function(
        "title => document.querySelector('.js-translation-editor').innerText.includes(title)", arg=ENGLISH_TITLE
    )

    source.get_by_role("button", name="Dịch", exact=True).click()
    box = source.locator(".sen-chip-box")
    box.wait_for()
    assert visible_raw_tags(editor) == []
    # The box starts from the Vietnamese sentence, chips in place; the editor types over the words.
    assert box.locator(".sen-chip").all_inner_texts() == CHIPS
    for index, words in enumerate(WORDS):
        replace_words(editor, box, index, words)
    editor.screenshot(path=str(folder / "translation-editor-chips-1280.png"))
    with editor.expect_response(lambda response: "/localize/translate/" in response.url):
        box.press("Enter")
    source.locator(".sen-chips", has_text="2016 plan").wait_for()
    assert visible_raw_tags(editor) == []
    assert saved(SOURCE, english).data == TRANSLATED
    editor.context.close()

    # The slug was translated with the title: nothing is left for the "Quảng bá" tab.
    translated = article.get_translation(english)
    slug = StringTranslation.objects.get(context__object_id=translated.translation_key, context__path="slug")
    assert slug.data == "ward-4-centre-opens-26-classes"

    # At 375 px the chips wrap with the text and the box fits the screen.
    small = sign_in(browser, base_url, "bientapvien", viewport={"width": 375, "height": 800})
    small.goto(f"{base_url}/admin/pages/{translated.pk}/edit/")
    item = segment(small, "của trung tâm")
    item.locator(".sen-chips").first.wait_for()
    item.scroll_into_view_if_needed()
    assert visible_raw_tags(small) == []
    width = small.evaluate("document.documentElement.scrollWidth")
    small.screenshot(path=str(folder / "translation-editor-chips-375.png"))
    assert width <= 375 + 1, width
    small.context.close()

    leader = sign_in(browser, base_url, "lanhdao")
    leader.goto(f"{base_url}/admin/pages/{translated.pk}/edit/")
    leader.get_by_role("button", name="Xuất bản bằng Tiếng Anh").click()
    leader.wait_for_load_state("networkidle")
    translated.refresh_from_db()
    assert translated.live and translated.slug == "ward-4-centre-opens-26-classes"

    visitor = leader.context.browser.new_context(locale="en-GB").new_page()
    assert visitor.goto(f"{base_url}{translated.url}").status == 200
    assert visitor.locator("h1").inner_text() == ENGLISH_TITLE
    assert visitor.locator(".categories").text_content().strip() == "Education"
    assert visitor.locator(".body a", has_text="2016 plan").get_attribute("href") == "https://example.gov.vn/ke-hoach"
    assert visitor.locator(".body i").inner_text() == "notes"
    visitor.context.close()
    leader.context.close()
