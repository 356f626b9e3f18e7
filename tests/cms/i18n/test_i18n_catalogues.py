"""Vietnamese catalogues: placeholders kept, Sen's own complete, coverage targets, served at runtime."""

import gettext as gettext_module
import io
import json
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

ROOT = Path(settings.BASE_DIR)
SEN_APPS = settings.SEN_CORE_APPS + settings.SEN_CONTENT_APPS

# %(name)s / %(count)d, %s / %d, and str.format fields {name}, {0}, {}.
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*(?:\.\d+)?[sdif]|\{\w*\}")


def placeholders(text):
    return set(PLACEHOLDER.findall(text or ""))


def all_catalogues():
    """Every .po under cms/locale (Sen's own and the upstream completions) and Sen's apps' locale dirs."""
    roots = {(ROOT / "cms" / "locale").resolve()} | {(ROOT / app / "locale").resolve() for app in SEN_APPS}
    return sorted({path for root in roots for path in root.glob("**/LC_MESSAGES/*.po")})


def sen_catalogues():
    """Sen's own catalogues: the Vietnamese of cms and of each Sen app (not the upstream completions)."""
    roots = {(ROOT / app / "locale").resolve() for app in SEN_APPS}
    return sorted({path for root in roots for path in (root / "vi" / "LC_MESSAGES").glob("*.po")})


def open_null():
    return io.StringIO()


def rel(path):
    return str(path.relative_to(ROOT))


def nplurals(catalogue):
    match = re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


@pytest.mark.parametrize("po_path", all_catalogues(), ids=rel)
def test_translations_keep_the_source_placeholders(po_path):
    catalogue = polib.pofile(str(po_path))
    single_form = nplurals(catalogue) == 1
    problems = []
    for entry in catalogue:
        if entry.obsolete or not entry.translated():
            continue
        if entry.msgid_plural:
            for index, text in sorted(entry.msgstr_plural.items()):
                # With one plural form (Vietnamese) msgstr[0] is used for every count: it needs
                # the plural source's placeholders; otherwise form 0 follows the singular.
                source = entry.msgid if (index == 0 and not single_form) else entry.msgid_plural
                if placeholders(text) != placeholders(source):
                    problems.append(f"{entry.msgid_plural!r} [{index}] -> {text!r}")
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            problems.append(f"{entry.msgid!r} -> {entry.msgstr!r}")
    assert not problems, f"{rel(po_path)}: placeholders differ from the source:\n" + "\n".join(problems)


TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")


def tags(text):
    return sorted(match.group(0).split()[0].rstrip(">") + ">" for match in TAG.finditer(text or ""))


@pytest.mark.parametrize("po_path", all_catalogues(), ids=rel)
def test_translations_keep_the_source_html_tags(po_path):
    catalogue = polib.pofile(str(po_path))
    problems = []
    for entry in catalogue:
        if entry.obsolete or not entry.translated():
            continue
        source = entry.msgid_plural or entry.msgid
        for text in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            if tags(text) != tags(source):
                problems.append(f"{source!r} -> {text!r}")
    assert not problems, f"{rel(po_path)}: HTML tags differ from the source:\n" + "\n".join(problems)


def test_catalogue_discovery_finds_sen_and_upstream_completions():
    found = {rel(path) for path in all_catalogues()}
    assert "cms/locale/vi/LC_MESSAGES/django.po" in found
    assert "cms/locale/upstream/wagtail_images/vi/LC_MESSAGES/django.po" in found
    assert "cms/locale/upstream/wagtail_localize/vi/LC_MESSAGES/djangojs.po" in found


@pytest.mark.parametrize("po_path", all_catalogues(), ids=rel)
def test_catalogue_header_is_vietnamese_utf8_single_plural_form(po_path):
    catalogue = polib.pofile(str(po_path))
    assert catalogue.metadata.get("Language") == "vi"
    assert "charset=UTF-8" in catalogue.metadata.get("Content-Type", "")
    assert nplurals(catalogue) == 1
    assert "fuzzy" not in catalogue.metadata_is_fuzzy


