"""A click that reaches the server twice does what one click does.

While the playground plays, the browser sends a pending button trigger with the fragment's
timed rerun and then again with the click's own full rerun, so the button's callback runs twice
(seen in Chromium: Pause was undone by its second delivery and the run played on). This drives a
real server over Streamlit's protocol and delivers each click exactly that way.
"""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.student import Student
from qa_core.labs import playground as pg
from tests.browser.conftest import streamlit_server

pytestmark = pytest.mark.browser

QUERY = "lang=en&" + "&".join(f"{k}={v}" for k, v in pg.encode(pg.PlaygroundState(seed=3)).items())


def url_value(query: str, key: str) -> str:
    return dict(part.split("=", 1) for part in query.split("&"))[key]


async def twice(student: Student, key: str) -> None:
    """One click as the browser delivers it while a fragment is live: fragment run, full run."""
    (fragment,) = student.fragments
    await student.click(key, fragment)
    await student.click(key)


async def playground_clicks(url: str) -> dict[str, object]:
    student = Student(url, "playground", route="clicks", query=QUERY)
    await student.connect()
    seen: dict[str, object] = {"start": student.metrics["Epoch"]}
    try:
        await twice(student, "playground_step")
        seen["one step, delivered twice"] = student.metrics["Epoch"]
        await student.click("playground_step")
        seen["a second step"] = student.metrics["Epoch"]
        await student.click("playground_play")
        seen["playing"] = student.buttons["playground_play"][1]
        await twice(student, "playground_play")
        seen["paused"] = student.buttons["playground_play"][1]
        paused_at = student.metrics["Epoch"]
        (fragment,) = student.fragments
        await asyncio.sleep(0.5)
        await student.rerun([], fragment)  # a timed rerun that was already on its way
        seen["still"] = (paused_at, student.metrics["Epoch"])
        await twice(student, "playground_regenerate")
        seen["seed"] = url_value(student.query, "seed")
    finally:
        await student.close()
    return seen


def test_a_click_delivered_twice_acts_once():
    # A thread of its own: Playwright's sync API may already run an event loop in this one.
    with streamlit_server("click-delivery.log") as url, ThreadPoolExecutor(1) as thread:
        seen = thread.submit(lambda: asyncio.run(playground_clicks(url))).result()
    assert seen["start"] == "0"
    assert seen["one step, delivered twice"] == "1"
    assert seen["a second step"] == "2"  # a real second click still counts
    assert seen["playing"] == "Pause"
    assert seen["paused"] == "Play"
    paused_at, later = seen["still"]
    assert later == paused_at
    assert seen["seed"] == str(int(url_value(QUERY, "seed")) + 1)  # the next data set, not two on
