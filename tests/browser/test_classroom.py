"""Classroom scale: two replicas behind Debian's nginx; sessions stick to their replica.

Three browsers run an experiment and change the language through the proxy; each keeps its own
state across reruns (affinity holds). Then one replica stops: new browsers land on the other one,
and the proxy's passive health check has noticed the dead upstream.
"""

import re

import pytest

from scripts.local_app import PLOTS_JS
from scripts.serve_replicas import Cluster
from tests.browser.conftest import screenshot, settle, wait_for_charts

pytestmark = pytest.mark.browser

EXPLORER_EN = "Activation functions and their derivatives"
EXPLORER_ZH = "激活函数及其导数"
Z_RANGE = ".st-key-activations_z input[type='range']"  # the explorer's range of z: two thumbs


@pytest.fixture(scope="module")
def cluster():
    with Cluster(replicas=2) as running:
        yield running


def upstreams_by_route(cluster) -> dict[str, set[str]]:
    """route cookie → the set of replicas that served it, from nginx's access log."""
    routes: dict[str, set[str]] = {}
    for line in (cluster.workdir / "access.log").read_text().splitlines():
        match = re.search(r"upstream=(\S+) route=(\S+)", line)
        if match and match[1] != "-":
            routes.setdefault(match[2], set()).add(match[1].split(",")[-1])
    return routes


def derivative_x_range(tab):
    wait_for_charts(tab, 2)  # f and f′
    return tab.evaluate(f"() => ({PLOTS_JS})()[1]._fullLayout.xaxis.range")


def open_explorer(browser, cluster):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.goto(f"{cluster.url}/activations?lang=zh")
    settle(tab, ready=".js-plotly-plot")
    return context, tab


def route_of(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "qa_route")


def test_sessions_stick_to_their_replica_and_survive_a_replica_stopping(browser, cluster):
    sessions = [open_explorer(browser, cluster) for _ in range(3)]
    ranges = []
    for i, (_, tab) in enumerate(sessions):
        # Run the experiment: widen the z range by a different amount in each browser.
        tab.locator(Z_RANGE).first.focus()
        for _ in range(2 * (i + 1)):
            tab.keyboard.press("ArrowLeft")
        settle(tab, ready=".js-plotly-plot")
        if i != 1:
            tab.get_by_role("radio", name="English").click()
            settle(tab, ready=".js-plotly-plot")
        ranges.append(derivative_x_range(tab))
    assert len({round(r[0], 3) for r in ranges}) == 3, ranges

    # Another rerun in each browser: its own state is still there (same replica, same session).
    for i, (_, tab) in enumerate(sessions):
        tab.locator(Z_RANGE).nth(1).focus()
        tab.keyboard.press("ArrowRight")
        settle(tab, ready=".js-plotly-plot")
        assert derivative_x_range(tab)[0] == pytest.approx(ranges[i][0], abs=0.6)
        expected = EXPLORER_ZH if i == 1 else EXPLORER_EN
        assert tab.locator("h1").first.inner_text() == expected
    screenshot(sessions[0][1], "classroom-session-0")

    served = upstreams_by_route(cluster)
    routes = [route_of(context) for context, _ in sessions]
    for route in routes:
        assert len(served[route]) == 1, served[route]  # every request of a browser: one replica

    # Stop the replica behind the first browser; new browsers land on the other one.
    victim = next(iter(served[routes[0]]))
    victim_index = [f"127.0.0.1:{p}" for p in cluster.replica_ports].index(victim)
    cluster.stop_replica(victim_index)
    survivor = f"127.0.0.1:{cluster.replica_ports[1 - victim_index]}"
    for _ in range(3):
        context, tab = open_explorer(browser, cluster)
        assert tab.locator("h1").first.inner_text() == EXPLORER_ZH
        assert tab.locator("[data-testid='stException']").count() == 0
        assert upstreams_by_route(cluster)[route_of(context)] == {survivor}
        context.close()
    error_log = (cluster.workdir / "error.log").read_text()
    assert "connect() failed" in error_log and victim in error_log
    for context, _ in sessions:
        context.close()
