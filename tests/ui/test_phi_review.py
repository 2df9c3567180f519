"""J7: journal text kept before a stricter guard is found again. Today counts it (after a
scan on a thread), enter opens the day with the warning on screen, and the export
dialog asks before writing it (Pilot pressing real keys on the demo)."""

from textual.widgets import Static

from tests.ui.test_never_crashes import on_screen
from tests.ui.test_today import AFTER_THE_BLOCK
from tracker.store import journal
from tracker.store.db import open_db
from tracker.ui.app import make_app
from tracker.ui.modals.confirm import ConfirmScreen
from tracker.ui.panes.journal import JournalPane
from tracker.ui.panes.today import TodayPane
from tracker.ui.widgets.tables import PagedTable

KEPT_DAY = "2026-07-08"


def with_a_kept_identifier(path):
    db = open_db(path)
    journal.append_learning_point(db, KEPT_DAY, "Mrs. Adeyemi in bed 4 thanked the team")
    db.close()
    return path


async def until(pilot, condition, seconds=10.0):
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def test_today_counts_flagged_lines_and_enter_opens_the_day(demo_path):
    app = make_app(with_a_kept_identifier(demo_path), AFTER_THE_BLOCK)
    async with app.run_test(size=(120, 40)) as pilot:
        today = app.query_one(TodayPane)
        assert await until(pilot, lambda: any(line.rule_id == "J7" for line in today.lines))
        index = next(i for i, line in enumerate(today.lines) if line.rule_id == "J7")
        line = today.lines[index]
        assert line.text.startswith("1 journal entry may hold patient identifiers")
        assert f"{KEPT_DAY}, learning points" in line.text
        assert "Adeyemi" not in line.text  # where, never the text
        table = app.query_one("#today-table", PagedTable)
        table.focus()
        table.move_cursor(row=index)
        await pilot.press("enter")
        await pilot.pause()
        pane = app.query_one(JournalPane)
        assert pane.editor.day == KEPT_DAY
        warning = app.query_one("#day-phi", Static)
        assert on_screen(app, warning)
        shown = str(warning.render())
        assert "Kept, but this looks like a patient identifier" in shown
        assert "“Adeyemi”" in shown


async def test_the_export_dialog_asks_before_writing_flagged_text(demo_path, tmp_path):
    app = make_app(with_a_kept_identifier(demo_path), AFTER_THE_BLOCK)
    target = tmp_path / "summary.md"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")  # the summary as Markdown
        await pilot.pause()
        await pilot.press("enter")  # a mentor's copy: its highlights hold learning points
        await pilot.pause()
        path = app.screen.query_one("#field-path")
        path.value = str(target)
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = str(app.screen.query_one("#confirm-question").render())
        assert f"({KEPT_DAY}, learning points). Write it anyway?" in question
        assert not target.exists()
        await pilot.press("y")
        assert await until(pilot, target.exists)  # the user chose to write it
