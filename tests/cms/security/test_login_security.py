"""Sign-in protection: lockout after 5 wrong passwords per account and address, no Basic oracle, reset limits."""

import base64
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dung-2024"
LOGIN_URLS = ["/admin/login/", "/django-admin/login/"]


@pytest.fixture
def editor():
    # A new e-mail address each time: the reset limits are counted in the cache, which outlives a test.
    email = f"bientap-{uuid.uuid4().hex[:8]}@example.gov.vn"
    return get_user_model().objects.create_superuser("bientap", email, PASSWORD)


def _login(client, url, password, address="203.0.113.5", username="bientap", **extra):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def _signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_the_sixth_attempt_after_five_wrong_passwords_is_refused_even_when_right(client, editor, url):
    for attempt in range(1, 5):
        response = _login(client, url, f"sai-{attempt}")
        assert response.status_code == 200  # the form again, with its error
    fifth = _login(client, url, "sai-5")
    assert fifth.status_code == 429
    sixth = _login(client, url, PASSWORD)
    assert sixth.status_code == 429
    assert not _signed_in(client)
    text = sixth.content.decode()
    assert "Tài khoản này đã bị khóa trên thiết bị này sau 5 lần đăng nhập sai." in text
    assert "Hãy nhờ quản trị viên mở khóa." in text


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_the_lockout_holds_only_that_account_from_that_address(client, editor, url):
    for attempt in range(5):
        _login(client, url, f"sai-{attempt}")
    assert _login(client, url, PASSWORD).status_code == 429
    other = get_user_model().objects.create_superuser("phongvien", "pv@example.gov.vn", PASSWORD)
    assert _login(client, url, PASSWORD, username=other.username).status_code == 302
    client.logout()
    assert _login(client, url, PASSWORD, address="198.51.100.7").status_code == 302
    assert _signed_in(client)


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(client, editor):
    for attempt in range(5):
        _login(client, "/admin/login/", f"sai-{attempt}", HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}")
    response = _login(client, "/admin/login/", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert response.status_code == 429
    assert not _signed_in(client)


def test_behind_a_trusted_proxy_the_address_the_proxy_saw_counts(client, editor, settings):
    settings.SEN_TRUSTED_PROXY_COUNT = 1
    for attempt in range(5):
        # The client forges the left-most entry; the proxy appends the address it saw.
        _login(client, "/admin/login/", f"sai-{attempt}", HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}, 192.0.2.10")
    locked = _login(client, "/admin/login/", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.9, 192.0.2.10")
    assert locked.status_code == 429
    # Another client behind the same proxy (same REMOTE_ADDR) signs in.
    assert _login(client, "/admin/login/", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.20").status_code == 302


def test_an_administrator_unlocks_the_account(client, editor):
    for attempt in range(5):
        _login(client, "/admin/login/", f"sai-{attempt}")
    assert _login(client, "/admin/login/", PASSWORD).status_code == 429
    call_command("axes_reset_ip_username", "203.0.113.5", "bientap")
    assert _login(client, "/admin/login/", PASSWORD).status_code == 302


def test_a_right_password_forgets_earlier_mistakes(client, editor):
    for attempt in range(4):
        _login(client, "/admin/login/", f"sai-{attempt}")
    assert _login(client, "/admin/login/", PASSWORD).status_code == 302
    client.logout()
    for attempt in range(4):
        assert _login(client, "/admin/login/", f"sai-lai-{attempt}").status_code == 200
    assert _login(client, "/admin/login/", PASSWORD).status_code == 302


def _basic(username, password):
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


@pytest.mark.parametrize(
    "url", ["/api/v2/pages/", "/api/v2/documents/", "/api/v3/pages/", "/api/sen/counter", "/api/preview/?token=x"]
)
def test_http_basic_credentials_are_not_a_password_oracle(client, editor, home_page, url):
    right = client.get(url, HTTP_AUTHORIZATION=_basic("bientap", PASSWORD))
    wrong = client.get(url, HTTP_AUTHORIZATION=_basic("bientap", "sai"))
    none = client.get(url)
    assert right.status_code == wrong.status_code == none.status_code
    assert right.content == wrong.content


def _reset(client, email, address):
    return client.post("/admin/password_reset/", {"email": email}, REMOTE_ADDR=address)


def test_password_reset_is_limited_per_account(client, editor):
    answers = [_reset(client, editor.email, f"198.51.100.{n}").status_code for n in range(1, 5)]
    assert answers == [302, 302, 302, 429]
    assert len(mail.outbox) == 3


def test_password_reset_is_limited_per_address(client, editor):
    address = f"192.0.2.{uuid.uuid4().int % 200 + 1}"
    emails = [f"khach-{uuid.uuid4().hex[:8]}@example.gov.vn" for _ in range(3)] + [editor.email]
    answers = [_reset(client, email, address).status_code for email in emails]
    assert answers == [302, 302, 302, 429]
    assert mail.outbox == []
    refused = _reset(client, editor.email, address)
    assert "Quá nhiều yêu cầu đặt lại mật khẩu. Vui lòng thử lại sau." in refused.content.decode()


def test_password_reset_answers_the_same_whether_the_account_exists(client, editor):
    unknown = f"khong-co-{uuid.uuid4().hex[:8]}@example.gov.vn"
    known_answers, unknown_answers = [], []
    for n in range(1, 5):
        known_answers.append(_reset(client, editor.email.upper(), f"203.0.113.{100 + n}"))
        unknown_answers.append(_reset(client, unknown, f"203.0.113.{200 + n}"))
    assert [r.status_code for r in known_answers] == [r.status_code for r in unknown_answers] == [302, 302, 302, 429]
    assert [r.get("Location") for r in known_answers] == [r.get("Location") for r in unknown_answers]
    assert len(mail.outbox) == 3


@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/", "/_util/login/"])
def test_a_huge_user_name_is_a_failed_sign_in_not_a_server_error(client, url):
    # PostgreSQL refuses a 10 kB value in axes' 255-character column: it was a 500.
    response = client.post(url, {"username": "a" * 10_000, "password": "x"})
    assert response.status_code in (200, 403, 429)
    from axes.models import AccessAttempt

    assert all(len(attempt.username) <= 255 for attempt in AccessAttempt.objects.all())
