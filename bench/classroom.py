"""Classroom probe — how many students a replica holds (issue #12).

Simulated students (bench.student: Streamlit's WebSocket protocol, no browser) sit on the
activation explorer and move its z-range slider, each after a random pause of 0.5–1.5 × THINK_S.
The class grows level by level until the median slider-to-redraw time on the server passes
500 ms. First against one replica directly, then against two replicas behind Debian's nginx
(sticky sessions by cookie, as in deploy/). Students and servers share this machine's cores, so
the figures are a floor for a machine that only serves.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time

from bench.common import Row
from bench.student import Student
from scripts.local_app import ROOT, streamlit_server
from scripts.serve_replicas import Cluster

NAME = "classroom: students per replica before a redraw passes 500 ms"
PAGE, SLIDER = "activations", "Range of z"
THINK_S = 2.0
LIMIT_S = 0.5
LEVELS = (1, 2, 4, 6, 8, 12, 16, 24, 32, 48, 64)
WINDOW_S = 12.0


async def one_level(url: str, n: int, tag: str) -> list[float]:
    """n students join (staggered, as a class does), then move the slider for WINDOW_S."""
    rng = random.Random(n)
    students = [Student(url, PAGE, route=f"{tag}-{n}-{i}") for i in range(n)]
    for student in students:
        await student.connect()
    latencies: list[float] = []

    async def act(student: Student) -> None:
        end = time.perf_counter() + WINDOW_S
        step = 0.5
        while time.perf_counter() < end:
            await asyncio.sleep(rng.uniform(0.5, 1.5) * THINK_S)
            latencies.append(await student.move_slider(SLIDER, step))
            step = -step

    try:
        await asyncio.gather(*(act(s) for s in students))
    finally:
        await asyncio.gather(*(s.close() for s in students))
    return latencies


async def capacity(url: str, tag: str) -> tuple[int, list[str]]:
    """The largest class whose median redraw stays within LIMIT_S, and each level's figures."""
    held, notes = 0, []
    for n in LEVELS:
        latencies = await one_level(url, n, tag)
        median = statistics.median(latencies)
        p90 = statistics.quantiles(latencies, n=10)[-1] if len(latencies) > 1 else median
        notes.append(f"{n}: {median * 1e3:.0f}/{p90 * 1e3:.0f} ms")
        if median > LIMIT_S:
            break
        held = n
    return held, notes


def run(repeats: int) -> list[Row]:
    del repeats  # each level is many redraws already
    log = ROOT / "artifacts" / "bench" / "classroom-replica.log"
    with streamlit_server(log) as (url, _process):
        one, one_notes = asyncio.run(capacity(url, "solo"))
    with Cluster(replicas=2) as cluster:
        two, two_notes = asyncio.run(capacity(cluster.url, "pair"))
    per_core = two / 2
    return [
        Row(
            "students held by 1 replica [students]",
            one,
            unit="students",
            notes=(
                f"median/p90 redraw per class size: {', '.join(one_notes)}",
                f"each student moves a slider every {THINK_S:g} s on average",
            ),
        ),
        Row(
            "students held by 2 replicas behind nginx [students]",
            two,
            unit="students",
            notes=(
                f"median/p90 redraw per class size: {', '.join(two_notes)}",
                f"≈ {per_core:g} students per core on this machine; a class of 200 needs "
                f"≈ {200 / max(per_core, 1):.0f} cores (replicas), the CPU of the redraws is "
                "the limit (memory is not: see the browser sessions entry)",
            ),
        ),
    ]
