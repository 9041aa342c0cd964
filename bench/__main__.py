"""``python -m bench [--repeats N] [--only NAME ...]``: run the entries, print the table."""

from __future__ import annotations

import argparse
import importlib
import os
import platform

import numpy as np

from bench import ENTRIES
from bench.common import Row, format_table, torch_or_none


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--repeats", type=int, default=5, help="timed repeats (median)")
    parser.add_argument("--only", nargs="*", default=None, help="entry module names to run")
    args = parser.parse_args(argv)
    torch = torch_or_none()
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, "
        f"torch {torch.__version__ if torch else 'not installed'}; {os.cpu_count()} CPUs; "
        f"medians of {args.repeats} alternating repeats"
    )
    print("load average at start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    rows: list[Row] = []
    for path in ENTRIES:
        if args.only and not any(path.endswith(o) for o in args.only):
            continue
        module = importlib.import_module(path)
        print(f"running {module.NAME} …", flush=True)
        rows += module.run(args.repeats)
    print("load average at end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print()
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
