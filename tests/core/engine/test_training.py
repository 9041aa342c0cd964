"""qa_core.engine.training: runs, records, reproducibility, divergence, mid-run changes, errors."""

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest

from bench.w1_training import CONFIG as W1_CONFIG
from qa_core.engine.ensemble import train_ensemble
from qa_core.engine.training import (
    EpochRecord,
    Run,
    TrainConfig,
    batch_bounds,
    history,
    train,
)

SMALL = TrainConfig(n_samples=200, hidden=(8, 8), epochs=3, batch_size=32)
W1 = dataclasses.replace(W1_CONFIG, epochs=30)  # the benchmark's workload, shorter


def test_w1_setting_reaches_95_percent_on_moons():
    records = list(train(W1))
    assert len(records) == 30
    assert records[-1].test_acc >= 0.95
    assert records[-1].train_loss < records[0].train_loss


def test_train_yields_one_frozen_record_per_epoch_with_every_field():
    cfg = dataclasses.replace(SMALL, batch_norm=True, activation="prelu", epochs=4)
    records = list(train(cfg))
    assert [r.epoch for r in records] == [1, 2, 3, 4]
    r = records[-1]
    assert isinstance(r, EpochRecord)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.epoch = 9
    assert len(r.grad_norms) == 3  # two hidden Dense layers and the output layer
    assert len(r.weight_norms) == 3
    assert len(r.dead_fraction) == 2
    assert len(r.prelu_slopes) == 2
    assert len(r.bn_mean) == len(r.bn_var) == 2
    assert all(g > 0 for g in r.grad_norms)
    assert all(0.0 <= d <= 1.0 for d in r.dead_fraction)
    assert r.prelu_slopes != (0.25, 0.25)  # learned
    assert 0.0 <= r.test_acc <= 1.0
    assert r.lr == cfg.lr
    assert r.optimizer == "adam"
    assert r.diverged is None
    assert r.stopped is None


def test_same_seed_gives_a_bitwise_identical_history_and_another_seed_does_not():
    cfg = dataclasses.replace(SMALL, dropout=0.3, activation="rrelu", batch_norm=True)
    a, b = history(cfg), history(cfg)
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    c = history(dataclasses.replace(cfg, seed=1))
    assert not np.array_equal(a["train_loss"].to_numpy(), c["train_loss"].to_numpy())


def test_history_expands_per_layer_values_into_numbered_columns():
    df = history(dataclasses.replace(SMALL, batch_norm=True))
    assert len(df) == SMALL.epochs
    for col in ["epoch", "train_loss", "test_acc", "grad_norm_0", "grad_norm_2", "dead_1"]:
        assert col in df.columns
    assert {"bn_mean_0", "bn_var_1", "weight_norm_0", "lr", "diverged"} <= set(df.columns)


@pytest.mark.parametrize("cfg", [W1, TrainConfig(epochs=50), SMALL], ids=["w1", "default", "small"])
def test_sgd_with_lr_50_diverges_and_says_so_without_raising(cfg):
    cfg = dataclasses.replace(cfg, optimizer="sgd", lr=50.0, epochs=50)
    records = list(train(cfg))  # RuntimeWarnings are errors in this suite
    last = records[-1]
    assert last.diverged.startswith(f"diverged at epoch {last.epoch}: ")
    assert len(records) == last.epoch < 50
    assert all(r.diverged is None for r in records[:-1])
    run = Run(cfg)
    list(run)
    with pytest.raises(ValueError, match="diverged"):
        run.step()


def test_non_finite_loss_is_reported_as_such():
    cfg = dataclasses.replace(SMALL, optimizer="sgd", lr=50.0, epochs=50, seed=3)
    run = Run(cfg)
    run.network.dense_layers[-1].params["W"][0, 0] = np.inf
    rec = run.step()
    assert rec.diverged == "diverged at epoch 1: the loss became non-finite"
    assert run.done


