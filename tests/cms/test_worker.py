"""The worker publishes scheduled pages and unpublishes expired ones without anyone running a command."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Revision

from home.models import HomePage


def a_minute_later(monkeypatch):
    """Move the clock 61 seconds ahead for everything that asks django.utils.timezone."""
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(seconds=61))


@pytest.fixture
def scheduled_page(home_page):
    page = HomePage(title="Trang hẹn giờ", live=False)
    home_page.get_parent().add_child(instance=page)
    page.go_live_at = timezone.now() + timedelta(minutes=1)
    revision = page.save_revision()
    revision.publish()  # with a future go-live time this schedules instead of publishing
    page.refresh_from_db()
    return page, revision


@pytest.mark.django_db
def test_a_page_scheduled_a_minute_ahead_goes_live_when_its_time_comes(scheduled_page, monkeypatch):
    page, revision = scheduled_page
    assert not page.live
    assert Revision.objects.filter(id=revision.id, approved_go_live_at__isnull=False).exists()

    call_command("sen_worker", "--once")
    page.refresh_from_db()
    assert not page.live  # not yet: a minute has not passed

    a_minute_later(monkeypatch)
    call_command("sen_worker", "--once")
    page.refresh_from_db()
    assert page.live


@pytest.mark.django_db
def test_an_expired_page_is_unpublished_by_the_worker(home_page):
    page = HomePage(title="Trang hết hạn")
    home_page.get_parent().add_child(instance=page)
    page.save_revision().publish()
    Page.objects.filter(id=page.id).update(expire_at=timezone.now() - timedelta(seconds=1))

    call_command("sen_worker", "--once")

    page.refresh_from_db()
    assert not page.live
    assert page.expired


@pytest.mark.django_db
def test_a_failing_upkeep_job_does_not_stop_the_others(home_page, scheduled_page, monkeypatch):
    from wagtail import hooks

    from cms import hooks as sen_hooks

    page, _revision = scheduled_page
    a_minute_later(monkeypatch)
    ran = []

    def broken(now):
        raise RuntimeError("upkeep failed")

    def working(now):
        ran.append(now)

    with (
        hooks.register_temporarily(sen_hooks.PERIODIC_TASKS, broken),
        hooks.register_temporarily(sen_hooks.PERIODIC_TASKS, working),
    ):
        call_command("sen_worker", "--once")

    assert ran
    page.refresh_from_db()
    assert page.live
