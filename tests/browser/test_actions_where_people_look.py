"""Actions where people look for them (issue 25, item 4), in Chromium at 1280 px and 375 px.

- Each listing has a labelled "Thêm …" button (not an icon-only ⊕), and the dashboard's "Thêm nhanh"
  panel offers what the role may add, and nothing to a centre's staff.
- The "Văn bản" menu lists and adds documents.
- The editor's main button is the role's own action: "Gửi duyệt" for a reporter, "Duyệt và xuất bản" for
  the leader at the last step (with no second "Xuất bản"), and for the education office too (with
  "Ngừng xuất bản" set apart, not next to a publish action).
- "Huỷ quy trình duyệt" is set apart from "Gửi lại" and asks before it acts.
- The video file chooser says "Chọn tệp video".
"""

import pytest

from centers.roles import EDUCATION_OFFICE
from cms.workflows import roles
from tests.browser.conftest import screenshot_dir
from tests.browser.test_editor_inputs import sign_in as editor_sign_in
from tests.browser.test_workflow_chain import PASSWORD
from tests.utils import EditorialSite

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
# Three long, independent tests (minutes each on a loaded machine): the xdist workers run them side by side.
XDIST_SPREAD = True

WIDTHS = [1280, 375]
MAIN_BUTTON = "footer .w-dropdown-button > .button, footer .w-dropdown-button > button"


@pytest.fixture
def site(home_page):
    from tests.documents import factories as document_factories

    site = EditorialSite(home_page)
    site.documents_index = document_factories.index(home_page)
    roles.setup_roles()  # the documents listing gets its workflow and its roles' permissions
    site.people = {}
    for username, role, staff_of in [
        ("phongvien", roles.REPORTER, None),
        ("bientapvien", roles.EDITOR, None),
        ("lanhdao", roles.LEADER, None),
        ("phonggiaoduc", EDUCATION_OFFICE, None),
        ("canbo_yenthanh", None, site.center_a),
    ]:
        user = site.user(username, role, staff_of=staff_of)
        user.set_password(PASSWORD)
        user.save()
        site.people[username] = user
    return site


def sign_in(browser, base_url, username, width=1280):
    page = editor_sign_in(browser, base_url, username, viewport={"width": width, "height": 900})
    page.wait_for_load_state("networkidle")
    return page


def in_window(page, locator):
    """True when ``locator``'s box is inside the window, with a size (a person can see it)."""
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    return bool(box) and box["width"] > 1 and box["height"] > 1 and box["x"] >= 0 and box["x"] + box["width"] <= width


def texts(locator):
    return [" ".join(text.split()) for text in locator.all_inner_texts()]