def test_stepping_a_run_n_times_equals_training_n_epochs():
    cfg = dataclasses.replace(SMALL, dropout=0.2, epochs=5)
    run = Run(cfg)
    stepped = [run.step() for _ in range(5)]
    assert stepped == list(train(cfg))
    assert run.done


def test_changing_lr_mid_run_keeps_the_weights_and_the_next_step_starts_from_them():
    cfg = dataclasses.replace(SMALL, epochs=6)
    run, twin = Run(cfg), Run(cfg)
    for _ in range(3):
        run.step()
        twin.step()
    theta = run.network.theta.copy()
    run.update(lr=0.001)
    np.testing.assert_array_equal(run.network.theta, theta)
    assert run.optimizer.lr == 0.001
    rec = run.step()
    assert rec.lr == 0.001
    assert rec.epoch == 4
    twin.step()  # the same epoch at the old lr from the same weights
    moved_slow = np.linalg.norm(run.network.theta - theta)
    moved_fast = np.linalg.norm(twin.network.theta - theta)
    assert 0 < moved_slow < moved_fast


def test_update_with_unchanged_values_does_not_disturb_the_run():
    cfg = dataclasses.replace(SMALL, epochs=4)
    run = Run(cfg)
    run.step()
    run.update(lr=cfg.lr, l2=cfg.l2)
    rest = [run.step() for _ in range(3)]
    assert rest == list(train(cfg))[1:]


def test_switching_optimizer_and_regularisers_mid_run():
    run = Run(dataclasses.replace(SMALL, epochs=10))
    run.step()
    theta = run.network.theta.copy()
    run.update(optimizer="momentum", lr=0.05, l2=0.01, l1=0.001, dropout=0.5)
    np.testing.assert_array_equal(run.network.theta, theta)
    assert run.optimizer.name == "momentum"
    assert run.optimizer.t == 0
    assert all(layer.p == 0.5 for layer in run.network.dropout_layers)
    rec = run.step()
    assert rec.optimizer == "momentum"
    assert rec.penalty > 0
    with pytest.raises(ValueError, match="cannot change hidden"):
        run.update(hidden=(4,))
    with pytest.raises(ValueError, match="dropout must be in"):
        run.update(dropout=1.0)


def test_l2_shrinks_the_weights():
    plain = list(train(dataclasses.replace(SMALL, epochs=15)))[-1]
    decayed = list(train(dataclasses.replace(SMALL, epochs=15, l2=0.5)))[-1]
    assert sum(decayed.weight_norms) < 0.8 * sum(plain.weight_norms)
    assert decayed.penalty > 0
    assert plain.penalty == 0


def test_dead_fraction_counts_units_that_are_zero_on_every_training_point():
    cfg = dataclasses.replace(SMALL, epochs=5, lr=1e-9, optimizer="sgd")
    run = Run(cfg)
    bias = run.network.dense_layers[0].params["b"]
    bias[:4] = -1e3  # four of eight units can never fire
    rec = run.step()
    assert rec.dead_fraction[0] == 0.5


def test_grad_clip_bounds_the_step():
    cfg = dataclasses.replace(SMALL, optimizer="sgd", lr=1.0, epochs=1, grad_clip=1e-6)
    run = Run(cfg)
    theta = run.network.theta.copy()
    run.step()
    steps = len(batch_bounds(160, 32))
    assert np.linalg.norm(run.network.theta - theta) <= steps * 1e-6 * (1 + 1e-9)


def test_early_stopping_stops_and_says_why():
    cfg = dataclasses.replace(
        SMALL, lr=0.5, epochs=200, early_stopping_patience=2, validation_fraction=0.2
    )
    records = list(train(cfg))
    assert len(records) < 200
    assert records[-1].stopped.startswith(f"early stopping at epoch {records[-1].epoch}")
    assert "no better validation loss for 2 epochs" in records[-1].stopped


