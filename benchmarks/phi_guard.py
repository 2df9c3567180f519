"""The PHI guard's recall and false alarms on its labelled sets, and its speed.

    python benchmarks/phi_guard.py            figures for every set
    python benchmarks/phi_guard.py --misses   also the dev lines it gets wrong

The held-out set (tests/domain/phi/heldout.tsv) is only ever counted: its lines are
never printed, so they cannot be tuned to.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.domain.phi_sets import SETS, labelled  # noqa: E402
from tracker.domain.phi import find_phi  # noqa: E402


def main() -> None:
    show = "--misses" in sys.argv
    started = time.perf_counter()
    find_phi("warm up: Mr. Okafor")  # the name lists load once, on first use
    print(f"first call (loads the name lists): {1000 * (time.perf_counter() - started):.0f} ms")
    print(f"{'set':<12}{'lines':>7}{'recall':>9}{'false alarms':>14}{'ms/line':>9}")
    for name in SETS:
        rows = labelled(name)
        started = time.perf_counter()
        verdicts = [(label, text, bool(find_phi(text))) for label, text in rows]
        per_line = 1000 * (time.perf_counter() - started) / len(rows)
        phi = [v for v in verdicts if v[0] == "phi"]
        clean = [v for v in verdicts if v[0] == "clean"]
        recall = sum(v[2] for v in phi) / len(phi)
        alarms = sum(v[2] for v in clean) / len(clean)
        print(f"{name:<12}{len(rows):>7}{recall:>9.3f}{alarms:>14.3f}{per_line:>9.2f}")
        if show and name != "heldout":
            for label, text, flagged in verdicts:
                if (label == "phi") != flagged:
                    print(f"   {label:<6}{text}")


if __name__ == "__main__":
    main()
