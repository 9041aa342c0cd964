"""The overfitting page through AppTest: remedies add runs, settings change the data, bad input
is contained. The default runs are computed once per process (the result cache is shared)."""

import pytest

from tests.app.conftest import assert_clean, open_app, plotly_specs

PAGE = "pages/overfitting.py"
TITLES = {
    "zh": ("补救方法并排对比", "正则化下的权重"),
    "en": ("Remedies side by side", "Weights under regularisation"),
}
BASELINE = {"zh": "基线", "en": "Baseline"}
L1 = {"zh": "L1", "en": "L1"}


def charts(at) -> dict[str, dict]:
    return {spec["layout"]["title"]["text"]: spec for spec in plotly_specs(at)}


def table_with(at, column):
    """The first dataframe that has one of ``column``'s localised headings."""
    for frame in at.dataframe:
        value = frame.value
        if any(c in value.columns for c in column):
            return value
    raise AssertionError(f"no table with a column {column!r}")


def results_table(at):
    return table_with(at, ("状态", "State"))


def weight_table(at):
    return table_with(at, ("接近 0 的比例", "Share near zero"))


def set_widget(at, key, value):
    """Set the widget called ``key``, whatever its kind."""
    for kind in ("slider", "select_slider", "selectbox", "number_input", "toggle"):
        found = [w for w in getattr(at, kind) if w.key == key]
        if found:
            found[0].set_value(value)
            return
    raise AssertionError(f"no widget {key!r}")


def small_setup(at, **widgets):
    """Switch to a quick set-up (20 epochs, width 8) plus ``widgets``, and submit it."""
    widgets = {"of_epochs": 20, "of_width": 8, **widgets}
    for key, value in widgets.items():
        set_widget(at, key, value)
    at.button(key="of_apply").click().run()
    return at


def remedies_on(at, *on, off=(), **widgets):
    """Toggle remedies on/off, set strength widgets, and submit the remedies form."""
    for remedy in on:
        set_widget(at, f"of_on_{remedy}", True)
    for remedy in off:
        set_widget(at, f"of_on_{remedy}", False)
    for key, value in widgets.items():
        set_widget(at, key, value)
    at.button(key="of_run").click().run()
    return at


@pytest.fixture
def page(lang):
    at = open_app(lang, PAGE, timeout=600)
    assert_clean(at)
    return at


def test_default_page_shows_every_run_its_map_curves_table_and_weights(page, lang):
    subheaders = [s.value for s in page.subheader]
    for title in TITLES[lang]:
        assert title in subheaders
    table = results_table(page)
    assert len(table) == 5  # baseline + the four remedies of the seed
    assert table.iloc[0, 0] == BASELINE[lang]
    gap = table.iloc[:, 3]
    assert gap.iloc[0] > 0.05  # the default set-up overfits
    titles = list(charts(page))
    maps = [t for t in titles if "·" in t]
    assert len(maps) == 5
    assert len(page.get("download_button")) == 2
    decision = charts(page)[maps[0]]
    train_points = sum(len(tr["x"]) for tr in decision["data"] if tr.get("mode") == "markers")
    assert train_points == 60 + 500  # training and test points both marked


def test_toggling_a_remedy_adds_its_run_to_the_table_and_charts(page, lang):
    before = set(charts(page))
    remedies_on(page, "l1")
    assert_clean(page)
    table = results_table(page)
    assert L1[lang] in list(table.iloc[:, 0])
    added = set(charts(page)) - before
    assert any(title.startswith(L1[lang]) and "·" in title for title in added)
    assert len(added) == 2  # its decision map and its loss curves
    remedies_on(page, off=("l1", "augment"))
    assert len(results_table(page)) == 4


def test_a_smaller_set_up_changes_the_plotted_data(page):
    before = charts(page)
    small_setup(page, of_n_train=100)
    assert_clean(page)
    after = charts(page)
    base_map = next(t for t in after if "·" in t)
    assert after[base_map] != before.get(base_map)
    points = [tr for tr in after[base_map]["data"] if tr.get("mode") == "markers"]
    assert sum(len(tr["x"]) for tr in points) == 100 + 500
    assert results_table(page).iloc[0, 8] == 20  # epochs run


def test_a_strength_slider_changes_its_run(lang):
    at = small_setup(open_app(lang, PAGE, timeout=600))
    table = results_table(at)
    before = table.iloc[4].tolist()  # the dropout run
    remedies_on(at, of_p=0.85)
    after = results_table(at).iloc[4].tolist()
    assert_clean(at)
    assert before != after


def test_every_remedy_at_once_and_all_together_gives_a_result(lang):
    at = small_setup(open_app(lang, PAGE, timeout=600))
    remedies_on(at, "l1", "early_stop", "batch_norm", of_combined=True, of_k=2)
    assert not at.exception
    table = results_table(at)
    assert len(table) == 1 + 7 + 1  # baseline, every remedy alone, all together
    combined = {"zh": "全部叠加", "en": "All together"}[lang]
    assert table.iloc[-1, 0] == combined
    assert table.iloc[-1, 10] == 2  # a K-member ensemble of combined networks


def test_batch_larger_than_training_set_is_explained(lang):
    at = small_setup(open_app(lang, PAGE, timeout=600), of_n_train=10)
    assert_clean(at)
    assert any("32" in i.value and "10" in i.value for i in at.info)
    assert len(results_table(at)) == 5


def test_a_diverging_lambda_shows_a_notice_not_an_exception(lang):
    at = small_setup(open_app(lang, PAGE, timeout=600), of_opt="sgd", of_lr=0.3)
    remedies_on(at, of_l2=10.0)
    assert not at.exception and not at.error
    assert at.warning
    state = {"zh": "发散", "en": "diverged"}[lang]
    assert state in list(results_table(at).iloc[:, -1])


def test_an_overwhelming_penalty_warns_about_underfitting(lang):
    at = small_setup(open_app(lang, PAGE, timeout=600))
    remedies_on(at, "l1", of_l1=10.0)
    assert_clean(at)
    underfit = {"zh": "欠拟合", "en": "underfits"}[lang]
    assert any(underfit in w.value for w in at.warning)


def test_weights_histogram_follows_the_layer_and_threshold(page):
    hist = next(spec for t, spec in charts(page).items() if spec["data"][0]["type"] == "histogram")
    assert len(hist["data"]) == 3  # baseline, L1, L2
    assert len(hist["data"][0]["x"]) == 2 * 64
    page.selectbox(key="of_w_layer").set_value(1).run()
    assert_clean(page)
    hist = next(spec for spec in plotly_specs(page) if spec["data"][0]["type"] == "histogram")
    assert len(hist["data"][0]["x"]) == 64 * 64
    stats = weight_table(page)
    near_zero = stats.iloc[:, 2].tolist()
    page.select_slider(key="of_w_tol").set_value(0.1).run()
    wider = weight_table(page).iloc[:, 2].tolist()
    assert all(b >= a for a, b in zip(near_zero, wider, strict=True)) and wider != near_zero


def test_prediction_is_revealed_with_the_measured_answer(page, lang):
    page.radio(key="of_predict").set_value(page.radio(key="of_predict").options[2]).run()
    assert not page.exception
    assert page.success or page.warning
    assert any("%" in m.value for m in page.markdown if "**" in m.value)
