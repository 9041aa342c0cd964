"""qa_core.labs.relu.dying: large learning rates kill ReLU units, dead first-layer units never get a
gradient again, the leaky variants do not die, PReLU's slope is learned."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from qa_core.engine.training import Run
from qa_core.labs import playground as pg
from qa_core.labs.relu import dying

LARGE_LR = 2.0  # plain SGD on moons: large enough to kill units, small enough not to diverge


def dead_total(history, n_layers=2):
    return history[[f"dead_{i}" for i in range(n_layers)]].sum(axis=1)


@pytest.fixture(scope="module")
def large_lr():
    return dying.compare_dying(lr=LARGE_LR, bias_shift=0.0, epochs=30, seed=0)


def test_a_large_learning_rate_kills_a_sizeable_fraction_of_relu_units(large_lr):
    relu = large_lr["relu"]
    assert relu.diverged is None
    total = dead_total(relu.history)
    # training did it: far more units are dead at the end than right after initialisation
    assert total.iloc[-1] >= total.iloc[0] + 0.3
    assert relu.final["dead_0"] > 0 and relu.final["dead_1"] >= 0.25
    # for ReLU "dead" (output exactly 0 everywhere) and "z <= 0 everywhere" are the same thing
    for i in range(2):
        assert np.array_equal(relu.history[f"dead_{i}"], relu.history[f"inactive_{i}"])


def test_first_layer_deaths_count_the_units_that_ever_died(large_lr):
    relu = large_lr["relu"]
    deaths = dying.first_layer_deaths(relu)
    assert deaths.ever == int(relu.history["ever_0"].iloc[-1]) > 0
    # ever only grows, and at least as many units died as are dead at the end
    assert relu.history["ever_0"].is_monotonic_increasing
    assert deaths.ever >= round(relu.final["dead_0"] * relu.config.hidden[0])
    assert deaths.revived == 0 and deaths.largest_move == 0.0  # dead for good, never moved
    assert dying.revival_answer(deaths) == "none"
    leaky = dying.first_layer_deaths(large_lr["leaky_relu"])
    assert leaky.largest_move > 0.0


@pytest.mark.parametrize(
    ("ever", "revived", "answer"),
    [(0, 0, None), (4, 0, "none"), (4, 1, "some"), (4, 2, "most"), (3, 3, "most")],
)
def test_revival_answer_buckets_the_share_that_came_back(ever, revived, answer):
    deaths = dying.FirstLayerDeaths(ever=ever, revived=revived, largest_move=0.0)
    assert dying.revival_answer(deaths) == answer
    assert answer is None or answer in dying.REVIVAL_ANSWERS


def test_largest_move_skips_epoch_zero_and_missing_values():
    history = pd.DataFrame({"moved_0": [9.0, np.nan, 0.5, 0.25], "moved_1": [np.nan] * 4})
    assert dying.largest_move(history, 0) == 0.5
    assert np.isnan(dying.largest_move(history, 1))


def test_variants_never_dead_looks_at_every_layer_and_epoch_of_the_variants(large_lr):
    assert dying.variants_never_dead({"relu": large_lr["relu"]})  # no variant: vacuous
    assert not dying.variants_never_dead({"leaky_relu": large_lr["relu"]})  # a dead "variant"
    short = dying.compare_dying(epochs=2, bias_shift=0.0, activations=("relu", "leaky_relu"))
    assert short["leaky_relu"].history[["dead_0", "dead_1"]].to_numpy().max() == 0
    assert dying.variants_never_dead(short)


def test_a_small_learning_rate_kills_far_fewer():
    small = dying.run_dying(dying.dying_config("relu", lr=0.05, epochs=30), 0.0)
    large = dying.run_dying(dying.dying_config("relu", lr=LARGE_LR, epochs=30), 0.0)
    assert dead_total(small.history).iloc[-1] < dead_total(large.history).iloc[-1] - 0.2


def test_a_dead_first_layer_unit_gets_exactly_zero_gradient_from_then_on():
    config = dying.dying_config("relu", lr=LARGE_LR, epochs=30, seed=0)
    assert config.optimizer == "sgd" and config.l1 == 0 and config.l2 == 0
    run = Run(config)
    dense = run.network.dense_layers[0]
    frozen: dict[int, tuple[np.ndarray, float]] = {}  # unit -> (weights, bias) when it died
    checked_epochs = 0
    while not run.done:
        run.step()
        # the last mini-batch's gradient of every unit that was already dead is exactly 0 ...
        for unit, (w, b) in frozen.items():
            assert np.all(dense.grads["W"][:, unit] == 0.0)
            assert dense.grads["b"][unit] == 0.0
            # ... and so was every other batch's: SGD left its parameters bitwise unchanged
            assert np.array_equal(dense.params["W"][:, unit], w)
            assert dense.params["b"][unit] == b
            checked_epochs += 1
        dead = dying.inactive_units(run)[0]
        full_batch = dying.unit_gradient_norms(run, 0)
        assert np.all(full_batch[dead] == 0.0)
        assert np.all(dead[list(frozen)])  # nothing dead ever comes back
        for unit in np.flatnonzero(dead):
            frozen.setdefault(
                int(unit), (dense.params["W"][:, unit].copy(), float(dense.params["b"][unit]))
            )
    assert run.diverged is None
    assert frozen, "no first-layer unit died: the test setting no longer provokes dead units"
    assert checked_epochs >= 5


def test_leaky_relu_at_the_same_setting_ends_with_a_lower_dead_fraction(large_lr):
    relu, leaky = large_lr["relu"].final, large_lr["leaky_relu"].final
    assert large_lr["leaky_relu"].diverged is None
    assert leaky["dead_0"] + leaky["dead_1"] < relu["dead_0"] + relu["dead_1"]
    assert leaky["dead_0"] <= relu["dead_0"] and leaky["dead_1"] <= relu["dead_1"]


def test_leaky_units_with_negative_input_still_learn(large_lr):
    table = dying.summary_table(large_lr).set_index("activation")
    # units with z <= 0 on every input: ReLU's never move, Leaky ReLU's still get a gradient
    assert table.loc["relu", "moved_0"] == 0.0
    assert table.loc["leaky_relu", "inactive_0"] > 0
    assert table.loc["leaky_relu", "moved_0"] > 0.0
    assert table.loc["relu", "revived_0"] == 0


def test_prelu_slope_starts_at_a_quarter_and_is_learned():
    result = dying.run_dying(dying.dying_config("prelu", lr=0.2, epochs=15), 1.5)
    assert result.diverged is None
    slopes = result.history[["prelu_0", "prelu_1"]].to_numpy()
    assert np.all(slopes[0] == 0.25)
    assert np.all(np.abs(slopes[-1] - 0.25) > 1e-3)


def test_negative_bias_shift_moves_hidden_biases_only_and_kills_relu_units_at_once():
    config = dying.dying_config("relu", epochs=1)
    run = Run(config)
    before = [d.params["b"].copy() for d in run.network.dense_layers]
    theta = run.network.theta.copy()
    dying.shift_hidden_biases(run, 2.0)
    after = [d.params["b"] for d in run.network.dense_layers]
    assert np.all(after[0] == before[0] - 2.0) and np.all(after[1] == before[1] - 2.0)
    assert np.array_equal(after[-1], before[-1])  # the output layer is left alone
    assert not np.array_equal(run.network.theta, theta)  # the optimiser sees the change
    shifted = dying.run_dying(config, 2.0)
    plain = dying.run_dying(config, 0.0)
    assert shifted.history["dead_0"].iloc[0] > plain.history["dead_0"].iloc[0] + 0.2


@pytest.mark.parametrize("shift", [-1.0, 11.0, float("nan")])
def test_bad_bias_shift_is_a_value_error(shift):
    with pytest.raises(ValueError, match="bias_shift"):
        dying.run_dying(dying.dying_config("relu", epochs=1), shift)


def test_bad_settings_are_rejected_before_any_training():
    with pytest.raises(ValueError, match="lr"):
        dying.compare_dying(lr=-1.0)
    with pytest.raises(ValueError, match="alpha"):
        dying.compare_dying(alpha=1.5)


def test_diverging_runs_are_reported_not_raised():
    results = dying.compare_dying(lr=8.0, bias_shift=0.0, epochs=10, seed=1)
    diverged = [r for r in results.values() if r.diverged]
    assert diverged
    for result in diverged:
        assert result.diverged.startswith(f"diverged at epoch {result.diverged_epoch}")
        assert result.history["epoch"].iloc[-1] == result.diverged_epoch
    table = dying.summary_table(results)
    assert set(table["activation"]) == set(dying.VARIANTS)


def test_progress_is_monotone_and_all_runs_share_data_and_initial_weights():
    seen = []
    results = dying.compare_dying(epochs=3, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert list(results) == list(dying.VARIANTS)
    for result in results.values():
        assert list(result.history["epoch"]) == [0, 1, 2, 3]
    # same seed: the same data and the same initial weights for every activation
    runs = [Run(result.config) for result in results.values()]
    for run in runs[1:]:
        assert np.array_equal(run.data.x_train, runs[0].data.x_train)
        assert np.array_equal(run.network.weights, runs[0].network.weights)


# -- a diverged run reports no measurement of its broken network --------------------------------


@pytest.fixture(scope="module")
def huge_lr():
    """Learning rate 8: PReLU and RReLU diverge in their first epoch, Leaky ReLU a few
    epochs later, ReLU's dead units keep its loss finite."""
    return dying.compare_dying(lr=8.0, bias_shift=1.5, epochs=10, seed=0)


