"""Content-Security-Policy on HTML pages (strict on the public site, Wagtail's needs in the admin) and HSTS opt-in."""

import base64
import hashlib
import re

import pytest
from django.template.loader import render_to_string

from tests.utils import run_manage

pytestmark = pytest.mark.django_db


def _policy(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_pages_allow_only_their_own_scripts_and_styles(client, demo_site):
    from wagtail.models import Page

    pages = ["/", "/search/?q=hoc+tap", "/khong-co-trang-nay/"]
    for model in ("newspage", "videobulletinpage", "centerpage", "centerindexpage"):
        pages.append(Page.objects.live().filter(content_type__model=model).first().url)
    for url in pages:
        response = client.get(url)
        policy = _policy(response)
        assert policy["default-src"] == ["'self'"], url
        assert policy["script-src"] == ["'self'"], url  # no 'unsafe-inline', no nonce unused
        assert "'unsafe-inline'" not in policy["style-src"], url
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"], url
        html = response.content.decode()
        # Nothing inline that the policy would block: no style attributes, no inline scripts or styles.
        assert " style=" not in html, url
        assert "<style" not in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", html), url


def test_the_admin_gets_the_policy_wagtail_needs(client):
    policy = _policy(client.get("/admin/login/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in _policy(client.get("/"))["script-src"]


def test_api_and_files_keep_their_own_headers(client, home_page):
    assert "Content-Security-Policy" not in client.get("/api/v2/pages/")


def test_the_server_error_page_style_is_allowed_by_its_hash(client):
    html = render_to_string("500.html")
    style = re.search(r"<style>(.*?)</style>", html, re.DOTALL).group(1)
    digest = "'sha256-%s'" % base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert digest in _policy(client.get("/"))["style-src"]


PRODUCTION = {"SEN_VAR_DIR": "/tmp/sen-settings-test-var", "SECRET_KEY": "a-long-throwaway-secret-" * 3}
PRINT_HSTS = "from django.conf import settings as s; print(s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"


def test_hsts_subdomains_and_preload_are_off_unless_asked():
    result = run_manage("shell", "-v", "0", "-c", PRINT_HSTS, settings="cms.settings.production", env=PRODUCTION)
    assert result.stdout.split() == ["False", "False"], result.stderr
    opted_in = {**PRODUCTION, "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1", "SECURE_HSTS_PRELOAD": "1"}
    result = run_manage("shell", "-v", "0", "-c", PRINT_HSTS, settings="cms.settings.production", env=opted_in)
    assert result.stdout.split() == ["True", "True"], result.stderr
