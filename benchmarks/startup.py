"""Time to first paint: Away on the demo database beside a minimal Textual app.

Each run is a fresh interpreter (imports included), measured from spawn to the first
completed refresh; runs alternate between the two apps. Prints medians and the ratio.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 9
CHILD = Path(__file__).with_name("first_paint.py")
# As on a user's machine: Python caches compiled modules. (Some shells here set
# PYTHONDONTWRITEBYTECODE, which would recompile Away's modules on every start.)
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def first_paint_ms(*args: str) -> float:
    start = time.time()
    result = subprocess.run(
        [sys.executable, str(CHILD), *args], capture_output=True, text=True, check=True, env=ENV
    )
    painted = float(result.stdout.strip().splitlines()[-1])
    return (painted - start) * 1000


def main() -> None:
    from tracker.services.demo import write_demo

    with tempfile.TemporaryDirectory() as tmp:
        db = write_demo(Path(tmp) / "demo.db")
        first_paint_ms("away", str(db))  # warm the file cache and write the bytecode once
        first_paint_ms("minimal")
        minimal, away = [], []
        for _ in range(RUNS):
            minimal.append(first_paint_ms("minimal"))
            away.append(first_paint_ms("away", str(db)))
    rows = [("minimal Textual app", minimal), ("away on the demo database", away)]
    print(f"time to first paint, median of {RUNS} runs (min - max), ms")
    print(f"{'app':<28}{'median':>10}{'min':>10}{'max':>10}")
    for name, values in rows:
        print(
            f"{name:<28}{statistics.median(values):>10.0f}{min(values):>10.0f}{max(values):>10.0f}"
        )
    print(f"ratio away / minimal: {statistics.median(away) / statistics.median(minimal):.2f}x")


if __name__ == "__main__":
    main()
