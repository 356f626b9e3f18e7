"""`manage.py startplugin` makes a working content plugin: the CI check of issue 26.

The plugin is made in a throwaway copy of the project's top level (its packages linked, `.importlinter`
and `pyproject.toml` copied, the site-wide test fixtures copied), enabled with `SEN_PLUGINS`, migrated,
and its own tests, ruff and the import contracts run on it in subprocesses (about a minute and a half of
processes on an idle machine).
"""

import os
import shutil
import subprocess
import sys

import pytest

from cms.management.commands.startplugin import add_to_import_contracts, camel_case
from tests.utils import ROOT

# A minute or two of subprocesses: spread over the xdist workers (tests/conftest.py) and handed out first.
XDIST_SPREAD = True

NAME = "work_schedule"
LINKED = ["cms", "home", "search", "articles", "centers", "documents", "templates", "manage.py"]
COPIED = [".importlinter", "pyproject.toml"]
TESTS_COPIED = ["__init__.py", "conftest.py", "factories.py", "utils.py"]


def run(args, cwd, env, timeout=300):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)  # noqa: S603
    assert result.returncode == 0, f"{' '.join(map(str, args))}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture
def project(tmp_path):
    for name in LINKED:
        (tmp_path / name).symlink_to(ROOT / name)
    for name in COPIED:
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "tests").mkdir()
    for name in TESTS_COPIED:
        shutil.copy(ROOT / "tests" / name, tmp_path / "tests" / name)
    return tmp_path


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="builds a throwaway SQLite site in subprocesses: the same check as in the SQLite run",
)
def test_startplugin_makes_a_plugin_that_passes_its_own_tests_and_the_contracts(project):
    python, bin_dir = sys.executable, os.path.dirname(sys.executable)
    env = {
        **os.environ,
        "PYTHONPATH": str(project),
        "SEN_VAR_DIR": str(project / "var"),
        "DATABASE_URL": "",
        "REDIS_URL": "",
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
    }
    names = ["--verbose-name", "Work schedule", "--verbose-name-vi", "Lịch công tác"]
    made = run([python, "manage.py", "startplugin", NAME, *names], project, env)
    assert f'add "{NAME}" to SEN_PLUGINS' in made
    assert (project / NAME / "migrations" / "0001_initial.py").exists()
    assert (project / NAME / "templates" / NAME / f"{NAME}_index_page.html").exists()
    assert (project / "tests" / NAME / "test_pages.py").exists()

    env["SEN_PLUGINS"] = NAME  # the one entry that enables it (alone: it needs no other plugin)
    run([python, "manage.py", "makemigrations", "--check", "--dry-run", NAME], project, env)
    migrated = run([python, "manage.py", "migrate", "--noinput"], project, env)
    assert f"Applying {NAME}.0001_initial... OK" in migrated
    run([python, "manage.py", "compile_translations"], project, env)
    assert (project / NAME / "locale" / "vi" / "LC_MESSAGES" / "django.mo").exists()

    ruff = os.path.join(bin_dir, "ruff")
    run([ruff, "check", NAME, f"tests/{NAME}"], project, env)
    run([ruff, "format", "--check", NAME, f"tests/{NAME}"], project, env)
    contracts = run([os.path.join(bin_dir, "lint-imports"), "--no-cache"], project, env)
    assert "0 broken" in contracts and NAME in (project / ".importlinter").read_text()

    env["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    # Its own tests: the list, the page, the API, the feeds, search, the home page, the demo, the workflow.
    tests = run([python, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0", "-q", f"tests/{NAME}"], project, env)
    assert "9 passed" in tests and "failed" not in tests


def test_the_plugin_joins_every_import_contract():
    text = add_to_import_contracts((ROOT / ".importlinter").read_text(encoding="utf-8"), "agency")
    lines = [line.strip() for line in text.splitlines()]
    assert "articles | centers | documents | agency" in lines
    assert lines.count("agency") == 3  # a root package, an independent plugin, a package without circles
    assert len(text.splitlines()) == len((ROOT / ".importlinter").read_text().splitlines()) + 3


def test_names_are_checked(tmp_path):
    from django.core.management import CommandError, call_command

    for bad in ("Work", "work-schedule", "1work", "cms", "os"):
        with pytest.raises(CommandError):
            call_command("startplugin", bad, str(tmp_path))
    assert list(tmp_path.iterdir()) == []
    assert camel_case("work_schedule") == "WorkSchedule"
