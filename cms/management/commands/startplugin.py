"""``manage.py startplugin NAME``: a new content plugin from the recipe (docs/plugins.md).

Writes ``NAME/`` (the app: index and item page models on ``cms.content``'s bases, their migration,
templates, API fields and filters, search fields, feeds, its workflow section, demo data, Vietnamese
translations) and ``tests/NAME/`` (its factories and tests) from ``cms/plugin_template/``, the way
Django's ``startapp`` renders an app template: ``plugin_name`` in a path becomes NAME, a ``-tpl``
suffix is dropped, and Python, JSON and .po files are rendered as Django templates (page templates
are copied as they are). It adds the plugin to the import contracts (``.importlinter``); one entry in
``SEN_PLUGINS`` then enables it.
"""

import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db.migrations.loader import MigrationLoader
from django.template import Context, Engine

from cms.text import slugify_vi

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "plugin_template"
PLACEHOLDER = "plugin_name"
RENDERED = (".py", ".json", ".po")


def camel_case(name):
    """``open_data`` -> ``OpenData`` (as ``startapp`` names its AppConfig)."""
    return "".join(part for part in name.title() if part != "_")


def lower_first(text):
    return text[:1].lower() + text[1:]


def template_files(template_dir=TEMPLATE_DIR):
    """(source path, path relative to the target with the placeholder still in it) of every template file."""
    for path in sorted(template_dir.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield path, path.relative_to(template_dir)


def render_plugin(root, context, template_dir=TEMPLATE_DIR):
    """Write the plugin and its tests under ``root``; return the paths written."""
    engine = Engine()
    written = []
    for source, relative in template_files(template_dir):
        target = root / str(relative).replace(PLACEHOLDER, context["app_name"]).removesuffix("-tpl")
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix in RENDERED:
            text = engine.from_string(source.read_text(encoding="utf-8")).render(Context(context, autoescape=False))
            target.write_text(text, encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        written.append(target)
    return written


def add_to_import_contracts(text, name):
    """``.importlinter`` with ``name`` among the root packages, in the content plugins' layer, among the
    independent plugins and the packages without module circles."""
    lists = {("importlinter", "root_packages"), ("importlinter:contract:plugins", "modules")}
    lists.add(("importlinter:contract:acyclic", "ancestors"))
    lines = text.splitlines()
    out = []
    section = key = None
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section, key = stripped[1:-1], None
        elif line and not line[0].isspace() and "=" in line:
            key = line.split("=", 1)[0].strip()
        elif (section, key) == ("importlinter:contract:layers", "layers") and out[-1].rstrip().endswith("="):
            line = f"{line} | {name}"  # the first layer listed is the top one: the content plugins
        out.append(line)
        following = lines[number + 1] if number + 1 < len(lines) else ""
        ends_list = not following.strip() or not following[0].isspace() or following.strip().startswith("#")
        if (section, key) in lists and line[:1].isspace() and stripped and not stripped.startswith("#") and ends_list:
            out.append(line[: len(line) - len(line.lstrip())] + name)
            key = None
    return "\n".join(out) + "\n"


class Command(BaseCommand):
    help = "Create a content plugin (an app and its tests) from Sen's recipe; see docs/plugins.md."

    def add_arguments(self, parser):
        parser.add_argument("name", help="The app's name and label: lowercase letters, digits and _.")
        parser.add_argument("directory", nargs="?", default=".", help="The project's root (default: here).")
        parser.add_argument("--verbose-name", help='Its name in English, e.g. "Work schedule".')
        parser.add_argument("--verbose-name-vi", help='Its name in Vietnamese, e.g. "Lịch công tác".')

    def handle(self, name, directory, verbose_name=None, verbose_name_vi=None, **options):
        root = Path(directory).resolve()
        self.check_name(name, root)
        verbose_name = (verbose_name or name.replace("_", " ")).strip()
        verbose_name = verbose_name[:1].upper() + verbose_name[1:]
        verbose_name_vi = (verbose_name_vi or verbose_name).strip()
        for value in (verbose_name, verbose_name_vi):
            if not value or any(char in value for char in '"\\\n{}%'):
                raise CommandError(f"{value!r}: give a plain name, without quotes, backslashes or braces.")
        context = {
            "app_name": name,
            "camel_case_app_name": camel_case(name),
            "verbose_name": verbose_name,
            "verbose_name_lower": lower_first(verbose_name),
            "verbose_name_vi": verbose_name_vi,
            "verbose_name_vi_lower": lower_first(verbose_name_vi),
            "slug": slugify_vi(verbose_name_vi, max_length=50) or name.replace("_", "-"),
            # The plugin's first migration follows Wagtail's latest (the page tree as installed).
            "wagtailcore_migration": max(
                MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes("wagtailcore")
            )[1],
        }
        written = render_plugin(root, context)
        contracts = root / ".importlinter"
        if contracts.exists():
            contracts.write_text(
                add_to_import_contracts(contracts.read_text(encoding="utf-8"), name), encoding="utf-8"
            )
        self.tidy([path for path in written if path.suffix == ".py"])
        self.stdout.write(
            f"Created {root / name} and {root / 'tests' / name}"
            + (" and added it to .importlinter." if contracts.exists() else ".")
            + f'\nEnable it: add "{name}" to SEN_PLUGINS (cms/settings/base.py, or the environment), then run '
            f"`manage.py migrate` and `manage.py compile_translations`; its tests: `pytest tests/{name}`."
        )

    def check_name(self, name, root):
        if not name.isidentifier() or not name.isascii() or name != name.lower() or name.startswith("_"):
            raise CommandError(f"{name!r} is not a valid plugin name: use lowercase letters, digits and _.")
        if find_spec(name) is not None or name in {config.label for config in apps.get_app_configs()}:
            raise CommandError(f"{name!r} is the name of an existing module or app: choose another.")
        for path in (root / name, root / "tests" / name):
            if path.exists():
                raise CommandError(f"{path} exists already.")

    def tidy(self, paths):
        """Sort the imports and format the new modules as the project's ruff does (where ruff is installed):
        where the plugin's name sorts among the core's modules depends on the name."""
        ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
        if ruff is None or not paths:
            return
        for args in (["check", "--fix", "--select", "I", "--quiet"], ["format", "--quiet"]):
            subprocess.run([ruff, *args, *map(str, paths)], check=False)  # noqa: S603
