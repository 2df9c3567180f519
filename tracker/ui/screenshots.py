"""Write an SVG screenshot of every pane on the demo data: `make screenshots`."""

import asyncio
import os
import sys
import tempfile
from pathlib import Path

import pendulum

from tracker.services.demo import write_demo
from tracker.ui.app import make_app
from tracker.ui.panes import PANES

DEMO_DAY = pendulum.date(2026, 7, 15)
SIZE = (120, 40)


async def shoot(db: str, key: str, target: Path, size: tuple[int, int] = SIZE) -> None:
    app = make_app(db, DEMO_DAY)
    async with app.run_test(size=size) as pilot:
        await pilot.press(key)
        await pilot.pause()
        app.save_screenshot(str(target.name), path=str(target.parent))


def main(folder: str = "screenshots") -> None:
    out = Path(folder).resolve()
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        write_demo(Path(tmp) / "demo.db", DEMO_DAY)
        here = Path.cwd()
        try:
            os.chdir(tmp)  # a relative path keeps the header free of the temp folder
            for key, pane in enumerate(PANES, start=1):
                target = out / f"{key}-{pane.id}.svg"
                asyncio.run(shoot("demo.db", str(key), target))
                sys.stdout.write(f"{target}\n")
            small = out / "2-applications-80x24.svg"  # the smallest supported terminal
            asyncio.run(shoot("demo.db", "2", small, (80, 24)))
            sys.stdout.write(f"{small}\n")
        finally:
            os.chdir(here)


if __name__ == "__main__":
    main(*sys.argv[1:])
