"""qa_core.labs.optimizers: surfaces (gradients against finite differences), the race, Adam's
bias correction, L2 against decoupled decay, schedules and the range test, batch-size noise and
the linear scaling rule; bad input names the parameter."""

from __future__ import annotations

import numpy as np
import pytest

from qa_core.engine import schedules
from qa_core.labs.optimizers import batch, bias, decay, race, schedule, surfaces
from tests.core.engine.fd_helpers import assert_grad_close, numeric_grad


@pytest.mark.parametrize("name", list(surfaces.SURFACES))
def test_surface_gradients_match_finite_differences(name):
    s = surfaces.SURFACES[name]
    rng = np.random.default_rng(1)
    x_lo, x_hi, y_lo, y_hi = s.window
    for _ in range(5):
        p = np.array([rng.uniform(x_lo, x_hi), rng.uniform(y_lo, y_hi)])
        analytic = np.array(s.grad(p[0], p[1]))
        assert_grad_close(analytic, numeric_grad(lambda p=p: float(s.f(p[0], p[1])), p))


@pytest.mark.parametrize("name", list(surfaces.SURFACES))
def test_listed_minima_are_minima(name):
    s = surfaces.SURFACES[name]
    for mx, my in s.minima:
        assert np.hypot(*s.grad(mx, my)) < 0.05
        around = [s.f(mx + dx, my + dy) for dx, dy in ((0.1, 0), (-0.1, 0), (0, 0.1), (0, -0.1))]
        assert s.f(mx, my) < min(around)


def test_grid_shape_and_values():
    x, y, f = surfaces.grid("ravine", 30)
    assert f.shape == (30, 30)
    assert f[4, 7] == pytest.approx(0.5 * (x[7] ** 2 + surfaces.KAPPA * y[4] ** 2))


def test_momentum_beats_sgd_in_the_ravine_and_every_path_starts_together():
    s = surfaces.SURFACES["ravine"]
    r = race.race("ravine", ("sgd", "momentum", "adam"), s.lr, s.steps, adaptive_lr=s.adaptive_lr)
    starts = r.paths[r.paths["step"] == 0]
    assert (starts[["x", "y"]].to_numpy() == np.array(s.start)).all()
    final = r.final().set_index("optimizer")["loss"]
    assert final["momentum"] < final["sgd"] / 10
    assert not r.diverged
    # SGD zig-zags across the ravine: y changes sign from step to step at first
    y = r.paths[r.paths["optimizer"] == "sgd"]["y"].to_numpy()[:6]
    assert np.all(np.sign(y[1:]) != np.sign(y[:-1]))


def test_adagrad_stalls_on_rosenbrock_while_adam_gets_close():
    s = surfaces.SURFACES["rosenbrock"]
    r = race.race("rosenbrock", ("adagrad", "adam"), s.lr, s.steps, adaptive_lr=s.adaptive_lr)
    final = r.final().set_index("optimizer")["loss"]
    assert final["adam"] < 0.1 < final["adagrad"]


def test_moderate_momentum_damps_the_zig_zag_that_sgd_shows_near_its_limit():
    r = race.race("ravine", ("sgd", "momentum"), 0.038, 150, momentum=0.5)
    paths = {n: g for n, g in r.paths.groupby("optimizer")}
    swing = {n: g["y"].iloc[5:21].abs().max() for n, g in paths.items()}
    assert swing["momentum"] < swing["sgd"] / 2
    final = r.final().set_index("optimizer")["loss"]
    assert final["momentum"] < final["sgd"] / 100
    # the same run with μ = 0.9 differs: the momentum keyword reaches the optimiser
    heavy = race.race("ravine", ("momentum",), 0.038, 150, momentum=0.9).paths
    assert not np.allclose(heavy["y"], paths["momentum"]["y"])


def test_a_diverging_path_stops_and_is_reported():
    r = race.race("ravine", ("sgd", "nesterov"), 0.035, 100)
    assert set(r.diverged) == {"nesterov"}
    nesterov = r.paths[r.paths["optimizer"] == "nesterov"]
    assert len(nesterov) == r.diverged["nesterov"]
    assert np.isfinite(nesterov[["x", "y"]].to_numpy()).all()


def test_noise_is_seeded_and_shared():
    a = race.race("saddle", ("sgd",), 0.1, 30, noise=0.5, seed=3).paths
    b = race.race("saddle", ("sgd",), 0.1, 30, noise=0.5, seed=3).paths
    c = race.race("saddle", ("sgd",), 0.1, 30, noise=0.5, seed=4).paths
    assert a.equals(b)
    assert not a.equals(c)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"surface_name": "bowl"}, "surface must be one of ravine"),
        ({"names": ()}, "optimizers must name at least one"),
        ({"names": ("lion",)}, "optimizer must be one of"),
        ({"lr": 0.0}, r"lr must be in \(0, 10\]"),
        ({"adaptive_lr": 20.0}, r"adaptive_lr must be in \(0, 10\]"),
        ({"steps": 0}, r"steps must be an integer in \[1, 1000\]"),
        ({"noise": -1.0}, r"noise must be in \[0, 100\]"),
        ({"momentum": 1.0}, r"momentum must be in \[0, 1\)"),
    ],
)
def test_race_rejects_bad_input(kwargs, message):
    args = {"surface_name": "ravine", "names": ("sgd",), "lr": 0.01, "steps": 10, **kwargs}
    with pytest.raises(ValueError, match=message):
        race.race(**args)