def start_workflow(page, user, approvals=()):
    """Submit ``page`` (as ``user``) and take the reviewers' actions [(user, action)] in turn."""
    page.get_workflow().start(page, user)
    for reviewer, action in approvals:
        page.refresh_from_db()
        task_state = page.current_workflow_task_state
        task_state.task.specific.on_action(task_state, reviewer, action)
    page.refresh_from_db()
    return page


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{width}px" for width in WIDTHS])
def test_add_buttons_are_labelled_on_listings_dashboards_and_the_documents_menu(
    browser, live_server, site, width, request
):
    folder = screenshot_dir(request.config)
    base_url = live_server.url
    expected = {
        "phongvien": ["Thêm tin bài", "Thêm bản tin video", "Thêm văn bản", "Thêm thông báo"],
        "lanhdao": ["Thêm tin bài", "Thêm bản tin video", "Thêm văn bản", "Thêm thông báo"],
        "phonggiaoduc": ["Thêm trung tâm"],
        "canbo_yenthanh": [],
    }
    for username, labels in expected.items():
        page = sign_in(browser, base_url, username, width)
        page.screenshot(path=str(folder / f"actions-{username}-dashboard-{width}.png"), full_page=True)
        buttons = page.locator("[data-sen-quick-actions] a")
        assert texts(buttons) == labels, username
        for index in range(buttons.count()):
            assert in_window(page, buttons.nth(index)), f"{username}: {labels[index]} is not in the window"
        page.context.close()

    # The reporter's first button opens the news form; each listing says what its button adds.
    page = sign_in(browser, base_url, "phongvien", width)
    page.locator("[data-sen-quick-actions] a", has_text="Thêm tin bài").click()
    page.wait_for_url(f"**/admin/pages/add/articles/newspage/{site.news_index.pk}/")
    listings = [
        (site.news_index, "Thêm tin bài"),
        (site.video_index, "Thêm bản tin video"),
        (site.documents_index, "Thêm văn bản"),
    ]
    for index, label in listings:
        page.goto(f"{base_url}/admin/pages/{index.pk}/")
        page.wait_for_load_state("networkidle")
        add = page.locator("[data-sen-add]")
        assert " ".join(add.inner_text().split()) == label
        assert in_window(page, add), f"{label} is not in the window at {width} px"
    page.screenshot(path=str(folder / f"actions-documents-listing-{width}.png"), full_page=True)
    page.locator("[data-sen-add]").click()
    page.wait_for_url(f"**/admin/pages/add/documents/legaldocumentpage/{site.documents_index.pk}/")

    # The "Văn bản" menu lists the documents and adds one.
    page.goto(f"{base_url}/admin/")
    if width < 1280:
        page.locator("button.sidebar-nav-toggle").click()
        page.wait_for_timeout(400)
    page.locator("#wagtail-sidebar button", has_text="Văn bản").first.click()
    listing = page.locator("#wagtail-sidebar [data-sen-documents-menu=list]")
    adding = page.locator("#wagtail-sidebar [data-sen-documents-menu=add]")
    listing.wait_for(state="visible")
    assert " ".join(listing.inner_text().split()) == "Tất cả văn bản"
    assert " ".join(adding.inner_text().split()) == "Thêm văn bản"
    page.screenshot(path=str(folder / f"actions-documents-menu-{width}.png"))
    listing.click()
    page.wait_for_url(f"**/admin/pages/{site.documents_index.pk}/")
    page.context.close()


def open_menu(page):
    page.locator("footer .w-dropdown-button [aria-expanded]").first.click()
    page.locator("footer .tippy-box[data-state=visible]").wait_for()
    page.wait_for_timeout(300)


def main_button(page):
    return " ".join(page.locator(MAIN_BUTTON).first.inner_text().split())


def menu_names(page):
    """The names of the footer's actions in order (button names, workflow actions, apart links)."""
    return page.locator("footer").evaluate(
        """(footer) => [...footer.querySelectorAll('.w-dropdown__content > *')].map((item) =>
            item.getAttribute('name') || item.dataset.workflowActionName || item.dataset.senActionApart
            || item.className)"""
    )


