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
