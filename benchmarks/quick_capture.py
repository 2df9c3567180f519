"""`away log` from process start to exit, beside `python -c "import sqlite_utils, pendulum,
click"` (the bar the Journal issue sets), interleaved, median of ROUNDS. Asserts nothing.

Usage: python benchmarks/quick_capture.py [ROUNDS]
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 9
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def run_ms(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, capture_output=True, env=ENV)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "away.db"
        subprocess.run(
            [sys.executable, "-m", "tracker", "demo", str(db)],
            check=True,
            capture_output=True,
            env=ENV,
        )
        bar = ["-c", "import sqlite_utils, pendulum, click"]
        log = ["-m", "tracker", "--db", str(db), "log", "Suction checked before induction"]
        run_ms(*bar), run_ms(*log)  # bytecode and file cache, once
        bars, logs = [], []
        for _ in range(ROUNDS):
            bars.append(run_ms(*bar))
            logs.append(run_ms(*log))
    bar_ms, log_ms = statistics.median(bars), statistics.median(logs)
    print(
        f"away log, median of {ROUNDS}: {log_ms:.0f} ms; import sqlite_utils, pendulum, "
        f"click: {bar_ms:.0f} ms; ratio {log_ms / bar_ms:.2f}x"
    )


if __name__ == "__main__":
    main()
