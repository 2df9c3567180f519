"""Long lists: a table holds a page of rows and adds the next as the user moves down."""

from tests.conftest import DEMO_DAY
from tests.ui.test_hostile_text import screen_output
from tracker.services.demo import write_demo
from tracker.ui.app import make_app
from tracker.ui.widgets.tables import NEAR_END, PagedTable


async def test_a_long_list_loads_a_page_then_more_as_the_cursor_moves(tmp_path):
    path = write_demo(tmp_path / "big.db", DEMO_DAY, scale=5)  # 60 programs
    app = make_app(path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.query_one("#programs-table", PagedTable)
        assert table.total == 60
        first = 24 + NEAR_END  # the terminal's lines, and the rows the cursor nears
        assert table.row_count == first
        assert table.caption == f"{first} of 60"
        table.focus()
        for _ in range(60):
            await pilot.press("down")
        await pilot.pause()
        assert table.row_count == 60
        assert table.caption == "60"
        keys = [row.value for row in table.rows]
        assert len(keys) == len(set(keys)) == 60


async def test_the_first_page_fills_a_tall_terminal_and_paging_down_adds_the_rest(tmp_path):
    path = write_demo(tmp_path / "big.db", DEMO_DAY, scale=5)  # 200 journal days
    app = make_app(path, DEMO_DAY)
    async with app.run_test(size=(120, 90)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        table = app.query_one("#journal-table", PagedTable)
        assert table.size.height > 40
        assert table.row_count >= table.size.height + NEAR_END  # no empty row on screen
        for _ in range(4):
            await pilot.press("pagedown")
        await pilot.pause()
        assert table.row_count == 200


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


async def test_a_pane_built_ahead_draws_no_cell_anew_when_shown_again(demo_path):
    """A pane built in its hidden tab gets the Resize of its first layout after its first
    frame: counted as a change of contents, it made the next visit draw every cell anew."""
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await app._build_pane("applications")  # as the warm-up does while the user reads
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        tables = list(app.query_one("#applications-pane").query(PagedTable))
        drawn = [drawn_cells(table) for table in tables]
        assert all(drawn)
        await pilot.press("3", "2")
        await pilot.pause()
        for table, cells in zip(tables, drawn, strict=True):
            assert drawn_cells(table) == cells, f"{table.id} drew its cells again"


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


async def test_a_hidden_pane_keeps_no_drawn_lines_and_shows_the_same_when_back(demo_path):
    """Each drawn line keeps caches of its own (8 MB after a walk through the panes): a
    pane left drops them, and draws the same screen from its rows when shown again."""
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        pane = app.query_one("#applications-pane")
        shown = screen_output(app)
        assert "Programs by fit" in shown[1]
        table = app.query_one("#programs-table", PagedTable)
        assert table._line_cache
        assert table._styles_cache._cache
        await pilot.press("3")
        await pilot.pause()
        for widget in pane.walk_children(with_self=True):
            assert not widget._styles_cache._cache, widget
            assert not widget._render_cache.lines, widget
        assert not table._line_cache
        assert drawn_cells(table), "the cells it drew are kept"
        await pilot.press("2")
        await pilot.pause()
        assert screen_output(app) == shown, "the pane looks different when shown again"


async def test_column_titles_are_literal_text(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        table = PagedTable("literal-table", ["[b]Name[/b]", "Fit :smile:"])
        await app.screen.mount(table)
        await pilot.pause()
        assert [str(column.label) for column in table.columns.values()] == [
            "[b]Name[/b]",
            "Fit :smile:",
        ]


async def test_a_table_works_out_each_style_once_per_drawing_and_anew_for_the_next(
    demo_path, monkeypatch
):
    """DataTable asked for its own and its parts' Rich styles on every line and row (a walk
    up the widget tree each): 70 walks for Today's first paint. Each once per drawing
    now; a restyle between two drawings is still seen (the zebra rows' colour here)."""
    from textual.dom import DOMNode

    walks: list[object] = []
    style_of = DOMNode.rich_style.fget
    monkeypatch.setattr(
        DOMNode, "rich_style", property(lambda node: walks.append(node) or style_of(node))
    )
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.query_one("#today-table", PagedTable)
        assert table.row_count > 10
        walks.clear()
        table.refresh()
        table.render_lines(table.region.reset_offset)
        assert 0 < len(walks) <= 6, f"{len(walks)} walks for {table.row_count} rows"
        odd = table.render_lines(table.region.reset_offset)[2]
        app.stylesheet.add_source(".datatable--odd-row { background: green; }", ("t", "odd"))
        app.stylesheet.parse()
        app.stylesheet.update(table)
        await pilot.pause()
        assert table.render_lines(table.region.reset_offset)[2] != odd
