"""qa_core.labs.relu.saturation: sigmoid and tanh flatten out, ReLU's derivative stays exactly 1
for every positive z; the table holds f′ at the chosen points."""

import numpy as np
import pytest

from qa_core.labs.relu import saturation


def test_curves_cover_the_range_for_each_compared_activation():
    results = saturation.derivative_curves(-20.0, 30.0)
    assert [c.name for c in results] == list(saturation.COMPARED)
    for c in results:
        assert c.z[0] == -20.0 and c.z[-1] == 30.0 and len(c.z) == saturation.GRID_N


def test_sigmoid_and_tanh_saturate_on_both_sides_relu_only_below_zero():
    stretches = saturation.saturated(saturation.derivative_curves(-10.0, 10.0))
    for name in ("sigmoid", "tanh"):
        (first, *_, last) = stretches[name]
        assert first[0] == -10.0 and last[1] == 10.0  # flat at both ends
        assert first[1] < 0 < last[0]
    (relu,) = stretches["relu"]
    assert relu[0] == -10.0 and relu[1] <= 0.0  # flat for z <= 0 only
    wider = saturation.saturated(saturation.derivative_curves(-10.0, 10.0), threshold=0.2)
    assert wider["sigmoid"][0][1] > stretches["sigmoid"][0][1]  # a higher bar: longer stretches
    with pytest.raises(ValueError, match="threshold"):
        saturation.saturated(saturation.derivative_curves(-1.0, 1.0), threshold=0.0)


def test_derivative_table_holds_f_prime_at_each_point():
    table = saturation.derivative_table().set_index("activation")
    assert list(table.index) == list(saturation.COMPARED)
    assert list(table.columns) == [f"f′({z:g})" for z in saturation.POINTS]
    s = 1 / (1 + np.exp(5.0))
    assert table.loc["sigmoid", "f′(-5)"] == pytest.approx(s * (1 - s))
    assert table.loc["tanh", "f′(1)"] == pytest.approx(1 - np.tanh(1.0) ** 2)
    assert list(table.loc["relu"]) == [0.0, 0.0, 1.0, 1.0, 1.0, 1.0]
    assert table.loc["sigmoid", "f′(20)"] < 1e-8


def test_a_bad_range_is_a_value_error():
    with pytest.raises(ValueError, match="z_min"):
        saturation.derivative_curves(5.0, -5.0)
