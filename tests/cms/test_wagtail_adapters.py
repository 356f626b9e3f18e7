"""Every Wagtail internal Sen relies on, pinned: a Wagtail (or wagtail-localize, treebeard,
modelsearch) upgrade that changes one fails here, by name, instead of quietly elsewhere.

The internals Sen calls live behind cms/wagtail_adapters/ (one module each); the admin's
Vietnamese patches are in cms/i18n/admin_vi.py; the admin templates Sen overrides are pinned by the
hash of the upstream template they were copied from. On a failure: compare the new upstream
code or template with Sen's use of it, fix the adapter or the override, then update the pin.
"""

import hashlib
import inspect
import re
from pathlib import Path

import pytest
from django.template.loader import get_template
from wagtail import blocks

from cms.wagtail_adapters.references import references_in
from cms.wagtail_adapters.stream_values import set_converted_child, unconverted_children
from cms.wagtail_adapters.tree_paths import child_path, last_step


def params(function):
    return list(inspect.signature(function).parameters)


# cms/wagtail_adapters/ -----------------------------------------------------------------


@pytest.mark.django_db
def test_references_in_reads_a_pages_image_without_the_stored_index(home_page):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.images import get_image_model
    from wagtail.models import ReferenceIndex

    from tests.articles.factories import make_image, make_news, make_news_index

    assert params(ReferenceIndex._extract_references_from_object) == ["object"]
    image = make_image()
    article = make_news(make_news_index(home_page), "Tin có ảnh", main_image=image, main_image_alt="Ảnh")
    image_type = ContentType.objects.get_for_model(get_image_model()).pk
    references = {(type_id, object_id) for type_id, object_id, *_rest in references_in(article)}
    assert (image_type, str(image.pk)) in references


@pytest.mark.django_db
def test_a_row_deleted_before_its_reference_update_runs_is_skipped_without_a_traceback(
    settings, caplog, django_capture_on_commit_callbacks
):
    """The worker's three tracebacks on a fresh `make run`: CenterPhoto (…) DoesNotExist."""
    from django_tasks import task_backends
    from wagtail import signal_handlers
    from wagtail import tasks as wagtail_tasks

    from cms.wagtail_adapters.reference_updates import update_reference_index
    from tests.articles.factories import make_image

    assert params(wagtail_tasks.update_reference_index_task.func) == ["app_label", "model_name", "pk"]
    assert params(signal_handlers.update_reference_index_on_save) == ["instance", "kwargs"]
    assert hasattr(signal_handlers.reference_index_auto_update_disabled, "__dict__")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image()
    reference_tasks = {update_reference_index.func, wagtail_tasks.update_reference_index_task.func}
    queued = [result for result in backend.results if result.task.func in reference_tasks]
    assert [result.task.func for result in queued] == [update_reference_index.func]  # Wagtail's own not queued

    image.delete()  # before the worker comes to the task
    update_reference_index.call(*queued[0].args)  # what the worker does: no DoesNotExist
    assert "deleted before its update ran" in caplog.text


def test_stream_values_are_converted_once_from_outside():
    class Body(blocks.StreamBlock):
        heading = blocks.CharBlock()
        count = blocks.IntegerBlock()

    raw = [{"type": "heading", "value": "Khai giảng", "id": "a"}, {"type": "count", "value": "7", "id": "b"}]
    value = blocks.StreamValue(Body(), raw, is_lazy=True)
    assert [(index, item["type"]) for index, item in unconverted_children(value)] == [(0, "heading"), (1, "count")]

    set_converted_child(value, 1, Body().child_blocks["count"], 7)
    assert [index for index, _raw in unconverted_children(value)] == [0]
    assert value[1].value == 7 and value[1].id == "b" and value[1].block_type == "count"
    assert value[0].value == "Khai giảng"  # Wagtail still converts the others itself
    assert unconverted_children(blocks.StreamValue(Body(), [("heading", "x")])) == []  # not lazy


@pytest.mark.django_db
def test_tree_paths_match_the_ones_treebeard_gives(home_page):
    from home.models import HomePage

    first = home_page.add_child(instance=HomePage(title="Con một", slug="con-mot"))
    assert last_step(first.path) == 1
    assert child_path(home_page, 2) == home_page.add_child(instance=HomePage(title="Con hai", slug="con-hai")).path


def test_the_ninja_operation_behind_an_api_v3_url_and_its_query_parameters():
    from django.test import RequestFactory
    from django.urls import resolve

    from cms.wagtail_adapters.ninja_operations import declared_query_names, operation_for, path_view_of

    path_view = path_view_of(resolve("/api/v3/pages/").func)
    assert path_view is not None
    operation = operation_for(path_view, RequestFactory().get("/api/v3/pages/"))
    assert operation.methods == ["GET"] and operation is not operation_for(path_view, RequestFactory().post("/"))
    assert {"child_of", "limit", "offset", "locale", "search", "type"} <= declared_query_names(operation)


# cms/i18n/admin_vi.py: what each patch replaces must still be there ------------------------


