"""The vanishing-gradient page through AppTest, in both languages: it runs, its controls change
the plotted data, extreme settings warn instead of raising, and the prediction is revealed.

The first open computes the default sweeps (cached per process); later settings are kept small.
"""

from tests.app.conftest import assert_clean, open_tab, plotly_specs
from ui.i18n import STRINGS

PAGE = "pages/vanishing_gradients.py"
SECTIONS = ("exp_saturation", "exp_sweep", "exp_layers", "exp_stats")
SAT_TAB, SWEEP_TAB, LAYERS_TAB, STATS_TAB = range(4)
CHARTS_PER_TAB = (2, 2, 1, 2)
# Chart order within a tab.
SAT, FLAT = range(2)
SWEEP_GOOD, SWEEP_BAD = range(2)
LAYERS = 0
STATS, SPREAD = range(2)


def text(key: str, lang: str) -> str:
    return STRINGS[f"vanishing_gradients.{key}"][0 if lang == "zh" else 1]


def traces(at, index: int) -> list[tuple]:
    """(name, x, y) of every trace of the index-th chart."""
    spec = plotly_specs(at)[index]
    return [(tr.get("name"), tr.get("x"), tr.get("y")) for tr in spec["data"]]


def names(at, index: int) -> list[str]:
    return [name for name, _, _ in traces(at, index)]


def tab(at, lang: str, index: int, skip: bool = True):
    return open_tab(at, "vanishing_gradients", text(SECTIONS[index], lang), skip=skip)


def test_page_runs_with_its_four_experiments_in_tabs_and_seven_charts(page, lang):
    assert [tb.label for tb in page.tabs] == [text(k, lang) for k in SECTIONS]
    assert not page.subheader  # the tab names the experiment
    for index, charts in enumerate(CHARTS_PER_TAB):
        tab(page, lang, index)
        specs = plotly_specs(page)
        assert len(specs) == charts, SECTIONS[index]
        assert all(spec["data"] for spec in specs)
        assert not page.warning  # defaults neither overflow nor underflow
        if index == SWEEP_TAB:  # four activations per panel plus the sigmoid ceiling
            assert len(names(page, SWEEP_GOOD)) == 5
            assert text("ceiling_label", lang) in names(page, SWEEP_GOOD)
            assert page.session_state["vanishing_gradients_predict_skipped"]  # skipped to see


def test_activation_and_depth_change_the_plotted_data(page, lang):
    before_hist = traces(page, SAT)
    page.selectbox(key="vanishing_gradients_sat_act").set_value("tanh").run()
    assert_clean(page)
    assert traces(page, SAT) != before_hist

    page.slider(key="vanishing_gradients_sat_depth").set_value(
        4
    ).run()  # the layer slider follows the depth
    assert_clean(page)
    assert page.slider(key="vanishing_gradients_sat_layer").value == 4
    assert len(traces(page, FLAT)[0][1]) == 4
    page.slider(key="vanishing_gradients_sat_depth").set_value(
        20
    ).run()  # a deeper net keeps the pick
    assert page.slider(key="vanishing_gradients_sat_layer").value == 4

    tab(page, lang, LAYERS_TAB)
    page.slider(key="vanishing_gradients_layer_depth").set_value(6).run()
    assert_clean(page)
    assert all(len(x) == 6 for _, x, _ in traces(page, LAYERS))

    tab(page, lang, SWEEP_TAB)
    page.multiselect(key="vanishing_gradients_sweep_acts").set_value(["relu", "tanh"]).run()
    assert_clean(page)
    assert len(names(page, SWEEP_GOOD)) == 2  # no sigmoid, no ceiling
    page.select_slider(key="vanishing_gradients_sweep_depth").set_value(20).run()
    assert max(traces(page, SWEEP_BAD)[0][1]) == 20

    tab(page, lang, STATS_TAB)
    before_stats = traces(page, STATS)
    page.selectbox(key="vanishing_gradients_stats_act").set_value("relu").run()
    assert_clean(page)
    assert traces(page, STATS) != before_stats


