"""The editor at work, in a real browser: no false alarm while a form is being filled, date fields that
take what is typed, today marked in Vietnam's day, the schedule dialog closed once saved."""

import pytest
from django.utils import timezone

from tests.browser.test_editor_inputs import PASSWORD, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def sections(home_page, django_user_model):
    from tests.articles.factories import make_news_index, make_video_index

    django_user_model.objects.create_superuser("quantri", "quantri@example.vn", PASSWORD)
    return {"news": make_news_index(home_page), "video": make_video_index(home_page)}


def open_editor(page, url):
    """Open the editor and wait until it watches for edits: Wagtail takes the form's first state 2 s after the
    controller connects, and may take it again a moment later (one timer per interval value it is given); keys
    typed before the last one are part of the first state and set off no autosave."""
    page.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits', () => { window.senWatchedAt = performance.now(); })"
    )
    page.goto(url)
    page.wait_for_function("() => window.senWatchedAt && performance.now() - window.senWatchedAt > 1500")


def autosaved(page, action):
    """Run ``action`` and wait for the autosave it sets off; the answer's JSON."""
    with page.expect_response(lambda r: r.request.method == "POST" and "/admin/pages/" in r.url) as answer:
        action()
    return answer.value.json()


def test_an_incomplete_form_is_not_an_error_and_is_saved_once_titled(browser, live_server, sections):
    from articles.models import NewsPage

    editor = sign_in(browser, live_server.url)
    open_editor(editor, f"{live_server.url}/admin/pages/add/articles/newspage/{sections['news'].pk}/")
    indicator = editor.locator("#w-autosave-indicator")

    answer = autosaved(editor, lambda: editor.locator("#id_summary").press_sequentially("Tóm tắt trước"))
    assert answer["incomplete"] is True
    editor.wait_for_function("() => document.querySelector('#w-autosave-indicator').dataset.wAutosaveStateValue")
    assert indicator.get_attribute("data-w-autosave-state-value") == "incomplete"
    assert "Chưa lưu: còn thiếu Tiêu đề" in indicator.get_attribute("data-w-tooltip-content-value")
    assert "tạm dừng" not in editor.locator("footer").inner_text()
    assert not NewsPage.objects.exists()

    answer = autosaved(editor, lambda: editor.locator("#id_title").press_sequentially("Tin viết dở"))
    assert answer["success"] is True
    assert NewsPage.objects.get(title="Tin viết dở").live is False
    editor.context.close()


def test_a_date_typed_replaces_the_prefilled_one_and_the_picker_marks_today(browser, live_server, sections):
    # The browser's clock is a day behind Vietnam for most of the day in Pago Pago (UTC-11).
    editor = sign_in(browser, live_server.url, timezone_id="Pacific/Pago_Pago")
    editor.goto(f"{live_server.url}/admin/pages/add/articles/videobulletinpage/{sections['video'].pk}/")
    today = timezone.localdate()
    field = editor.locator("#id_broadcast_date")
    assert field.input_value() == today.strftime("%d/%m/%Y")

    field.click()
    picker = editor.locator(".xdsoft_datetimepicker:visible")
    picker.wait_for()
    marked = picker.locator("td.xdsoft_today")
    assert marked.count() == 1
    assert [marked.get_attribute(name) for name in ("data-date", "data-month", "data-year")] == [
        str(today.day),
        str(today.month - 1),
        str(today.year),
    ]
    assert picker.locator("td.xdsoft_current").get_attribute("data-date") == str(today.day)

    editor.keyboard.type("05/12/2025")
    assert field.input_value() == "05/12/2025"
    editor.context.close()


def test_saving_the_schedule_with_the_picker_open_closes_the_dialog(browser, live_server, sections):
    from tests.articles.factories import NewsPageFactory

    page = NewsPageFactory(parent=sections["news"], title="Tin có lịch", slug="tin-co-lich")
    editor = sign_in(browser, live_server.url, viewport={"width": 375, "height": 740})
    open_editor(editor, f"{live_server.url}/admin/pages/{page.pk}/edit/")
    editor.locator('[data-side-panel-toggle="status"]').first.click()
    editor.locator('button[data-a11y-dialog-show="schedule-publishing-dialog"]').first.click()
    dialog = editor.locator("#schedule-publishing-dialog")
    dialog.locator("#id_go_live_at").click()
    dialog.locator(".xdsoft_datetimepicker:visible").wait_for()
    editor.keyboard.type("20/12/2030 08:00")

    with editor.expect_navigation():
        dialog.get_by_role("button", name="Lưu lịch").click()  # straight from the open picker

    assert not editor.locator("#schedule-publishing-dialog").is_visible()
    page.refresh_from_db()
    assert timezone.localtime(page.get_latest_revision_as_object().go_live_at).strftime("%d/%m/%Y %H:%M") == (
        "20/12/2030 08:00"
    )
    editor.context.close()