def test_regression_run_has_no_accuracy_and_learns():
    cfg = TrainConfig(dataset="plane", n_samples=300, hidden=(16,), epochs=30, noise=0.0)
    records = list(train(cfg))
    assert cfg.resolved_task == "regression"
    assert records[-1].test_acc is None
    assert records[-1].train_acc is None
    assert records[-1].test_loss < 0.1 * records[0].test_loss


def test_augmentation_multiplies_the_training_rows():
    cfg = dataclasses.replace(SMALL, augment_copies=2, augment_sigma=0.1)
    run = Run(cfg)
    assert run.n_fit == 3 * len(run.data.x_train)
    assert run.step().train_acc is not None


def test_trailing_batch_of_one_is_merged_so_batchnorm_never_sees_it():
    assert batch_bounds(65, 64) == [(0, 65)]
    assert batch_bounds(129, 64) == [(0, 64), (64, 129)]
    assert batch_bounds(130, 64) == [(0, 64), (64, 128), (128, 130)]
    cfg = TrainConfig(n_samples=82, test_fraction=0.2, hidden=(4,), batch_norm=True,
                      batch_size=64, epochs=2)  # fmt: skip
    records = list(train(cfg))  # 66 training rows: batches of 64 and 2
    assert all(math.isfinite(r.train_loss) for r in records)


def test_grid_and_predict_proba_on_box_points():
    run = Run(SMALL)
    run.step()
    axis, z = run.grid(n=50)
    assert axis.shape == (50,)
    assert z.shape == (50, 50)
    assert np.all((z >= 0) & (z <= 1))
    p = run.predict_proba(run.data.x_test)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)


def test_ensemble_averages_members_trained_with_consecutive_seeds_on_the_same_data():
    ens = train_ensemble(dataclasses.replace(SMALL, epochs=5), k=3)
    assert [r.config.seed for r in ens.runs] == [0, 1, 2]
    np.testing.assert_array_equal(ens.runs[0].data.x_train, ens.runs[2].data.x_train)
    pts = ens.runs[0].data.x_test
    members = ens.member_proba(pts)
    assert members.shape == (3, len(pts), 2)
    assert not np.allclose(members[0], members[1])
    np.testing.assert_allclose(ens.predict_proba(pts), members.mean(axis=0))
    member_acc, ensemble_acc = ens.test_scores()
    assert len(member_acc) == 3
    assert 0.5 < ensemble_acc <= 1.0


def test_train_validates_before_any_work():
    with pytest.raises(ValueError, match="config must be a TrainConfig"):
        train({"lr": 0.1})


