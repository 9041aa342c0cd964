"""The house rules a newcomer relies on: thin pages, small modules, imports that go one way,
and every registered topic in its folders."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ui.topics import ALL_TOPICS, PLAYGROUND, ROOT, TOPICS

PACKAGES = ("qa_core", "ui", "bench", "scripts", "tests")
MAX_PAGE_LINES = 40
MAX_MODULE_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    paths = [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]
    for package in PACKAGES:
        paths += (ROOT / package).rglob("*.py")
    return {module_name(path): path for path in paths}


MODULES = project_modules()


def imports(path: Path) -> set[str]:
    """The project modules ``path`` imports (``from a import b`` counts a.b when b is one)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name in MODULES}


def test_the_scan_sees_the_project():
    assert {"qa_core.engine.training", "ui.layout", "ui.topics", "app"} <= set(MODULES)
    assert "qa_core.engine.config" in imports(MODULES["qa_core.engine.training"])


@pytest.mark.parametrize("page", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_are_thin(page):
    lines = page.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_PAGE_LINES, f"{page.name}: {len(lines)} lines"


def test_modules_are_small():
    long = {
        str(path.relative_to(ROOT)): n
        for name, path in MODULES.items()
        if name.split(".")[0] in ("qa_core", "ui")
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, long


def test_no_import_cycle():
    graph = {name: imports(path) for name, path in MODULES.items()}
    done: set[str] = set()
    trail: list[str] = []

    def visit(name: str) -> None:
        if name in trail:
            cycle = [*trail[trail.index(name) :], name]
            raise AssertionError(" → ".join(cycle))
        if name in done:
            return
        trail.append(name)
        for target in sorted(graph[name]):
            visit(target)
        trail.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)


def test_the_engine_knows_no_lab_and_qa_core_no_ui_library():
    for name, path in MODULES.items():
        if not name.startswith("qa_core"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        roots = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        roots |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        tops = {root.split(".")[0] for root in roots}
        assert not tops & {"streamlit", "plotly", "ui"}, (
            name,
            tops & {"streamlit", "plotly", "ui"},
        )
        if name.startswith("qa_core.engine"):
            assert not any(r.startswith("qa_core.labs") for r in roots), name


def test_every_topic_lives_in_its_folders():
    """A registered topic has its strings (the home page lists it, "coming soon", from its
    text); once its page exists, its lab and its ui folder exist too."""
    for topic in ALL_TOPICS:
        assert topic.text_path.is_file(), topic.id
        if topic.built:
            assert (ROOT / "qa_core" / "labs" / topic.id / "__init__.py").is_file(), topic.id
            assert (ROOT / "ui" / "topics" / topic.id / "__init__.py").is_file(), topic.id
    for topic in TOPICS:  # the Q&A topics: text in both languages, experiments in tabs
        for lang in ("zh", "en"):
            assert (ROOT / "content" / lang / f"{topic.id}.md").is_file(), (topic.id, lang)
        if topic.built:
            assert (ROOT / "ui" / "topics" / topic.id / "experiments.py").is_file(), topic.id
    assert all(topic.built for topic in ALL_TOPICS)  # today: every topic has its page
    registered = {topic.id for topic in ALL_TOPICS}
    for folder in ("qa_core/labs", "ui/topics"):
        found = {
            p.name for p in (ROOT / folder).iterdir() if p.is_dir() and p.name != "__pycache__"
        }
        assert found == registered, (folder, found ^ registered)
    assert PLAYGROUND not in TOPICS
