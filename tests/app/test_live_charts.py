"""The chart component (ui/components/live_charts): what it is sent, and where plotly.js comes from."""

import json
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from plotly.offline import get_plotlyjs_version

from qa_core.engine import activations, curves
from tests.app.conftest import _decode, assert_clean, live_charts, open_app, open_tab, plotly_specs
from ui.charts.activations import derivatives_figure, functions_figure
from ui.components import live_charts as live
from ui.components.live_charts import drawable
from ui.i18n import lookup


def explorer_figures(log_y: bool) -> list[dict]:
    z = curves.grid(-6.0, 6.0)
    results = [curves.curve(activations.get(n), z) for n in ("sigmoid", "tanh", "relu", "rrelu")]
    intervals = {c.name: curves.saturated_intervals(c.z, c.df, 0.01) for c in results}
    return [
        functions_figure(results, title="f"),
        derivatives_figure(results, intervals, title="f′", threshold=0.01, threshold_label="t",
                           max_label="max {value:.2f}", log_y=log_y),
    ]  # fmt: skip


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_a_surface_keeps_its_rows_as_plotly_sends_them(dtype):
    z = np.arange(12.0, dtype=dtype).reshape(3, 4)
    figure = {"data": [{"type": "heatmap", "z": z}, {"type": "contour", "z": z}], "layout": {}}
    ours = json.loads(live.figure_json(figure))
    plotlys = json.loads(pio.to_json(go.Figure(figure), validate=False))
    for trace, reference in zip(ours["data"], plotlys["data"], strict=True):
        assert trace["z"] == reference["z"]  # dtype, bytes and shape ("3, 4")
        assert _decode(trace["z"]) == z.tolist()


@pytest.mark.parametrize("log_y", [False, True])
def test_the_component_gets_what_plotly_would_send(log_y):
    for figure in explorer_figures(log_y):
        ours = json.loads(live.figure_json(figure))
        bare = {**figure, "layout": {**figure["layout"], "template": {}}}
        plotlys = json.loads(pio.to_json(drawable(bare), validate=False))
        # plotly.py spells an empty template out as {"data": {"scatter": [{}]}}: both are empty
        assert ours["layout"].pop("template") == {}
        plotlys["layout"].pop("template")
        assert _decode(ours) == _decode(plotlys)
        assert ours["data"][0]["x"]["dtype"] == "f8"  # compact typed arrays, not number lists


def test_non_finite_numbers_go_as_null_and_arrays_keep_their_nans():
    figure = {
        "data": [{"type": "scatter", "x": np.array([0.0, 1.0]), "y": np.array([np.nan, 2.0]),
                  "text": [float("inf"), np.float64(3.5)]}],
        "layout": {"title": {"text": "t"}},
    }  # fmt: skip
    sent = json.loads(live.figure_json(figure))  # strict JSON: allow_nan=False would raise
    assert sent["data"][0]["text"] == [None, 3.5]
    assert np.isnan(_decode(sent)["data"][0]["y"][0])


def test_a_misspelt_property_fails_under_test():
    with pytest.raises(ValueError, match="colr"):
        live.figure_json({"data": [{"type": "scatter", "x": [0], "y": [0], "colr": "red"}]})


def test_a_go_figure_is_sent_as_its_dict_would_be():
    figure = explorer_figures(log_y=False)[0]
    assert live.figure_json(go.Figure(figure)) == live.figure_json(
        go.Figure(figure).to_plotly_json()
    )
    assert json.loads(live.figure_json(go.Figure(figure)))["layout"]["template"] == {}


def plotly_js_version(script: str) -> str:
    match = re.search(r"plotly\.js(?: \([a-z -]+\))? v(\d+\.\d+\.\d+)", script[:400])
    assert match, script[:400]
    return match[1]


