"""Content types are plugins: the core never imports them, and removing one leaves the rest working."""

import ast
import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.utils import ROOT, run_manage

CORE = ["cms", "home", "search", "templates"]


def _is_dynamic_import(call):
    name = getattr(call.func, "attr", getattr(call.func, "id", ""))
    first = call.args[0] if call.args else None
    return name in {"import_module", "__import__"} and isinstance(first, ast.Constant) and isinstance(first.value, str)


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, node.lineno
        elif isinstance(node, ast.Call) and _is_dynamic_import(node):
            yield node.args[0].value, node.lineno


def test_core_never_imports_a_content_app():
    plugins = set(settings.SEN_CONTENT_APPS) | {"articles", "centers", "documents"}
    offences = []
    for package in CORE:
        for path in sorted((ROOT / package).rglob("*.py")):
            for module, line in imported_modules(path):
                if module.split(".")[0] in plugins:
                    offences.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert offences == []


def test_core_templates_name_no_content_app_template():
    offences = []
    for package in CORE:
        for path in sorted(Path(ROOT / package).rglob("*.html")):
            text = path.read_text(encoding="utf-8")
            for plugin in ("articles/", "centers/", "documents/"):
                if f'"{plugin}' in text or f"'{plugin}" in text:
                    offences.append(f"{path.relative_to(ROOT)} names a {plugin} template")
    assert offences == []


def test_content_apps_do_not_import_each_other():
    offences = []
    plugins = ("articles", "centers", "documents")
    for plugin in plugins:
        others = set(plugins) - {plugin}
        for path in sorted((ROOT / plugin).rglob("*.py")):
            for module, line in imported_modules(path):
                if module.split(".")[0] in others:
                    offences.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
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
