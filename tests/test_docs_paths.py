"""Every repository path the documentation names exists.

Reads README.md, ARCHITECTURE.md, every Markdown file under docs/ (whatever is there) and any other in the
repository (cms/locale/GLOSSARY.md), and checks the
paths they name: in inline code (`cms/http/pagecache.py`, `tests/<label>/factories.py`, `apps.py`) and in
links ([api.md](api.md)). What counts as a path, so that rot is caught without false alarms:

- a link target that is not a URL, resolved from the Markdown file's folder;
- inline code without spaces that ends in a file extension the repository uses, or whose first segment is a
  top-level entry of the repository and that has a `/` (`cms/api/`); MIME types, document numbers
  (`1009/KH-PGDĐT`) and URL paths (`/api/v2/`, which start with `/`) are not paths;
- never what the running site writes (`var/…`), a URL (`https://…`), a command or an assignment.

`<placeholder>`, `…` and `*` match any name and `{a,b}` either, so `cms/locale/upstream/<package>/vi/` must
match at least one folder. A path whose first segment is not top-level (`http/pagecache.py`) must end some
repository path; a bare file name (`wagtail_hooks.py`) must be some file's name. A dotted name of Sen's code
(`cms.http.middleware.connect_signals`, `home.Announcement`) must be a module, or a name its module defines.
A link's `#heading` must be a heading of the page it leads to. Fenced code blocks are commands and examples,
not references, and are skipped.
"""

import fnmatch
import itertools
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOT_THE_REPOSITORY = {".git", ".venv", "node_modules", "var", "__pycache__", ".pytest_cache", ".ruff_cache"}
EXTENSIONS = (
    ".py", ".md", ".html", ".txt", ".cfg", ".toml", ".ini", ".conf", ".po", ".js", ".css", ".json", ".yml",
    ".yaml", ".sh", ".svg", ".png", ".webp",
)  # fmt: skip
# Names in inline code that look like files but are not the repository's, each with its reason.
NOT_FILES = {
    "manifest.json",  # a member of a backup archive (docs/operations.md, "Backups")
}

FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
DOTTED = re.compile(r"(?:cms|home|search|articles|centers|documents|deploy)(?:\.[A-Za-z_]\w*)+(?:\(.*\))?$")
PLACEHOLDER = re.compile(r"<[^<>/]+>|…")


def documents():
    """README.md, ARCHITECTURE.md, docs/ and every other Markdown file of the repository (cms/locale/GLOSSARY.md)."""
    others = sorted(ROOT / path for path in FILES if path.endswith(".md"))
    return list(
        dict.fromkeys([ROOT / "README.md", ROOT / "ARCHITECTURE.md", *sorted((ROOT / "docs").rglob("*.md")), *others])
    )


def repository_files():
    """Every file and folder of the checkout, relative to its root, folders ending in `/`."""
    paths = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in NOT_THE_REPOSITORY]
        relative = Path(folder).relative_to(ROOT).as_posix()
        prefix = "" if relative == "." else relative + "/"
        paths.extend(prefix + name + "/" for name in subfolders)
        paths.extend(prefix + name for name in files)
    return paths


FILES = repository_files()
TOP_LEVEL = {path.rstrip("/") for path in FILES if "/" not in path.rstrip("/")}


def expand_braces(pattern):
    parts = re.split(r"\{([^{}]*,[^{}]*)\}", pattern)
    choices = [[part] if index % 2 == 0 else part.split(",") for index, part in enumerate(parts)]
    return ["".join(combination) for combination in itertools.product(*choices)]


def exists(pattern, *, suffix=False):
    """Whether some repository path matches the pattern (or ends with it, after a `/`, with `suffix`)."""
    pattern = PLACEHOLDER.sub("*", pattern)
    wanted_folder = pattern.endswith("/")
    for candidate in expand_braces(pattern):
        candidate = candidate.rstrip("/")
        for path in FILES:
            if wanted_folder and not path.endswith("/"):
                continue
            path = path.rstrip("/")
            if fnmatch.fnmatchcase(path, candidate):
                return True
            if suffix and fnmatch.fnmatchcase(path, "*/" + candidate):
                return True
    return False


def is_path(text):
    if re.search(r"\s|://|=|^[/$\-~]|^var/|^\.\./|^\.[a-z0-9]+$", text) or text in NOT_FILES:
        return False
    bare = text.rstrip("/")
    if PLACEHOLDER.sub("x", bare).lower().endswith(EXTENSIONS):
        return True
    return "/" in text and text.split("/")[0] in TOP_LEVEL


def problem(text):
    """Why a path named in inline code does not resolve, or None."""
    text = text.split("::")[0].split("#")[0]  # a test's node id, an anchor
    if text.split("/")[0] in TOP_LEVEL:
        found = exists(text)
    elif "/" in text.rstrip("/"):
        found = exists(text, suffix=True)
    else:
        found = exists(text, suffix=True) or exists("*/" + text)
    return None if found else f"`{text}` names no file or folder of the repository"


