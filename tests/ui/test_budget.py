"""Pilot tests of the Housing & Budget pane: the demo's totals in both currencies and its
housing warning, a housing option added and booked, the housing line changing; on narrow
terminals every amount whole and each housing option's status beside its name."""

import pytest
from textual.widgets import DataTable, Input, OptionList, Static

from tests.conftest import DEMO_DAY
from tests.ui.test_never_crashes import on_screen
from tracker.store import budget
from tracker.ui.app import make_app
from tracker.ui.modals.form import FormScreen
from tracker.ui.panes.budget import BudgetPane


def pane(app) -> BudgetPane:
    return app.query_one(BudgetPane)


def housing_planned(app) -> str:
    table = app.query_one("#budget-categories", DataTable)
    if "housing" not in {key.value for key in table.rows}:
        return ""
    return str(table.get_row("housing")[1])


async def test_the_current_block_shows_both_currencies_and_its_uncovered_nights(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        summary = app.query_one("#budget-summary", Static)
        text = str(summary.render())
        assert "Planned $" in text
        assert "ARS)" in text  # the home currency beside the dollars
        assert "Booked housing covers 26 of 28 nights" in text
        assert on_screen(app, summary)
        assert on_screen(app, app.query_one("#budget-categories"))


async def test_a_housing_option_added_then_booked_becomes_the_housing_line(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("right_square_bracket")  # the upcoming block, nothing booked
        await pilot.pause()
        scope = pane(app).scope
        assert scope.status == "preparing"
        before = housing_planned(app)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        form = app.screen
        form.query_one("#field-name", Input).value = "Room near the hospital"
        form.query_one("#field-amount_cents", Input).value = "-100"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = form.query_one("#error-amount_cents", Static)
        assert error.display
        assert "negative" in str(error.render())
        form.query_one("#field-amount_cents", Input).value = "1000"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        table = app.query_one("#housing-table", DataTable)
        option = next(o for o in budget.list_housing(app.db, scope) if o.name.startswith("Room"))
        table.focus()
        table.move_cursor(row=table.get_row_index(str(option.id)))
        await pilot.press("b")
        await pilot.pause()
        assert budget.get_housing(app.db, option.id).status == "booked"
        assert housing_planned(app) != before
        assert housing_planned(app).startswith("$")


async def test_housing_is_planned_for_a_program_still_at_idea(user_path):
    from tracker.domain.programs import Program, Rotation
    from tracker.store.db import open_db
    from tracker.store.programs import add_program, add_rotation

    db = open_db(user_path)
    program_id = add_program(db, Program(name="Anesthesiology", institution="Harbor Medical"))
    add_rotation(
        db,
        Rotation(program_id=program_id, starts_on="2027-05-03", ends_on="2027-05-30"),
        "2026-12-01",
    )
    db.close()
    app = make_app(user_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        names = [scope.name for scope in pane(app).scopes]
        assert any("Harbor Medical" in name for name in names), names
        await pilot.press("h")  # every rotation: housing needs one
        await pilot.pause()
        said = [notice.message for notice in app._notifications]
        assert "[ and ] step through them" in said[-1]
        while pane(app).scope.rotation_id is None:
            await pilot.press("right_square_bracket")
            await pilot.pause()
        assert pane(app).scope.status == "idea"
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Room with a nurse's family")
        app.screen.query_one("#field-amount_cents", Input).focus()
        await pilot.press(*"900", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        (option,) = budget.list_housing(app.db, pane(app).scope)
        assert option.name == "Room with a nurse's family"


async def test_an_expense_tied_to_no_rotation_starts_with_no_category_guessed(user_path):
    app = make_app(user_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-category").value == "other"


async def test_every_amount_shows_whole_at_80_columns(demo_path):
    """The categories table is wider than 80 columns (its chart scrolls off), but no
    amount may be cut: "-$185." read as a different figure than -$185.48."""
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        scopes = app.query_one("#budget-scopes", OptionList)
        table = app.query_one("#budget-categories", DataTable)
        seen = set()
        for _ in range(scopes.option_count):
            await pilot.press("[")
            await pilot.pause()
            seen.add(scopes.highlighted)
            assert table.row_count
            assert on_screen(app, table)
            # Category, Planned, Spent, Left
            assert columns_end(table, 4) <= table.scrollable_content_region.width, (
                f"scope {scopes.highlighted}: {columns_end(table, 4)} columns, "
                f"{table.scrollable_content_region.width} shown"
            )
        assert len(seen) == scopes.option_count  # every rotation's, and all of them


def columns_end(table: DataTable, count: int) -> int:
    """Where a table's first count columns end, in cells from its left edge."""
    return sum(column.get_render_width(table) for column in list(table.columns.values())[:count])


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_whether_housing_is_booked_shows_beside_its_name(demo_path, size):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=size) as pilot:
        await pilot.press("4")
        await pilot.pause()
        table = app.query_one("#housing-table", DataTable)
        assert on_screen(app, table)
        assert [str(column.label) for column in table.columns.values()][:2] == [
            "Housing",
            "Status",
        ]
        rows = [table.get_row_at(index) for index in range(table.row_count)]
        assert "booked" in {str(row[1]) for row in rows}
        shown = table.scrollable_content_region.width
        assert columns_end(table, 2) <= shown
        assert columns_end(table, 3) <= shown  # each cost whole
        assert [str(row[3]) for row in rows] == [
            "26 nights: 2 Jul – 28 Jul 2026",  # its own dates
            "the block's 28 nights",  # none: the block's, night by night
        ]