@pytest.mark.parametrize("po_path", sorted(set(sen_catalogues()) | set(all_catalogues())), ids=rel)
def test_catalogue_has_no_fuzzy_or_untranslated_entries(po_path):
    catalogue = polib.pofile(str(po_path))
    assert catalogue.fuzzy_entries() == [], [e.msgid for e in catalogue.fuzzy_entries()]
    assert catalogue.untranslated_entries() == [], [e.msgid for e in catalogue.untranslated_entries()]


def test_sen_has_its_own_vietnamese_catalogue():
    assert any(rel(path) == "cms/locale/vi/LC_MESSAGES/django.po" for path in sen_catalogues())


def test_i18n_report_reaches_the_targets():
    # Wagtail and wagtail-localize >= 98 % translated in effect, Sen's own catalogues 100 %.
    call_command("i18n_report", "--check", stdout=open_null(), stderr=open_null())


def test_i18n_report_fails_check_when_a_target_is_missed(tmp_path, settings):
    # A Sen app whose catalogue still has an untranslated string makes --check fail.
    app_dir = tmp_path / "sen_extra"
    po_dir = app_dir / "locale" / "vi" / "LC_MESSAGES"
    po_dir.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.metadata = {"Language": "vi", "Content-Type": "text/plain; charset=UTF-8"}
    catalogue.append(polib.POEntry(msgid="Untranslated string", msgstr=""))
    catalogue.save(str(po_dir / "django.po"))
    settings.BASE_DIR = tmp_path
    settings.SEN_CORE_APPS = ["sen_extra"]
    settings.SEN_CONTENT_APPS = []
    with pytest.raises(CommandError, match="Sen"):
        call_command("i18n_report", "--check", stdout=open_null(), stderr=open_null())


# Runtime: the compiled catalogues are what Django serves ---------------------------------------


@pytest.fixture(scope="module")
def compiled_catalogues():
    call_command("compile_translations", stdout=open_null())
    # Forget catalogues loaded before compiling, so this process reads the fresh .mo files.
    gettext_module._translations.clear()
    trans_real._translations = {}
    trans_real._default = None
    yield
    trans_real._translations = {}
    trans_real._default = None


def test_admin_strings_come_out_in_vietnamese(compiled_catalogues):
    with translation.override("vi"):
        # Glossary terms: image, document, snippet, translate.
        assert translation.gettext("Images") == "Hình ảnh"
        assert translation.gettext("Documents") == "Tài liệu"
        assert translation.gettext("Snippets") == "Đoạn nội dung"
        assert translation.gettext("Translate") == "Dịch"
        # wagtail-localize (not translated upstream).
        assert translation.gettext("Sync translated pages") == "Đồng bộ bản dịch các trang"
        # wagtail.contrib.redirects and a plural with a single Vietnamese form.
        assert translation.gettext("Redirects") == "Chuyển hướng"
        assert translation.ngettext("%(count)s image", "%(count)s images", 3) % {"count": 3} == "3 hình ảnh"
    with translation.override("en"):
        assert translation.gettext("Images") == "Images"


def test_broken_upstream_translation_is_overridden(compiled_catalogues):
    with translation.override("vi"):
        # Upstream says "Bảnh" (a typo) and "Trang" (page) for site.
        assert translation.gettext("Table") == "Bảng"
        assert translation.gettext("Site") == "Trang web"


def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("bientap", "bientap@example.vn", "matkhau-123")
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_images_admin_page_renders_in_vietnamese(compiled_catalogues, client, django_user_model):
    response = admin_client(client, django_user_model).get(reverse("wagtailimages:index"), HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thêm hình ảnh" in html  # "Add an image"
    assert "Add an image" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["wagtail_localize:javascript_catalog", "wagtailadmin_javascript_catalog"])
def test_js_catalogue_serves_wagtail_localize_strings(compiled_catalogues, client, django_user_model, url_name):
    # wagtail-localize's editor reads its strings from Django's JavaScriptCatalog (domain djangojs),
    # which merges LOCALE_PATHS: Sen's djangojs.po must reach the browser.
    response = admin_client(client, django_user_model).get(reverse(url_name), HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    body = response.content.decode()
    assert json.dumps("Download PO file") in body
    assert json.dumps("Tải xuống tệp PO") in body
    assert json.dumps("Dịch tất cả chuỗi còn thiếu bằng ") in body