def test_a_diverged_run_has_no_dead_fraction_and_no_move_only_its_epoch(huge_lr):
    assert huge_lr["prelu"].diverged_epoch == huge_lr["rrelu"].diverged_epoch == 1
    table = dying.summary_table(huge_lr).set_index("activation")
    for name in ("prelu", "rrelu"):
        row = table.loc[name]
        measured = [row[f"{k}_{i}"] for k in ("dead", "inactive", "moved") for i in range(2)]
        assert all(np.isnan(v) for v in [*measured, row["test_acc"]]), (name, row)
        # the counts are those from before the network broke: nothing revived
        assert row["revived_0"] == row["revived_1"] == 0
        last = huge_lr[name].history.iloc[-1]
        assert np.isnan(last["dead_0"]) and np.isnan(last["test_acc"])
    assert np.isnan(huge_lr["prelu"].history["prelu_0"].iloc[-1])  # no slope of a broken net
    # a run that did not diverge keeps its measurements, and no move is astronomically large
    relu = table.loc["relu"]
    assert huge_lr["relu"].diverged is None and relu["dead_0"] > 0
    finite = table[[f"moved_{i}" for i in range(2)]].to_numpy()
    assert np.nanmax(finite) < 1e3
    # "the variants never had a dead unit" is not claimed when one of them diverged
    assert not dying.variants_never_dead(huge_lr)


