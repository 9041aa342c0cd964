"""qa_core.labs.normalization: the axes each norm averages over, the batch-size sweep, train vs
eval mode, the learning-rate ladder and pre- vs post-norm stacks."""

import numpy as np
import pandas as pd
import pytest

from qa_core.engine.layers import BatchNorm, GroupNorm, LayerNorm, RMSNorm
from qa_core.labs.normalization import axes, modes, placement, stability, sweep
from tests.core.engine.fd_helpers import assert_grad_close, numeric_grad

# -- axes -------------------------------------------------------------------------------------


def direct_selection(kind, shape, groups, cell):
    """The cells sharing (example n, channel c)'s statistics, written axis by axis."""
    n, c = cell
    sel = np.zeros(shape, dtype=bool)
    k = shape[1] // groups
    if kind == "batch":
        sel[:, c] = True
    elif kind in ("layer", "rms"):
        sel[n] = True
    elif kind == "instance":
        sel[n, c] = True
    else:
        sel[n, (c // k) * k : (c // k + 1) * k] = True
    return sel


@pytest.mark.parametrize("kind", axes.KINDS)
@pytest.mark.parametrize("cell", [(0, 0), (2, 5), (3, 3)])
def test_axes_select_the_cells_of_each_definition(kind, cell):
    v = axes.view(kind, n=4, c=6, hw=2, groups=3, cell=cell, seed=1)
    expected = direct_selection(kind, v.x.shape, 3, cell)
    np.testing.assert_array_equal(v.selected, expected)
    row = next(r for r in axes.axes_table(4, 6, 2, 3) if r["kind"] == kind)
    assert v.count == row["values"] and v.n_sets == row["sets"]
    values = v.x[expected]
    if kind == "rms":
        assert v.mean == 0.0
        np.testing.assert_allclose(v.var, np.mean(values**2), rtol=1e-12)
    else:
        np.testing.assert_allclose(v.mean, values.mean(), rtol=1e-12)
        np.testing.assert_allclose(v.var, values.var(), rtol=1e-12)
    ok, shrink = v.normalised[expected], v.var / (v.var + axes.EPS[kind])  # ε shrinks it
    if kind == "rms":
        np.testing.assert_allclose(np.mean(ok**2), shrink, rtol=1e-12)
    else:
        np.testing.assert_allclose([ok.mean(), ok.var()], [0.0, shrink], atol=1e-12)


@pytest.mark.parametrize(
    ("kind", "layer"),
    [
        ("batch", BatchNorm(6)),
        ("layer", LayerNorm(6)),
        ("group", GroupNorm(6, 3)),
        ("rms", RMSNorm(6)),
    ],
)
def test_one_position_per_channel_is_the_engines_layer(kind, layer):
    v = axes.view(kind, n=5, c=6, hw=1, groups=3, seed=2)
    x = v.x.reshape(5, 6)
    np.testing.assert_allclose(v.normalised.reshape(5, 6), layer.forward(x, True), atol=1e-12)


def test_instance_norm_with_one_position_leaves_nothing():
    v = axes.view("instance", n=3, c=4, hw=1)
    np.testing.assert_array_equal(v.normalised, 0.0)
    assert v.count == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "weight"}, "kind must be one of batch, layer, instance, group, rms"),
        ({"kind": "group", "c": 6, "groups": 4}, r"groups must divide c = 6"),
        ({"kind": "layer", "n": 9}, r"n must be an integer in \[1, 8\]"),
        ({"kind": "layer", "hw": 0}, r"hw must be an integer in \[1, 4\]"),
        ({"kind": "layer", "n": 2, "cell": (2, 0)}, r"cell example must be an integer in \[0, 1\]"),
    ],
)
def test_axes_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        axes.view(**kwargs)


# -- batch-size sweep -------------------------------------------------------------------------


def test_sweep_gap_is_zero_for_per_example_norms_only():
    calls = []
    frame = sweep.batch_size_sweep(
        ("batch", "layer", "rms"), (4, 32), epochs=3, progress=calls.append
    )
    assert list(frame["norm"]) == ["batch", "batch", "layer", "layer", "rms", "rms"]
    assert calls[-1] == 1.0 and len(calls) == 6
    per_example = frame[frame["norm"] != "batch"]
    np.testing.assert_array_equal(per_example["gap"], 0.0)
    bn = frame[frame["norm"] == "batch"].set_index("batch_size")
    assert bn.loc[4, "gap"] != 0.0  # each batch of 4 normalised by itself vs running stats
    assert frame["test_acc"].between(0, 1).all()


def test_largest_drop_names_the_norm_that_loses_most_from_large_to_small_batches():
    frame = pd.DataFrame(
        {
            "norm": ["a", "a", "b", "b", "c", "c"],
            "batch_size": [32, 2, 2, 32, 2, 32],
            "test_acc": [0.9, 0.7, 0.5, 0.95, 0.9, 0.9],
        }
    )
    assert sweep.largest_drop(frame) == "b"  # 0.95 → 0.5, against a: 0.9 → 0.7 and c: none
    assert sweep.largest_drop(frame[frame["norm"] != "b"]) == "a"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"norms": ("batch", "bogus")}, "norm must be one of none, batch, layer, group, rms"),
        ({"norms": ()}, "norms must be distinct names"),
        ({"batch_sizes": (1, 4)}, r"batch size must be an integer in \[2, 64\]"),
        ({"batch_sizes": (4, 4)}, "batch_sizes must be distinct"),
        ({"epochs": 0}, r"epochs must be an integer in \[1, 40\]"),
    ],
)
def test_sweep_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        sweep.batch_size_sweep(**kwargs)


