"""qa_core.labs.batch_norm.modes: running statistics during training, train vs eval mode, tiny batches."""

import numpy as np
import pytest

from qa_core.engine.training import Run
from qa_core.labs.batch_norm.modes import (
    _kept_running_stats,
    _train_mode_proba,
    running_trace,
    small_batch_sweep,
    sweep_table,
)
from qa_core.labs.batch_norm.training import lab_config


def test_running_statistics_converge_to_the_population_on_a_stationary_input():
    trace = running_trace(layer=1, batch_size=64, epochs=8, frozen=True)
    assert trace["population_var"].nunique() == 1  # frozen weights: a stationary input
    err = (trace["running_var"] - trace["population_var"]).abs()
    assert err.iloc[0] > 0.3  # starts at 1
    assert err.iloc[-10:].max() < 0.1 * trace["population_var"].iloc[-1]
    mean_err = (trace["running_mean"] - trace["population_mean"]).abs()
    assert mean_err.iloc[-10:].max() < 0.1 * np.sqrt(trace["population_var"].iloc[-1])


def test_running_statistics_follow_the_momentum_update():
    trace = running_trace(layer=1, batch_size=32, epochs=1, momentum=0.3, frozen=True)
    mean = 0.0
    for _, row in trace.iterrows():
        mean = 0.7 * mean + 0.3 * row["batch_mean"]
        assert row["running_mean"] == pytest.approx(mean, abs=1e-12)


def test_training_moves_the_population_and_the_running_mean_tracks_it():
    trace = running_trace(layer=2, batch_size=16, epochs=3)
    assert trace["population_mean"].nunique() > 1
    last = trace.iloc[-1]
    start_gap = abs(trace["running_mean"].iloc[0] - trace["population_mean"].iloc[0])
    assert abs(last["running_mean"] - last["population_mean"]) < start_gap


def test_train_mode_probe_leaves_the_running_statistics_alone():
    run = Run(lab_config(batch_norm=True, epochs=1))
    run.step()
    before = [ly.running_mean.copy() for ly in run.network.batchnorm_layers]
    x = run.data.inputs(run.data.x_test)
    p = _train_mode_proba(run.network, x, 4, np.random.default_rng(0))
    assert p.shape == (len(x),) and np.all((p >= 0) & (p <= 1))
    for ly, old in zip(run.network.batchnorm_layers, before, strict=True):
        np.testing.assert_array_equal(ly.running_mean, old)
    with pytest.raises(RuntimeError), _kept_running_stats(run.network):
        run.network.batchnorm_layers[0].running_mean[:] = 99.0
        raise RuntimeError
    assert run.network.batchnorm_layers[0].running_mean[0] != 99.0


@pytest.fixture(scope="module")
def sweep():
    return small_batch_sweep((2, 64), epochs=3)


def test_batch_statistics_get_noisier_like_one_over_root_m(sweep):
    small, large = sweep
    n = 320  # training points the statistics are drawn from (without replacement)
    for r in sweep:
        expected = np.sqrt((n - r.batch_size) / (n - 1) / r.batch_size)
        assert r.mean_noise == pytest.approx(expected, rel=0.25)
    assert small.std_noise > large.std_noise


def test_tiny_batches_make_train_and_eval_mode_disagree(sweep):
    small, large = sweep
    diff_small = np.mean(np.abs(small.p_train - small.p_eval))
    diff_large = np.mean(np.abs(large.p_train - large.p_eval))
    assert diff_small > 2 * diff_large
    table = sweep_table(sweep)
    assert list(table["batch_size"]) == [2, 64]
    np.testing.assert_allclose(table["gap"], table["eval_mode_acc"] - table["train_mode_acc"])
    np.testing.assert_allclose(table["disagreement"], [diff_small, diff_large])


def test_the_page_default_sweep_shows_what_its_texts_claim():
    """Defaults of the Train vs eval tab: the spread of μ_B grows like 1/√m (about 0.7 of the
    population std at m = 2), and the mean |P_train − P_eval| grows as m shrinks."""
    table = sweep_table(small_batch_sweep())
    assert list(table["batch_size"]) == [2, 4, 8, 16, 64]
    assert table["mean_noise"].is_monotonic_decreasing
    assert table["mean_noise"].iloc[0] == pytest.approx(2**-0.5, abs=0.07)
    assert table["disagreement"].is_monotonic_decreasing
    assert table["disagreement"].iloc[0] > 3 * table["disagreement"].iloc[-1]


def test_the_momentum_sets_how_fast_the_running_mean_reaches_the_population():
    """PyTorch's default k = 0.1 ends near the population; Keras's default 0.99 (k = 0.01)
    is still far from it after the 60 steps the page shows."""
    pytorch = running_trace(layer=2, batch_size=16, momentum=0.1).iloc[-1]
    keras = running_trace(layer=2, batch_size=16, momentum=0.01).iloc[-1]
    assert pytorch["step"] == keras["step"] == 60
    near = abs(pytorch["running_mean"] - pytorch["population_mean"])
    far = abs(keras["running_mean"] - keras["population_mean"])
    assert near < 0.05 and far > 5 * near


def test_sweep_reports_progress_up_to_one():
    seen = []
    small_batch_sweep((8,), epochs=1, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0


@pytest.mark.parametrize(
    "call", [lambda: small_batch_sweep((1, 4)), lambda: running_trace(batch_size=1)]
)
def test_a_batch_of_one_is_refused_with_a_clear_error(call):
    with pytest.raises(ValueError, match="batch_size must be >= 2 with batch_norm"):
        call()


@pytest.mark.parametrize(
    ("kwargs", "match"), [({"layer": 5}, "layer"), ({"unit": 0}, "unit"), ({"epochs": 0}, "epochs")]
)
def test_running_trace_rejects_bad_indices(kwargs, match):
    with pytest.raises(ValueError, match=match):
        running_trace(**kwargs)
