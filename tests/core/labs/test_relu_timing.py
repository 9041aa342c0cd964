"""qa_core.labs.relu.timing: every activation is timed, the kernels compute the right thing,
and the table's structure holds (exact times vary from run to run)."""

import numpy as np
import pandas as pd
import pytest

from qa_core.engine import activations
from qa_core.labs.relu import timing


@pytest.mark.parametrize("kernels", timing.KERNELS)
def test_every_activation_is_timed_with_positive_times(kernels):
    calls = []
    table = timing.time_activations(n=20_000, repeats=3, kernels=kernels, progress=calls.append)
    assert list(table["activation"]) == list(timing.TIMED)
    assert np.all(table["median_s"] > 0)
    assert np.all(table["min_s"] <= table["median_s"]) and np.all(
        table["median_s"] <= table["max_s"]
    )
    assert np.allclose(table["ns_per_element"], table["median_s"] / 20_000 * 1e9)
    assert np.allclose(table["median_ms"], table["median_s"] * 1e3)
    relu = table.set_index("activation").loc["relu"]
    assert relu["ratio_to_relu"] == 1.0
    assert np.allclose(table["ratio_to_relu"], table["median_s"] / relu["median_s"])
    assert set(table["kernels"]) == {kernels} and set(table["n"]) == {20_000}
    assert calls == pytest.approx([1 / 3, 2 / 3, 1.0])


def test_relu_is_always_the_yardstick():
    table = timing.time_activations(("sigmoid",), n=5_000, repeats=1)
    assert list(table["activation"]) == ["sigmoid", "relu"]


def test_the_exponential_costs_more_than_a_threshold():
    # a robust ordering: sigmoid (exp + division) against ReLU (compare + select), 1e6 elements,
    # median of interleaved rounds
    table = timing.time_activations(("sigmoid", "relu"), n=1_000_000, repeats=7)
    ratio = table.set_index("activation")["ratio_to_relu"]
    assert ratio["sigmoid"] > 1.0


@pytest.mark.parametrize("kernels", timing.KERNELS)
@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu", "prelu"])
def test_timed_kernels_compute_the_activation_and_its_derivative(kernels, name):
    z = np.linspace(-8, 8, 1001)
    f, df = timing.kernel(name, kernels)(z)
    act = activations.get(name)
    assert np.allclose(f, act.forward(z), rtol=1e-12, atol=1e-15)
    assert np.allclose(df, act.derivative(z), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("kernels", timing.KERNELS)
def test_timed_rrelu_draws_training_slopes_inside_its_band(kernels):
    z = np.linspace(-4, 4, 4001)
    f, df = timing.kernel("rrelu", kernels, seed=3)(z)
    act = activations.get("rrelu")
    neg = z < 0
    assert np.array_equal(f[~neg & (z > 0)], z[~neg & (z > 0)])
    slopes = df[neg]
    assert np.all((slopes >= act.lower) & (slopes <= act.upper))
    assert np.allclose(f[neg], slopes * z[neg])
    assert np.unique(slopes).size > 100  # random, one per element


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n": 10}, "n must be"),
        ({"n": 10**8}, "n must be"),
        ({"repeats": 0}, "repeats"),
        ({"kernels": "torch"}, "kernels"),
        ({"names": ("relu", "elu")}, "activation"),
    ],
)
def test_bad_settings_are_value_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        timing.time_activations(**kwargs)


def test_headline_reads_the_ratios_and_relus_time_per_element():
    table = pd.DataFrame(
        {
            "activation": ["sigmoid", "tanh", "relu", "leaky_relu"],
            "ns_per_element": [4.0, 3.0, 1.5, 2.0],
            "ratio_to_relu": [4.0 / 1.5, 2.0, 1.0, 4.0 / 3.0],
        }
    )
    headline = timing.headline(table)
    assert headline == timing.Headline(
        sigmoid=4.0 / 1.5, tanh=2.0, leaky_relu=4.0 / 3.0, relu_ns=1.5
    )
    with pytest.raises(ValueError, match="tanh"):
        timing.headline(table[table["activation"] != "tanh"])
