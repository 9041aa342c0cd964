"""The validation split: data, per-epoch records, early stopping on the validation loss, the
summary's best epoch, and runs without a split left exactly as they were."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from qa_core.engine import data
from qa_core.engine.summary import run_to_end
from qa_core.engine.training import Run, TrainConfig, history, train

SMALL = TrainConfig(n_samples=200, hidden=(8, 8), epochs=4, batch_size=32)
WITH_VAL = dataclasses.replace(SMALL, validation_fraction=0.2)


def test_the_validation_split_comes_out_of_the_training_points_and_the_test_set_is_unchanged():
    plain = data.make_dataset("moons", n_samples=500, test_fraction=0.2, seed=3)
    split = data.make_dataset(
        "moons", n_samples=500, test_fraction=0.2, seed=3, validation_fraction=0.1
    )
    assert plain.x_val.shape == (0, 2) and len(plain.y_val) == 0 and not plain.has_validation
    assert split.has_validation
    assert (len(split.x_train), len(split.x_val), len(split.x_test)) == (350, 50, 100)
    np.testing.assert_array_equal(split.x_test, plain.x_test)
    # Validation and training points together are exactly the old training points.
    np.testing.assert_array_equal(np.concatenate([split.x_val, split.x_train]), plain.x_train)
    np.testing.assert_array_equal(np.concatenate([split.y_val, split.y_train]), plain.y_train)
    # The input scaling is fitted on the training points alone.
    np.testing.assert_allclose(split.mean, split.x_train.mean(axis=0))
    assert not np.allclose(split.mean, plain.mean)


def test_split_sizes_and_their_errors():
    assert data.split_sizes(100, 0.2) == (80, 0, 20)
    assert data.split_sizes(100, 0.2, 0.25) == (55, 25, 20)
    with pytest.raises(ValueError, match=r"validation_fraction must be in \[0, 1\)"):
        data.make_dataset(n_samples=100, validation_fraction=1.0)
    with pytest.raises(ValueError, match="validation_fraction must give at least 1"):
        data.split_sizes(10, 0.2, 0.01)
    with pytest.raises(ValueError, match="must leave at least 1 test and 2 training"):
        data.split_sizes(10, 0.5, 0.4)


def test_records_carry_validation_metrics_only_when_there_is_a_split():
    plain = list(train(SMALL))
    assert all(r.val_loss is None and r.val_acc is None for r in plain)
    assert "val_loss" not in plain[-1].to_row() and "val_acc" not in plain[-1].to_row()
    run = Run(WITH_VAL)
    records = list(run)
    assert all(r.val_loss > 0 and 0.0 <= r.val_acc <= 1.0 for r in records)
    row = records[-1].to_row()
    assert {"val_loss", "val_acc"} <= set(row)
    # The recorded validation loss is the network's loss on the validation points.
    net, ds = run.network, run.data
    out = net.forward(ds.inputs(ds.x_val), training=False)
    assert records[-1].val_loss == pytest.approx(float(net.loss(out, ds.y_val)[0]), rel=1e-12)
    pred = out.argmax(axis=1)
    assert records[-1].val_acc == pytest.approx(float(np.mean(pred == ds.y_val)))
    # Regression: a validation loss, no accuracy.
    reg = TrainConfig(
        dataset="plane", n_samples=200, hidden=(8,), epochs=2, validation_fraction=0.2
    )
    last = list(train(reg))[-1]
    assert last.val_loss is not None and last.val_acc is None


def test_a_run_without_a_validation_split_is_bitwise_what_it_was():
    """validation_fraction=0 (the default) changes nothing: same data, same records, same
    columns as a config that never heard of validation."""
    cfg = dataclasses.replace(SMALL, dropout=0.2, activation="rrelu", augment_copies=1)
    a = history(cfg)
    assert list(a.columns[:5]) == ["epoch", "train_loss", "test_loss", "train_acc", "test_acc"]
    assert not any(c.startswith("val_") for c in a.columns)
    b = history(dataclasses.replace(cfg, validation_fraction=0.0))
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    # And the run itself: the same data and the same first forward pass.
    r1, r2 = Run(cfg), Run(dataclasses.replace(cfg, validation_fraction=0.0))
    np.testing.assert_array_equal(r1.data.x_train, r2.data.x_train)
    assert r1.initial_train_loss == r2.initial_train_loss


def test_early_stopping_watches_the_validation_loss_not_the_test_loss():
    cfg = TrainConfig(
        n_samples=300, noise=0.35, hidden=(32, 32), epochs=300, lr=0.02, seed=1,
        test_fraction=0.3, validation_fraction=0.2, early_stopping_patience=5,
    )  # fmt: skip
    records = list(train(cfg))
    last = records[-1]
    assert last.stopped is not None and len(records) < 300
    val = [r.val_loss for r in records]
    best = int(np.argmin(val)) + 1
    # It stopped exactly `patience` epochs after the validation minimum, and says so.
    assert last.epoch == best + 5
    assert last.stopped == (
        f"early stopping at epoch {last.epoch}: no better validation loss for 5 epochs "
        f"(best at epoch {best})"
    )
    assert min(val[best:]) >= val[best - 1]


def test_early_stopping_without_a_validation_split_is_refused_and_says_why():
    with pytest.raises(ValueError, match="needs a validation split") as err:
        TrainConfig(early_stopping_patience=10)
    assert "test" in str(err.value)
    run = Run(SMALL)
    with pytest.raises(ValueError, match="early_stopping_patience needs a validation split"):
        run.update(early_stopping_patience=3)


def test_the_summary_reads_the_best_epoch_on_validation_when_there_is_a_split():
    with_val = run_to_end(dataclasses.replace(WITH_VAL, epochs=12, lr=0.05), grid_n=5)
    h = with_val.history
    assert with_val.has_validation
    assert with_val.best_epoch == int(h.loc[h["val_loss"].idxmin(), "epoch"])
    assert len(with_val.x_val) == 40 and len(with_val.y_val) == 40
    assert len(with_val.x_train) == 120
    plain = run_to_end(dataclasses.replace(SMALL, epochs=12, lr=0.05), grid_n=5)
    assert not plain.has_validation and len(plain.x_val) == 0
    hp = plain.history
    assert plain.best_epoch == int(hp.loc[hp["test_loss"].idxmin(), "epoch"])
