"""Every optimiser of qa_core.engine.optim against its update equations written out plainly
(PyTorch's, as documented for torch.optim), its defaults, keyword checks, lr changes that keep
the state, weight decay coupled or decoupled, and the learning-rate schedules."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qa_core.engine import optim, schedules
from qa_core.engine.config import TrainConfig
from qa_core.engine.training import Run


def reference(name, w, grads, lrs, **h):
    """The update equations of torch.optim, one plain line each, for a list of gradients and
    the learning rate of each step."""
    d0 = dict(optim.DEFAULTS[name])
    d0.update(h)
    mu, wd = d0.get("momentum", 0.0), d0["weight_decay"]
    eps, alpha = d0.get("eps"), d0.get("alpha")
    b1, b2 = d0.get("beta1"), d0.get("beta2")
    w = w.copy()
    buf, s, m, v = None, np.zeros_like(w), np.zeros_like(w), np.zeros_like(w)
    for t, (g, lr) in enumerate(zip(grads, lrs, strict=True), start=1):
        if name == "adamw":
            w = w * (1 - lr * wd)
        else:
            g = g + wd * w
        if name in ("sgd", "momentum", "nesterov"):
            if mu:
                buf = g.copy() if buf is None else mu * buf + g
                g = g + mu * buf if name == "nesterov" else buf
            w = w - lr * g
        elif name == "adagrad":
            s = s + g * g
            w = w - lr * g / (np.sqrt(s) + eps)
        elif name == "rmsprop":
            v = alpha * v + (1 - alpha) * g * g
            step = g / (np.sqrt(v) + eps)
            if mu:
                buf = step if buf is None else mu * buf + step
                step = buf
            w = w - lr * step
        else:
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
            w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
    return w


CASES = [
    ("sgd", {}),
    ("sgd", {"momentum": 0.5, "weight_decay": 0.1}),
    ("momentum", {}),
    ("momentum", {"momentum": 0.7, "weight_decay": 0.05}),
    ("nesterov", {}),
    ("nesterov", {"weight_decay": 0.2}),
    ("adagrad", {}),
    ("adagrad", {"eps": 1e-3, "weight_decay": 0.1}),
    ("rmsprop", {}),
    ("rmsprop", {"alpha": 0.9, "momentum": 0.8, "weight_decay": 0.1}),
    ("adam", {}),
    ("adam", {"beta1": 0.5, "beta2": 0.9, "eps": 1e-4, "weight_decay": 0.3}),
    ("adamw", {}),
    ("adamw", {"weight_decay": 0.5}),
]


@pytest.mark.parametrize(("name", "hyper"), CASES)
def test_each_optimizer_follows_its_update_equations(name, hyper):
    rng = np.random.default_rng(7)
    w0 = rng.standard_normal(5)
    grads = [rng.standard_normal(5) * 10.0 ** rng.integers(-3, 2) for _ in range(12)]
    lrs = [0.03] * 6 + [0.005] * 6  # a change of lr half-way keeps the state
    w = w0.copy()
    opt = optim.make(name, 0.03, **hyper)
    for i, g in enumerate(grads):
        if i == 6:
            opt.lr = 0.005
        opt.step([w], [g.copy()])
    np.testing.assert_allclose(w, reference(name, w0, grads, lrs, **hyper), rtol=1e-12)
    assert opt.t == 12
    # a reset optimiser behaves like a new one
    opt.reset()
    opt.lr = 0.03
    w1 = w0.copy()
    for g in grads[:3]:
        opt.step([w1], [g.copy()])
    np.testing.assert_allclose(w1, reference(name, w0, grads[:3], lrs[:3], **hyper), rtol=1e-12)


@pytest.mark.parametrize("name", optim.OPTIMIZERS)
def test_step_updates_params_in_place_and_leaves_the_gradients_alone(name):
    w = np.array([1.0, -2.0, 3.0])
    g = np.array([0.5, -0.25, 2.0])
    view = w
    opt = optim.make(name, 0.1, weight_decay=0.1)
    opt.step([w, np.ones(2)], [g, np.ones(2)])
    assert view is w and not np.array_equal(w, [1.0, -2.0, 3.0])
    np.testing.assert_array_equal(g, [0.5, -0.25, 2.0])


def test_defaults_are_pytorchs():
    # torch.optim: SGD momentum 0; Adagrad eps 1e-10; RMSprop alpha 0.99, eps 1e-8;
    # Adam betas (0.9, 0.999), eps 1e-8, weight_decay 0; AdamW weight_decay 0.01
    assert optim.make("sgd", 0.1).hyper == {"momentum": 0.0, "weight_decay": 0.0}
    assert optim.make("momentum", 0.1).hyper == {"momentum": 0.9, "weight_decay": 0.0}
    nesterov = optim.make("nesterov", 0.1)
    assert nesterov.nesterov and nesterov.momentum == 0.9
    assert optim.make("adagrad", 0.1).hyper == {"eps": 1e-10, "weight_decay": 0.0}
    assert optim.make("rmsprop", 0.1).hyper == {
        "alpha": 0.99,
        "eps": 1e-8,
        "momentum": 0.0,
        "weight_decay": 0.0,
    }
    adam = {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    assert optim.make("adam", 0.1).hyper == {**adam, "weight_decay": 0.0}
    assert optim.make("adamw", 0.1).hyper == {**adam, "weight_decay": 0.01}


def test_nesterov_looks_ahead_one_velocity_step():
    # first step: b = g, direction g + μ·g; second: b = μg1 + g2, direction g2 + μb
    w = np.zeros(1)
    opt = optim.make("nesterov", 1.0, momentum=0.5)
    opt.step([w], [np.array([2.0])])
    assert w[0] == pytest.approx(-(2.0 + 0.5 * 2.0))
    opt.step([w], [np.array([1.0])])
    assert w[0] == pytest.approx(-3.0 - (1.0 + 0.5 * (0.5 * 2.0 + 1.0)))


def test_adagrad_steps_shrink_like_one_over_root_t_under_a_constant_gradient():
    w = np.zeros(1)
    opt = optim.make("adagrad", 0.1)
    steps = []
    for _ in range(100):
        before = w[0]
        opt.step([w], [np.array([3.0])])
        steps.append(before - w[0])
    np.testing.assert_allclose(steps, 0.1 / np.sqrt(np.arange(1, 101)), rtol=1e-9)


def test_adam_without_bias_correction_starts_with_a_step_far_from_lr():
    # m1 = (1−β1)g, v1 = (1−β2)g²: without correction the step is lr·0.1/√0.001 ≈ 3.16·lr
    w = np.zeros(2)
    opt = optim.make("adam", 0.01, bias_correction=False)
    opt.step([w], [np.array([4.0, -0.02])])
    g = np.array([4.0, -0.02])
    np.testing.assert_allclose(w, -0.01 * 0.1 * g / (math.sqrt(0.001) * np.abs(g) + 1e-8))
    assert abs(w[0]) > 3 * 0.01
    w2 = np.zeros(2)
    optim.make("adam", 0.01).step([w2], [np.array([4.0, -0.02])])
    np.testing.assert_allclose(w2, [-0.01, 0.01], rtol=1e-6)


def test_l2_under_adam_is_divided_by_root_v_while_adamw_decays_every_weight_alike():
    # two weights of 1.0: one sees large zero-mean data gradients, the other none; the decay
    # a weight received = where it ends without decay − where it ends with it
    rng = np.random.default_rng(3)
    grads = [np.array([5.0 * rng.standard_normal(), 0.0]) for _ in range(200)]

    def received(name):
        ends = []
        for wd in (0.0, 0.5):
            w, opt = np.ones(2), optim.make(name, 1e-3, weight_decay=wd)
            for g in grads:
                opt.step([w], [g])
            ends.append(w)
        return ends[0] - ends[1]

    noisy, quiet = received("adam")
    # Adam + L2: λw is divided by √v̂; the noisy weight's √v̂ is large, so it hardly decays
    assert quiet > 5 * noisy > 0
    noisy_w, quiet_w = received("adamw")
    # AdamW: both shrink by about 1 − (1 − lr·λ)^t, whatever their gradients
    assert quiet_w == pytest.approx(1 - (1 - 1e-3 * 0.5) ** 200, rel=1e-12)
    assert noisy_w == pytest.approx(quiet_w, rel=0.02)


def test_decay_mask_spares_the_masked_entries():
    for name in ("sgd", "adam", "adamw"):
        w = np.array([1.0, 1.0])
        opt = optim.make(name, 0.1, weight_decay=0.5)
        opt.decay_mask = np.array([1.0, 0.0])
        opt.step([w], [np.zeros(2)])
        assert w[0] < 1.0
        assert w[1] == 1.0


@pytest.mark.parametrize(
    ("name", "hyper", "message"),
    [
        ("adam", {"momentum": 0.9}, "adam takes no momentum"),
        ("sgd", {"beta1": 0.9}, "sgd takes no beta1"),
        ("momentum", {"momentum": 1.0}, r"momentum must be in \[0, 1\)"),
        ("rmsprop", {"alpha": -0.1}, r"alpha must be in \[0, 1\)"),
        ("adam", {"beta2": 1.0}, r"beta2 must be in \[0, 1\)"),
        ("adagrad", {"eps": 0.0}, "eps must be a finite number > 0"),
        ("adamw", {"weight_decay": -1.0}, r"weight_decay must be in \[0, 10\]"),
        ("nesterov", {"momentum": float("nan")}, "momentum must be"),
    ],
)
def test_bad_keywords_name_the_parameter_and_range(name, hyper, message):
    with pytest.raises(ValueError, match=message):
        optim.make(name, 0.1, **hyper)


# -- schedules ---------------------------------------------------------------------------


def test_schedules_exact_values():
    const = schedules.make("constant", 0.1, 30)
    assert [const(e) for e in (0, 29, 100)] == [0.1, 0.1, 0.1]
    step = schedules.make("step", 0.1, 30)  # step_size 10, γ 0.1
    assert [step(e) for e in (0, 9, 10, 19, 20)] == pytest.approx([0.1, 0.1, 0.01, 0.01, 0.001])
    cos = schedules.make("cosine", 0.1, 20)
    assert [cos(e) for e in (0, 10, 20, 40)] == pytest.approx([0.1, 0.05, 0.0, 0.0], abs=1e-15)
    assert cos(5) == pytest.approx(0.05 * (1 + math.cos(math.pi / 4)))
    warm = schedules.make("warmup_cosine", 0.1, 25, warmup=5)
    assert [warm(e) for e in range(5)] == pytest.approx([0.02, 0.04, 0.06, 0.08, 0.1])
    assert warm(5) == pytest.approx(0.1)
    assert warm(15) == pytest.approx(0.05)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "linear"}, "schedule must be one of constant, step"),
        ({"name": "warmup_cosine", "warmup": 0}, r"warmup must be an integer in \[1, 20\]"),
        ({"name": "cosine", "warmup": 21}, r"warmup must be an integer in \[0, 20\]"),
        ({"name": "step", "gamma": 0.0}, r"gamma must be in \(0, 1\]"),
        ({"name": "step", "step_size": 0}, r"step_size must be an integer >= 1"),
    ],
)
def test_bad_schedules_are_value_errors(kwargs, message):
    name = kwargs.pop("name")
    with pytest.raises(ValueError, match=message):
        schedules.make(name, 0.1, 20, **kwargs)


# -- training runs -------------------------------------------------------------------------


SMALL = {"n_samples": 200, "hidden": (8,), "epochs": 6, "batch_size": 32}


@pytest.mark.parametrize("name", optim.OPTIMIZERS)
def test_every_optimizer_trains_a_small_network(name):
    config = TrainConfig(**{**SMALL, "epochs": 30}, optimizer=name, lr=optim.DEFAULT_LR[name] * 10)
    run = Run(config)
    records = [run.step() for _ in range(30)]
    assert not run.diverged
    assert records[-1].train_loss < 0.9 * run.initial_train_loss
    assert records[-1].optimizer == name


@pytest.mark.parametrize("schedule", schedules.SCHEDULES)
def test_a_run_follows_its_schedule_and_keeps_the_last_rate_past_the_end(schedule):
    config = TrainConfig(**SMALL, schedule=schedule, warmup_epochs=2, lr=0.02)
    run = Run(config)
    lrs = [run.step().lr for _ in range(8)]
    plan = schedules.make(schedule, 0.02, 6, warmup=2)
    assert lrs[:6] == pytest.approx([plan(e) for e in range(6)])
    assert lrs[6:] == pytest.approx([plan(5)] * 2)


def test_run_decays_dense_weights_only_and_rebuilds_on_a_new_decay():
    run = Run(TrainConfig(**SMALL, optimizer="adamw", batch_norm=True))
    mask = run.optimizer.decay_mask
    assert mask is not None and mask.sum() == run.network.n_weights
    assert run.optimizer.weight_decay == 0.01
    run.update(weight_decay=0.0)
    assert run.optimizer.weight_decay == 0.0 and run.optimizer.decay_mask is None
    plain = Run(TrainConfig(**SMALL))
    assert plain.optimizer.decay_mask is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"optimizer": "lion"}, "optimizer must be one of sgd, momentum, nesterov"),
        ({"weight_decay": -0.1}, r"weight_decay must be in \[0, 10\]"),
        ({"schedule": "exp"}, "schedule must be one of"),
        ({"schedule": "warmup_cosine"}, r"warmup_epochs must be an integer in \[1, 6\]"),
        ({"warmup_epochs": 7}, r"warmup_epochs must be an integer in \[0, 6\]"),
    ],
)
def test_train_config_names_bad_optimizer_fields(fields, message):
    with pytest.raises(ValueError, match=message):
        TrainConfig(**SMALL, **fields)
