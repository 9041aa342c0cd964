"""The overfitting page through AppTest: remedies add runs, settings change the data, bad input
is contained. The default runs are computed once per process (the result cache is shared)."""

import re

from qa_core.labs.overfitting import configs, runs, tables
from tests.app.conftest import (
    as_number,
    assert_clean,
    markdown_tables,
    open_app,
    open_tab,
    plotly_specs,
    skip_predictions,
)
from ui.i18n import lookup

PAGE = "pages/overfitting.py"
TITLES = {
    "zh": ("补救方法并排对比", "正则化下的权重"),
    "en": ("Remedies side by side", "Weights under regularisation"),
}


def charts(at) -> dict[str, dict]:
    return {spec["layout"]["title"]["text"]: spec for spec in plotly_specs(at)}


def table_with(at, column):
    """The first table that has one of ``column``'s localised headings, as numbers."""
    for frame in markdown_tables(at):
        if any(c in frame.columns for c in column):
            return frame.map(as_number)
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
    """Switch to a quick set-up (20 epochs, width 8) plus ``widgets``, and train it."""
    widgets = {"overfitting_epochs": 20, "overfitting_width": 8, **widgets}
    for key, value in widgets.items():
        set_widget(at, key, value)
    at.button(key="overfitting_setup_run").click().run()
    return at


def remedies_on(at, *on, off=(), **widgets):
    """Toggle remedies on/off, set strength widgets, and train them."""
    for remedy in on:
        set_widget(at, f"overfitting_on_{remedy}", True)
    for remedy in off:
        set_widget(at, f"overfitting_on_{remedy}", False)
    for key, value in widgets.items():
        set_widget(at, key, value)
    at.button(key="overfitting_remedies_run").click().run()
    return at


def opened(lang):
    """The page as a new visitor opens it, the prediction skipped: its results show."""
    return skip_predictions(open_app(lang, PAGE, timeout=600))


def remedy_name(remedy, lang):
    return lookup(f"overfitting.rem_{remedy}", lang)


def run_name(run, lang):
    return lookup(f"overfitting.run_{run}", lang)


def test_default_page_weights_and_prediction(lang):
    """The default comparison, the weight histograms and the predict-then-reveal prompt."""
    at = open_app(lang, PAGE, timeout=600)
    assert_clean(at)
    assert not plotly_specs(at)  # the results wait for a prediction about the remedies on
    offered = at.radio(key="overfitting_predict").options
    assert offered == [remedy_name(r, lang) for r in configs.DEFAULT_REMEDIES]  # what will run
    at.radio(key="overfitting_predict").set_value("dropout").run()
    assert [tab.label for tab in at.tabs] == list(TITLES[lang])
    assert TITLES[lang][0] not in [s.value for s in at.subheader]  # the tab names it
    table = results_table(at)
    runs = ("baseline", "augment", "l2", "ensemble", "dropout")  # the seed's four remedies
    assert list(table.iloc[:, 0]) == [run_name(r, lang) for r in runs]
    gaps = table.iloc[:, 3]
    assert gaps.iloc[0] > 0.1  # the default set-up overfits
    titles = list(charts(at))
    maps = [t for t in titles if "·" in t]
    assert len(maps) == 5
    assert len(at.get("download_button")) == 2
    decision = charts(at)[maps[0]]
    points = sum(len(tr["x"]) for tr in decision["data"] if tr.get("mode") == "markers")
    assert points == 60 + 500  # training and test points both marked

    # Weights under regularisation: the histogram follows the layer, the table the threshold.
    open_tab(at, "overfitting", TITLES[lang][1])
    hist = next(spec for spec in plotly_specs(at) if spec["data"][0]["type"] == "histogram")
    assert len(hist["data"]) == 3  # baseline, L1, L2
    assert len(hist["data"][0]["x"]) == 2 * 16
    at.selectbox(key="overfitting_w_layer").set_value(1).run()
    assert_clean(at)
    hist = next(spec for spec in plotly_specs(at) if spec["data"][0]["type"] == "histogram")
    assert len(hist["data"][0]["x"]) == 16 * 16
    near_zero = weight_table(at).iloc[:, 2].tolist()
    at.select_slider(key="overfitting_w_tol").set_value(0.1).run()
    wider = weight_table(at).iloc[:, 2].tolist()
    assert all(b >= a for a, b in zip(near_zero, wider, strict=True)) and wider != near_zero

    # Predict, then run: the reveal names the remedy with the smallest measured gap.
    open_tab(at, "overfitting", TITLES[lang][0])
    best = runs[1:][int(gaps.iloc[1:].to_numpy().argmin())]
    verdicts = [m.value for m in (*at.success, *at.warning)]
    assert verdicts and remedy_name(best, lang) in verdicts[0]
    assert remedy_name("dropout", lang) in verdicts[0]  # the answer given


