"""Run K replicas of the app on loopback behind Debian's nginx (sticky sessions, WebSockets).

    python -m scripts.serve_replicas --replicas 2 --port 8080     # until Ctrl-C

Everything listens on 127.0.0.1 and lives in a temporary directory; ``Cluster`` is also what the
classroom test and benchmark use. The replicas share one cookie secret, made fresh per cluster
and passed through the environment (never written to disk).
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from scripts.local_app import free_port, healthy, start_streamlit, stop, wait_until

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"


def nginx_binary() -> str:
    for candidate in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and Path(candidate).exists():
            return candidate
    raise FileNotFoundError("nginx not found: install Debian's package (apt-get install nginx)")


def render_config(ports: list[int], listen: int, prefix: Path) -> str:
    upstreams = "\n".join(
        f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in ports
    )
    return (
        TEMPLATE.read_text()
        .replace("@UPSTREAMS@", upstreams)
        .replace("@LISTEN@", f"127.0.0.1:{listen}")
        .replace("@PREFIX@", str(prefix))
    )


class Cluster:
    """K Streamlit replicas and one nginx in front, started and stopped together."""

    def __init__(self, replicas: int = 2, port: int | None = None) -> None:
        if not 1 <= replicas <= 16:
            raise ValueError(f"replicas must be in [1, 16], got {replicas!r}")
        self.n = replicas
        self.port = port or free_port()
        self.replica_ports = [free_port() for _ in range(replicas)]
        self.workdir = Path(tempfile.mkdtemp(prefix="qa-cluster-"))
        self.replicas: list[subprocess.Popen | None] = []
        self.nginx: subprocess.Popen | None = None
        self._secret = secrets.token_hex(32)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def replica_url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.replica_ports[i]}"

    def _start_replica(self, i: int) -> subprocess.Popen:
        return start_streamlit(
            self.replica_ports[i],
            self.workdir / f"replica-{i}.log",
            env={"STREAMLIT_SERVER_COOKIE_SECRET": self._secret},
        )

    def start(self) -> Cluster:
        self.replicas = [self._start_replica(i) for i in range(self.n)]
        for i in range(self.n):
            wait_until(lambda i=i: healthy(self.replica_url(i)), f"replica {i}")
        for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.workdir / sub).mkdir(exist_ok=True)
        config = self.workdir / "nginx.conf"
        config.write_text(render_config(self.replica_ports, self.port, self.workdir))
        self.nginx = subprocess.Popen(
            [nginx_binary(), "-p", str(self.workdir), "-c", str(config), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=open(self.workdir / "nginx.stderr", "w"),  # noqa: SIM115
        )
        wait_until(lambda: healthy(self.url), "nginx")
        return self

    def stop_replica(self, i: int) -> None:
        """Stop one replica (as a crash or a rolling update would)."""
        process = self.replicas[i]
        if process is not None:
            stop(process)
            self.replicas[i] = None

    def replica_pids(self) -> list[int | None]:
        return [p.pid if p else None for p in self.replicas]

    def stop(self) -> None:
        if self.nginx is not None:
            self.nginx.send_signal(signal.SIGQUIT)
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
            self.nginx = None
        for i in range(len(self.replicas)):
            self.stop_replica(i)
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> Cluster:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.serve_replicas", description=__doc__)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args(argv)
    with Cluster(args.replicas, args.port) as cluster:
        print(f"{args.replicas} replicas behind nginx at {cluster.url} (Ctrl-C stops)", flush=True)
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
