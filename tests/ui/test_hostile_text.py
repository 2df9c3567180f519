"""Stored text is data, never markup: a database whose every free-text cell holds markup,
links, terminal escape sequences, NUL and bidi overrides opens, every pane, detail view
and form shows those strings literally, and nothing of them reaches the terminal."""

import shutil

import pytest
from rich.console import Console

from tests.conftest import DEMO_DAY
from tests.hostile import FREE_TEXT, NOT_FREE_TEXT, PAYLOADS, poison, text_columns
from tracker.ui.app import make_app

# Keys that walk every pane, its detail panel and the forms and modals that show records.
WALK = [
    ["1"],
    ["down", "down", "enter"],  # Today: a line opens its record
    ["2"],
    ["enter"],  # the application form, filled from the record
    ["escape", "tab"],
    ["down", "enter"],  # the program form
    ["escape", "m"],
    ["escape", "3"],
    ["right_square_bracket"],
    ["right_square_bracket", "enter"],  # a checklist item's form
    ["escape", "4"],
    ["right_square_bracket"],
    ["right_square_bracket", "tab", "enter"],
    ["escape", "5"],
    ["left_square_bracket"],
    ["s"],  # case statistics
    ["escape", "6"],
    ["tab"],
    ["down", "e"],  # a writer's form
    ["escape", "r"],  # the rules
    ["escape", "p"],  # the profile form
    ["escape", "ctrl+e"],  # the export dialog
    ["escape"],
]


def screen_output(app) -> tuple[str, str]:
    """What the terminal would be sent for the whole screen, and the screen's text."""
    update = app.screen._compositor.render_full_update()
    raw = update.render_segments(Console(force_terminal=True, color_system="truecolor"))
    text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
    return raw, text


def test_the_corpus_covers_every_text_column(demo_path):
    unlisted = [
        f"{table}.{column}"
        for table, columns in text_columns(demo_path).items()
        for column in columns
        if column not in FREE_TEXT.get(table, []) and not NOT_FREE_TEXT.search(f"{table}.{column}")
    ]
    assert not unlisted, f"text columns the hostile tests do not fill: {unlisted}"


@pytest.fixture
def hostile_path(demo_path, tmp_path):
    path = tmp_path / "hostile.db"
    shutil.copy(demo_path, path)
    assert poison(path) > 1000
    return path


async def test_hostile_stored_text_is_shown_literally_and_never_reaches_the_terminal(
    hostile_path,
):
    app = make_app(hostile_path, DEMO_DAY)
    seen = []
    async with app.run_test(size=(120, 40)) as pilot:
        for keys in WALK:
            await pilot.press(*keys)
            await pilot.pause()
            await pilot.pause()
            raw, text = screen_output(app)
            leaked = [payload for payload in PAYLOADS if payload in raw]
            assert not leaked, f"after {keys}: {leaked!r} reached the terminal"
            seen.append(text)
        assert app.is_running, "the app stopped"
    shown = "\n".join(seen)
    # Markup is shown as typed, escapes and bidi overrides as visible signs.
    for literal in ["[bold red]X[/]", "[link=file:///etc/passwd]L[/link]", "[@click=app.quit]q"]:
        assert literal in shown, f"{literal!r} is not on screen as typed"
    assert "␛]0;PWNED␇" in shown
    assert "N␀UL" in shown
    assert "\ufffdevil bidi" in shown