def test_the_init_changes_the_saturation(page, lang):
    page.select_slider(key="vanishing_gradients_sat_width").set_value(64).run()
    naive = page.metric[0].value
    page.selectbox(key="vanishing_gradients_sat_init").set_value("xavier").run()
    assert_clean(page)
    xavier = page.metric[0].value
    assert float(naive.rstrip("%")) > 30 > float(xavier.rstrip("%"))


def test_extreme_weights_are_marked_overflow_and_explained(page, lang):
    tab(page, lang, SWEEP_TAB)
    page.select_slider(key="vanishing_gradients_sweep_width").set_value(32)
    page.select_slider(key="vanishing_gradients_sweep_batch").set_value(32)
    page.select_slider(key="vanishing_gradients_sweep_std").set_value(100.0)
    page.select_slider(key="vanishing_gradients_sweep_scale").set_value(100.0).run()
    assert not page.exception and not page.error
    assert any(text("overflow", lang) in name for name in names(page, SWEEP_BAD))
    assert any(text("zero", lang) in name for name in names(page, SWEEP_BAD))  # sigmoid
    assert len(page.warning) >= 1 and page.info

    tab(page, lang, LAYERS_TAB)
    page.select_slider(key="vanishing_gradients_layer_width").set_value(32)
    page.slider(key="vanishing_gradients_layer_depth").set_value(50)
    page.selectbox(key="vanishing_gradients_layer_init").set_value(
        "normal"
    ).run()  # enables the std slider
    page.select_slider(key="vanishing_gradients_layer_std").set_value(100.0)
    page.select_slider(key="vanishing_gradients_layer_scale").set_value(100.0).run()
    assert not page.exception and not page.error
    assert any(text("overflow", lang) in name for name in names(page, LAYERS))


def test_a_prediction_is_revealed_with_the_measured_ratio(page, lang):
    tab(page, lang, SWEEP_TAB, skip=False)
    assert not plotly_specs(page)  # the sweeps wait for a prediction
    page.radio(key="vanishing_gradients_predict").set_value("much_smaller").run()
    assert_clean(page)
    assert page.success  # the sigmoid net's first layer is > 10⁶ times smaller
    assert len(plotly_specs(page)) == 2
    page.button(key="vanishing_gradients_predict_again").click().run()
    assert not plotly_specs(page)  # asked anew: the sweeps wait again
    page.radio(key="vanishing_gradients_predict").set_value("same").run()  # wrong
    assert not page.exception and page.warning
    explanation = [m.value for m in page.markdown if "0.25^{19}" in m.value]
    assert "e-1" in explanation[-1]  # the reveal (after the Q&A text): ratio ≈ 1e-12


def test_training_steps_run_on_request_and_add_dashed_lines(page, lang):
    depth = {"zh": 5, "en": 6}[lang]  # results are cached per process: settings new to it
    tab(page, lang, LAYERS_TAB)
    page.select_slider(key="vanishing_gradients_layer_width").set_value(32)
    page.slider(key="vanishing_gradients_layer_depth").set_value(depth)
    page.select_slider(key="vanishing_gradients_layer_steps").set_value(5).run()
    assert_clean(page)
    assert len(names(page, LAYERS)) == 4  # nothing trained yet: the button waits
    page.button(key="vanishing_gradients_layer_train").click().run()
    assert_clean(page)
    spec = plotly_specs(page)[LAYERS]
    dashed = [tr for tr in spec["data"] if tr.get("line", {}).get("dash") == "dash"]
    assert len(dashed) == 4
    assert all(len(tr["x"]) == depth for tr in dashed)
    assert page.caption  # the loss before → after


def test_no_activation_chosen_asks_for_one(page, lang):
    for index, key in (
        (LAYERS_TAB, "vanishing_gradients_layer_acts"),
        (SWEEP_TAB, "vanishing_gradients_sweep_acts"),
    ):
        tab(page, lang, index)
        page.multiselect(key=key).set_value([]).run()
        assert not page.exception
        assert len(page.info) == 1, [i.value for i in page.info]
