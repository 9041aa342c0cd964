"""The optimisers page through AppTest, in both languages: one tab per experiment, each drawing
what the lab computes for its settings; the controls change what is plotted; divergence and an
empty choice are told, never crash."""

import numpy as np
import pytest

from qa_core.labs.optimizers import batch, bias, decay, race, schedule, surfaces
from tests.app.conftest import as_number, assert_clean, markdown_tables, open_tab, plotly_specs
from ui.i18n import lookup

PAGE = "pages/optimizers.py"
EXPERIMENTS = ("race", "bias", "decay", "schedule", "batch")
RACE, BIAS, DECAY, SCHEDULE, BATCH = range(5)
CHARTS_PER_TAB = (2, 2, 3, 3, 2)


def label(lang, index):
    return lookup(f"optimizers.exp_{EXPERIMENTS[index]}", lang)


def tab(at, lang, index):
    return open_tab(at, "optimizers", label(lang, index))


def opt_name(lang, optimizer):
    return lookup(f"optimizers.opt_{optimizer}", lang)


def lines(spec, name):
    """The line trace (the path, not its end marker) called ``name``."""
    found = [t for t in spec["data"] if t.get("name") == name and t.get("mode") != "markers"]
    assert found, (name, [t.get("name") for t in spec["data"]])
    return found[0]


def metrics(at):
    return {m.label: str(m.value) for m in at.metric}


def test_one_tab_per_experiment_each_with_titled_charts_and_hover_values(page, lang):
    assert [t.label for t in page.tabs] == [label(lang, i) for i in range(5)]
    for index, charts in enumerate(CHARTS_PER_TAB):
        tab(page, lang, index)
        specs = plotly_specs(page)
        assert len(specs) == charts, label(lang, index)
        assert all(spec["layout"]["title"]["text"] for spec in specs)
        assert all(t.get("hovertemplate") or t.get("hoverinfo") for s in specs for t in s["data"])


def test_the_race_draws_the_lab_paths_and_follows_the_step_slider(page, lang):
    s = surfaces.SURFACES["ravine"]
    expected = race.race("ravine", ("sgd", "momentum", "adam"), s.lr, s.steps,
                         adaptive_lr=s.adaptive_lr).paths  # fmt: skip
    path, loss = plotly_specs(page)
    for optimizer in ("sgd", "momentum", "adam"):
        rows = expected[expected["optimizer"] == optimizer]
        drawn = lines(path, opt_name(lang, optimizer))
        assert drawn["x"] == pytest.approx(rows["x"].tolist())
        assert drawn["y"] == pytest.approx(rows["y"].tolist())
        assert len(lines(loss, opt_name(lang, optimizer))["y"]) == s.steps + 1
    page.slider(key="optimizers_upto").set_value(10).run()
    assert_clean(page)
    path, _ = plotly_specs(page)
    assert len(lines(path, opt_name(lang, "sgd"))["x"]) == 11


def test_a_new_surface_brings_its_own_rates_and_steps(page, lang):
    page.selectbox(key="optimizers_surface").set_value("rosenbrock").run()
    assert_clean(page)
    s = surfaces.SURFACES["rosenbrock"]
    assert page.select_slider(key="optimizers_lr").value == s.lr
    assert page.select_slider(key="optimizers_alr").value == s.adaptive_lr
    assert page.select_slider(key="optimizers_steps").value == s.steps
    path, _ = plotly_specs(page)
    assert len(lines(path, opt_name(lang, "adam"))["x"]) == s.steps + 1


def test_a_diverging_optimiser_is_named_and_an_empty_choice_is_told(page, lang):
    page.multiselect(key="optimizers_names").set_value(["sgd", "nesterov"])
    page.select_slider(key="optimizers_lr").set_value(0.035).run()
    assert_clean(page)
    assert any(opt_name(lang, "nesterov") in w.value for w in page.warning)
    page.multiselect(key="optimizers_names").set_value([]).run()
    assert_clean(page)
    assert page.info and not plotly_specs(page)


def test_the_bias_tab_reads_the_lab(page, lang):
    tab(page, lang, BIAS)
    table = bias.bias_correction()
    steps, _ = plotly_specs(page)
    raw = next(t for t in steps["data"] if t["name"] == lookup("optimizers.bias_raw", lang))
    assert raw["y"] == pytest.approx(table["step_raw"].tolist())
    assert metrics(page)[lookup("optimizers.bias_m_first", lang)] == "3.16 / 1.00"
    page.select_slider(key="optimizers_beta2").set_value(0.9).run()
    assert_clean(page)
    # with β2 = 0.9 the first uncorrected step is 0.1/√0.1 ≈ 0.32 of the corrected one
    assert metrics(page)[lookup("optimizers.bias_m_first", lang)] == "0.32 / 1.00"


def test_the_decay_tab_shows_the_three_runs_and_adamw_decays_alike(page, lang):
    tab(page, lang, DECAY)
    page.select_slider(key="optimizers_decay_epochs").set_value(20).run()
    assert_clean(page)
    result = decay.compare_decay(epochs=20)
    summary = result.summary.set_index("run")
    values = metrics(page)
    for run in decay.RUNS:
        assert (
            values[lookup(f"optimizers.run_{run}", lang)] == f"{summary.loc[run, 'test_acc']:.1%}"
        )
    norms, effective, _ = plotly_specs(page)
    assert len(norms["data"]) == 3
    adamw = next(t for t in effective["data"] if t["name"] == lookup("optimizers.run_adamw", lang))
    assert set(np.round(adamw["y"], 12)) == {0.5}
    l2 = next(t for t in effective["data"] if t["name"] == lookup("optimizers.run_adam_l2", lang))
    assert max(l2["y"]) / min(l2["y"]) > 10


def test_the_schedule_tab_tables_each_schedule_and_runs_the_range_test(page, lang):
    tab(page, lang, SCHEDULE)
    page.select_slider(key="optimizers_schedule_epochs").set_value(20).run()
    assert_clean(page)
    runs = schedule.schedule_runs("momentum", 0.1, 20, 5)
    shown = markdown_tables(page)[0]
    final = shown[lookup("optimizers.col_final_acc", lang)].map(as_number).tolist()
    expected = runs.groupby("schedule", sort=False)["test_acc"].last().tolist()
    assert final == pytest.approx(expected, abs=1e-3)
    lr_chart, _, range_chart = plotly_specs(page)
    warm = next(t for t in lr_chart["data"]
            if t["name"] == lookup("optimizers.sched_warmup_cosine", lang))  # fmt: skip
    assert warm["y"][:5] == pytest.approx([0.02, 0.04, 0.06, 0.08, 0.1])
    _, suggestion = schedule.range_test("momentum")
    assert range_chart["layout"]["shapes"][0]["x0"] == pytest.approx(suggestion)


def test_the_batch_tab_measures_noise_and_scales_the_rate(page, lang):
    tab(page, lang, BATCH)
    noise = batch.gradient_noise(100)
    noise_chart, scaling = plotly_specs(page)
    measured = noise_chart["data"][0]["y"]
    assert measured == pytest.approx(noise["measured"].tolist()[:-1])  # B = N left off the log axis
    runs = batch.linear_scaling(8, 0.1)
    rule = runs[runs["rule"]].groupby("k")["train_loss"].last().tolist()
    assert scaling["data"][0]["y"] == pytest.approx(rule)