def test_the_relu_dies_playground_lesson_says_what_its_default_run_shows():
    """The playground preset linked from the dying question: the top layer is dead from the
    first epoch, so only the output bias learns; the loss never goes below that of the best
    constant guess (the entropy of the class shares, about ln 2) but jumps above it; at lr
    0.03 (weights kept) it settles there; Leaky ReLU at lr 3 gets well below ln 2."""
    preset = pg.PRESETS["relu-dies"]
    run = Run(pg.to_config(preset.state))
    records = [run.step() for _ in range(preset.epochs)]
    share = float(np.mean(run.data.y_train))
    best_constant = -(share * np.log(share) + (1 - share) * np.log(1 - share))
    assert abs(best_constant - np.log(2)) < 0.002 and f"{best_constant:.3f}" == "0.692"
    losses = np.array([r.train_loss for r in records])
    assert all(r.dead_fraction[-1] == 1.0 for r in records)  # the top layer, from epoch 1
    assert records[0].dead_fraction[0] == 0.5 and records[0].dead_fraction[1] > 0.8
    assert losses.min() >= best_constant - 1e-9  # never below the constant guess
    assert losses.max() > 1.0  # but it jumps well above it
    assert {r.train_acc for r in records} <= {share, 1 - share}  # one class for every point
    run.update(lr=0.03)
    for _ in range(50):
        last = run.step()
    assert last.dead_fraction == records[-1].dead_fraction  # the dead stay dead
    assert last.train_loss == pytest.approx(best_constant, abs=1e-4)
    leaky = Run(pg.to_config(dataclasses.replace(preset.state, activation="leaky_relu")))
    for _ in range(preset.epochs):
        leaky_last = leaky.step()
    assert leaky_last.diverged is None and max(leaky_last.dead_fraction) == 0
    assert leaky_last.train_loss < np.log(2) - 0.15