# -- train vs eval ----------------------------------------------------------------------------


def test_only_batch_norm_in_training_mode_moves_with_the_batch():
    frame = modes.probe_outputs(batch_size=4, n_batches=10, seed=3)
    ranges = modes.spread(frame).set_index(["norm", "mode"])["range"]
    assert ranges[("batch", "train")] > 0.1
    assert ranges.drop(("batch", "train")).eq(0.0).all()
    for norm in ("layer", "group", "rms"):
        part = frame[frame["norm"] == norm]
        np.testing.assert_array_equal(
            part[part["mode"] == "train"]["y0"].to_numpy(),
            part[part["mode"] == "eval"]["y0"].to_numpy(),
        )


def test_shifted_companions_pull_batch_norms_training_output():
    def mean_train(shift):
        frame = modes.probe_outputs(batch_size=8, n_batches=5, shift=shift, seed=4)
        return frame[(frame["norm"] == "batch") & (frame["mode"] == "train")]["y0"].mean()

    assert mean_train(3.0) < mean_train(0.0) - 0.5  # the probe sits below a shifted batch


def test_a_batch_of_one_uses_the_running_statistics():
    ranges = modes.spread(modes.probe_outputs(batch_size=1, n_batches=4))
    np.testing.assert_array_equal(ranges["range"], 0.0)
    frame = modes.probe_outputs(batch_size=1, n_batches=2)
    bn = frame[frame["norm"] == "batch"]
    np.testing.assert_array_equal(bn[bn["mode"] == "train"]["y0"], bn[bn["mode"] == "eval"]["y0"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"batch_size": 0}, r"batch_size must be an integer in \[1, 64\]"),
        ({"shift": 6.0}, r"shift must be in \[-5, 5\]"),
        ({"n_batches": 51}, r"n_batches must be an integer in \[1, 50\]"),
    ],
)
def test_modes_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        modes.probe_outputs(**kwargs)


# -- learning rates ---------------------------------------------------------------------------


def test_lr_sweep_marks_the_plain_network_diverging_and_bn_finite():
    frame = stability.lr_sweep(("none", "batch"), (0.1, 10.0), depth=4, epochs=3)
    row = frame.set_index(["norm", "lr"])
    assert row.loc[("none", 10.0), "diverged"]
    assert not row.loc[("none", 0.1), "diverged"]
    assert not row.loc[("none", 10.0), "trains"]


def test_largest_reads_the_table():
    frame = pd.DataFrame(
        {
            "norm": ["a", "a", "a", "b", "b"],
            "lr": [0.1, 1.0, 10.0, 0.1, 1.0],
            "diverged": [False, False, True, True, True],
            "trains": [True, False, False, False, False],
        }
    )
    table = stability.largest(frame).set_index("norm")
    assert table.loc["a", "largest_training"] == 0.1
    assert table.loc["a", "largest_finite"] == 1.0
    assert table.loc["b"].isna().all()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lrs": (0.5,)}, "lrs must be values from 0.03, 0.1"),
        ({"depth": 11}, r"depth must be an integer in \[1, 10\]"),
        ({"norms": ("instance",)}, "norm must be one of"),
    ],
)
def test_lr_sweep_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        stability.lr_sweep(**kwargs)


# -- pre- vs post-norm ------------------------------------------------------------------------


@pytest.mark.parametrize("where", placement.PLACEMENTS)
def test_stack_backward_matches_finite_differences(where):
    stack = placement.Stack(where, depth=3, width=4, seed=5)
    stack.loss()
    stack.backward()
    for block in (stack.blocks[0], stack.blocks[-1]):
        for layer, key in ((block.d1, "W"), (block.d2, "W"), (block.ln, "gamma")):
            analytic = layer.grads[key].copy()
            assert_grad_close(analytic, numeric_grad(stack.loss, layer.params[key]))


def test_post_norm_gradients_grow_towards_the_output_and_pre_norm_stay_level():
    post = placement.gradient_norms("post", depth=12, seed=0)
    pre = placement.gradient_norms("pre", depth=12, seed=0)
    assert post[-1] > 4 * post[0]
    assert pre.max() < 4 * pre.min()
    frame = placement.compare(depth=4)
    assert list(frame.columns) == ["placement", "block", "grad_norm"] and len(frame) == 8


def test_placement_bad_arguments():
    with pytest.raises(ValueError, match="placement must be one of post, pre"):
        placement.gradient_norms("middle")
    with pytest.raises(ValueError, match=r"depth must be an integer in \[1, 48\]"):
        placement.gradient_norms("pre", depth=0)
