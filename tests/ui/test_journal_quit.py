"""Quitting when the file refused the journal's text (a full disk): the app stays open
with a choice, on screen; each choice keeps its word (Pilot pressing real keys)."""

import sqlite3

import pytest
from textual.widgets import OptionList

from tests.ui.test_journal import DAY, settle, stored
from tests.ui.test_never_crashes import on_screen
from tracker.store import journal
from tracker.ui.app import make_app
from tracker.ui.modals.choice import ChoiceScreen


def full_disk(*args, **kwargs):
    raise sqlite3.OperationalError("database or disk is full")


async def quit_on_a_full_disk(app, pilot, monkeypatch) -> None:
    monkeypatch.setattr(journal, "save_day", full_disk)
    await pilot.press("5", "w", *"Precious words")
    await pilot.press("tab")  # leaving the field saves it: refused
    await settle(app, pilot)
    await pilot.press("escape", "q")  # out of the text, then quit
    await pilot.pause()
    await pilot.pause()
    assert app.is_running, "the app quit with text the file refused"
    assert isinstance(app.screen, ChoiceScreen)
    assert on_screen(app, app.screen.query_one(OptionList))


@pytest.mark.parametrize(
    ("keys", "code"),
    [(["down", "enter"], 0), (["down", "down", "enter"], 1)],
    ids=["recover", "quit"],
)
async def test_quitting_with_refused_text_asks_and_each_choice_keeps_its_word(
    user_path, monkeypatch, keys, code
):
    app = make_app(user_path, DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await quit_on_a_full_disk(app, pilot, monkeypatch)
        await pilot.press(*keys)
        await pilot.pause()
    assert app.return_code == code
    recovered = list(user_path.parent.glob("away-recovery-*.txt"))
    if code == 0:  # copied to a private file beside the database, then quit
        [copy] = recovered
        assert "Precious words" in copy.read_text(encoding="utf-8")
        assert oct(copy.stat().st_mode & 0o777) == "0o600"
    else:  # quit anyway: said, with a non-zero exit
        assert not recovered
    assert stored(user_path, DAY.isoformat()) is None


async def test_try_again_saves_the_text_once_there_is_room_and_quits(user_path, monkeypatch):
    app = make_app(user_path, DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await quit_on_a_full_disk(app, pilot, monkeypatch)
        monkeypatch.undo()  # room again
        await pilot.press("enter")  # "Try to save again", the first choice
        await pilot.pause()
        await pilot.pause()
    assert app.return_code == 0
    assert stored(user_path, DAY.isoformat())["learning_points"] == "Precious words"