def test_bias_correction_first_step_is_lr_and_raw_step_is_off_by_the_factor():
    d = bias.bias_correction(steps=50)
    assert d["step_corrected"].iloc[0] == pytest.approx(1.0, rel=1e-6)
    assert d["factor"].iloc[0] == pytest.approx(0.1 / np.sqrt(0.001))
    assert d["factor"].iloc[9] == pytest.approx((1 - 0.9**10) / np.sqrt(1 - 0.999**10))
    # the raw step is the corrected one times the factor, step for step (up to ε)
    np.testing.assert_allclose(d["step_raw"], d["step_corrected"] * d["factor"], rtol=1e-5)
    assert (d["step_raw"].iloc[:50] > 3 * d["step_corrected"].iloc[:50]).all()
    # m̂ is an average of past gradients: with β1 = 0 it is the last gradient
    d0 = bias.bias_correction(beta1=0.0, steps=5)
    np.testing.assert_allclose(d0["m_hat"], d0["grad"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"beta1": 1.0}, r"beta1 must be in \[0, 1\)"),
        ({"beta2": -0.1}, r"beta2 must be in \[0, 1\)"),
        ({"steps": 0}, r"steps must be an integer in \[1, 500\]"),
        ({"grad_mean": 0.0, "grad_std": 0.0}, "grad_std must be > 0"),
    ],
)
def test_bias_correction_rejects_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        bias.bias_correction(**kwargs)


def test_l2_under_adam_spreads_the_effective_decay_while_adamw_applies_it_evenly():
    r = decay.compare_decay(epochs=40)
    summary = r.summary.set_index("run")
    assert summary.loc["adamw", "rate_spread"] == pytest.approx(1.0)
    assert summary.loc["adam_l2", "rate_spread"] > 10
    # weights with larger past gradients received less decay under L2
    l2 = r.effective[r.effective["run"] == "adam_l2"]
    assert np.corrcoef(np.log(l2["rms_grad"] + 1e-12), np.log(l2["rate"]))[0, 1] < -0.9
    assert summary.loc["adam", "weight_norm"] > summary.loc["adam_l2", "weight_norm"]
    assert summary.loc["adam", "weight_norm"] > summary.loc["adamw", "weight_norm"]
    assert set(r.norms["layer"]) == {1, 2, 3}
    assert r.history["test_acc"].between(0, 1).all()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"l2": -0.1}, r"l2 must be in \[0, 1\]"),
        ({"decay": 11.0}, r"decay must be in \[0, 10\]"),
        ({"lr": 0.5}, r"lr must be in \(0, 0.1\]"),
        ({"epochs": 0}, r"epochs must be an integer in \[1, 500\]"),
    ],
)
def test_compare_decay_rejects_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        decay.compare_decay(**kwargs)


def test_schedule_runs_follow_each_schedule():
    d = schedule.schedule_runs("momentum", 0.1, epochs=12, warmup=3)
    assert list(d["schedule"].unique()) == list(schedules.SCHEDULES)
    for name in schedules.SCHEDULES:
        plan = schedules.make(name, 0.1, 12, warmup=3 if name == "warmup_cosine" else 0)
        rows = d[d["schedule"] == name]
        np.testing.assert_allclose(rows["lr"], [plan(e) for e in range(12)])


def test_range_test_sweeps_geometrically_stops_on_a_blow_up_and_suggests_a_rate():
    table, suggestion = schedule.range_test("sgd", 1e-4, 100.0, steps=120)
    ratios = table["lr"].to_numpy()[1:] / table["lr"].to_numpy()[:-1]
    np.testing.assert_allclose(ratios, ratios[0])
    assert len(table) < 120  # stopped once the loss blew up
    assert suggestion is not None and 1e-4 < suggestion < 100.0
    best = table["lr"].iloc[int(table["smoothed"].idxmin())]
    assert suggestion == pytest.approx(best / 10)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: schedule.schedule_runs("lion"), "optimizer must be one of"),
        (lambda: schedule.schedule_runs(epochs=1), r"epochs must be an integer in \[2, 400\]"),
        (lambda: schedule.schedule_runs(epochs=10, warmup=10), r"warmup must be an integer"),
        (lambda: schedule.range_test(lr_min=1.0, lr_max=0.5), r"lr_max must be in \(1, 100\]"),
    ],
)
def test_schedule_lab_rejects_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_gradient_noise_falls_like_one_over_b_and_vanishes_for_the_whole_set():
    d = batch.gradient_noise(samples=200)
    exact = d["exact"].to_numpy()
    assert np.all(np.diff(exact) < 0)
    assert exact[-1] == 0.0 and d["measured"].iloc[-1] == pytest.approx(0.0, abs=1e-20)
    small = d[(d["batch"] >= 4) & (d["batch"] <= 64)]
    ratio = small["measured"] / small["exact"]
    assert ratio.between(0.6, 1.6).all()
    # ≈ S²/B for small B: doubling the batch about halves the noise
    assert exact[0] / exact[1] == pytest.approx(2.0, rel=0.01)


def test_linear_scaling_keeps_small_factors_close_and_unscaled_large_batches_lag():
    d = batch.linear_scaling(factors=(1, 4, 16), epochs=20)
    last = d.groupby(["k", "rule"])["train_loss"].last()
    assert last[(4, True)] < 1.25 * last[(1, True)]
    assert last[(16, False)] > 1.2 * last[(16, True)]
    # far beyond the rule's range (k = 32, lr 3.2) the scaled run fails
    far = batch.linear_scaling(factors=(32,), epochs=20).groupby("rule")["train_loss"].last()
    assert far[True] > 2 * last[(1, True)]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"factors": ()}, "factors must be positive integers"),
        ({"factors": (0, 2)}, "factors must be positive integers"),
        ({"base_batch": 0}, r"base_batch must be an integer in \[1, 64\]"),
        ({"base_lr": 2.0}, r"base_lr must be in \(0, 1\]"),
    ],
)
def test_linear_scaling_rejects_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        batch.linear_scaling(**kwargs)
