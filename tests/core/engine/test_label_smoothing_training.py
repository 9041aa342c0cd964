"""Label smoothing in TrainConfig, the Network's loss and a live Run."""

import dataclasses

import numpy as np
import pytest

from qa_core.engine import losses
from qa_core.engine.layers import Dense
from qa_core.engine.network import Network
from qa_core.engine.training import Run, TrainConfig

SMALL = TrainConfig(n_samples=200, hidden=(8,), epochs=3, seed=1)


@pytest.mark.parametrize("bad", [-0.01, 1.01, float("nan"), True])
def test_label_smoothing_out_of_range_names_the_field(bad):
    with pytest.raises(ValueError, match=r"label_smoothing must be in \[0, 1\]"):
        TrainConfig(label_smoothing=bad)


def test_label_smoothing_on_a_regression_data_set_is_refused():
    with pytest.raises(ValueError, match="label_smoothing must be 0 for a regression"):
        TrainConfig(dataset="plane", label_smoothing=0.1)
    assert TrainConfig(dataset="plane").label_smoothing == 0.0


def test_a_smoothed_run_reports_the_smoothed_loss_and_differs_from_a_plain_one():
    plain = Run(SMALL)
    smooth = Run(dataclasses.replace(SMALL, label_smoothing=0.2))
    # same seed, same initial weights: the loss at the start differs only by the target
    out = plain.network.forward(plain._x_eval[: plain._n_train])
    expected = losses.softmax_cross_entropy(out, plain.data.y_train, 0.2)[0]
    assert smooth.initial_train_loss == pytest.approx(expected, rel=1e-12)
    a, b = plain.step(), smooth.step()
    assert a.train_loss != b.train_loss


def test_the_smoothed_training_loss_never_falls_below_the_target_entropy():
    eps = 0.3
    config = dataclasses.replace(SMALL, label_smoothing=eps, epochs=40, lr=0.05)
    q = np.array([1 - eps / 2, eps / 2])
    floor = -np.sum(q * np.log(q))
    losses_seen = [r.train_loss for r in Run(config)]
    assert min(losses_seen) >= floor
    assert losses_seen[-1] < losses_seen[0]


def test_update_changes_label_smoothing_mid_run_without_touching_the_weights():
    run = Run(SMALL)
    run.step()
    theta = run.network.theta.copy()
    run.update(label_smoothing=0.1)
    assert run.network.label_smoothing == 0.1 and run.config.label_smoothing == 0.1
    assert np.array_equal(run.network.theta, theta)
    again = Run(SMALL)
    again.step()
    again.update(label_smoothing=0.1)
    assert run.step().train_loss == again.step().train_loss  # deterministic after the change


def test_a_single_logit_network_smooths_like_the_two_class_softmax():
    rng = np.random.default_rng(3)
    x, y = rng.standard_normal((7, 3)), rng.integers(0, 2, 7)
    one = Dense(3, 1, init="xavier", rng=np.random.default_rng(4))
    net = Network([one], label_smoothing=0.2)
    z = net.forward(x)
    loss, grad = net.loss(z, y)
    two = np.column_stack([np.zeros(7), z[:, 0]])
    ref, ref_grad = losses.softmax_cross_entropy(two, y, 0.2)
    assert loss == pytest.approx(ref, rel=1e-12)
    np.testing.assert_allclose(grad[:, 0], ref_grad[:, 1], rtol=1e-12, atol=1e-15)
