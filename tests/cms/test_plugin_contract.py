"""Content types are plugins: the layers hold (import-linter), and removing one leaves the rest working.

Which module may import which is the contract in `.importlinter` (core -> home/search -> content plugins,
plugins independent of each other), checked by import-linter here and by `lint-imports` in CI.
"""

import os

import pytest
from importlinter.cli import lint_imports

from tests.utils import ROOT, run_manage

CORE = ["cms", "home", "search", "templates"]
# Each plugin set builds its own site in subprocesses (about 40 s): spread over the xdist workers.
XDIST_SPREAD = True


def test_the_import_layers_hold(capsys, monkeypatch):
    """A core or home/search module importing a plugin, or one plugin another, breaks a contract here."""
    monkeypatch.chdir(ROOT)
    exit_code = lint_imports(config_filename=str(ROOT / ".importlinter"), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert exit_code == 0, report
    assert "0 broken" in report


def test_core_templates_name_no_content_app_template():
    offences = []
    for package in CORE:
        for path in sorted((ROOT / package).rglob("*.html")):
            text = path.read_text(encoding="utf-8")
            for plugin in ("articles/", "centers/", "documents/"):
                if f'"{plugin}' in text or f"'{plugin}" in text:
                    offences.append(f"{path.relative_to(ROOT)} names a {plugin} template")
    assert offences == []


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="builds throwaway SQLite sites in subprocesses: the same check as in the SQLite run",
)
@pytest.mark.parametrize("plugins", ["none", "articles", "centers", "documents", "articles,centers"])
def test_the_site_works_with_any_set_of_plugins(plugins, tmp_path):
    env = {"SEN_PLUGINS": plugins, "SEN_VAR_DIR": str(tmp_path), "DATABASE_URL": "", "REDIS_URL": ""}
    for step in (("check",), ("migrate", "--noinput", "-v0"), ("load_demo",)):
        result = run_manage(*step, env=env, timeout=300)
        assert result.returncode == 0, f"{step}: {result.stdout}\n{result.stderr}"
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.test import Client; r = Client().get('/'); print(r.status_code)",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "200"
    if "documents" not in plugins:
        # Without the documents plugin, nothing on the home page or in search mentions documents.
        result = run_manage(
            "shell",
            "--no-imports",
            "-c",
            "from django.test import Client; c = Client(); "
            "print(c.get('/').content.decode().count('van-ban'), "
            "c.get('/search/?q=a').content.decode().count('documents'))",
            env=env,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines()[-1] == "0 0"
