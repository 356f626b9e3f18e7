"""Every settings module loads, reads the environment, and production refuses unsafe setups."""

import pytest
from django.conf import settings

from tests.utils import run_manage

SAFE_ENV = {"SEN_VAR_DIR": "/tmp/sen-settings-test-var"}


@pytest.mark.parametrize("module", ["cms.settings.dev", "cms.settings.test"])
def test_settings_module_loads_and_passes_checks(module):
    result = run_manage("check", settings=module, env={**SAFE_ENV, "DATABASE_URL": "", "REDIS_URL": ""})
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = run_manage(
        "check", settings="cms.settings.production", env={**SAFE_ENV, "SECRET_KEY": "", "ALLOWED_HOSTS": "x"}
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_deploy_check_has_no_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        settings="cms.settings.production",
        env={**SAFE_ENV, "SECRET_KEY": "a-long-throwaway-secret-" * 3, "ALLOWED_HOSTS": "sen.example.org"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_bad_boolean_in_environment_is_a_clear_error():
    result = run_manage("check", settings="cms.settings.dev", env={**SAFE_ENV, "DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


@pytest.mark.parametrize("value", ["0", "-1", "soon", "nan"])
def test_a_redis_timeout_that_would_wait_forever_or_is_not_a_number_is_a_clear_error(value):
    env = {**SAFE_ENV, "REDIS_URL": "redis://127.0.0.1:6379/0", "SEN_REDIS_TIMEOUT": value}
    result = run_manage("check", settings="cms.settings.dev", env=env)
    assert result.returncode != 0
    assert "SEN_REDIS_TIMEOUT must be" in result.stderr


def test_redis_calls_go_through_the_breaker_with_the_configured_timeout():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; o = settings.CACHES['default']['OPTIONS']; "
        "print(o['CONNECTION_POOL_CLASS'], o['SOCKET_TIMEOUT'], o['SOCKET_CONNECT_TIMEOUT'], "
        "settings.SEN_REDIS_BREAKER_SECONDS)",
        settings="cms.settings.dev",
        env={**SAFE_ENV, "REDIS_URL": "redis://127.0.0.1:6379/0", "SEN_REDIS_TIMEOUT": "0.5"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["cms.http.breaker.BreakerConnectionPool", "0.5", "0.5", "5.0"]


def test_database_url_selects_the_database():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'])",
        settings="cms.settings.dev",
        env={**SAFE_ENV, "DATABASE_URL": "postgres://sen@db.example.org:5432/portal"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "portal"]


def test_without_database_url_sqlite_file_lives_under_var():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
        settings="cms.settings.dev",
        env={**SAFE_ENV, "DATABASE_URL": ""},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "/tmp/sen-settings-test-var/sen.sqlite3"


def test_vietnamese_is_the_default_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES] == ["vi", "en"]
    assert "vi" in dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES)
    assert "wagtail_localize.locales" in settings.INSTALLED_APPS
    assert "wagtail.locales" not in settings.INSTALLED_APPS


@pytest.mark.redis
def test_cache_lives_in_redis_when_redis_url_is_set():
    import redis
    from django.core.cache import cache

    cache.set("sen-settings-probe", "shared", 30)
    client = redis.Redis.from_url(settings.REDIS_URL)
    keys = [key.decode() for key in client.keys("*sen-settings-probe*")]
    assert keys, "the cache value is not in Redis"
    assert cache.get("sen-settings-probe") == "shared"
    cache.delete("sen-settings-probe")
