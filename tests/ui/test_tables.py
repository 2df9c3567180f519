"""Long lists: a table holds a page of rows and adds the next as the user moves down."""

from tests.conftest import DEMO_DAY
from tracker.services.demo import write_demo
from tracker.ui.app import make_app
from tracker.ui.widgets.tables import PAGE, PagedTable


async def test_a_long_journal_loads_a_page_then_more_as_the_cursor_moves(tmp_path):
    path = write_demo(tmp_path / "big.db", DEMO_DAY, scale=5)  # 200 journal days
    app = make_app(path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        table = app.query_one("#journal-table", PagedTable)
        assert table.total == 200
        assert table.row_count == PAGE
        assert table.caption == f"{PAGE} of 200"
        for _ in range(PAGE - 10):
            await pilot.press("down")
        await pilot.pause()
        assert table.row_count == 200
        assert table.caption == "200"
        keys = [row.value for row in table.rows]
        assert len(keys) == len(set(keys)) == 200


def drawn_cells(table: PagedTable) -> dict[object, object]:
    """What the table drew, by cell (Textual's cache of rendered cells)."""
    cache = table._cell_render_cache
    keys = list(cache.keys())
    return {key: cache.get(key) for key in keys}


async def test_a_pane_shown_again_draws_its_rows_from_what_it_drew_before(demo_path):
    """DataTable drops its drawn cells on any restyle and any resize; a change of focus
    and a pane shown again at its size keep them (they are keyed by focus already)."""
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.focused
        assert isinstance(table, PagedTable)
        drawn = drawn_cells(table)
        assert drawn
        await pilot.press("3", "2")
        await pilot.pause()
        assert table.has_focus
        kept = [key for key, lines in drawn.items() if table._cell_render_cache.get(key) is lines]
        assert len(kept) == len(drawn), "cells drawn before were drawn again"


async def test_a_real_change_of_style_still_draws_the_cells_again(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.query_one("#programs-table", PagedTable)
        drawn = drawn_cells(table)
        assert drawn
        table.add_class("restyled")  # a change of what CSS applies, not of focus
        await pilot.pause()
        kept = [key for key, lines in drawn.items() if table._cell_render_cache.get(key) is lines]
        assert not kept


async def test_the_tab_underline_moves_without_animating(demo_path, monkeypatch):
    # Each step of the slide redrew the screen, 15-20 times a switch.
    monkeypatch.delenv("TEXTUAL_ANIMATIONS", raising=False)
    assert make_app(demo_path, DEMO_DAY).animation_level == "none"
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "full")  # the user's own choice wins
    assert make_app(demo_path, DEMO_DAY).animation_level == "full"
