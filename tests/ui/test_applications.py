"""Pilot tests of the Applications pane: keys only, on a real temporary database."""

from textual.widgets import DataTable, OptionList

from tests.conftest import DEMO_DAY
from tracker.domain.profile import Profile
from tracker.store import programs as store
from tracker.store.db import open_db
from tracker.store.profile import save_profile
from tracker.ui.app import make_app
from tracker.ui.modals.choice import ChoiceScreen
from tracker.ui.modals.confirm import ConfirmScreen
from tracker.ui.modals.form import FormScreen
from tracker.ui.widgets.picker import Picker


def fresh_db(db_path):
    db = open_db(db_path)
    save_profile(db, Profile(full_name="Amara Diallo", match_year=2028, visa_needed="j1"))
    db.close()
    return db_path


async def open_pane(pilot):
    await pilot.press("2")
    await pilot.pause()
    await pilot.pause()


def select_application(app, status):
    """Put the cursor on the first application with this status; return it."""
    table = app.query_one("#rotations-table", DataTable)
    rotation = next(r for r in store.list_rotations(app.db) if r.status == status)
    table.move_cursor(row=table.get_row_index(str(rotation.id)))
    return rotation


async def test_create_program_then_application_by_keys(db_path):
    app = make_app(fresh_db(db_path), DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("tab")  # from the applications table to the programs table
        assert app.focused.id == "programs-table"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Visiting Elective", "tab", *"Lakeshore University", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        await pilot.press("n")  # a second program; the cursor follows the new one
        await pilot.pause()
        await pilot.press(*"Community Rotation", "tab", *"Maple Grove", "ctrl+s")
        await pilot.pause()
        table = app.query_one("#programs-table", DataTable)
        assert table.row_count == 2
        assert "Maple Grove" in str(table.get_row_at(table.cursor_row))
        assert app.focused is table
        await pilot.press("a")  # apply to the selected program
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("tab", "tab", *"2026-09-07", "tab", "tab", "tab", *"2026-08-01", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen), app.screen.current_values()
    [rotation] = store.list_rotations(open_db(db_path))
    assert rotation.institution == "Maple Grove"
    assert (rotation.starts_on, rotation.ends_on) == ("2026-09-07", "2026-10-04")  # R5
    assert rotation.deadline_on == "2026-08-01"
    assert rotation.status == "idea"


async def test_a_refused_value_is_explained_and_nothing_written(db_path):
    app = make_app(fresh_db(db_path), DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("tab", "n")
        await pilot.pause()
        await pilot.press("ctrl+s")  # empty name
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "required" in str(app.screen.query_one("#error-name").render())
        await pilot.press("escape")
        await pilot.pause()
    assert store.count_programs(open_db(db_path)) == 0


async def test_move_an_application_along_its_pipeline(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        preparing = select_application(app, "preparing")
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert store.get_rotation(app.db, preparing.id).status == "applied"
        assert store.get_rotation(app.db, preparing.id).applied_on == "2026-07-15"
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("down", "down", "enter")  # from applied, two down: waitlisted
        await pilot.pause()
        assert store.get_rotation(app.db, preparing.id).status == "waitlisted"
        history = [c.status for c in store.status_history(app.db, preparing.id)]
        assert history[-2:] == ["applied", "waitlisted"]
        assert "waitlisted" in str(app.query_one("#apps-detail").render())


async def test_filter_by_text_and_by_kind(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("slash", *"lakeshore", "enter")
        await pilot.pause()
        assert app.query_one("#programs-table", DataTable).row_count == 1
        assert app.query_one("#rotations-table", DataTable).row_count == 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one("#programs-table", DataTable).row_count == 12
        await pilot.click("#kind-filter")  # the list of kinds opens
        await pilot.pause()
        kinds = app.screen.query_one(OptionList)
        while kinds.get_option_at_index(kinds.highlighted or 0).id != "community":
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("#kind-filter", Picker).value == "community"
        assert app.query_one("#programs-table", DataTable).row_count == 3


async def test_delete_asks_first_and_names_what_goes_with_it(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        completed = select_application(app, "completed")
        table = app.query_one("#rotations-table", DataTable)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "journal days" in app.screen.question
        assert "cases" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert store.get_rotation(app.db, completed.id) is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.get_rotation(app.db, completed.id) is None
        assert table.row_count == 4


async def test_programs_sort_by_fit_and_show_their_reasons(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("tab")
        await pilot.pause()
        table = app.query_one("#programs-table", DataTable)
        scores = [
            int(str(table.get_cell_at((row, 0))).split()[0]) for row in range(table.row_count)
        ]
        assert scores == sorted(scores, reverse=True)
        detail = str(app.query_one("#apps-detail").render())
        assert "Fit +" in detail
        assert "P3" in detail
        assert "sponsors J-1" in detail
        rule = app.query_one("#applications-pane").current_rule_id()  # key r: its rule
        assert rule
        assert f" {rule}\n" in detail


async def test_new_application_on_an_empty_list_starts_with_the_program(db_path):
    app = make_app(fresh_db(db_path), DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("n")  # in the (empty) applications table
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.form_title == "New program"


async def test_escape_asks_before_losing_what_was_typed_in_a_form(db_path):
    """Escape closes an untouched form at once; with changes, it asks (a slow link can
    deliver an arrow key's first byte alone, which reads as Escape)."""
    app = make_app(fresh_db(db_path), DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("tab", "n", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, (FormScreen, ConfirmScreen))
        await pilot.press("n", *"Visiting Elective", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.query_one("#confirm-question")
        assert question.display
        assert app.screen.region.contains_region(question.region)
        assert "without saving" in str(question.render())
        await pilot.press("n")  # keep it: the form is back with the text
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.current_values()["name"] == "Visiting Elective"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, (FormScreen, ConfirmScreen))
    assert store.list_programs(open_db(db_path)) == []  # nothing was saved
