"""AppTest helpers: run the real entry point in a language, on a page."""

import base64
import json
import logging
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from ui.components.live_charts import NAME
from ui.layout import tabs_key

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def warm_server(monkeypatch):
    """AppTest forgets before every run that app.py has registered st.navigation, so every run
    would take ui/page_guard.py's cold-server path (the page runs twice or thrice, and what it
    shows only once is thrown away by the guard's rerun); a real server takes that path once,
    for its first session (tests/browser/test_shell_and_explorer.py covers it). Run as warm."""
    init = PagesManager.__init__

    def warm(self, *args, **kwargs):
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", warm)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        # Bare-mode notices from calls outside a script run (the test's own thread), not misuses.
        if "missing ScriptRunContext" not in message and "No runtime found" not in message:
            self.records.append(record)


@pytest.fixture(autouse=True)
def no_streamlit_warnings():
    """Streamlit logs some misuses (a widget given a default while its key is also set through
    session state, …) as a warning instead of raising: any such warning fails the test. Its
    loggers do not propagate, so the handler goes on each of them."""
    records = _Records()
    loggers = [
        logger
        for name, logger in logging.root.manager.loggerDict.items()
        if name.startswith("streamlit") and isinstance(logger, logging.Logger)
    ]
    for logger in loggers:
        logger.addHandler(records)
    yield
    for logger in loggers:
        logger.removeHandler(records)
    assert not records.records, [f"{r.name}: {r.getMessage()}" for r in records.records]


def open_app(lang: str, page: str | None = None, timeout: float = 120) -> AppTest:
    """The app as a new visitor with ``?lang=<lang>`` sees it, optionally on another page."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.query_params["lang"] = lang
    at.run()
    if page is not None:
        at.switch_page(page).run()
    return at


def _decode(node):
    """Plotly ships numeric arrays as base64 typed arrays ({"dtype", "bdata"}): make them lists."""
    if isinstance(node, dict):
        if "bdata" in node and "dtype" in node:
            values = np.frombuffer(base64.b64decode(node["bdata"]), dtype=np.dtype(node["dtype"]))
            if "shape" in node:  # a string such as "200, 200"
                values = values.reshape([int(n) for n in str(node["shape"]).split(",")])
            return values.tolist()
        return {key: _decode(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_decode(value) for value in node]
    return node


def _in_order(node):
    """The page's elements in the order they are shown."""
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _in_order(child)
    else:
        yield node


def live_charts(at: AppTest) -> list:
    """The app's chart elements (ui/components/live_charts's component), in page order."""
    return [
        element
        for element in _in_order(at.main)
        if element.type == "bidi_component" and element.proto.component_name == NAME
    ]


def plotly_specs(at: AppTest) -> list[dict]:
    """Every Plotly chart on the page as its figure JSON, in page order: the chart component's
    (ui/components/live_charts, as many as each element draws) and any st.plotly_chart's."""
    specs = []
    for element in _in_order(at.main):
        if element.type == "plotly_chart":
            specs.append(_decode(json.loads(element.proto.spec)))
        elif element.type == "bidi_component" and element.proto.component_name == NAME:
            data = json.loads(element.proto.json)
            specs += [_decode(json.loads(figure)) for figure in data["figures"]]
    return specs


def live_tables(at: AppTest) -> list[dict]:
    """The tables the chart component was sent: {"columns": [...], "rows": [[...]]}."""
    return [
        table
        for element in live_charts(at)
        if (table := json.loads(element.proto.json)["table"]) is not None
    ]


def row_cells(line: str) -> list[str]:
    """A Markdown table row's cells, backslash escapes undone."""
    cells, text, chars = [], "", iter(line.strip()[1:])
    for ch in chars:
        if ch == "\\":
            text += next(chars)
        elif ch == "|":
            cells.append(text.strip())
            text = ""
        else:
            text += ch
    return cells


def markdown_tables(at: AppTest) -> list[pd.DataFrame]:
    """The page's tables (ui.tables.show_table), in order, as text."""
    tables = []
    for element in at.markdown:
        lines = element.value.splitlines()
        if len(lines) >= 2 and re.fullmatch(r"\|(:?-+:?\|)+", lines[1]):
            tables.append(
                pd.DataFrame([row_cells(x) for x in lines[2:]], columns=row_cells(lines[0]))
            )
    return tables


def as_number(text: str):
    """A table cell as the number it shows ("91.2%" → 0.912, "×1.50" → 1.5, "20" → 20),
    or the text itself if it is not one."""
    plain = text.replace("−", "-").lstrip("×")
    try:
        if plain.endswith("%"):
            return float(plain[:-1]) / 100
        return int(plain) if plain.lstrip("+-").isdigit() else float(plain)
    except ValueError:
        return text


def open_tab(at: AppTest, topic: str, label: str, skip: bool = True) -> AppTest:
    """Open an experiment's tab (ui.layout.experiment_tabs) as a click does: the page reruns
    with that experiment drawn instead of the one before. With ``skip``, a predict-then-run
    question there is skipped (``skip_predictions``), so the results show."""
    assert label in [tab.label for tab in at.tabs], (label, [tab.label for tab in at.tabs])
    at.session_state[tabs_key(topic)] = label
    at.run()
    assert_clean(at)
    return skip_predictions(at) if skip else at


def skip_predictions(at: AppTest) -> AppTest:
    """Press the Skip button of every predict-then-run question shown
    (ui.widgets.predict_then_run): the results it holds back until an answer show."""
    skips = [b for b in at.button if b.key and "predict" in b.key and b.key.endswith("_skip")]
    for button in skips:
        button.click()
    if skips:
        at.run()
        assert_clean(at)
    return at


def assert_clean(at: AppTest) -> None:
    """No uncaught exception and no error box."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture(params=["zh", "en"])
def lang(request) -> str:
    return request.param


@pytest.fixture
def page(request, lang) -> AppTest:
    """The test module's ``PAGE`` as a new visitor opens it in ``lang``, clean."""
    at = open_app(lang, request.module.PAGE)
    assert_clean(at)
    return at
