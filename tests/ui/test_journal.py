"""Pilot tests of the Journal pane: a day in full, search, and the jump to a found day."""

from textual.widgets import Input, Static

from tests.conftest import DEMO_DAY
from tests.ui.test_never_crashes import on_screen
from tracker.store import journal
from tracker.ui.app import make_app
from tracker.ui.widgets.tables import PagedTable, selected_key


async def test_the_selected_day_is_shown_in_full(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        table = app.query_one("#journal-table", PagedTable)
        day = journal.get_day(app.db, selected_key(table))
        detail = app.query_one("#journal-detail", Static)
        shown = str(detail.render())
        assert day.learning_points in shown  # the whole text, not the table's excerpt
        assert day.tomorrow_focus in shown
        assert "cases" in shown or "case" in shown
        assert on_screen(app, app.query_one("#journal-detail-scroll"))


async def test_search_then_enter_jumps_to_the_day(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "slash", *"CRICOID", "enter")
        await pilot.pause(0.3)
        table = app.query_one("#journal-table", PagedTable)
        hits = journal.search(app.db, "cricoid")
        assert table.row_count == len(hits) > 1
        assert "days found" in str(app.query_one("#journal-found", Static).render())
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.query_one("#journal-search", Input).value == ""
        assert table.row_count == table.total > len(hits)
        assert selected_key(table) == hits[1].day_id
        await pilot.press("i")  # the day in full, on a narrow terminal
        await pilot.pause()
        assert on_screen(app, app.query_one("#journal-detail-scroll"))


async def test_a_query_with_only_symbols_finds_nothing_and_says_so(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5", "slash", *'"(*', "enter")
        await pilot.pause(0.3)
        assert app.query_one("#journal-table", PagedTable).row_count == 0
        assert "0 days found" in str(app.query_one("#journal-found", Static).render())
        assert app.is_running


async def test_s_shows_case_statistics_for_the_rotation_and_a_for_all(demo_path):
    from tracker.ui.modals.stats import StatsScreen

    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "s")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        title = app.screen.query_one("#stats-title", Static)
        assert "Cases at" in str(title.render())
        assert on_screen(app, title)
        await pilot.press("a")
        await pilot.pause()
        assert "Every case" in str(title.render())
        assert "130 cases" in str(app.screen.query_one("#stats-body", Static).render())
