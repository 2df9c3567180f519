"""Applications pane: first show, filter reload and opening the application form,
at demo size and with 10,000 extra programs. Prints medians of several runs."""

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import pendulum

from tracker.domain.programs import Program
from tracker.services.demo import write_demo
from tracker.store.db import open_db
from tracker.store.programs import import_programs
from tracker.ui.app import make_app
from tracker.ui.modals.form import FormScreen

DAY = pendulum.date(2026, 7, 15)
RUNS = 5


async def until(condition, limit_s: float = 30.0) -> float:
    """Seconds until condition() holds, polling the event loop every millisecond."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > limit_s:
            raise TimeoutError
        await asyncio.sleep(0.001)
    return time.perf_counter() - start


async def measure(db_path: Path) -> dict[str, float]:
    # Timed from the action to the moment the work is done, not with Pilot's press(),
    # which adds its own waits.
    app = make_app(db_path, DAY)
    app.animation_level = "none"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.query_one("#applications")
        app.action_show_pane("applications")
        shown = await until(lambda: pane.loaded)
        await pilot.pause()
        pane.query_one("#apps-filter").value = "Hospital 99"
        start = time.perf_counter()
        pane.reload()
        filtered = time.perf_counter() - start
        pane.action_new_application()
        form = await until(
            lambda: isinstance(app.screen, FormScreen) and bool(app.screen.query("#form-save"))
        )
        await pilot.pause()  # let the form finish mounting before the app exits
    return {
        "show pane (build + load)": shown,
        "filter reload": filtered,
        "open application form": form,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        demo = write_demo(Path(tmp) / "demo.db", DAY)
        big = write_demo(Path(tmp) / "big.db", DAY)
        db = open_db(big)
        extra = [
            (
                Program(
                    name=f"Elective {i}",
                    institution=f"Hospital {i}",
                    kind=("academic", "affiliated", "community")[i % 3],
                    sponsors_j1="yes",
                ),
                None,
            )
            for i in range(10_000)
        ]
        import_programs(db, extra, False, DAY.isoformat())
        db.close()
        print(f"Applications pane, median of {RUNS} runs, ms")
        print(f"{'measure':<26}{'demo (12)':>12}{'+10k programs':>16}")
        results = {
            name: [asyncio.run(measure(path)) for _ in range(RUNS)]
            for name, path in (("demo", demo), ("big", big))
        }
        for key in results["demo"][0]:
            small = statistics.median(r[key] for r in results["demo"]) * 1000
            large = statistics.median(r[key] for r in results["big"]) * 1000
            print(f"{key:<26}{small:>12.0f}{large:>16.0f}")


if __name__ == "__main__":
    main()
