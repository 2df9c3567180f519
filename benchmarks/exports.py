"""How long each export takes on the 100x demo:

    python benchmarks/exports.py [ROUNDS] [--baseline REV]

Times the whole command (process start to file written), median of ROUNDS, beside
`away --version` started the same way; with --baseline, Away at git REV too, in the same
run, interleaved. Prints figures; asserts nothing.
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pendulum
from versions import away, versions

from tracker.services.demo import write_demo

ARGS = [arg for arg in sys.argv[1:] if arg.isdigit()]
ROUNDS = int(ARGS[0]) if ARGS else 5
FORMATS = ("md", "html", "pdf", "json", "csv", "ics")


def timed(tree: Path, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run(away(tree, *args), cwd=tree, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = write_demo(Path(tmp) / "demo100.db", pendulum.today().date(), scale=100)
        trees = versions(sys.argv, Path(tmp))
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(ROUNDS):
            for version, tree in trees.items():
                times.setdefault((version, "--version"), []).append(timed(tree, "--version"))
                for form in FORMATS:
                    out = str(Path(tmp) / f"out.{'zip' if form == 'csv' else form}")
                    command = ["--db", str(db), "export", "--format", form, "--force"]
                    times.setdefault((version, form), []).append(
                        timed(tree, *command, "--out", out)
                    )
    print(f"exports of the 100x demo, whole command, seconds, median of {ROUNDS}")
    print(f"{'':<16}" + "".join(f"{version[:10]:>12}" for version in trees))
    for name in ("--version", *FORMATS):
        label = "away --version" if name == "--version" else f"export {name}"
        cells = "".join(f"{statistics.median(times[v, name]):>12.2f}" for v in trees)
        print(f"{label:<16}{cells}")


if __name__ == "__main__":
    main()
