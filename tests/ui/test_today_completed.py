"""A block whose last day has passed is asked about on Today, and one key marks it
completed (Pilot pressing real keys on the demo, three weeks after the July block)."""

from datetime import date

from tests.ui.test_never_crashes import notifications
from tracker.store import programs
from tracker.ui.app import make_app
from tracker.ui.panes.today import TodayPane
from tracker.ui.widgets.tables import PagedTable

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
