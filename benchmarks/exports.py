"""How long each export takes on the 100x demo: `python benchmarks/exports.py [ROUNDS]`.

Times the whole command (process start to file written), median of ROUNDS, beside
`away --version` started the same way. Prints figures; asserts nothing.
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pendulum

from tracker.services.demo import write_demo

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tracker", *args], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = write_demo(Path(tmp) / "demo100.db", pendulum.today().date(), scale=100)
        base = statistics.median(timed(["--version"]) for _ in range(ROUNDS))
        print(f"exports of the 100x demo, whole command, median of {ROUNDS}")
        print(f"{'away --version':<16}{base:>8.2f} s")
        for form in ("md", "html", "pdf", "json", "csv", "ics"):
            runs = [
                timed(
                    [
                        "--db",
                        str(db),
                        "export",
                        "--format",
                        form,
                        "--force",
                        "--out",
                        str(Path(tmp) / f"out.{form}"),
                    ]
                )
                for _ in range(ROUNDS)
            ]
            print(f"{'export ' + form:<16}{statistics.median(runs):>8.2f} s")


if __name__ == "__main__":
    main()
