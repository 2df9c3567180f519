"""Pilot tests of the Journal pane: the day view, saving as the user types, the PHI
guard, cases, search and the jump to a found day."""

import sqlite3

import pendulum
from textual.widgets import Input, Static, TextArea

from tests.conftest import DEMO_DAY
from tests.ui.test_never_crashes import on_screen
from tracker.store import journal
from tracker.store.db import connect
from tracker.ui.app import make_app
from tracker.ui.modals.form import FormScreen
from tracker.ui.panes.journal import SAVE_AFTER_PAUSE_S, JournalPane
from tracker.ui.widgets.tables import PagedTable, selected_key
from tracker.ui.widgets.ticks import Ticks

DAY = pendulum.date(2026, 7, 15)


def stored(path, day: str) -> dict | None:
    """The day as the file holds it, read by another connection."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    row = conn.execute("SELECT * FROM journal_days WHERE day = ?", [day]).fetchone()
    conn.close()
    return dict(row) if row else None


def pane(app) -> JournalPane:
    return app.query_one(JournalPane)


async def settle(app, pilot) -> None:
    """Wait for the background writer, then for its message to reach the pane."""
    writer = pane(app)._writer
    if writer is not None:
        assert writer.flush(timeout=10)
    await pilot.pause()


async def test_the_journal_opens_on_today_and_the_list_shows_each_day_in_full(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert pane(app).editor.day == DEMO_DAY.isoformat()
        assert "today" in str(app.query_one("#day-title", Static).render())
        await pilot.press("down")
        await pilot.pause()
        table = app.query_one("#journal-table", PagedTable)
        day = journal.get_day(app.db, selected_key(table))
        assert pane(app).editor.day == day.day
        points = app.query_one("#day-learning_points", TextArea)
        assert points.text == day.learning_points  # the whole text, not the excerpt
        assert app.query_one("#day-tomorrow_focus", TextArea).text == day.tomorrow_focus
        assert on_screen(app, points)


async def test_a_day_is_saved_after_a_pause_and_on_quit(user_path):
    app = make_app(user_path, DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "w", *"Saw a spinal")
        await pilot.pause(SAVE_AFTER_PAUSE_S + 0.3)
        await settle(app, pilot)
        assert stored(user_path, DAY.isoformat())["learning_points"] == "Saw a spinal"
        assert "Saved at" in str(app.query_one("#day-state", Static).render())
        await pilot.press(*" for a hip")
        await pilot.press("ctrl+q")  # no pause: quitting saves what is on screen
        await pilot.pause()
    assert stored(user_path, DAY.isoformat())["learning_points"] == "Saw a spinal for a hip"


async def test_days_move_with_brackets_and_t_and_empty_days_are_not_stored(user_path):
    app = make_app(user_path, DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5", "left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert pane(app).editor.day == DAY.subtract(days=2).isoformat()
        await pilot.press("w", *"Two days ago", "escape", "t")
        await pilot.pause()
        await settle(app, pilot)
        assert pane(app).editor.day == DAY.isoformat()
        assert stored(user_path, DAY.subtract(days=2).isoformat())["learning_points"] == (
            "Two days ago"
        )
        assert stored(user_path, DAY.isoformat()) is None  # only looked at
        assert app.query_one("#journal-table", PagedTable).row_count == 1


async def test_goals_location_supervisors_and_the_weekly_check_are_kept(user_path):
    app = make_app(user_path, DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        goals, watched = app.query_one("#day-goals", Ticks), app.query_one("#day-watched", Ticks)
        await pilot.click(goals, offset=goals.box_offset("goal_plan"))
        await pilot.click(watched, offset=watched.box_offset("punctuality"))
        app.query_one("#day-supervisors", Input).value = "Dr. Okafor, Dr. Éloi Martin"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        row = stored(user_path, DAY.isoformat())
        assert row["goal_plan"] == 1
        assert row["goal_preop"] == 0
        assert journal.supervisors_of(app.db, row["id"]) == ["Dr. Okafor", "Dr. Éloi Martin"]
        monday = DAY.start_of("week").isoformat()
        assert journal.watched_in(app.db, monday) == {"punctuality"}


async def test_words_that_look_like_a_patient_identifier_wait_for_the_user(user_path):
    app = make_app(user_path, DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "w", *"Induction fine. ", *"Mr. Jones MRN 4839201 was anxious")
        await pilot.pause(SAVE_AFTER_PAUSE_S + 0.3)
        await settle(app, pilot)
        warning = app.query_one("#day-phi", Static)
        assert warning.display
        assert on_screen(app, warning)
        assert "4839201" in str(warning.render())
        assert "Jones" in str(warning.render())
        assert stored(user_path, DAY.isoformat()) is None  # nothing kept yet
        await pilot.press("escape", "down")  # moving away would drop the words: refused
        await pilot.pause()
        assert pane(app).editor.day == DAY.isoformat()
        await pilot.press("ctrl+s")  # the user keeps them as written
        await settle(app, pilot)
        assert "MRN 4839201" in stored(user_path, DAY.isoformat())["learning_points"]
        assert not warning.display


async def test_two_cases_with_skills_the_second_copied_from_the_first(user_path):
    app = make_app(user_path, DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5", "c")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        form = app.screen
        form.query_one("#field-procedure", Input).value = "Laparoscopic cholecystectomy"
        form.query_one("#field-skills", Input).value = "intubation p, iv observed"
        form.query_one("#field-attending", Input).value = "Dr. Okafor"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("C")  # a similar case: the last one's fields, a few keys to change
        await pilot.pause()
        assert app.screen.query_one("#field-procedure", Input).value == (
            "Laparoscopic cholecystectomy"
        )
        app.screen.query_one("#field-procedure", Input).value = "Lap appendicectomy"
        await pilot.press("ctrl+s")
        await pilot.pause()
        day = journal.day_of(app.db, DAY.isoformat())
        cases = journal.list_cases(app.db, day.id)
        assert [case.procedure for case in cases] == [
            "Laparoscopic cholecystectomy",
            "Lap appendicectomy",
        ]
        skills = journal.skills_of(app.db, [case.id for case in cases])
        for case in cases:
            assert [(s.skill, s.role) for s in skills[case.id]] == [
                ("intubation", "performed"),
                ("IV", "observed"),
            ]
        assert journal.attending_of(app.db, cases[1]) == "Dr. Okafor"
        cases_table = app.query_one("#day-cases")
        assert cases_table.row_count == 2
        assert cases_table.display


async def test_a_case_with_a_patient_identifier_is_refused_once_then_kept(user_path):
    app = make_app(user_path, DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "c")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-procedure", Input).value = "Hernia repair"
        form.query_one("#field-story", Input).value = "Mrs. Alvarez (DOB 03/14/1950) thanked us"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = form.query_one("#error-story", Static)
        assert error.display
        assert on_screen(app, error)
        assert "patient identifier" in str(error.render())
        assert journal.day_of(app.db, DAY.isoformat()) is None
        await pilot.press("ctrl+s")  # the same words again: the user keeps them
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        assert journal.last_case(app.db).story.startswith("Mrs. Alvarez")


async def test_a_failed_save_keeps_the_text_on_screen_and_says_why(user_path, monkeypatch):
    def full_disk(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    app = make_app(user_path, DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(journal, "save_day", full_disk)
        await pilot.press("5", "w", *"Precious words")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        state = app.query_one("#day-state", Static)
        assert "Not saved" in str(state.render())
        assert on_screen(app, state)
        await pilot.press("escape", "left_square_bracket")  # not away from unsaved text
        await pilot.pause()
        assert pane(app).editor.day == DAY.isoformat()
        assert app.query_one("#day-learning_points", TextArea).text == "Precious words"
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert stored(user_path, DAY.isoformat())["learning_points"] == "Precious words"


async def test_an_away_log_line_written_meanwhile_is_merged_not_overwritten(user_path):
    app = make_app(user_path, DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5", "w", *"From the editor")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        other = connect(user_path)
        journal.append_learning_point(other, DAY.isoformat(), "From away log")
        other.close()
        await pilot.press(*" and more")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        text = stored(user_path, DAY.isoformat())["learning_points"]
        assert text == "From the editor and more\nFrom away log"
        assert app.query_one("#day-learning_points", TextArea).text == text


async def test_search_then_enter_opens_the_day(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "slash", *"CRICOID", "enter")
        await pilot.pause(0.3)
        table = app.query_one("#journal-table", PagedTable)
        hits = journal.search(app.db, "cricoid")
        assert table.row_count == len(hits) > 1
        found = app.query_one("#journal-found", Static)
        assert "days found" in str(found.render())
        assert on_screen(app, found)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.query_one("#journal-search", Input).value == ""
        assert pane(app).editor.day == hits[1].day
        assert table.row_count >= len(hits)
        assert selected_key(table) == hits[1].day_id


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


async def test_quitting_with_flagged_words_asks_and_keeps_them_on_yes(user_path):
    from tracker.ui.modals.confirm import ConfirmScreen

    app = make_app(user_path, DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "w", *"Call 617-555-0142 about the results")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.is_running
        assert stored(user_path, DAY.isoformat()) is None
        await pilot.press("y")
        await pilot.pause()
    assert "617-555-0142" in stored(user_path, DAY.isoformat())["learning_points"]


async def test_g_goes_to_a_typed_date_and_to_the_block_s_first_day(demo_path):
    """From December back to July is one prompt, not 200 presses of [."""
    app = make_app(demo_path, pendulum.date(2026, 12, 4))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "g")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"2026-07-15", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        assert pane(app).editor.day == "2026-07-15"
        await pilot.press("g", *"block start", "enter")
        await pilot.pause()
        assert pane(app).editor.day == "2026-07-02", "the first day of the block shown"
        await pilot.press("g", *"+3", "enter")
        await pilot.pause()
        assert pane(app).editor.day == "2026-07-05"
        await pilot.press("g", *"15/07", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen), "not understood: the prompt stays"
        error = app.screen.query_one("#error-day", Static)
        assert "block start" in str(error.render())
        assert on_screen(app, error)
        await pilot.press("escape")
        await pilot.pause()
        assert pane(app).editor.day == "2026-07-05"


async def test_a_skill_typed_without_a_role_takes_the_role_chosen_then_the_last_used(user_path):
    app = make_app(user_path, DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5", "c")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#field-skill_role").value == "observed", "nothing logged yet"
        await pilot.press(*"Inguinal hernia")
        form.query_one("#field-skills", Input).focus()
        await pilot.press(*"spinal, iv observed")
        form.query_one("#field-skill_role").focus()
        await pilot.press("enter", "home", "enter")  # performed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        day = journal.day_of(app.db, DAY.isoformat())
        (case,) = journal.list_cases(app.db, day.id)
        skills = journal.skills_of(app.db, [case.id])[case.id]
        assert [(s.skill, s.role) for s in skills] == [("spinal", "performed"), ("IV", "observed")]
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one("#field-skill_role").value == "performed", "the last chosen"