def test_the_admin_vietnamese_patches_still_have_their_targets():
    from wagtail.admin.forms.choosers import LocaleFilterMixin
    from wagtail.admin.paginator import WagtailPaginator
    from wagtail.admin.ui.sidebar import MainMenuModule
    from wagtail.models import Locale
    from wagtail.sites.views import IndexView
    from wagtail_localize.models import StringTranslation
    from wagtail_localize.views import edit_translation as editor
    from wagtail_localize.views.report import TranslationsReportView

    assert params(Locale.get_display_name) == ["self"]
    assert params(MainMenuModule.__init__) == ["self", "menu_items", "account_menu_items", "user"]
    assert params(LocaleFilterMixin.filter) == ["self", "objects"]  # its "locale" field, labelled by Sen
    assert {"port", "site_name", "root_page"} <= {column.name for column in IndexView.columns}
    assert hasattr(TranslationsReportView, "verbose_name") and hasattr(TranslationsReportView, "verbose_name_plural")
    assert hasattr(WagtailPaginator, "verbose_name") and hasattr(WagtailPaginator, "verbose_name_plural")
    assert params(StringTranslation.get_comment) == ["self"]
    assert {"TRANSLATION_TYPE_MANUAL", "TRANSLATION_TYPE_MACHINE"} <= set(dir(StringTranslation))
    # The view formats dates with its module's DATE_FORMAT, and the hooks call it through the module.
    assert isinstance(editor.DATE_FORMAT, str)
    assert params(editor.edit_translation) == ["request", "translation", "instance"]


# search/: the modelsearch internals the Vietnamese backends override -----------------------


def test_the_search_backend_internals_sen_overrides():
    from django.db import connection
    from modelsearch.backends.base import BaseSearchBackend

    expected = ["self", "query_compiler_class", "query", "model_or_queryset", "kwargs"]
    assert params(BaseSearchBackend._search) == expected
    # search.backends rebinds the global ObjectIndexer of add_items to fold the indexed text. Each database's
    # module can only be imported on that database (the SQLite one looks up its FTS model at import).
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import PostgresIndex as index_class
    else:
        from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex as index_class
    assert "ObjectIndexer" in _global_names(index_class.add_items.__code__)


def _global_names(code):
    """The names ``code`` and the comprehensions inside it look up."""
    names = set(code.co_names)
    for const in code.co_consts:
        if inspect.iscode(const):
            names |= _global_names(const)
    return names


# Admin templates Sen overrides (cms/templates/): the upstream file each was copied from ------

UPSTREAM_TEMPLATES = {
    "wagtailadmin/home/account_summary.html": "ff5c7d30e46778c3",
    "wagtailadmin/notifications/base.html": "bf3e707b507724a9",
    "wagtailadmin/notifications/base.txt": "59f5bb660520ef0c",
    "wagtailadmin/pages/listing/_page_title_column_header.html": "6edca9f62c0dd844",
    "wagtailadmin/reports/listing/_list_page_types_usage.html": "d8b25a2f35ef4b89",
    "wagtailadmin/shared/headers/_actions.html": "facea723b6b91762",
    "wagtailadmin/shared/side_panels/includes/status/workflow.html": "5576087b4e000e63",
    "wagtailadmin/shared/user_avatar.html": "10cbd09a2e9434e5",
    "wagtailadmin/tables/boolean_cell.html": "f52d1f7945b2b176",
    "wagtaillocales/index.html": "a7fb4f60c524d2e9",
    "wagtail_localize/admin/submit_translation.html": "f11cd525d207f37c",
}
OVERRIDES = Path(__file__).resolve().parents[2] / "cms" / "templates"


def test_every_overridden_admin_template_is_pinned():
    overridden = {
        str(path.relative_to(OVERRIDES))
        for folder in ("wagtailadmin", "wagtaillocales", "wagtail_localize")
        for path in (OVERRIDES / folder).rglob("*")
        if path.is_file()
    }
    assert overridden == set(UPSTREAM_TEMPLATES)


@pytest.mark.parametrize("name", sorted(UPSTREAM_TEMPLATES))
def test_the_upstream_admin_template_is_the_one_sen_overrode(name):
    templates = [Path(origin.name) for origin in _origins(name)]
    assert templates[0].is_relative_to(OVERRIDES), f"Sen's override of {name} is not the one Django loads"
    assert len(templates) > 1, f"{name} is gone upstream: Sen's override no longer replaces anything"
    digest = hashlib.sha256(templates[1].read_bytes()).hexdigest()[:16]
    assert digest == UPSTREAM_TEMPLATES[name], f"{name} changed upstream ({templates[1]}): re-check Sen's override"


def _origins(name):
    """The files ``name`` resolves to, in the order Django's loaders try them."""
    engine = get_template(name).template.engine
    found = []
    for loader in engine.template_loaders:
        for origin in loader.get_template_sources(name):
            if Path(origin.name).is_file():
                found.append(origin)
    return found


def test_every_hook_sen_registers_is_one_something_calls():
    """A hook Wagtail no longer calls (Wagtail 8 dropped ``insert_editor_css``) is registered without error and
    then never runs: every name Sen registers is named by Wagtail or wagtail-localize (outside their tests),
    or is one of Sen's own hook names (module constants, as in cms/hooks.py)."""
    import wagtail
    import wagtail_localize
    from wagtail import hooks

    hooks.search_for_hooks()
    named = set()
    for package in (wagtail, wagtail_localize):
        for path in Path(package.__file__).parent.rglob("*"):
            if path.suffix in {".py", ".html"} and "tests" not in path.parts:
                named.update(re.findall(r"""["']([a-z_]+)["']""", path.read_text("utf-8")))
    root = Path(__file__).resolve().parents[2]
    for path in root.glob("*/**/*.py"):  # Sen's own names: constants (cms/hooks.py, a menu's submenu_hook…)
        if not {".venv", "tests", "migrations"} & set(path.parts):
            text = path.read_text("utf-8")
            named.update(re.findall(r"""^[A-Z_]+ = ["']([a-z_]+)["']""", text, re.MULTILINE))
    registered = set(hooks._hooks)  # (Wagtail's registry: the names are what this test is about)
    assert registered - named == set()
