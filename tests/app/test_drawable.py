"""Charts built as dicts are drawn unvalidated in the app and validated in every test."""

import json

import numpy as np
import plotly.io
import pytest

from ui.charts.common import layout
from ui.components.live_charts import drawable

GOOD = {
    "data": [{"type": "scatter", "x": np.linspace(0, 1, 5), "y": np.arange(5.0), "name": "a"}],
    "layout": layout(title="t", x_title="x", y_title="y"),
}
BAD = {"data": [{"type": "scatter", "x": [0, 1], "colour": "red"}], "layout": {}}


def spec(fig) -> dict:
    return json.loads(plotly.io.to_json(fig, validate=False))


def test_the_tests_validate_every_dict_figure():
    with pytest.raises(ValueError, match="colour"):
        drawable(BAD)


def test_the_app_draws_without_validating_and_sends_the_same_chart(monkeypatch):
    monkeypatch.delenv("QA_VALIDATE_FIGURES")
    drawable(BAD)  # not checked: that is what the tests are for
    fast = spec(drawable(GOOD))
    monkeypatch.setenv("QA_VALIDATE_FIGURES", "1")
    assert fast == spec(drawable(GOOD))
    assert fast["data"][0]["name"] == "a"
