"""The residual lab: each experiment shows what its question claims, on its defaults or a
smaller set-up, and refuses bad arguments with a ValueError naming the parameter."""

import numpy as np
import pytest

from qa_core.engine.inits import init_weights
from qa_core.labs.residual import degradation, depth, isometry, order, symmetry, zero_init


def test_equal_weights_keep_every_unit_identical_and_random_ones_separate_them():
    same = symmetry.symmetry_run("constant", value=0.5, width=6, epochs=15)
    assert same.distinct == 1
    last = same.traces[same.traces["epoch"] == 15]["weight"]
    assert np.ptp(last.to_numpy()) <= 1e-9 * np.abs(last).max()
    first = same.traces[same.traces["epoch"] == 0]["weight"]
    assert (last.to_numpy() != first.to_numpy()).all()  # they moved, together
    random = symmetry.symmetry_run("he", width=6, epochs=15)
    assert random.distinct == 6
    # one unit's worth of capacity fits moons worse than six
    assert random.losses["train_loss"].iloc[-1] < same.losses["train_loss"].iloc[-1]


def test_distinct_units_counts_columns_up_to_the_tolerance():
    w = np.array([[1.0, 1.0, 2.0], [0.5, 0.5 + 1e-12, 0.5]])
    assert symmetry.distinct_units(w, np.zeros(3)) == 2
    assert symmetry.distinct_units(w, np.array([0.0, 1.0, 0.0])) == 3


def test_sigmoid_gradients_vanish_in_the_plain_net_and_not_in_the_residual_one():
    result = depth.depth_sweep(depths=(3, 21), activation="sigmoid", epochs=3)
    g = result.layers.pivot(index="layer", columns="net", values="grad_norm")
    assert len(g) == 22  # 21 hidden Dense layers and the output layer
    plain_drop = g["plain"].iloc[0] / g["plain"].iloc[-1]
    res_drop = g["residual"].iloc[0] / g["residual"].iloc[-1]
    assert plain_drop < 1e-6  # ≤ 0.25 per sigmoid layer
    assert res_drop > 1e-3
    assert set(result.final["depth"]) == {3, 21} and len(result.final) == 4


def test_the_depth_sweep_at_its_defaults_ends_with_the_residual_net_ahead_at_the_deepest():
    result = depth.depth_sweep()
    deepest = result.final[result.final["depth"] == 50].set_index("net")["train_loss"]
    assert deepest["residual"] < deepest["plain"] - 0.01
    assert deepest["plain"] == pytest.approx(np.log(2), abs=0.01)  # stuck at chance


def test_degradation_the_deep_plain_net_trains_worse_and_the_deep_residual_does_not():
    runs = degradation.degradation_runs(shallow=6, deep=40, epochs=40)
    end = runs[runs["epoch"] >= 31].groupby(["net", "depth"])["train_error"].mean()
    assert end["plain", 40] > end["plain", 6] + 0.15
    assert end["residual", 40] <= end["residual", 6] + 0.02


def test_pre_activation_keeps_the_sigmoid_gradient_that_post_activation_loses():
    result = order.order_runs(blocks=12, activation="sigmoid", batch_norm=False, epochs=2)
    g = result.grads.pivot(index="layer", columns="order", values="grad_norm")
    assert g["post"].iloc[0] < 1e-6 * g["post"].iloc[-1]
    assert g["pre"].iloc[0] > 1e-2 * g["pre"].iloc[-1]


def test_both_orders_have_the_same_weights_and_differ_only_in_the_arrangement():
    post = order.build("post", 3, 8, "relu", True, seed=4)
    pre = order.build("pre", 3, 8, "relu", True, seed=4)
    np.testing.assert_array_equal(post.weights, pre.weights)
    assert len(post.residual_blocks) == len(pre.residual_blocks) == 3


def test_zero_init_starts_every_block_as_the_identity_and_trains_lower():
    result = zero_init.zero_init_runs()
    ratios = result.blocks.pivot(index="block", columns="start", values="ratio")
    assert len(ratios) == 15
    assert (ratios["zero"] == 0).all() and (ratios["default"] > 0.3).all()
    curves = result.curves.pivot(index="epoch", columns="start", values="train_loss")
    assert curves["default"].iloc[0] > 10 * curves["zero"].iloc[0]  # the signal blew up
    assert curves["zero"].iloc[-1] < curves["default"].iloc[-1]


def test_orthogonal_weights_keep_every_singular_value_of_a_linear_jacobian_at_one():
    spectra = isometry.isometry_spectra(depth=20, activation="linear", width=32)
    table = isometry.spread(spectra).set_index("init")
    assert table.loc["orthogonal", "condition"] == pytest.approx(1.0, abs=1e-9)
    assert table.loc["xavier", "condition"] > 1e6
    assert len(spectra) == 3 * 32


def test_the_jacobian_is_the_product_of_the_layers_checked_by_finite_differences():
    width, depth_, seed = 5, 3, 9
    values = isometry.jacobian_singular_values("xavier", "tanh", depth_, width, 1.0, seed)
    draw = np.random.default_rng(seed)
    x0 = draw.standard_normal(width)
    ws = [init_weights(width, width, "xavier", draw) for _ in range(depth_)]

    def forward(x):
        for w in ws:
            x = np.tanh(x @ w)
        return x

    jac = np.array([(forward(x0 + e) - forward(x0 - e)) / 2e-6 for e in 1e-6 * np.eye(width)])
    np.testing.assert_allclose(values, np.linalg.svd(jac, compute_uv=False), rtol=1e-6)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: symmetry.symmetry_run("zeros"), "init"),
        (lambda: symmetry.symmetry_run(value=0.0), "value"),
        (lambda: symmetry.symmetry_run(width=1), "width"),
        (lambda: depth.depth_sweep(depths=(0, 3)), "depth"),
        (lambda: depth.depth_sweep(depths=(51,)), "depth"),
        (lambda: depth.depth_sweep(depths=()), "depths"),
        (lambda: depth.depth_sweep(activation="gelu"), "activation"),
        (lambda: degradation.degradation_runs(shallow=10, deep=10), "deep"),
        (lambda: degradation.degradation_runs(epochs=0), "epochs"),
        (lambda: order.order_runs(blocks=25), "blocks"),
        (lambda: zero_init.zero_init_runs(depth=2), "depth"),
        (lambda: isometry.isometry_spectra(gain=0.0), "gain"),
        (lambda: isometry.isometry_spectra(activation="relu"), "activation"),
    ],
)
def test_bad_arguments_are_value_errors_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=rf"^{name} must"):
        call()
