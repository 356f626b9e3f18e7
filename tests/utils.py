"""Helpers shared by the test modules."""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, env=None, settings="cms.settings.dev", timeout=120):
    """Run manage.py in a fresh process (so settings are imported from scratch)."""
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, **(env or {})}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# --- Editorial roles and workflows (tests/cms/roles/, tests/browser/) ---


class EditorialSite:
    """A small site with every section under approval: news, bulletins, centres (two), and the roles."""

    def __init__(self, home):
        from django.apps import apps

        from cms.workflows import roles

        self.home = home
        self.news_index = self.video_index = None
        if apps.is_installed("articles"):  # absent in `SEN_PLUGINS=centers pytest tests/centers`
            from tests.articles.factories import make_news_index, make_video_index

            self.news_index = make_news_index(home)
            self.video_index = make_video_index(home)
        self.center_index, self.center_a, self.center_b = self._centres(home)
        roles.setup_roles()

    @staticmethod
    def _centres(home):
        from tests.centers import factories

        places = factories.seeded_places()
        index = factories.center_index(home, slug="trung-tam-hoc-tap-cong-dong")
        center_a = factories.center(
            index, "Trung tâm học tập cộng đồng phường Yên Thanh", places["uong_bi"],
            short_names="TTHTCĐ phường Yên Thanh", slug="tthtcd-phuong-yen-thanh",
        )  # fmt: skip
        center_b = factories.center(
            index, "Trung tâm học tập cộng đồng phường Phương Nam", places["yen_tu"],
            short_names="TTHTCĐ phường Phương Nam", slug="tthtcd-phuong-phuong-nam",
        )  # fmt: skip
        return index, center_a, center_b

    def user(self, username, role=None, staff_of=None, **fields):
        """A user in the group of ``role`` (a ``roles`` key) or in the staff group of the page ``staff_of``."""
        from django.contrib.auth import get_user_model

        from cms.workflows import roles

        user = get_user_model().objects.create_user(
            username=username, email=f"{username}@example.com", password="matkhau-thu-nghiem", **fields
        )
        if role:
            user.groups.add(roles.role_group(role))
        if staff_of is not None:
            section = roles.staff_section_for(staff_of)
            user.groups.add(roles.staff_group(staff_of, section))
        return user

    def news(self, title="Tin thử nghiệm", owner=None, publish=False, **fields):
        from articles.models import NewsPage

        page = NewsPage(title=title, live=False, owner=owner, summary="Tóm tắt.", **fields)
        self.news_index.add_child(instance=page)
        revision = page.save_revision(user=owner)
        if publish:
            revision.publish()
        page.refresh_from_db()
        return page

    def bulletin(self, title="Bản tin thử nghiệm", owner=None, publish=False):
        import datetime

        from articles.models import VideoBulletinPage

        page = VideoBulletinPage(
            title=title,
            live=False,
            owner=owner,
            broadcast_date=datetime.date(2018, 12, 7),
            embed_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        )
        self.video_index.add_child(instance=page)
        revision = page.save_revision(user=owner)
        if publish:
            revision.publish()
        page.refresh_from_db()
        return page


PROBLEM_KEYS = {"type", "status", "title", "code", "parameter", "detail"}


def assert_problem(response, status, code=None, parameter=None):
    """An API error: application/problem+json (RFC 9457) with Sen's code and parameter; the body."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/problem+json"), response["Content-Type"]
    body = response.json()
    assert set(body) >= PROBLEM_KEYS, body
    assert body["status"] == status and body["detail"] and body["title"]
    if code is not None:
        assert body["code"] == code, body
    if parameter is not None:
        assert body["parameter"] == parameter, body
    return body


def wait_until_last_modified_is_sent():
    """Wait (at most about a second) until the content change just recorded may be sent as Last-Modified.

    A response carries no Last-Modified while the last change's second has not begun (cms/http/middleware.py).
    """
    from cms.http.models import ContentChange  # a model: importable once Django is set up, not by conftest

    stored = ContentChange.objects.filter(pk=1).values_list("changed_at", flat=True).first() or 0
    time.sleep(max(stored - time.time(), 0))
