"""Moving the activation explorer's range of z reruns only the curve panel.

The range of z is a fragment inside the explorer's own: a move redraws the two charts and
their summary (all three in one chart component, ui/components/live_charts) and sends nothing else (not the choice of
functions, their parameters, the threshold or the formulas, which a move cannot change). Driven over Streamlit's
protocol (bench.student), so what the server sends is counted exactly.
"""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.student import Student
from tests.browser.conftest import streamlit_server
from ui.i18n import lookup

pytestmark = pytest.mark.browser


async def explorer_runs(url: str) -> dict[str, list[str]]:
    student = Student(url, "activations", route="explorer")
    await student.connect()
    try:
        page = list(student.drawn)
        await student.move_slider(lookup("activations.z_range", "en"), 0.5)
        z_move = list(student.drawn)
        await student.move_slider(lookup("activations.alpha", "en"), 0.01)
        alpha_move = list(student.drawn)
    finally:
        await student.close()
    return {"page": page, "z move": z_move, "alpha move": alpha_move}


def test_a_z_range_move_sends_only_the_curve_panel():
    with streamlit_server("explorer-fragment.log") as url, ThreadPoolExecutor(1) as thread:
        runs = thread.submit(lambda: asyncio.run(explorer_runs(url))).result()
    # the range itself, and f, f′ and their summary in one chart component
    assert runs["z move"] == ["slider", "bidi_component"]
    # a parameter move reruns the whole explorer (its introduction, the choice of functions,
    # the formulas written in Markdown), the panel with it, and nothing outside the explorer
    alpha_move = runs["alpha move"]
    assert {"multiselect", "markdown"} <= set(alpha_move) and "heading" not in alpha_move
    assert alpha_move.count("bidi_component") == 1 and "plotly_chart" not in alpha_move
