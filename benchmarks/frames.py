"""How long a whole frame of each pane takes to draw: Textual's compositor and lines, and
Away's (ui/chops.py: only the rows that show; ui/strips.py: a line's caches made when
used), alternating in one process, headless at 120x40, each widget's drawn lines
forgotten before each frame (as on a pane's visit). Checks that both frames are equal.

Usage: python benchmarks/frames.py [SCALE] [ROUNDS]   (default: 100x the demo, 15 rounds)
Prints a table; asserts nothing but the frames' equality.
"""

import asyncio
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pendulum
from textual._compositor import Compositor
from textual.strip import Strip

from tracker.services.demo import story_day, write_demo
from tracker.ui import chops, strips
from tracker.ui.app import make_app
from tracker.ui.widgets.drawn import forget_drawn_lines

SCALE = int(sys.argv[1]) if len(sys.argv) > 1 else 100
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 15
WAYS: dict[str, tuple[Callable[..., None], object]] = {
    "Textual's": (strips.TEXTUAL_INIT, chops.TEXTUAL_RENDER_CHOPS),
    "Away's": (strips._init, chops.render_chops),
}


def use(way: str) -> None:
    init, render_chops = WAYS[way]
    Strip.__init__ = init  # type: ignore[method-assign]
    Compositor._render_chops = render_chops  # type: ignore[method-assign]


async def measure(db: Path, day: pendulum.Date) -> None:
    app = make_app(db, day)
    print(f"A whole frame at 120x40, {SCALE}x the demo, median of {ROUNDS}, ms")
    print(f"{'pane':<14}" + "".join(f"{way:>12}" for way in WAYS) + f"{'ratio':>8}")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        for key in "1234567":
            await pilot.press(key)
            await pilot.pause(0.3)
            times: dict[str, list[float]] = {way: [] for way in WAYS}
            frames = {}
            for _ in range(ROUNDS):
                for way in WAYS:
                    use(way)
                    forget_drawn_lines(app.screen)
                    gc.collect()
                    started = time.perf_counter()
                    app.screen._compositor.render_update(full=True)
                    times[way].append((time.perf_counter() - started) * 1000)
                    forget_drawn_lines(app.screen)
                    frames[way] = [
                        (line.text, [segment.style for segment in line])
                        for line in app.screen._compositor.render_strips()
                    ]
            assert frames["Textual's"] == frames["Away's"], f"pane {key}: the frames differ"
            medians = [statistics.median(times[way]) for way in WAYS]
            print(
                f"{app.active_pane:<14}"
                + "".join(f"{value:>12.1f}" for value in medians)
                + f"{medians[1] / medians[0]:>8.2f}"
            )
        use("Away's")


def main() -> None:
    day = story_day(pendulum.today().date())
    with tempfile.TemporaryDirectory() as folder:
        db = write_demo(Path(folder) / "demo.db", day, scale=SCALE)
        asyncio.run(measure(db, day))


if __name__ == "__main__":
    main()
