"""The app never crashes and always explains: write errors, read-only and demo modes,
visible form errors, 80x24, accent-blind search, rules. Pilot pressing real keys."""

import sqlite3

import pytest
from textual.widgets import DataTable, Static

from tests.conftest import DEMO_DAY
from tracker.domain.programs import Program
from tracker.store import programs as store
from tracker.store.db import connect_readonly_db, open_db
from tracker.ui.app import make_app
from tracker.ui.modals.confirm import ConfirmScreen
from tracker.ui.modals.form import FormScreen
from tracker.ui.modals.rules import RulesScreen


def on_screen(app, widget) -> bool:
    """Displayed, with a region inside the screen: what the user can actually see."""
    region = widget.region
    screen = app.screen.region
    return (
        widget.display and region.width > 0 and region.height > 0 and screen.contains_region(region)
    )


def notifications(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def select_application(app, status):
    table = app.query_one("#rotations-table", DataTable)
    rotation = next(r for r in store.list_rotations(app.db) if r.status == status)
    table.move_cursor(row=table.get_row_index(str(rotation.id)))
    table.focus()
    return rotation


@pytest.fixture
def write_lock(demo_path):
    """Another process holding the write lock; the app's timeout is shortened to 0.2 s."""
    other = sqlite3.connect(demo_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield
    other.execute("ROLLBACK")
    other.close()


async def test_a_locked_database_is_a_sentence_and_the_app_stays(demo_path, write_lock):
    app = make_app(demo_path, DEMO_DAY)
    app.db.execute("PRAGMA busy_timeout = 200")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        rotation = select_application(app, "preparing")
        await pilot.press("greater_than_sign")
        await pilot.pause()
        [message] = notifications(app)
        assert "another Away (or another program) is writing to" in message
        assert "nothing was saved" in message
        assert app.is_running
        assert app.active_pane == "applications"
    assert store.get_rotation(open_db(demo_path), rotation.id).status == "preparing"


async def test_a_form_whose_write_fails_stays_open_with_the_typed_text(demo_path, write_lock):
    app = make_app(demo_path, DEMO_DAY)
    app.db.execute("PRAGMA busy_timeout = 200")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "tab", "n")
        await pilot.pause()
        await pilot.press(*"Clínica Saint-Éloi", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-name").value == "Clínica Saint-Éloi"
        assert any("nothing was saved" in m for m in notifications(app))


async def test_a_read_only_database_says_so_and_write_keys_explain(demo_path):
    app = make_app(demo_path, DEMO_DAY, db=connect_readonly_db(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "READ-ONLY" in app.sub_title
        await pilot.press("2")
        await pilot.pause()
        select_application(app, "preparing")
        for key in ("greater_than_sign", "n", "d", "p"):
            await pilot.press(key)
            await pilot.pause()
            assert not app.screen.is_modal, key
        assert all("open read-only" in m for m in notifications(app))
        assert app.is_running


async def test_an_unexpected_error_is_logged_without_local_variables(demo_path, capsys):
    app = make_app(demo_path, DEMO_DAY)

    def broken() -> None:
        patient_note = "Mrs Example, bed 4"  # a local that must never be printed
        try:
            int(patient_note)  # its message quotes the text: never logged either
        except ValueError:
            raise RuntimeError(f"an unexpected failure ({patient_note})") from None

    async def crash() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            app.query_one("#today-pane").reload = broken
            app.call_later(app.action_reload)
            await pilot.pause()

    with pytest.raises(RuntimeError):  # Pilot re-raises it for the test; a user never sees it
        await crash()
    assert app.return_code == 1
    log = demo_path.parent / "away-errors.log"
    text = log.read_text()
    assert "RuntimeError (its message is left out" in text
    assert "in broken" in text
    assert "Mrs Example" not in text
    assert oct(log.stat().st_mode & 0o777) == "0o600"
    assert app.crash_log == log
    shown = " ".join(capsys.readouterr().err.split())
    assert f"was written to {log}" in shown
    assert "Mrs Example" not in shown
    assert "Traceback" not in shown


async def test_form_errors_are_beside_the_field_and_on_screen_at_80x24(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "tab", "n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        error = form.query_one("#error-name", Static)
        assert "required" in str(error.render())
        assert on_screen(app, error)
        assert app.focused is form.query_one("#field-name")
        for button in ("#form-save", "#form-cancel", "#form-message"):
            assert on_screen(app, form.query_one(button)), button
        assert not form.query_one("#error-website").display


async def test_profile_is_p_from_any_pane_and_an_empty_name_is_required(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "p")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*["backspace"] * 40, "ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#error-full_name", Static)
        assert str(error.render()).strip() == "required"
        assert on_screen(app, error)


async def test_applications_at_80x24_show_five_rows_of_each_table(demo_path):
    db = open_db(demo_path)
    for n in range(10):
        store.add_program(db, Program(name=f"Extra elective {n}", kind="community"))
    db.close()
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        for table_id in ("rotations-table", "programs-table"):
            table = app.query_one(f"#{table_id}", DataTable)
            assert on_screen(app, table)
            assert table.region.height - 1 >= 5, table_id  # rows below the header
        deadline = app.query_one("#rotations-table", DataTable)
        assert deadline.ordered_columns[2].label.plain == "Deadline"
        summary = app.query_one("#mix-summary", Static)
        assert on_screen(app, summary)
        assert not app.query_one("#mix-list").display


async def test_filter_ignores_case_and_accents(demo_path):
    db = open_db(demo_path)
    store.add_program(
        db, Program(name="Visiting elective", institution="Hôpital Saint-Éloi", kind="academic")
    )
    store.add_program(db, Program(name="Anestesia", institution="Clínica Ñúñez", kind="community"))
    db.close()
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "slash", *"eloi", "enter")
        await pilot.pause()
        programs = app.query_one("#programs-table", DataTable)
        assert programs.row_count == 1
        assert "Saint-Éloi" in str(programs.get_row_at(0))
        await pilot.press("escape", "slash", *"NUNEZ", "enter")
        await pilot.pause()
        assert programs.row_count == 1
        assert "Ñúñez" in str(programs.get_row_at(0))
        await pilot.press("escape", "slash", *"no such thing", "enter")
        await pilot.pause()
        assert "No application matches the filter" in str(
            app.query_one("#apps-detail", Static).render()
        )


async def test_completing_a_block_that_has_not_ended_asks_first(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        rotation = select_application(app, "accepted")
        assert rotation.ends_on > DEMO_DAY.isoformat()
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Mark it completed anyway?" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert store.get_rotation(app.db, rotation.id).status == "accepted"
        await pilot.press("greater_than_sign", "y")
        await pilot.pause()
        assert store.get_rotation(app.db, rotation.id).status == "completed"


async def test_every_mix_line_and_r_open_the_rule(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "m")
        await pilot.pause()
        mix = app.screen.query_one("#mix-list")
        assert on_screen(app, mix)
        await pilot.press("down", "down", "enter")  # the third line
        await pilot.pause()
        assert isinstance(app.screen, RulesScreen)
        expected = app.query_one("#applications-pane").mix[2].rule_id
        assert expected in str(app.screen.query_one("#rules-text").render())
        assert "not legal or immigration advice" in str(
            app.screen.query_one("#rules-not-advice").render()
        )
        await pilot.press("escape", "1", "r")
        await pilot.pause()
        assert isinstance(app.screen, RulesScreen)


async def test_demo_mode_is_visible_and_leads_back(tmp_path):
    from tracker.services.demo import write_demo

    home = tmp_path / "away.db"
    open_db(home).close()
    demo = write_demo(tmp_path / "away-demo.db", DEMO_DAY)
    app = make_app(demo, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.sub_title.startswith("DEMO")
        app.action_open_demo()  # from the demo: reuses it, no away-demo-demo.db
        await pilot.pause()
        assert app.is_running
        await pilot.press("ctrl+p", *"Back to my database")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_value == home
    assert sorted(p.name for p in tmp_path.glob("*.db")) == ["away-demo.db", "away.db"]


async def test_first_use_says_where_to_start(db_path):
    app = make_app(db_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")  # the welcome: later
        await pilot.pause()
        summary = app.query_one("#today-summary", Static)
        text = str(summary.render())
        assert "Where to start" in text
        assert "away import programs" in text
        assert on_screen(app, summary)


async def test_the_palettes_screenshot_goes_beside_the_database(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        app.deliver_screenshot()
        await pilot.pause(0.5)
    assert list(demo_path.parent.glob("*.svg"))
