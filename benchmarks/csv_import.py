"""`away import programs` of 10,000 rows, each with an application deadline (so each makes
a program, an application and its first status), from process start to exit, on a new
database each round; beside `away --version`, the command's own start-up; with
--baseline, Away at git REV too, in the same run, interleaved.

    python benchmarks/csv_import.py [ROUNDS] [--baseline REV]
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from versions import away, versions

ROWS = 10_000
ARGS = [arg for arg in sys.argv[1:] if arg.isdigit()]
ROUNDS = int(ARGS[0]) if ARGS else 5


def timed(tree: Path, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run(away(tree, *args), cwd=tree, check=True, capture_output=True, text=True)
    return time.perf_counter() - started


def main() -> None:
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
        trees = versions(sys.argv, Path(tmp))
        imports: dict[str, list[float]] = {version: [] for version in trees}
        starts: dict[str, list[float]] = {version: [] for version in trees}
        for n in range(ROUNDS):
            for version, tree in trees.items():
                db = Path(tmp) / f"away-{n}-{len(imports[version])}-{version[:7]}.db"
                timed(tree, "--db", str(db), "today")  # a new file, made and migrated
                starts[version].append(timed(tree, "--version"))
                imports[version].append(
                    timed(tree, "--db", str(db), "import", "programs", str(source))
                )
    print(f"{ROWS:,} rows with deadlines, {ROUNDS} rounds, medians, seconds:")
    print(f"{'':<24}" + "".join(f"{version[:10]:>12}" for version in trees))
    for label, figures in (("away import programs", imports), ("away --version", starts)):
        print(f"{label:<24}" + "".join(f"{statistics.median(figures[v]):>12.2f}" for v in trees))


if __name__ == "__main__":
    main()
