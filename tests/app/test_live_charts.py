"""The live-charts frame (ui/charts/live.py): what it is sent, where plotly.js comes from, and
how the explorer draws without it."""

import json

import numpy as np
import pandas as pd
import plotly.io as pio
import pytest

from qa_core import activations, curves
from tests.app.conftest import _decode, assert_clean, open_app, plotly_specs
from ui.charts import live
from ui.charts.activations import derivatives_figure, functions_figure
from ui.charts.common import drawable


def explorer_figures(log_y: bool) -> list[dict]:
    z = curves.grid(-6.0, 6.0)
    results = [curves.curve(activations.get(n), z) for n in ("sigmoid", "tanh", "relu", "rrelu")]
    intervals = {c.name: curves.saturated_intervals(c.z, c.df, 0.01) for c in results}
    return [
        functions_figure(results, title="f"),
        derivatives_figure(results, intervals, title="f′", threshold=0.01, threshold_label="t",
                           max_label="max {value:.2f}", log_y=log_y),
    ]  # fmt: skip


@pytest.mark.parametrize("log_y", [False, True])
def test_the_frame_gets_what_plotly_would_send(log_y):
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


def test_plotly_js_is_placed_once_and_kept_identical(tmp_path):
    target = tmp_path / "static" / "plotly.min.js"
    assert live.vendor_plotly_js(target)
    assert target.read_bytes() == live.SHIPPED_PLOTLY_JS.read_bytes()
    target.write_bytes(b"stale")
    assert live.vendor_plotly_js(target)
    assert target.read_bytes() == live.SHIPPED_PLOTLY_JS.read_bytes()
    assert [p.name for p in target.parent.iterdir()] == ["plotly.min.js"]  # no partial left


def test_a_place_that_cannot_be_written_is_reported_not_raised(tmp_path):
    blocker = tmp_path / "static"
    blocker.write_text("a file where the folder should be")
    assert not live.vendor_plotly_js(blocker / "plotly.min.js")


def test_the_static_folder_serves_only_plotly_js():
    # enableStaticServing publishes everything in static/: only the vendored plotly.js is there.
    assert live.vendor_plotly_js()
    served = sorted(p.name for p in live.PLOTLY_JS.parent.iterdir() if p.suffix != ".partial")
    assert served == ["plotly.min.js"]


def test_the_explorer_draws_in_the_frame(lang):
    at = open_app(lang, "pages/activations.py")
    assert_clean(at)
    frames = [
        e for e in at.get("component_instance") if e.proto.component_name.endswith(".live_charts")
    ]
    assert len(frames) == 1
    assert len(at.get("plotly_chart")) == 1  # the tanh identity chart stays a plain chart


def test_without_plotly_js_the_explorer_draws_plain_charts(monkeypatch):
    monkeypatch.setattr(live, "_frame", lambda: None)
    at = open_app("en", "pages/activations.py")
    assert_clean(at)
    assert not at.get("component_instance")
    assert len(at.get("plotly_chart")) == 3
    assert len(plotly_specs(at)) == 3
    (summary,) = at.table  # the summary the frame would draw under the charts
    assert summary.value.iloc[:, 0].tolist() == ["Sigmoid", "Tanh", "ReLU"]


def test_a_table_goes_to_the_frame_as_text():
    table = pd.DataFrame({"name": ["a", "<b>"], "value": ["0.25", "50.0%"]})
    assert live.table_json(table) == {
        "columns": ["name", "value"],
        "rows": [["a", "0.25"], ["<b>", "50.0%"]],  # drawn as text by the frame, never HTML
    }


def test_the_image_places_plotly_js_at_build_time():
    # The container's app folder is read-only, so the server could not place it itself.
    dockerfile = (live.ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    assert "RUN python -m ui.charts.live" in dockerfile
