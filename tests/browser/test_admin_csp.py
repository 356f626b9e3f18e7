"""The Content-Security-Policy in a real browser: the Wagtail admin and the public site break no rule of it."""

import pytest
from django.contrib.auth import get_user_model

from tests.articles.factories import make_image, make_news, make_news_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "mat-khau-thu-nghiem-dai"


def _csp_errors(page):
    seen = []
    page.on(
        "console", lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None
    )
    return seen


def test_admin_dashboard_editor_and_image_chooser_break_no_csp_rule(browser, live_server, home_page):  # noqa: F811
    get_user_model().objects.create_superuser("quantri", "quantri@example.gov.vn", PASSWORD)
    make_image("Ảnh lễ khai giảng")
    article = make_news(
        make_news_index(home_page),
        "Khai giảng lớp tin học",
        main_image=make_image("Ảnh lớp"),
        main_image_alt="Lớp học",
    )
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors = _csp_errors(page)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "quantri")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # The main image's chooser: its modal loads the image listing with fetch and renders it.
    page.locator(
        "#id_main_image-chooser [data-chooser-action-choose], [data-chooser-action-choose]"
    ).first.dispatch_event("click")
    page.wait_for_selector(".modal-content img")
    page.goto(f"{live_server.url}/")  # the public site, with the userbar of a signed-in editor
    page.wait_for_load_state("networkidle")
    context.close()
    assert errors == []
