"""What an editor types in the admin, in a real browser: Vietnamese figures, slugs, the schedule picker.

Chromium (/usr/bin/chromium) driven by Playwright against pytest-django's live server; skipped,
saying why, when either is missing.
"""

import contextlib

import pytest

from tests.browser.conftest import screenshot_dir
from tests.centers import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "mat-khau-thu-nghiem-dai"


@pytest.fixture
def centre(home_page, django_user_model):
    django_user_model.objects.create_superuser("quantri", "quantri@example.vn", PASSWORD)
    places = factories.seeded_places()
    index = factories.center_index(home_page, slug="trung-tam-hoc-tap-cong-dong")
    return factories.center(index, "Trung tâm học tập cộng đồng phường Yên Thanh", places["uong_bi"])


def sign_in(browser, base_url, username="quantri", viewport=None, **context_options):
    context = browser.new_context(
        locale="vi-VN", viewport=viewport or {"width": 1280, "height": 1000}, **context_options
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
    return page


def open_action_menu(page):
    page.locator("footer .w-dropdown-button [aria-expanded]").first.click()


def test_figure_typed_the_vietnamese_way_reaches_the_public_page(browser, live_server, centre):
    from centers.models import YearlyReport

    editor = sign_in(browser, live_server.url)
    editor.goto(f"{live_server.url}/admin/pages/{centre.pk}/edit/")
    editor.click("#id_yearly_reports-ADD")
    editor.fill("#id_yearly_reports-0-school_year", "2025-2026")
    editor.fill("#id_yearly_reports-0-funding_state", "25.000.000")
    editor.fill("#id_yearly_reports-0-learning_families", "2.000")
    editor.fill("#id_yearly_reports-0-attendances", "1 850")
    open_action_menu(editor)
    editor.locator("button[name=action-publish]").click()
    editor.wait_for_load_state("networkidle")
    assert "xuất bản" in editor.locator(".messages").inner_text()

    report = YearlyReport.objects.get(page=centre)
    assert (report.funding_state, report.learning_families, report.attendances) == (25_000_000, 2000, 1850)

    # The edit form shows the saved figures grouped.
    editor.goto(f"{live_server.url}/admin/pages/{centre.pk}/edit/")
    assert editor.input_value("#id_yearly_reports-0-funding_state") == "25.000.000"
    assert editor.input_value("#id_yearly_reports-0-learning_families") == "2.000"
    editor.context.close()

    visitor = browser.new_context(locale="vi-VN").new_page()
    response = visitor.goto(f"{live_server.url}{centre.url}")
    assert response.status == 200
    text = visitor.locator("main").inner_text()
    assert "25.000.000" in text
    assert "2.000" in text
    visitor.context.close()


def test_ambiguous_figure_is_refused_in_vietnamese(browser, live_server, centre):
    from centers.models import YearlyReport

    editor = sign_in(browser, live_server.url)
    editor.goto(f"{live_server.url}/admin/pages/{centre.pk}/edit/")
    editor.click("#id_yearly_reports-ADD")
    editor.fill("#id_yearly_reports-0-school_year", "2025-2026")
    editor.fill("#id_yearly_reports-0-classes_law", "2.5")
    open_action_menu(editor)
    editor.locator("button[name=action-publish]").click()
    editor.wait_for_load_state("networkidle")
    assert "“2.5” không phải là số nguyên" in editor.locator("main").inner_text()
    assert editor.input_value("#id_yearly_reports-0-classes_law") == "2.5"
    assert not YearlyReport.objects.filter(page=centre).exists()
    editor.context.close()


def test_slug_from_a_title_with_a_slash_keeps_the_numbers_apart(browser, live_server, centre):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    editor = sign_in(browser, live_server.url)
    editor.goto(f"{live_server.url}/admin/pages/add/centers/centerindexpage/{centre.get_parent().get_parent().pk}/")
    editor.locator("#id_title").press_sequentially("Kết quả kiểm tra tháng 12/2026 – Đợt 1.2")
    editor.locator("#id_title").blur()
    expected = "ket-qua-kiem-tra-thang-12-2026-dot-1-2"
    # The slug follows the title after a short debounce: wait for it to settle.
    with contextlib.suppress(PlaywrightTimeout):
        editor.wait_for_function("expected => document.querySelector('#id_slug').value === expected", arg=expected)
    assert editor.input_value("#id_slug") == expected
    editor.context.close()


def boxes_overlap(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 375, "height": 740}], ids=str)
def test_schedule_picker_offers_five_minute_steps_and_leaves_its_button_free(
    browser, live_server, centre, viewport, request
):
    editor = sign_in(browser, live_server.url, viewport=viewport)
    editor.goto(f"{live_server.url}/admin/pages/{centre.pk}/edit/")
    editor.locator('[data-side-panel-toggle="status"]').first.click()
    editor.locator('button[data-a11y-dialog-show="schedule-publishing-dialog"]').first.click()
    dialog = editor.locator("#schedule-publishing-dialog")
    save = dialog.locator("button.action-save")
    for field in ("go_live_at", "expire_at"):
        editor.locator(f"#schedule-publishing-dialog #id_{field}").click()
        picker = dialog.locator(".xdsoft_datetimepicker:visible")
        picker.wait_for()
        name = f"schedule-picker-{field}-{viewport['width']}.png"
        editor.screenshot(path=str(screenshot_dir(request.config) / name))
        minutes = picker.locator(".xdsoft_time").evaluate_all("nodes => nodes.map(n => n.dataset.minute)")
        assert {"5", "10", "55"} <= set(minutes), f"the picker offers only {sorted(set(minutes))}"
        assert len(minutes) == 24 * 12
        # Neither the other date field nor the button is under the open picker, and the
        # button can be clicked while the picker is open.
        other = "expire_at" if field == "go_live_at" else "go_live_at"
        other_input = dialog.locator(f"#id_{other}")
        assert not boxes_overlap(picker.bounding_box(), other_input.bounding_box()), f"the picker covers {other}"
        assert not boxes_overlap(picker.bounding_box(), save.bounding_box()), "the picker covers 'Save schedule'"
        # ... and it fits in the dialog (on a phone too).
        inner = dialog.locator(".w-dialog__box").bounding_box()
        box = picker.bounding_box()
        fits = inner["x"] <= box["x"] and box["x"] + box["width"] <= inner["x"] + inner["width"]
        assert fits, "the picker overflows the dialog"
        save.scroll_into_view_if_needed()
        assert picker.is_visible()
        box = save.bounding_box()
        on_top = editor.evaluate(
            "([x, y]) => document.elementFromPoint(x, y)?.closest('button.action-save') !== null",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
        assert on_top, "something covers 'Save schedule'"
        dialog.get_by_role("heading").first.click()  # closes the picker
    editor.context.close()
