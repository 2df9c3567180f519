"""The PHI guard's recall and false alarms on its labelled sets, and its speed.

    python benchmarks/phi_guard.py            figures for every set
    python benchmarks/phi_guard.py --misses   also the dev lines it gets wrong
    python benchmarks/phi_guard.py --baseline REV
                                              also the guard as it was at git REV

The held-out set (tests/domain/phi/heldout.tsv) is only ever counted: its lines are
never printed, so they cannot be tuned to.
"""

import importlib.util
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.domain.phi_sets import SETS, labelled  # noqa: E402
from tracker.domain.phi import find_phi  # noqa: E402


def guard_at(revision: str) -> Callable[[str], list[object]]:
    """find_phi as tracker/domain/phi.py was at a git revision (a module of its own)."""
    source = subprocess.run(
        ["git", "show", f"{revision}:tracker/domain/phi.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "phi_baseline.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("phi_baseline", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.find_phi  # type: ignore[no-any-return]


def figures(guard: Callable[[str], list[object]], name: str) -> tuple[int, float, float, float]:
    rows = labelled(name)
    started = time.perf_counter()
    verdicts = [(label, bool(guard(text))) for label, text in rows]
    per_line = 1000 * (time.perf_counter() - started) / len(rows)
    phi = [flagged for label, flagged in verdicts if label == "phi"]
    clean = [flagged for label, flagged in verdicts if label == "clean"]
    return len(rows), sum(phi) / len(phi), sum(clean) / len(clean), per_line


def main() -> None:
    show = "--misses" in sys.argv
    guards: list[tuple[str, Callable[[str], list[object]]]] = [("now", find_phi)]
    if "--baseline" in sys.argv:
        revision = sys.argv[sys.argv.index("--baseline") + 1]
        guards.append((revision[:10], guard_at(revision)))
    started = time.perf_counter()
    find_phi("warm up: Mr. Okafor")  # the name lists load once, on first use
    print(f"first call (loads the name lists): {1000 * (time.perf_counter() - started):.0f} ms")
    print(f"{'guard':<12}{'set':<12}{'lines':>7}{'recall':>9}{'false alarms':>14}{'ms/line':>9}")
    for name in SETS:
        for label, guard in guards:
            lines, recall, alarms, per_line = figures(guard, name)
            print(f"{label:<12}{name:<12}{lines:>7}{recall:>9.3f}{alarms:>14.3f}{per_line:>9.2f}")
        if show and name != "heldout":
            for label, text in labelled(name):
                if (label == "phi") != bool(find_phi(text)):
                    print(f"   {label:<6}{text}")


if __name__ == "__main__":
    main()
