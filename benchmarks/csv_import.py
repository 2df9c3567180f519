"""`away import programs` of 10,000 rows, each with an application deadline (so each makes
a program, an application and its first status), from process start to exit, on a new
database each round; beside `away --version`, the command's own start-up.

    python benchmarks/csv_import.py [ROUNDS]
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROWS = 10_000


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tracker", *args], check=True, capture_output=True, text=True
    )
    return time.perf_counter() - started


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "programs.csv"
        lines = [
            f"Fictional Program {n},Fictional Hospital {n},Springfield,IL,academic,"
            f"2027-{n % 12 + 1:02d}-{n % 28 + 1:02d}\n"
            for n in range(ROWS)
        ]
        source.write_text(
            "name,institution,city,state,kind,application deadline\n" + "".join(lines),
            encoding="utf-8",
        )
        imports, starts = [], []
        for n in range(rounds):
            db = Path(tmp) / f"away{n}.db"
            timed(["--db", str(db), "check"] if db.exists() else ["--db", str(db), "today"])
            starts.append(timed(["--version"]))
            imports.append(timed(["--db", str(db), "import", "programs", str(source)]))
    print(f"{ROWS:,} rows with deadlines, {rounds} rounds, medians:")
    print(f"  away import programs  {statistics.median(imports):.2f} s")
    print(f"  away --version        {statistics.median(starts):.2f} s (start-up alone)")


if __name__ == "__main__":
    main()
