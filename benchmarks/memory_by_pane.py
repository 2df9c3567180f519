"""Where the memory goes, pane by pane: the app headless (Pilot) on a demo database,
tracemalloc snapshots after start-up and after each pane's first visit; prints each
step's new allocations and the five places that made most of them.

    python benchmarks/memory_by_pane.py [SCALE]   (1: the demo, 100: years of data)

A finding tool for docs/PERFORMANCE.md, not a test: it asserts nothing.
"""

import asyncio
import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker.services.demo import story_day, write_demo  # noqa: E402
from tracker.ui.app import make_app  # noqa: E402
from tracker.ui.panes import PANES  # noqa: E402


def top(after: tracemalloc.Snapshot, before: tracemalloc.Snapshot) -> str:
    stats = after.compare_to(before, "filename")
    total = sum(stat.size_diff for stat in stats) / 2**20
    places = ", ".join(
        f"{Path(stat.traceback[0].filename).name} {stat.size_diff / 2**20:.1f}"
        for stat in stats[:5]
    )
    return f"{total:6.1f} MB  ({places})"


async def walk(path: Path) -> None:
    import pendulum

    day = story_day(pendulum.today().date())
    tracemalloc.start(1)
    base = tracemalloc.take_snapshot()
    app = make_app(path, day)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(1.0)
        shot = tracemalloc.take_snapshot()
        print(f"{'start-up and Today':<28}{top(shot, base)}")
        for key, pane in enumerate(PANES[1:], start=2):
            await pilot.press(str(key))
            await pilot.pause(0.5)
            after = tracemalloc.take_snapshot()
            print(f"{pane.title:<28}{top(after, shot)}")
            shot = after
        current, peak = tracemalloc.get_traced_memory()
        print(f"{'traced now / peak':<28}{current / 2**20:6.1f} / {peak / 2**20:.1f} MB")


def main() -> None:
    scale = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    with tempfile.TemporaryDirectory() as tmp:
        import pendulum

        path = write_demo(Path(tmp) / "demo.db", story_day(pendulum.today().date()), scale)
        print(f"Python allocations by pane, demo x{scale}")
        asyncio.run(walk(path))


if __name__ == "__main__":
    main()
