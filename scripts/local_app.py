"""A real ``streamlit run app.py`` on loopback and Debian's Chromium to look at it.

Shared by the browser tests, the browser benchmarks and the replica cluster, so that all of
them start the app, wait for it and drive the browser the same way.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]
# Every Plotly chart on the page, in document order (ui/components/live_charts draws them all in the
# page itself).
PLOTS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))"""
# A fingerprint of every Plotly chart on the page: per chart, its axis types (a log toggle
# changes only these) and a hash of the x, y and z of every trace: nested and typed arrays and
# Plotly's base64 "bdata" text are hashed with their length and up to 512 evenly spaced
# entries each (a slider move changes a whole curve or map), numbers rounded to 6 decimals so
# float noise between identical runs cannot count. A few ms even on the heaviest page, so it
# can run on every animation frame without slowing what it watches.
CHART_DIGEST_JS = """() => {
  let h = 0, n = 0;
  const mix = x => { h = (h * 31 + x) % 1000000007; n += 1; };
  const stride = len => Math.max(1, Math.floor(len / 512));
  const walk = v => {
    if (v == null) return;
    if (typeof v === 'number') { mix(Number.isFinite(v) ? Math.round(v * 1e6) % 1000003 : 7); return; }
    if (typeof v === 'string') {
      mix(v.length);
      for (let i = 0, s = stride(v.length); i < v.length; i += s) mix(v.charCodeAt(i));
      return;
    }
    if (v.bdata !== undefined) { walk(v.bdata); return; }
    if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      mix(v.length);
      for (let i = 0, s = stride(v.length); i < v.length; i += s) walk(v[i]);
    }
  };
  return (PLOTS)().map(gd => {
    const L = gd._fullLayout || {};
    const axes = Object.keys(L).filter(k => /^[xy]axis\\d*$/.test(k)).sort()
      .map(k => k + ':' + L[k].type).join(',');
    h = 0; n = 0;
    for (const t of (gd._fullData || gd.data || [])) { walk(t.x); walk(t.y); walk(t.z); }
    return axes + '#' + n + '#' + h;
  }).join('|');
}""".replace("PLOTS", PLOTS_JS)
# Charts far from the screen are drawn only once scrolled near (ui/components/live_charts/live_charts.js marks
# their box data-drawn="later"): scroll each into view in turn until it is drawn, then back to
# where the page was, so that a test sees every chart a reader would on the way down. Charts
# in a closed expander are left as they are (drawn when it opens); nobody can see them.
DRAW_EVERY_CHART_JS = """async (timeoutMs) => {
  const main = document.querySelector("[data-testid='stMain']");
  const top = main ? main.scrollTop : 0;
  const deadline = performance.now() + timeoutMs;
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  const boxes = [...document.querySelectorAll(".qa-charts")];
  for (const [i, box] of boxes.entries()) {
    if (box.dataset.drawn === 'yes' || !box.checkVisibility()) continue;
    box.scrollIntoView({block: 'center'});
    while (box.isConnected && box.dataset.drawn !== 'yes') {
      if (performance.now() > deadline) {
        const r = box.getBoundingClientRect();
        throw new Error(`chart box ${i + 1} of ${boxes.length} on ${location.pathname} was ` +
          `scrolled to (${Math.round(r.top)}, ${Math.round(r.height)} px high) but is still ` +
          `data-drawn="${box.dataset.drawn}"`);
      }
      await frame();
    }
  }
  if (main) main.scrollTop = top;
}"""
# Whether some element matching a selector is shown (has a box, not hidden), where it may be.
VISIBLE_JS = "s => [...document.querySelectorAll(s)].some(e => e.checkVisibility())"
# Streamlit marks the app root with the script state; "notRunning" once a run has finished.
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# What the page is doing, for the message when it never gets back to IDLE.
STATE_JS = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  const status = document.querySelector("[data-testid='stStatusWidget']");
  return `script state ${app ? app.dataset.testScriptState : 'none'}, ` +
    `status widget ${status ? JSON.stringify(status.innerText) : 'none'}, ` +
    `${document.querySelectorAll("[data-testid='stException']").length} exceptions, ` +
    `${document.querySelectorAll("[data-stale='true']").length} stale elements`;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:
            return response.read() == b"ok"
    except OSError:
        return False


def wait_until(check, what: str, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.25)
    raise RuntimeError(f"timed out waiting for {what}")


def start_streamlit(port: int, log_path: Path, env: dict[str, str] | None = None):
    """``streamlit run app.py`` on 127.0.0.1:``port``, output to ``log_path``; returns the process.

    One OpenBLAS thread, as app.py also sets: many small products for many sessions. No file
    watcher: edits elsewhere in the tree must not reload modules in the middle of a test.
    """
    log = open(log_path, "w")  # noqa: SIM115 (lives as long as the process)
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1", **(env or {})},
    )  # fmt: skip


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def streamlit_server(log_path: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """A fresh server on a free port; yields its URL and process (for its pid)."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    port = free_port()
    process = start_streamlit(port, log_path)
    url = f"http://127.0.0.1:{port}"
    try:

        def up() -> bool:
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited with code {process.returncode}")
            return healthy(url)

        wait_until(up, f"streamlit at {url}", timeout=60)
        yield url, process
    finally:
        stop(process)


def chromium_path() -> str | None:
    """Debian's chromium if present (what CI installs); None lets Playwright use its own."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def settle(tab, ready: str | None = None, timeout_ms: int = 60_000) -> None:
    """Wait until the script run has finished and the page has drawn it (``ready`` if given),
    every chart included."""
    tab.wait_for_timeout(300)
    wait_idle(tab, timeout_ms)
    if ready:  # it may be a chart far below the screen, drawn only once scrolled to
        deadline = time.monotonic() + timeout_ms / 1e3
        while not tab.evaluate(VISIBLE_JS, ready):
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing matching {ready!r} was shown in {timeout_ms} ms")
            wait_idle(tab, timeout_ms)
            draw_every_chart(tab, timeout_ms)
            tab.wait_for_timeout(250)
    tab.wait_for_timeout(500)
    draw_every_chart(tab, timeout_ms)


def wait_idle(tab, timeout_ms: int = 60_000) -> None:
    """Until the script run has finished; on a timeout, say what the page is doing."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        tab.wait_for_selector(IDLE, timeout=timeout_ms)
    except PlaywrightTimeout as error:
        raise TimeoutError(f"{tab.url} never finished its run: {tab.evaluate(STATE_JS)}") from error


def draw_every_chart(tab, timeout_ms: int = 60_000) -> None:
    """Scroll every chart still waiting to be drawn into view until it is (DRAW_EVERY_CHART_JS)."""
    tab.evaluate(DRAW_EVERY_CHART_JS, timeout_ms)