def anchors(document):
    """The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces as `-`."""
    slugs = []
    for heading in re.findall(r"^#+\s+(.+?)\s*$", FENCE.sub("", document.read_text(encoding="utf-8")), re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        count = sum(1 for earlier in slugs if re.fullmatch(re.escape(slug) + r"(-\d+)?", earlier))
        slugs.append(f"{slug}-{count}" if count else slug)
    return set(slugs)


def defines(source, name):
    return re.search(rf"^\s*(?:def|class)\s+{name}\b|^{name}\s*[:=]|^\s*(?:from|import)\b.*\b{name}\b", source, re.M)


def module_problem(text):
    """Why a dotted name of Sen's code (`cms.http.middleware.connect_signals`, `home.Announcement`) is stale."""
    parts = text.split("(")[0].split(".")
    for end in range(len(parts), 0, -1):
        base = ROOT.joinpath(*parts[:end])
        module = base.with_suffix(".py") if base.with_suffix(".py").is_file() else base / "__init__.py"
        if module.is_file():
            break
    else:
        return f"`{text}` names no module of the repository"
    if end == len(parts) or defines(module.read_text(encoding="utf-8"), parts[end]):
        return None
    model = module.name == "__init__.py" and parts[end][0].isupper()  # a model as `app_label.Model`
    if model and any(defines(path.read_text(encoding="utf-8"), parts[end]) for path in module.parent.rglob("*.py")):
        return None
    return f"`{text}`: {module.relative_to(ROOT).as_posix()} has no `{parts[end]}`"


def link_problem(document, target):
    if re.match(r"[a-z][a-z0-9+.-]*:", target):  # a URL, mailto:
        return None
    path, _hash, anchor = target.partition("#")
    path = (document.parent / path).resolve() if path else document
    if document.is_relative_to(ROOT) and not path.is_relative_to(ROOT):
        return f"the link ({target}) leaves the repository"
    if not path.exists():
        return f"the link ({target}) leads nowhere"
    if anchor and path.suffix == ".md" and anchor not in anchors(path):
        return f"the link ({target}) names no heading of {path.name}"
    return None


def problems(document):
    text = FENCE.sub("", document.read_text(encoding="utf-8"))
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for target in LINK.findall(line):
            if message := link_problem(document, target):
                found.append(f"{number}: {message}")
        for code in CODE.findall(line):
            code = code.strip()
            if DOTTED.match(code):
                message = module_problem(code)
            elif is_path(code):
                message = problem(code)
            else:
                continue
            if message:
                found.append(f"{number}: {message}")
    return found


@pytest.mark.parametrize("document", documents(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_path_the_documentation_names_exists(document):
    assert problems(document) == []


def test_the_check_catches_rot_and_lets_other_things_be(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "Moved: `cms/pagecache.py`, `pagecache_gone.py`, [gone](nowhere.md).\n"
        "Fine: `cms/http/pagecache.py`, `tests/<label>/factories.py`, `http/pagecache.py`, `apps.py`,\n"
        "`cms/locale/upstream/<package>/vi/LC_MESSAGES/{django,djangojs}.po`, `cms/api/`, `var/bench/x.md`,\n"
        "`/api/v2/pages/`, `text/html`, `1009/KH-PGDĐT`, `https://example.org/a.md`, `SEN_PLUGINS=x`,\n"
        "[home](https://example.org/), [top](#a-heading), [gone](#no-such-heading).\n"
        "Modules: `cms.badinput`, `cms.http.connect_signals`, `cms.http.middleware.connect_signals`,\n"
        "`cms.http.badinput`, `home.Announcement`, `cms.text.full_name(user)`, `articles.NoSuchPage`.\n"
        "## A heading\n"
        "```\nmake restore ARCHIVE=var/backups/gone.tar cms/not-checked-in-a-fence.py\n```\n",
        encoding="utf-8",
    )
    assert problems(page) == [
        "1: the link (nowhere.md) leads nowhere",
        "1: `cms/pagecache.py` names no file or folder of the repository",
        "1: `pagecache_gone.py` names no file or folder of the repository",
        "5: the link (#no-such-heading) names no heading of page.md",
        "6: `cms.badinput`: cms/__init__.py has no `badinput`",
        "6: `cms.http.connect_signals`: cms/http/__init__.py has no `connect_signals`",
        "7: `articles.NoSuchPage`: articles/__init__.py has no `NoSuchPage`",
    ]


def test_every_reader_finds_the_docs_from_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = {(ROOT / target).resolve() for target in LINK.findall(readme) if target.startswith("docs/")}
    assert {path for path in documents() if path.parent == ROOT / "docs"} <= linked
    assert len(readme.splitlines()) <= 200
