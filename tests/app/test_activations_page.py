"""The activation explorer through AppTest: sliders redraw the charts, bad input is contained."""

import pytest

from tests.app.conftest import (
    assert_clean,
    live_tables,
    markdown_tables,
    open_app,
    open_tab,
    plotly_specs,
)
from ui.i18n import lookup

PAGE = "pages/activations.py"
TABS = ("exp_plot", "exp_identity", "exp_check")


def tab(at, lang, name):
    return open_tab(at, "activations", lookup(f"activations.{name}", lang))


def trace_data(at, name):
    """x/y of every trace of the chart whose title mentions ``name``."""
    for spec in plotly_specs(at):
        if name in spec["layout"]["title"]["text"]:
            return [(t.get("name"), t.get("x"), t.get("y")) for t in spec["data"]]
    raise AssertionError(f"no chart titled {name!r}")


def test_explorer_draws_function_and_derivative_and_the_identity_has_its_tab(page, lang):
    assert [tb.label for tb in page.tabs] == [lookup(f"activations.{k}", lang) for k in TABS]
    titles = [spec["layout"]["title"]["text"] for spec in plotly_specs(page)]
    assert len(titles) == 2
    assert any("f′" in title for title in titles)
    assert page.get("latex")  # formulas of the chosen activations
    tab(page, lang, "exp_identity")
    assert len(plotly_specs(page)) == 1
    assert not [w for w in page.multiselect if w.key == "activations_names"]  # one tab at a time


def test_moving_the_range_slider_changes_the_plotted_data(page):
    before = trace_data(page, "f′")
    page.slider(key="activations_z").set_value((-20.0, 3.0)).run()
    assert_clean(page)
    after = trace_data(page, "f′")
    assert before != after
    xs = next(x for _, x, _ in after if x and len(x) > 10)
    assert min(xs) == pytest.approx(-20.0) and max(xs) == pytest.approx(3.0)


def test_the_summary_under_the_charts_follows_the_range_and_the_threshold(page):
    (table,) = live_tables(page)
    rows = {row[0]: row[1:] for row in table["rows"]}
    assert list(rows) == ["Sigmoid", "Tanh", "ReLU"]
    assert rows["Sigmoid"][:2] == ["0.25", "0"] and rows["Tanh"][:2] == ["1", "0"]

    def saturated(at) -> dict[str, float]:
        (table,) = live_tables(at)
        return {row[0]: float(row[3].rstrip("%")) for row in table["rows"]}

    start = saturated(page)
    page.slider(key="activations_z").set_value((-20.0, 20.0)).run()
    wider = saturated(page)
    assert all(wider[name] > start[name] for name in ("Sigmoid", "Tanh")), (start, wider)
    page.select_slider(key="activations_threshold").set_value(1e-5).run()
    stricter = saturated(page)
    assert all(stricter[name] < wider[name] for name in ("Sigmoid", "Tanh")), (wider, stricter)
    assert stricter["ReLU"] == wider["ReLU"] == pytest.approx(50.0, abs=0.2)  # f′ = 0 for z ≤ 0


def test_leaky_alpha_slider_changes_the_leaky_curve(lang):
    at = open_app(lang, PAGE)
    at.multiselect(key="activations_names").set_value(["leaky_relu"]).run()
    before = trace_data(at, "f′")
    at.slider(key="activations_alpha").set_value(0.3).run()
    after = trace_data(at, "f′")
    assert_clean(at)
    assert before != after
    derivative = next(y for _, _, y in after if y and len(y) > 10)
    assert min(derivative) == pytest.approx(0.3)


def test_rrelu_shows_its_training_band(lang):
    at = open_app(lang, PAGE)
    at.multiselect(key="activations_names").set_value(["rrelu"]).run()
    assert_clean(at)
    spec = next(s for s in plotly_specs(at) if "f′" not in s["layout"]["title"]["text"])
    assert any(trace.get("fill") == "tonexty" for trace in spec["data"])


def test_an_empty_range_is_reported_not_raised(lang):
    at = open_app(lang, PAGE)
    at.slider(key="activations_z").set_value((2.0, 2.0)).run()
    assert not at.exception
    assert at.error and "z_min" in at.error[0].value


def test_no_activation_chosen_asks_for_one(lang):
    at = open_app(lang, PAGE)
    at.multiselect(key="activations_names").set_value([]).run()
    assert not at.exception and at.info


def test_derivative_check_table_follows_the_chosen_activation(lang):
    at = open_app(lang, PAGE)
    tab(at, lang, "exp_check")
    first = markdown_tables(at)[-1].iloc[:, 1].tolist()
    at.selectbox(key="activations_check_name").set_value("tanh").run()
    second = markdown_tables(at)[-1].iloc[:, 1].tolist()
    assert_clean(at)
    assert first != second


@pytest.mark.parametrize("name", ["relu", "prelu", "selu"])
def test_at_the_largest_step_no_check_point_straddles_the_kink(lang, name):
    at = open_app(lang, PAGE)
    tab(at, lang, "exp_check")
    at.selectbox(key="activations_check_name").set_value(name).run()
    at.select_slider(key="activations_check_h").set_value(1e-2).run()
    assert_clean(at)
    table = markdown_tables(at)[-1]
    column = [[float(v.replace("−", "-")) for v in table.iloc[:, i]] for i in range(3)]
    assert column[0] == [-3.5, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5]
    # Each analytic f′ matches its central difference (the old z = 0.001 gave ReLU 1 vs 0.55).
    assert column[1] == pytest.approx(column[2], abs=1e-4)
    assert float(at.metric[0].value) < 1e-4
