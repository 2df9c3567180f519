"""Today: a block whose last day has passed is asked about, and one key marks it
completed (Pilot pressing real keys on the demo, three weeks after the July block)."""

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

from tests.ui.test_never_crashes import notifications
from tracker.store import programs
from tracker.ui.app import make_app
from tracker.ui.panes.today import TodayPane
from tracker.ui.widgets.tables import PagedTable

ROOT = Path(__file__).parents[2]
AFTER_THE_BLOCK = date(2026, 8, 10)


async def test_c_on_the_line_of_an_ended_block_marks_it_completed(demo_path):
    app = make_app(demo_path, AFTER_THE_BLOCK)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        today = app.query_one(TodayPane)
        lines = today.lines
        index = next(i for i, line in enumerate(lines) if "mark it completed (c)" in line.text)
        rotation_id = lines[index].target.record_id
        table = app.query_one("#today-table", PagedTable)
        table.move_cursor(row=index)
        table.focus()
        await pilot.press("c")
        await pilot.pause()
        assert programs.get_rotation(app.db, rotation_id).status == "completed"
        assert any("completed" in message for message in notifications(app))
        assert not any("mark it completed" in line.text for line in today.lines)
        await pilot.press("c")  # on a line about something else: says what it needs
        await pilot.pause()
        assert "Select a line about a block that has ended" in notifications(app)[-1]


async def test_at_80_columns_the_selected_line_is_shown_in_full_on_screen(demo_path):
    from textual.widgets import Static

    from tests.ui.test_never_crashes import on_screen

    app = make_app(demo_path, AFTER_THE_BLOCK)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        today = app.query_one(TodayPane)
        longest = max(range(len(today.lines)), key=lambda i: len(today.lines[i].text))
        assert len(today.lines[longest].text) > 60, "a line the table cuts at 80 columns"
        app.query_one("#today-table", PagedTable).move_cursor(row=longest)
        await pilot.pause()
        detail = app.query_one("#today-detail", Static)
        assert on_screen(app, detail)
        assert today.lines[longest].text in " ".join(str(detail.render()).split("\n"))


def test_a_long_run_of_overdue_lines_of_one_area_folds_into_one():
    from tracker.domain.agenda import AgendaItem, fold_overdue

    late = [AgendaItem(f"2026-07-0{n}", "checklists", f"Item {n}") for n in range(1, 7)]
    later = [AgendaItem("2026-07-20", "letters", "Thank-you note")]
    shown = fold_overdue(late + later, date(2026, 7, 10))
    assert [item.text for item in shown] == [
        "Item 1",
        "Item 2",
        "and 4 more overdue in checklists (enter opens them)",
        "Thank-you note",
    ]
    few = late[:3]
    assert fold_overdue(few, date(2026, 7, 10)) == few


def test_closing_the_app_does_not_wait_for_a_journal_scan(demo_path, tmp_path):
    """The app waited for the scan's thread as it closed: a first scan of years of
    journal kept the terminal blank for seconds after q. The scan goes on alone and
    keeps what it finds for the next start."""
    pid_file = tmp_path / "scan.pid"
    slow_scan = (
        f"import os, pathlib, time; pathlib.Path({str(pid_file)!r}).write_text(str(os.getpid()));"
        " time.sleep(40)"
    )
    script = f"""
import asyncio, sys
from pathlib import Path
from tracker.launch import prepare
prepare()
from tracker.ui.panes import today
today.scan_command = lambda path: [sys.executable, "-c", {slow_scan!r}]
today.SCAN_AFTER_S = 0.01
from tests.conftest import DEMO_DAY
from tracker.ui.app import make_app

async def main():
    app = make_app(Path({str(demo_path)!r}), DEMO_DAY)
    async with app.run_test() as pilot:
        for _ in range(200):
            if Path({str(pid_file)!r}).exists():
                break
            await pilot.pause(0.05)
        await pilot.press("q")

asyncio.run(main())
"""
    # (the scan sleeps 40 s: an app that waits for it is stopped here, and fails)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=30, cwd=ROOT)
    scan = int(pid_file.read_text())
    try:
        os.kill(scan, 0)  # still at work, not stopped by the app's closing
    finally:
        os.kill(scan, signal.SIGTERM)