def test_the_vendored_bundle_is_the_plotly_js_that_plotly_py_writes_for():
    # plotly.py writes figure JSON for the plotly.js it ships; the cartesian bundle must be
    # the same release, or an upgrade of plotly could send properties it does not know.
    vendored = live.PLOTLY_JS.read_text(encoding="utf-8")
    assert vendored.lstrip().startswith("/**\n* plotly.js (cartesian - minified)")
    assert plotly_js_version(vendored) == get_plotlyjs_version()


def test_the_bundle_draws_every_trace_type_the_app_uses():
    vendored = live.PLOTLY_JS.read_text(encoding="utf-8")
    used = set()
    for page in sorted((live.ROOT / "pages").glob("*.py")):
        at = open_app("en", f"pages/{page.name}")
        assert_clean(at)
        used |= {
            trace.get("type", "scatter") for spec in plotly_specs(at) for trace in spec["data"]
        }
    assert {"scatter", "heatmap", "bar"} <= used
    for trace_type in used:  # each trace module registers itself under its name
        assert f'name:"{trace_type}"' in vendored or f'name: "{trace_type}"' in vendored, trace_type


def test_the_static_folder_serves_only_plotly_js_and_its_licence():
    # enableStaticServing publishes everything in static/: only the vendored bundle is there.
    served = sorted(p.name for p in live.PLOTLY_JS.parent.iterdir())
    assert served == ["plotly-LICENSE.txt", "plotly-cartesian.min.js"]
    assert "MIT License" in (live.PLOTLY_JS.parent / "plotly-LICENSE.txt").read_text()


def test_the_explorer_and_the_identity_chart_are_drawn_by_the_component(lang):
    at = open_app(lang, "pages/activations.py")
    assert_clean(at)
    assert [e.proto.id.rsplit("-", 1)[1] for e in live_charts(at)] == ["activations_live"]
    assert not at.get("plotly_chart")  # Streamlit's own 4.7 MB plotly.js is never loaded
    assert len(plotly_specs(at)) == 2  # f and f′
    open_tab(at, "activations", lookup("activations.exp_identity", lang))
    assert [e.proto.id.rsplit("-", 1)[1] for e in live_charts(at)] == ["activations_fig_identity"]
    assert not at.get("plotly_chart")


def test_a_table_goes_to_the_component_as_text():
    table = pd.DataFrame({"name": ["a", "<b>"], "value": ["0.25", "50.0%"]})
    assert live.table_json(table) == {
        "columns": ["name", "value"],
        "rows": [["a", "0.25"], ["<b>", "50.0%"]],  # drawn as text, never HTML
    }


# -- what a chart says in words (alt_text.py) ------------------------------------------------


def test_a_chart_is_described_by_its_title_and_each_series_range(monkeypatch):
    from ui.components.live_charts import alt_text

    monkeypatch.setattr("ui.i18n.current_lang", lambda: "en")
    figure = go.Figure(go.Scatter(y=np.array([0.5, 2.0, 1.0]), name="train"))
    figure.update_layout(title={"text": "<b>Loss</b>"})
    label, why = alt_text.read(figure.to_plotly_json())
    assert label == "Loss; train: 3 values, 0.5 … 2"
    assert why is None


def test_an_empty_chart_says_why(monkeypatch):
    from ui.components.live_charts import alt_text

    monkeypatch.setattr("ui.i18n.current_lang", lambda: "en")
    one_point = go.Figure(go.Scatter(x=[0], y=[0.7], mode="lines")).to_plotly_json()
    assert alt_text.read(one_point)[1] == lookup("common.chart_empty_points", "en")
    zeros = go.Figure(go.Scatter(y=np.zeros(4)), layout={"yaxis": {"type": "log"}})
    assert alt_text.read(zeros.to_plotly_json())[1] == lookup("common.chart_empty_log", "en")
    two_points = go.Figure(go.Scatter(x=[0, 1], y=[0.7, 0.6], mode="lines")).to_plotly_json()
    assert alt_text.read(two_points)[1] is None