INVALID = [
    ({"dataset": "mnist"}, "dataset must be one of"),
    ({"activation": "swish2"}, "activation must be one of"),
    ({"activation": "leaky_relu", "activation_params": (("alpha", 2.0),)}, "alpha must be in"),
    ({"activation": "leaky_relu", "activation_params": (("beta", 1.0),)}, "unknown parameter"),
    ({"optimizer": "lion"}, "optimizer must be one of"),
    ({"init": "glorot"}, "init must be one of"),
    ({"dropout": 1.2}, r"dropout must be in \[0, 1\), got 1.2"),
    ({"dropout": 1.0}, r"dropout must be in \[0, 1\)"),
    ({"dropout": -0.1}, r"dropout must be in \[0, 1\)"),
    ({"lr": 0.0}, r"lr must be in \(0, 100\]"),
    ({"lr": -1.0}, "lr must be in"),
    ({"lr": float("nan")}, "lr must be in"),
    ({"lr": float("inf")}, "lr must be in"),
    ({"batch_size": 0}, "batch_size must be an integer in"),
    ({"batch_size": 2.5}, "batch_size must be an integer"),
    ({"epochs": 0}, r"epochs must be an integer in \[1, 10000\]"),
    ({"epochs": 10_001}, "epochs must be an integer in"),
    ({"hidden": (64, 0)}, r"hidden width must be an integer in \[1, 1024\]"),
    ({"hidden": (2000,)}, "hidden width must be an integer in"),
    ({"hidden": (8,) * 101}, "hidden must be a tuple of at most 100"),
    ({"noise": -0.1}, r"noise must be in \[0, 2\]"),
    ({"test_fraction": 0.0}, r"test_fraction must be in \(0, 1\)"),
    ({"test_fraction": 1.0}, "test_fraction must be in"),
    ({"n_samples": 5}, r"n_samples must be an integer in \[10, 100000\]"),
    ({"n_samples": 200_000}, "n_samples must be an integer in"),
    ({"l1": -0.01}, r"l1 must be in \[0, 10\]"),
    ({"l2": -1.0}, r"l2 must be in \[0, 10\]"),
    ({"momentum": 1.0}, "momentum must be in"),
    ({"seed": -1}, "seed must be an integer in"),
    ({"grad_clip": 0.0}, "grad_clip must be in"),
    ({"augment_copies": 21}, "augment_copies must be an integer in"),
    ({"augment_sigma": -1.0}, "augment_sigma must be in"),
    ({"features": ("x1", "x3")}, "features must be"),
    ({"features": ()}, "features must be"),
    ({"task": "regression"}, "task must be 'classification' for dataset 'moons'"),
    ({"weight_scale": -1.0}, "weight_scale must be in"),
    ({"init_std": 0.0}, "init_std must be in"),
    ({"bn_momentum": 0.0}, "bn_momentum must be in"),
    ({"early_stopping_patience": 0}, "early_stopping_patience must be an integer in"),
    ({"early_stopping_patience": 5}, r"early_stopping_patience needs a validation split"),
    ({"validation_fraction": -0.1}, r"validation_fraction must be in \[0, 1\)"),
    ({"validation_fraction": 1.0}, r"validation_fraction must be in \[0, 1\)"),
    ({"validation_fraction": float("nan")}, "validation_fraction must be in"),
    ({"validation_fraction": "0.2"}, "validation_fraction must be in"),
    ({"validation_fraction": 0.0001}, "validation_fraction must give at least 1"),
    ({"validation_fraction": 0.799}, "test_fraction and validation_fraction must leave"),
    ({"batch_norm": "yes"}, "batch_norm must be True or False"),
]


@pytest.mark.parametrize(("kwargs", "message"), INVALID)
def test_every_invalid_config_value_is_a_value_error_naming_the_field(kwargs, message):
    with pytest.raises(ValueError, match=message):
        TrainConfig(**kwargs)


def test_split_and_batchnorm_batch_size_constraints():
    with pytest.raises(ValueError, match="test_fraction must leave"):
        TrainConfig(n_samples=10, test_fraction=0.01)
    with pytest.raises(ValueError, match="batch_size must be >= 2 with batch_norm"):
        TrainConfig(batch_norm=True, batch_size=1)


def test_config_is_hashable_and_normalises_lists_and_mappings():
    cfg = TrainConfig(hidden=[8, 4], activation="leaky_relu", activation_params={"alpha": 0.1})
    assert cfg.hidden == (8, 4)
    assert cfg.activation_params == (("alpha", 0.1),)
    assert hash(cfg) == hash(dataclasses.replace(cfg))
    assert TrainConfig(dataset="reg_gaussian").resolved_task == "regression"
    assert dataclasses.replace(cfg, dataset="plane").resolved_task == "regression"
    assert TrainConfig(dataset="plane", task="regression").resolved_task == "regression"


def test_evaluate_reports_the_current_state_without_training():
    run = Run(dataclasses.replace(SMALL, batch_norm=True))
    theta = run.network.theta.copy()
    before = run.evaluate()
    assert before.epoch == 0
    assert before.train_loss == pytest.approx(run.initial_train_loss)
    assert all(math.isnan(g) for g in before.grad_norms)
    np.testing.assert_array_equal(run.network.theta, theta)
    rec = run.step()
    again = run.evaluate()
    assert dataclasses.replace(again, grad_norms=rec.grad_norms) == rec
    assert run.epoch == 1
