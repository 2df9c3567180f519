"""What the user waits for, in a real terminal: `make bench`.

Each app runs in tmux (120x40); the screen is read with `tmux capture-pane` every few
milliseconds. Start-up is timed from process start until the user's own data is on the
screen (Today: their name and the first line of their agenda), beside a minimal Textual
app (a header, a label, a footer) started the same way, interleaved, median of ROUNDS.
Keys are timed from `tmux send-keys` until the screen shows the result. Memory is the
app's resident set after every pane has been shown.

Usage: python benchmarks/terminal.py [ROUNDS] [--baseline REV] [--paint-only]
ROUNDS of start-up (default 9) and ROUNDS // 2 (at least 3) walks through the keys, on
the demo (1x), 10x and 100x its data, so growth shows; with --baseline, Away as it was
at git REV is measured in the same run, interleaved, and each walk's times are also
given as ratios to the baseline's in the same round; --paint-only times the start-up
alone. Prints tables; asserts nothing.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pendulum
from versions import ROOT, away, versions

from tracker.services.demo import story_day, write_demo

ARGS = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
ROUNDS = int(ARGS[0]) if ARGS and ARGS[0].isdigit() else 9
KEY_ROUNDS = 0 if "--paint-only" in sys.argv else max(3, ROUNDS // 2)  # each in a new process
SIZE = ("120", "40")
# Each look at the screen is a tmux process: looking every 2 ms took most of a core
# from the app measured (2 cores here). 5 ms keeps the error under 5 ms.
POLL_S = 0.005
MINIMAL = Path(__file__).with_name("minimal_app.py")
PYTHON = sys.executable
# As on a user's machine: Python caches compiled modules.
NO_BYTECODE_BAN = ["env", "-u", "PYTHONDONTWRITEBYTECODE"]


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def screen(session: str, colours: bool = False) -> str:
    """The text on screen; with colours, its escape sequences too (a cursor moved down a
    table changes only the colours of two rows)."""
    return tmux("capture-pane", "-p", *(["-e"] if colours else []), "-t", session)


def wait_for(
    session: str,
    ready: Callable[[str], bool],
    limit_s: float = 30,
    what: str = "",
    colours: bool = False,
) -> float:
    """Seconds from now until ready(screen) holds."""
    start = time.perf_counter()
    while not ready(text := screen(session, colours)):
        if time.perf_counter() - start > limit_s:
            raise TimeoutError(f"{what or session}: the screen never got ready:\n{text}")
        time.sleep(POLL_S)
    return time.perf_counter() - start


def start(session: str, command: list[str], tree: Path = ROOT) -> float:
    """Start command in a new tmux session, in tree; returns the moment it was started."""
    line = " ".join(f"'{part}'" for part in [*NO_BYTECODE_BAN, *command])
    started = time.perf_counter()
    size = ["-x", SIZE[0], "-y", SIZE[1]]
    tmux("new-session", "-d", "-s", session, *size, "-c", str(tree), f"exec {line}")
    return started


def stop(session: str) -> None:
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    # kill-session returns before the session is gone: the next start reuses the name.
    for _ in range(500):
        gone = subprocess.run(["tmux", "has-session", "-t", session], capture_output=True)
        if gone.returncode != 0:
            return
        time.sleep(0.01)


def contains(*markers: str) -> Callable[[str], bool]:
    return lambda text: all(marker in text for marker in markers)


def first_paint(
    session: str, command: list[str], ready: Callable[[str], bool], tree: Path = ROOT
) -> float:
    started = start(session, command, tree)
    try:
        wait_for(session, ready)
        return (time.perf_counter() - started) * 1000
    finally:
        stop(session)


# The demo's story day (mid-block, inside R6's window): Away is timed as of that day.
DAY = story_day(pendulum.today().date())


def away_command(db: Path, tree: Path = ROOT) -> list[str]:
    """Away from the source tree at tree (this checkout, or a baseline's)."""
    return away(tree, "--db", str(db), "--today", str(DAY))


# Today: the user's name and an agenda line, the first things Away shows of their data.
TODAY_READY = contains("Fernández Okafor", "overdue")
# key, what the screen shows once the key has done its work
Key = tuple[str, str, Callable[[str], bool] | None]
KEYS: list[Key] = [
    ("first visit of Applications", "2", contains("Programs by fit (", "strong")),
    ("first visit of Checklists", "3", contains("Status", "items done")),
    ("first visit of Housing & Budget", "4", contains("University guest residence")),
    ("first visit of Journal", "5", contains("Learning points", "2026")),
    ("first visit of Letters", "6", contains("Follow-ups", "candidate")),
    ("first visit of ERAS", "7", contains("Experiences", "MyERAS")),
    ("later visit of Applications", "2", contains("Programs by fit (", "strong")),
    ("later visit of Checklists", "3", contains("Status", "items done")),
    ("cursor down (Checklists)", "Down", None),
    ("open a form (new application)", "2 n", contains("New application", "Block starts")),
    ("close the form", "Escape", lambda text: "Block starts" not in text),
    ("Journal: next day in the list", "5 Down", None),
    ("Journal: previous day ([)", "[", None),
    ("Journal: a letter typed in the day", "w x", None),
    ("filter keystroke (Applications)", "Escape 2 / x", None),
]


def rss_mb(session: str) -> float:
    pid = tmux("list-panes", "-t", session, "-F", "#{pane_pid}").split()[0]
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# A user reads Today before moving on: Away builds the other panes meanwhile, while no
# key is pressed. The walk above starts at once (every first visit cold); this one
# visits each pane after this long on Today.
READ_TODAY_S = 2.0
# Long enough for the warm-up, after which Away writes its start-up caches.
SETTLE_S = 2.0
FIRST_VISITS = [key for key in KEYS if key[0].startswith("first visit")]


def key_times(
    db: Path, session: str, tree: Path, keys: list[Key] = KEYS, read_today_s: float = 0
) -> tuple[dict[str, float], float]:
    """One run through keys; returns ms per step and the memory at the end."""
    start(session, away_command(db, tree), tree)
    try:
        wait_for(session, TODAY_READY)
        time.sleep(read_today_s)
        times = {}
        for name, keys_sent, ready in keys:
            colours = ready is None  # "any change": colours count (a table's cursor)
            before = screen(session, colours)
            *first_keys, last = keys_sent.split()
            for key in first_keys:
                tmux("send-keys", "-t", session, key)
                time.sleep(0.3)
                before = screen(session, colours)
            check = ready or (lambda text, before=before: text != before)
            sent = time.perf_counter()
            tmux("send-keys", "-t", session, last)
            wait_for(session, check, what=name, colours=colours)
            times[name] = (time.perf_counter() - sent) * 1000
            time.sleep(0.2)  # let the app settle before the next key
        return times, rss_mb(session)
    finally:
        stop(session)


def minimal_memory(session: str) -> float:
    start(session, [PYTHON, str(MINIMAL)])
    try:
        wait_for(session, contains("Hello"))
        time.sleep(0.3)
        return rss_mb(session)
    finally:
        stop(session)


WIDTH = 40
# A column holds "e52cd70 100x": a baseline's short hash and the scale.
COLUMN = 13


def line(name: str, values: list[float], form: str = ".0f") -> None:
    print(f"{name:<{WIDTH}}" + "".join(f"{value:>{COLUMN}{form}}" for value in values))


def print_paints(
    runs: list[tuple[str, str]], paints: dict[tuple[str, str], list[float]], minimal: float
) -> None:
    if not KEY_ROUNDS:
        print(
            f"Away's first paint in tmux {SIZE[0]}x{SIZE[1]}, medians of {ROUNDS}; the "
            f"minimal Textual app: {minimal:.0f} ms"
        )
    print(f"{'measure':<{WIDTH}}" + "".join(f"{f'{v[:7]} {s}':>{COLUMN}}" for v, s in runs))
    paint = [statistics.median(paints[run]) for run in runs]
    line("first paint with the user data, ms", paint)
    line("  x minimal app", [value / minimal for value in paint], ".2f")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = {
            f"{scale}x": write_demo(Path(tmp) / f"demo{scale}.db", DAY, scale=scale)
            for scale in (1, 10, 100)
        }
        trees = versions(sys.argv, Path(tmp))
        runs = [(version, label) for version in trees for label in files]
        session = f"bench{os.getpid()}"
        # Warm the file cache and write the bytecode once; Away is left open until its
        # start-up caches are written (a user's start is never their first).
        first_paint(session, [PYTHON, str(MINIMAL)], contains("Hello"))
        for tree in trees.values():
            for db in files.values():
                start(session, away_command(db, tree), tree)
                wait_for(session, TODAY_READY)
                time.sleep(SETTLE_S)
                stop(session)
        paints: dict[tuple[str, str], list[float]] = {run: [] for run in runs}
        minimal_paints = []
        for _ in range(ROUNDS):
            minimal_paints.append(first_paint(session, [PYTHON, str(MINIMAL)], contains("Hello")))
            for version, label in runs:
                tree = trees[version]
                command = away_command(files[label], tree)
                paints[version, label].append(first_paint(session, command, TODAY_READY, tree))
        keys: dict[tuple[str, str], dict[str, list[float]]] = {run: {} for run in runs}
        memory: dict[tuple[str, str], list[float]] = {run: [] for run in runs}
        for _ in range(KEY_ROUNDS):
            for version, label in runs:
                times, rss = key_times(files[label], session, trees[version])
                memory[version, label].append(rss)
                read_first, _ = key_times(
                    files[label], session, trees[version], FIRST_VISITS, READ_TODAY_S
                )
                times |= {f"{name} after Today": ms for name, ms in read_first.items()}
                for name, ms in times.items():
                    keys[version, label].setdefault(name, []).append(ms)
        if not KEY_ROUNDS:
            print_paints(runs, paints, statistics.median(minimal_paints))
            return
        base_memory = statistics.median(minimal_memory(session) for _ in range(3))

    minimal = statistics.median(minimal_paints)
    print(
        f"Away in a real terminal (tmux {SIZE[0]}x{SIZE[1]}), medians; {ROUNDS} rounds of "
        f"start-up, {KEY_ROUNDS} of keys; the minimal Textual app: first paint "
        f"{minimal:.0f} ms, {base_memory:.0f} MB"
    )
    print_paints(runs, paints, minimal)
    for name, _, _ in KEYS:
        line(f"{name}, ms", [statistics.median(keys[run][name]) for run in runs])
    print(f"after {READ_TODAY_S:.0f} s on Today (the user reads it; Away builds the panes):")
    for name, _, _ in FIRST_VISITS:
        line(f"{name}, ms", [statistics.median(keys[run][f"{name} after Today"]) for run in runs])
    rss = [statistics.median(memory[run]) for run in runs]
    line("memory after all panes, MB", rss)
    line("  x minimal app", [value / base_memory for value in rss], ".2f")
    if len(trees) > 1:
        print_paired(keys, list(trees), list(files))


def print_paired(
    keys: dict[tuple[str, str], dict[str, list[float]]], versions: list[str], labels: list[str]
) -> None:
    """Each walk's time now over the baseline's in the same round, median of the rounds:
    the machine's speed moves between rounds (up to 1.5x here), less within one."""
    now, before = versions[0], versions[1]
    print(f"now / {before[:7]}, paired by round (median of the ratios):")
    print(f"{'measure':<{WIDTH}}" + "".join(f"{label:>{COLUMN}}" for label in labels))
    for name in keys[now, labels[0]]:
        ratios = [
            statistics.median(
                mine / theirs
                for mine, theirs in zip(
                    keys[now, label][name], keys[before, label][name], strict=True
                )
            )
            for label in labels
        ]
        line(name, ratios, ".2f")


if __name__ == "__main__":
    main()