def test_toggling_a_remedy_adds_its_run_to_the_table_and_charts(lang):
    at = opened(lang)
    before = set(charts(at))
    remedies_on(at, "l1")
    assert_clean(at)
    assert run_name("l1", lang) in list(results_table(at).iloc[:, 0])
    added = set(charts(at)) - before
    assert len(added) == 2  # its decision map and its loss curves
    assert all(title.startswith(run_name("l1", lang)) for title in added)
    remedies_on(at, off=("l1", "augment"))
    assert len(results_table(at)) == 4
    # Hiding the test points leaves only the 60 training points on every map.
    at.toggle(key="overfitting_show_test").set_value(False).run()
    maps = [spec for title, spec in charts(at).items() if "·" in title]
    assert len(maps) == 4
    for spec in maps:
        assert sum(len(tr["x"]) for tr in spec["data"] if tr.get("mode") == "markers") == 60


def test_set_up_and_strengths_change_the_runs_and_everything_at_once_works(lang):
    at = opened(lang)
    before = charts(at)
    small_setup(at, overfitting_n_train=100)
    assert_clean(at)
    after = charts(at)
    base_map = next(t for t in after if "·" in t)
    assert after[base_map] != before.get(base_map)
    points = [tr for tr in after[base_map]["data"] if tr.get("mode") == "markers"]
    assert sum(len(tr["x"]) for tr in points) == 100 + 500
    assert results_table(at).iloc[0, 8] == 20  # epochs run

    dropout_row = results_table(at).iloc[4].tolist()
    remedies_on(at, overfitting_p=0.85)
    assert_clean(at)
    assert results_table(at).iloc[4].tolist() != dropout_row

    # Every remedy at once, plus the combined run (a 2-member ensemble of combined nets).
    remedies_on(at, "l1", "early_stop", "batch_norm", overfitting_combined=True, overfitting_k=2)
    assert not at.exception
    table = results_table(at)
    assert len(table) == 1 + 7 + 1
    assert table.iloc[-1, 0] == run_name("combined", lang)
    assert table.iloc[-1, 10] == 2

    # An overwhelming L1 penalty: the run is flagged as underfitting.
    remedies_on(at, overfitting_l1=10.0, overfitting_combined=False)
    assert not at.exception and not at.error
    underfit = lookup("overfitting.state_underfit", lang)
    assert underfit in list(results_table(at).iloc[:, -1])
    assert any(underfit in w.value for w in at.warning)


def test_bad_input_gives_a_clear_message(lang):
    at = small_setup(opened(lang), overfitting_n_train=10)
    assert_clean(at)
    assert any("32" in i.value and "10" in i.value for i in at.info)  # batch > training set
    assert len(results_table(at)) == 5

    small_setup(at, overfitting_n_train=60, overfitting_opt="sgd", overfitting_lr=0.3)
    remedies_on(at, overfitting_l2=10.0)  # lr·λ = 3: each step multiplies the weights by −2
    assert not at.exception and not at.error
    assert at.warning
    assert lookup("overfitting.state_diverged", lang) in list(results_table(at).iloc[:, -1])


def numbers_in(text):
    return [int(n) for n in re.findall(r"\d+", text)]


def row_of(table, run, lang):
    return table[table.iloc[:, 0] == run_name(run, lang)].iloc[0]


def members_at(events, lang):
    """The page's words for each (member, epoch) of an ensemble's events."""
    return [lookup("overfitting.member_at", lang).format(i=i, epoch=e) for i, e in events]


def lab_result(spec_id, k, **setup):
    """The run the page computes for ``spec_id`` under the default strengths (tests the page's
    words against the lab's numbers)."""
    base = configs.overfit_config(**setup)
    strengths = configs.Strengths(ensemble_k=k)
    remedies = [*configs.DEFAULT_REMEDIES, "early_stop"]
    spec = next(
        s for s in configs.plan_runs(base, remedies, strengths, combined=True) if s.id == spec_id
    )
    return runs.run_remedy(spec, grid_n=4)


