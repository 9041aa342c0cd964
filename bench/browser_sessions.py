"""Browser probe — server memory and a load of 10 concurrent learners (issue #11).

Memory: the server's resident set (VmRSS) after one session has visited every page through the
sidebar, then with 10 such sessions open at once (they visit one after another); the increase per extra session is the
difference over 9. Target: ≤ 400 MB in total with 10 sessions.

Load: 10 browser contexts at once each open the playground from a shared URL with its own seed
and press "+50 epochs". Every one must finish without an exception, and its loss curve must be
exactly the one this process computes for its seed with the same engine — a session that saw
another's state (or its data) would show someone else's numbers.
"""

from __future__ import annotations

import asyncio
import dataclasses
import statistics
import time
from pathlib import Path

import numpy as np

from bench.browser import PAGES, RENDERED_JS, VIEWPORT
from bench.common import Row
from qa_core.labs import playground as pg
from qa_core.labs.playground.session import LiveRun
from scripts.local_app import CHROMIUM_ARGS, IDLE, ROOT, chromium_path, streamlit_server

NAME = "browser: server memory and 10 concurrent sessions"
SESSIONS = 10
MEMORY_LIMIT_MB = 400.0
FAST_FORWARD = 50  # the playground's "+50 epochs" button
LOSS_TITLE = "Training and test loss"
TIMEOUT_MS = 300_000

# The train-loss curve of the playground's loss chart (decoded by Plotly into _fullData).
LOSS_JS = """(title) => {
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    const text = gd._fullLayout && gd._fullLayout.title && gd._fullLayout.title.text;
    if (text && text.includes(title)) return Array.from(gd._fullData[0].y);
  }
  return null;
}"""


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


async def drawn(tab) -> None:
    await tab.wait_for_timeout(300)
    await tab.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
    await tab.evaluate(RENDERED_JS)


async def visit_every_page(browser, url: str):
    """A learner who opens the app and clicks through every page; the context stays open."""
    context = await browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)  # ten Chromium tabs share two cores with the server
    tab = await context.new_page()
    await tab.goto(f"{url}/?lang=en")
    await drawn(tab)
    for i in range(1, len(PAGES)):
        await tab.locator("[data-testid='stSidebarNavLink']").nth(i).click()
        await drawn(tab)
    if await tab.locator("[data-testid='stException']").count():
        raise RuntimeError("a page showed an exception")
    return context


def expected_losses(seed: int) -> np.ndarray:
    live = LiveRun(dataclasses.replace(pg.DEFAULT, seed=seed))
    live.step(FAST_FORWARD)
    return live.history()["train_loss"].to_numpy(dtype=float)


async def train_one(browser, url: str, seed: int) -> tuple[float, int]:
    """Seconds from opening the shared URL to the trained curve, and the epochs shown."""
    state = dataclasses.replace(pg.DEFAULT, seed=seed)
    query = "&".join(f"{k}={v}" for k, v in pg.encode(state).items())
    context = await browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        tab = await context.new_page()
        start = time.perf_counter()
        await tab.goto(f"{url}/playground?lang=en&{query}")
        await drawn(tab)
        await tab.locator("[data-testid='stMain'] button", has_text="+50 epochs").first.click()
        await tab.wait_for_function(
            "([js, title, n]) => { const y = eval(js)(title); return y && y.length > n; }",
            arg=[LOSS_JS, LOSS_TITLE, FAST_FORWARD],
            timeout=TIMEOUT_MS,
        )
        await drawn(tab)
        elapsed = time.perf_counter() - start
        shown = np.array(await tab.evaluate(LOSS_JS, LOSS_TITLE), dtype=float)
        if await tab.locator("[data-testid='stException']").count():
            raise RuntimeError(f"seed {seed}: the page showed an exception")
    finally:
        await context.close()
    expected = expected_losses(seed)
    if shown.shape != expected.shape or not np.allclose(shown, expected, rtol=1e-9, atol=0):
        raise AssertionError(f"seed {seed}: the page's losses are not this seed's: {shown[-3:]}")
    return elapsed, len(shown) - 1


async def measure(url: str, pid: int) -> list[Row]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        rss_start = rss_mb(pid)
        first = await visit_every_page(browser, url)
        rss_one = rss_mb(pid)
        # One after another (each stays open): ten tabs drawing at once on two cores would
        # measure Chromium, not the server's memory.
        others = [await visit_every_page(browser, url) for _ in range(SESSIONS - 1)]
        rss_all = rss_mb(pid)
        for context in (first, *others):
            await context.close()
        start = time.perf_counter()
        results = await asyncio.gather(
            *(train_one(browser, url, seed) for seed in range(1, SESSIONS + 1)),
            return_exceptions=True,
        )
        wall = time.perf_counter() - start
        await browser.close()
    failures = [r for r in results if isinstance(r, BaseException)]
    times = [r[0] for r in results if not isinstance(r, BaseException)]
    per_extra = (rss_all - rss_one) / (SESSIONS - 1)
    memory = Row(
        f"server RSS with {SESSIONS} sessions [MB]",
        rss_all,
        limit_s=MEMORY_LIMIT_MB,
        unit="MB",
        notes=(
            f"at start {rss_start:.0f} MB; after one session visited every page "
            f"{rss_one:.0f} MB; +{per_extra:.1f} MB per extra session",
        ),
    )
    load = Row(
        f"{SESSIONS} concurrent playground runs (+{FAST_FORWARD} epochs each), wall",
        wall,
        ok=not failures,
        notes=(
            f"{len(times)}/{SESSIONS} finished with their own seed's exact losses; "
            + (
                f"median {statistics.median(times):.1f} s, max {max(times):.1f} s; "
                if times
                else ""
            )
            + (
                f"failures: {'; '.join(str(f)[:120] for f in failures)}"
                if failures
                else "none failed"
            ),
        ),
    )
    return [memory, load]


def run(repeats: int) -> list[Row]:
    del repeats  # one pass: ten sessions are the repeats
    log = ROOT / "artifacts" / "bench" / "browser_sessions.log"
    with streamlit_server(log) as (url, process):
        return asyncio.run(measure(url, process.pid))
