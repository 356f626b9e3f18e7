"""The layer contract in .importlinter names the core's modules one by one: a new module under cms/ must be placed."""

import configparser

from django.conf import settings

from tests.utils import ROOT

PROJECT_PACKAGE = {"cms.settings", "cms.urls", "cms.wsgi", "cms.asgi"}


def layers():
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    rows = config["importlinter:contract:layers"]["layers"].strip().splitlines()
    return [{name.strip() for name in row.replace("|", ":").split(":")} for row in rows]


def test_every_module_under_cms_is_in_a_layer_or_the_project_package():
    *_, features, core = layers()
    children = {
        f"cms.{path.stem}"
        for path in (ROOT / "cms").iterdir()
        if (path.suffix == ".py" and path.name != "__init__.py") or (path / "__init__.py").exists()
    }
    assert children - PROJECT_PACKAGE == features | core
    assert not features & core


def test_the_feature_layer_is_the_installed_feature_apps():
    *_, features, _core = layers()
    assert features == set(settings.SEN_FEATURE_APPS)