def test_each_roles_own_action_is_the_main_button_and_destructive_ones_are_apart_and_confirmed(
    browser, live_server, site, request
):
    from articles.models import NewsPage

    folder = screenshot_dir(request.config)
    base_url = live_server.url
    reporter, editor = site.people["phongvien"], site.people["bientapvien"]
    at_leader = start_workflow(site.news("Tin chờ lãnh đạo duyệt", owner=reporter), reporter, [(editor, "approve")])
    sent_back = start_workflow(site.news("Tin cần sửa", owner=reporter), reporter, [(editor, "reject")])
    centre = site.center_a
    centre.save_revision(user=site.people["canbo_yenthanh"]).publish()
    centre.refresh_from_db()
    centre.save_revision(user=site.people["canbo_yenthanh"])
    start_workflow(centre, site.people["canbo_yenthanh"])

    # The reporter's new article and draft: "Gửi duyệt" is the button on the page, and it submits.
    draft = site.news("Khai giảng lớp tin học cho người cao tuổi", owner=reporter)
    page = sign_in(browser, base_url, "phongvien")
    page.goto(f"{base_url}/admin/pages/add/articles/newspage/{site.news_index.pk}/")
    assert main_button(page) == "Gửi duyệt"
    page.goto(f"{base_url}/admin/pages/{draft.pk}/edit/")
    assert main_button(page) == "Gửi duyệt"
    page.locator(MAIN_BUTTON).first.click()
    page.wait_for_load_state("networkidle")
    assert "Đã gửi duyệt trang" in page.locator(".messages").inner_text()
    assert NewsPage.objects.get(pk=draft.pk).current_workflow_state.status == "in_progress"

    # After a request for changes: "Gửi lại …" first; "Huỷ quy trình duyệt" last, apart, and it asks.
    page.goto(f"{base_url}/admin/pages/{sent_back.pk}/edit/")
    assert main_button(page) == "Gửi lại đến Biên tập viên duyệt"
    open_menu(page)
    page.screenshot(path=str(folder / "actions-reporter-sent-back-1280.png"))
    names = menu_names(page)
    assert names[-1] == "action-cancel-workflow" and names[0] != "action-cancel-workflow"
    cancel = page.locator("footer [data-sen-action-apart=action-cancel-workflow]")
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    cancel.click()
    page.wait_for_timeout(500)
    assert questions and questions[0].startswith("Huỷ quy trình duyệt của trang này?")
    assert NewsPage.objects.get(pk=sent_back.pk).current_workflow_state is not None  # nothing cancelled
    if not cancel.is_visible():
        open_menu(page)
    page.once("dialog", lambda dialog: dialog.accept())
    cancel.click()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert NewsPage.objects.get(pk=sent_back.pk).current_workflow_state is None
    page.context.close()

    # The leader at the last step: "Duyệt và xuất bản", and no plain "Xuất bản" beside it.
    page = sign_in(browser, base_url, "lanhdao")
    page.goto(f"{base_url}/admin/pages/{at_leader.pk}/edit/")
    assert main_button(page) == "Duyệt và xuất bản"
    open_menu(page)
    page.screenshot(path=str(folder / "actions-leader-approving-1280.png"))
    assert page.locator("footer [name=action-publish]").count() == 0
    assert "Xuất bản" not in texts(page.locator("footer .w-dropdown__content > *"))
    page.context.close()

    # The education office approving a published centre, at 375 px: one publish action, "Ngừng xuất bản" apart.
    page = sign_in(browser, base_url, "phonggiaoduc", 375)
    page.goto(f"{base_url}/admin/pages/{centre.pk}/edit/")
    assert main_button(page) == "Duyệt và xuất bản"
    open_menu(page)
    page.screenshot(path=str(folder / "actions-education-office-approving-375.png"))
    assert page.locator("footer [name=action-publish]").count() == 0
    names = menu_names(page)
    apart = [name for name in names if name in ("action-unpublish", "action-cancel-workflow")]
    assert "action-unpublish" in apart and names[-len(apart) :] == apart, names
    unpublish = page.locator("footer [data-sen-action-apart=action-unpublish]")
    assert in_window(page, unpublish)
    assert unpublish.get_attribute("href").endswith(f"/admin/pages/{centre.pk}/unpublish/")  # a confirmation page
    page.context.close()


def test_the_video_file_chooser_says_it_chooses_a_video_file(browser, live_server, site):
    page = sign_in(browser, live_server.url, "phongvien")
    page.goto(f"{live_server.url}/admin/pages/add/articles/videobulletinpage/{site.video_index.pk}/")
    field = page.locator("[data-field-wrapper]:has(#id_video_file), .w-field__wrapper:has(#id_video_file)").first
    words = " ".join(field.inner_text().split())
    assert "Chọn tệp video" in words and "tài liệu" not in words, words
    page.context.close()