def test_early_stopping_notice_and_table_agree_and_name_the_validation_set(lang):
    """The notice's stop and best epochs are the table's epochs run and best epoch, and the
    stopping criterion is the validation loss."""
    at = remedies_on(opened(lang), "early_stop")
    assert_clean(at)
    label = run_name("early_stop", lang)
    notice = next(i.value for i in at.info if i.value.startswith(label))
    assert ("validation loss" if lang == "en" else "验证损失") in notice
    stop, best = numbers_in(notice)
    row = row_of(results_table(at), "early_stop", lang)
    assert (row.iloc[8], row.iloc[7]) == (stop, best)  # epochs run, best epoch
    assert stop - best == configs.Strengths().patience
    assert row.iloc[-1] == lookup("overfitting.state_stopped", lang)


def test_an_ensemble_with_diverged_members_says_which_and_the_table_agrees(lang):
    """Adam at lr 1 (width 8): some members of the ensemble diverge at epoch 1, the others train on.
    The notice names exactly those members and does not call the whole ensemble diverged."""
    at = small_setup(opened(lang), overfitting_lr=1.0)
    assert_clean(at)
    diverged, _ = tables.member_events(lab_result("ensemble", 5, lr=1.0, epochs=20, width=8))
    assert 0 < len(diverged) < 5
    label = run_name("ensemble", lang)
    member = members_at([(1, 1)], lang)[0].split("1")[0]
    warnings = [w.value for w in at.warning if w.value.startswith(label) and member in w.value]
    assert len(warnings) == 1
    assert all(m in warnings[0] for m in members_at(diverged, lang))
    assert str(5 - len(diverged)) in warnings[0]
    assert lookup("common.diverged", lang).split("{")[0] not in warnings[0]
    row = row_of(results_table(at), "ensemble", lang)
    assert row.iloc[-1] == lookup("overfitting.state_partly_diverged", lang)
    assert row.iloc[8] == 20  # the other members trained every epoch


def test_a_stopped_ensemble_names_its_members_and_its_last_epoch_is_the_tables(lang):
    at = opened(lang)
    remedies_on(at, "early_stop", overfitting_combined=True, overfitting_k=3)
    assert_clean(at)
    _, stopped = tables.member_events(lab_result("combined", 3))
    assert len(stopped) == 3
    label = run_name("combined", lang)
    notice = next(i.value for i in at.info if i.value.startswith(label))
    assert all(m in notice for m in members_at(stopped, lang))
    row = row_of(results_table(at), "combined", lang)
    last, best = int(row.iloc[8]), int(row.iloc[7])
    assert last == max(e for _, e in stopped)
    assert numbers_in(notice)[-2:] == [last, best]


def stale(lang, button):
    """What every Run gate says while the widgets differ from the results shown."""
    return lookup("common.settings_changed", lang).format(button=lookup(button, lang))


def test_changed_settings_say_the_results_are_out_of_date_until_trained(lang):
    at = opened(lang)
    table = results_table(at)
    set_widget(at, "overfitting_noise", 0.5)
    at.run()
    assert stale(lang, "overfitting.apply") in [i.value for i in at.info]
    assert results_table(at).equals(table)  # nothing trained yet
    set_widget(at, "overfitting_on_l1", True)
    at.run()
    notices = [i.value for i in at.info]
    assert stale(lang, "overfitting.run_remedies") in notices
    at.button(key="overfitting_remedies_run").click().run()
    notices = [i.value for i in at.info]
    assert stale(lang, "overfitting.run_remedies") not in notices
    assert stale(lang, "overfitting.apply") in notices  # the set-up still waits for its button
    assert run_name("l1", lang) in list(results_table(at).iloc[:, 0])


def test_the_prediction_offers_only_the_remedies_that_run(lang):
    at = open_app(lang, PAGE, timeout=600)
    set_widget(at, "overfitting_on_augment", False)
    set_widget(at, "overfitting_on_early_stop", True)
    at.run()
    offered = at.radio(key="overfitting_predict").options
    assert offered == [remedy_name(r, lang) for r in ("l2", "ensemble", "dropout", "early_stop")]
    at.radio(key="overfitting_predict").set_value("early_stop").run()  # answering runs them
    assert_clean(at)
    ran = list(results_table(at).iloc[:, 0])
    assert ran == [
        run_name(r, lang) for r in ("baseline", "l2", "ensemble", "dropout", "early_stop")
    ]
    assert not [i for i in at.info if i.value.startswith(stale(lang, "overfitting.run_remedies"))]
    set_widget(at, "overfitting_on_l2", False)
    set_widget(at, "overfitting_on_ensemble", False)
    set_widget(at, "overfitting_on_early_stop", False)
    at.run()  # one remedy left: nothing to predict between
    assert not at.radio and not [r for r in at.button if r.key == "overfitting_predict_skip"]
