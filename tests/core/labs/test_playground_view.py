"""qa_core.labs.playground, what the page shows of a run: units by id and their maps, the
diagnostics' columns and per-layer table as text, and the pace of play."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from qa_core.labs import playground as pg
from qa_core.labs.playground.session import LiveRun

STATE = dataclasses.replace(pg.DEFAULT, hidden=(3, 2), features=("x1", "x2", "sinx1"))


@pytest.fixture(scope="module")
def snap():
    run = LiveRun(STATE)
    run.step(2)
    return run.snapshot(20)


# -- units ---------------------------------------------------------------------------------------


def test_the_picker_lists_no_unit_the_output_the_inputs_then_each_hidden_unit(snap):
    assert pg.unit_options(snap) == [
        "none", "out", "in:0", "in:1", "in:2", "h:0:0", "h:0:1", "h:0:2", "h:1:0", "h:1:1",
    ]  # fmt: skip
    assert pg.input_id(2) == "in:2" and pg.hidden_id(1, 0) == "h:1:0"


def test_a_unit_id_picks_that_units_map(snap):
    assert pg.unit_map(snap, "out") is snap.output
    np.testing.assert_array_equal(pg.unit_map(snap, "in:2"), snap.features[2])
    np.testing.assert_array_equal(pg.unit_map(snap, "h:1:0"), snap.hidden[1][0])
    np.testing.assert_array_equal(pg.unit_map(snap, "h:0:2"), snap.hidden[0][2])
    with pytest.raises(ValueError):
        pg.unit_map(snap, "none")


@pytest.mark.parametrize(
    ("uid", "parsed"),
    [("none", ("none", ())), ("out", ("out", ())), ("in:3", ("in", (3,))),
     ("h:2:15", ("h", (2, 15)))],
)  # fmt: skip
def test_unit_ids_parse(uid, parsed):
    assert pg.parse_unit(uid) == parsed


@pytest.mark.parametrize("uid", ["", "h:1", "in:1:2", "h:a:1", "x:1", "in:-1", "output"])
def test_anything_else_is_not_a_unit_id(uid):
    with pytest.raises(ValueError, match="unit id"):
        pg.parse_unit(uid)


def test_only_a_classifiers_output_is_a_probability():
    assert pg.is_probability("out", "classification")
    assert not pg.is_probability("out", "regression")
    assert not pg.is_probability("h:0:0", "classification")
    assert not pg.is_probability("in:0", "classification")


# -- diagnostics ---------------------------------------------------------------------------------


def test_each_diagnostic_has_its_numbered_layer_columns():
    run = LiveRun(dataclasses.replace(STATE, batch_norm=True))
    run.step(1)
    history = run.history()
    assert pg.layer_columns(history, "grad") == [(0, "grad_norm_0"), (1, "grad_norm_1"),
                                                 (2, "grad_norm_2")]  # fmt: skip
    assert [i for i, _ in pg.layer_columns(history, "bn_mean")] == [0, 1]
    assert pg.layer_columns(history, "prelu") == []  # tanh: no slope to learn
    assert set(pg.DIAGNOSTICS) == set(pg.DIAG_PREFIX)


def test_the_layer_table_as_text_formats_each_quantity_and_drops_empty_columns():
    table = pd.DataFrame(
        {
            "layer": [1, 2, "out"],
            "grad_norm": [0.012345, 2.0, 31.4159],
            "dead": [0.25, 0.0, float("nan")],
            "prelu": [float("nan")] * 3,
        }
    )
    text = pg.layer_table_text(table, "output")
    assert list(text.columns) == ["layer", "grad_norm", "dead"]
    assert text["layer"].tolist() == ["1", "2", "output"]
    assert text["grad_norm"].tolist() == ["0.0123", "2", "31.4"]
    assert text["dead"].tolist() == ["25%", "0%", pg.diagnostics.MISSING]


def test_a_runs_layer_table_as_text_has_a_row_per_layer():
    run = LiveRun(STATE)
    run.step(1)
    text = pg.layer_table_text(run.layer_table(), "out layer")
    assert text["layer"].tolist() == ["1", "2", "out layer"]
    assert "bn_mean" not in text and "prelu" not in text  # no batch norm, no PReLU


# -- the pace of play ------------------------------------------------------------------------------


def test_the_first_redraw_counts_one_tick_and_a_late_one_is_capped():
    assert pg.elapsed_s(None, 100.0, 0.2) == 0.2
    assert pg.elapsed_s(99.5, 100.0, 0.2) == 0.5
    assert pg.elapsed_s(10.0, 100.0, 0.2) == pg.MAX_CATCH_UP_S


def test_epochs_due_keeps_the_speed_and_carries_the_fraction():
    assert pg.epochs_due(20, 0.2, 0.0) == (4, 0.0)
    n, carry = pg.epochs_due(1, 0.3, 0.0)
    assert n == 0 and carry == pytest.approx(0.3)
    total, carry = 0, 0.0
    for _ in range(10):  # ten redraws of 0.3 s at 5 epochs/s: 15 epochs, none lost
        n, carry = pg.epochs_due(5, 0.3, carry)
        total += n
    assert total + carry == pytest.approx(15.0) and total in (14, 15)
    assert pg.DEFAULT_SPEED in pg.SPEEDS
