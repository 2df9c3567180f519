"""Child process for startup.py: start an app headless and print the time of first paint.

Usage: python first_paint.py minimal | away DB_PATH
"""

import sys
import time


async def report_first_paint(pilot) -> None:
    await pilot.pause()  # returns after the first full refresh
    print(time.time(), flush=True)
    pilot.app.exit()


def minimal_app():
    from textual.app import App
    from textual.widgets import Footer, Header, Label

    class Minimal(App):
        def compose(self):
            yield Header()
            yield Label("Hello")
            yield Footer()

    return Minimal()


def away_app(db_path: str):
    from tracker.ui.app import make_app

    return make_app(db_path)


if __name__ == "__main__":
    app = minimal_app() if sys.argv[1] == "minimal" else away_app(sys.argv[2])
    app.run(headless=True, size=(120, 40), auto_pilot=report_first_paint)
