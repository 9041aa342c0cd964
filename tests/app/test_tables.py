"""Result tables as Markdown (ui/tables.py): formats, alignment, and text shown as typed."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.app.conftest import row_cells
from ui.tables import PERCENT, cell, markdown_table


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (0.9123, PERCENT, "91.2%"),
        (np.float32(0.5), PERCENT, "50.0%"),
        (1.5, "×%.2f", "×1.50"),
        (0.000123, "%.2e", "1.23e-04"),
        (3, "%g", "3"),
        (np.int64(7), None, "7"),
        (2 / 3, None, "0.6667"),
        (math.nan, "%.3f", "—"),
        (np.inf, PERCENT, "—"),
        (None, None, "—"),
        ("ReLU", PERCENT, "ReLU"),  # text is never formatted as a number
    ],
)
def test_a_cell_is_shown_in_its_format(value, fmt, shown):
    assert cell(value, fmt) == shown


def test_a_table_has_its_headings_rows_and_numbers_right_aligned():
    frame = pd.DataFrame({"name": ["a", "b"], "acc": [0.5, 0.25], "n": [1, 2]})
    lines = markdown_table(frame, {"acc": PERCENT}).splitlines()
    assert lines[0] == "| name | acc | n |"
    assert lines[1] == "|:---|---:|---:|"
    assert lines[2:] == ["| a | 50.0% | 1 |", "| b | 25.0% | 2 |"]


@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=4))
def test_any_text_comes_back_as_typed_on_one_row(texts):
    """Pipes, dollars (KaTeX), emphasis marks and line breaks cannot break the table."""
    frame = pd.DataFrame({f"c{i}": [text] for i, text in enumerate(texts)})
    lines = markdown_table(frame).splitlines()
    assert len(lines) == 3
    assert row_cells(lines[2]) == [" ".join(text.split()) for text in texts]
