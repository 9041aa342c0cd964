"""What every page shows, tab by tab, in both languages: for checking that a refactoring
changes nothing a learner sees.

    python -m scripts.page_snapshot save before.json [PAGE ...]   # on the old code
    python -m scripts.page_snapshot save after.json      # on the new code
    python -m scripts.page_snapshot diff before.json after.json [IGNORE-REGEX]

Each page is opened through app.py with AppTest, as a new visitor, and every experiment tab is
opened in turn; the snapshot keeps each element's proto (chart JSON, text, widget labels and
values) without widget ids, which carry key names and script hashes but nothing shown.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from google.protobuf.json_format import MessageToDict
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
# Per-element fields that name a widget (its key, its form), or hold the chart component's own
# code (its tests cover it).
IDS = {"id", "formId", "key", "elementId", "jsContent", "cssContent"}


def _warm_server() -> None:
    """As tests/app/conftest.warm_server: run as a server that has seen app.py once."""
    init = PagesManager.__init__

    def warm(self, *args, **kwargs):
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = warm


def _clean(node):
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in IDS:
                continue
            if key in ("json", "spec") and isinstance(value, str) and value[:1] in "{[":
                value = json.loads(value)
            out[key] = _clean(value)
        return out
    if isinstance(node, list):
        return [_clean(value) for value in node]
    if isinstance(node, str) and node.startswith('{"data"'):  # a figure inside the chart's JSON
        return _clean(json.loads(node))
    return node


def _walk(node, out: list) -> None:
    proto = getattr(node, "proto", None)
    if proto is not None:
        out.append({"type": node.type, "proto": _clean(MessageToDict(proto))})
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            _walk(child, out)


def elements(at: AppTest) -> list:
    shown: list = []
    _walk(at.main, shown)
    _walk(at.sidebar, shown)
    return shown


def page_views(page: str, lang: str, topic: str) -> dict[str, list]:
    """The page's first view, then each experiment tab's, by tab place."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(page).run()
    views = {"first": elements(at)}
    labels = [tab.label for tab in at.tabs]
    for index, label in enumerate(labels):
        at.session_state[f"{topic}_tab"] = label
        at.run()
        views[f"tab{index}"] = elements(at)
    return views


def save(path: str, *only: str) -> None:
    """Save every page's views (or only those of the pages named ``only``, by file stem)."""
    sys.path.insert(0, str(ROOT))
    _warm_server()
    pages = ["home", *sorted(p.stem for p in (ROOT / "pages").glob("*.py") if p.stem != "home")]
    pages = [stem for stem in pages if not only or stem in only]
    snapshot = {}
    for stem in pages:
        for lang in ("zh", "en"):
            print(f"{stem} [{lang}]", flush=True)
            snapshot[f"{stem}/{lang}"] = page_views(f"pages/{stem}.py", lang, stem)
    Path(path).write_text(json.dumps(snapshot, ensure_ascii=False, indent=1), encoding="utf-8")


def _differences(a, b, where: str = ""):
    """Every path where ``a`` and ``b`` differ."""
    if type(a) is not type(b):
        yield f"{where}: {str(a)[:200]!r} != {str(b)[:200]!r}"
    elif isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                yield f"{where}.{key}: only in {'after' if key in b else 'before'}"
            else:
                yield from _differences(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            yield from _differences(x, y, f"{where}[{i}]")
        if len(a) != len(b):
            yield f"{where}: {len(a)} != {len(b)} items"
    elif a != b:
        yield f"{where}: {str(a)[:200]!r} != {str(b)[:200]!r}"


def diff(before: str, after: str, ignore: str | None = None) -> int:
    """Print what differs; ``ignore`` is a regular expression of paths known to vary between
    runs (e.g. ReLU's timing chart)."""
    a = json.loads(Path(before).read_text(encoding="utf-8"))
    b = json.loads(Path(after).read_text(encoding="utf-8"))
    failures = 0
    for page in sorted(b):  # the pages saved after (a save may keep to some)
        for view in sorted(set(a.get(page, {})) | set(b.get(page, {}))):
            found = [
                line
                for line in _differences(a.get(page, {}).get(view), b.get(page, {}).get(view))
                if not (ignore and re.search(ignore, f"{page} {view}{line}"))
            ]
            if found:
                failures += 1
                print(f"{page} {view}: {len(found)} differences, first: {found[0]}")
    print(f"{failures} views differ" if failures else "identical")
    return 1 if failures else 0


if __name__ == "__main__":
    command, *paths = sys.argv[1:]
    if command == "save":
        save(*paths)  # the file, then any page stems to keep to
    else:
        sys.exit(diff(*paths[:2], *paths[2:3]))
