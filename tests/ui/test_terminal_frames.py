"""What reaches the terminal adds up to what the screen holds.

Every update Away would write is played into a terminal emulator (pyte), and after each
key the terminal is compared, cell by cell (character, colours, bold, reverse), with the
screen drawn afresh from every widget. A change drawn only in part (the focus moved
without the widgets it restyles drawn again, a pane shown without its lines) would leave
old cells on the terminal while the widgets hold new ones."""

from typing import Any

import pyte
import pytest
from textual._compositor import CompositorUpdate
from textual.app import App

from tests.conftest import DEMO_DAY
from tracker.ui.app import make_app
from tracker.ui.modals.form import FormScreen

SIZE = (100, 32)


class Terminal:
    """A terminal fed what the app writes, noting the lines each update drew."""

    def __init__(self) -> None:
        self.screen = pyte.Screen(*SIZE)
        self.stream = pyte.Stream(self.screen)
        self.lines_drawn: list[set[int]] = []

    def play(self, update: CompositorUpdate, console: Any) -> None:
        self.stream.feed(update.render_segments(console))
        spans = getattr(update, "spans", None)  # (a LayoutUpdate draws every line)
        self.lines_drawn.append(set(range(SIZE[1])) if spans is None else {y for y, *_ in spans})

    def cells(self) -> list[list[tuple[Any, ...]]]:
        return [
            [
                (cell.data, cell.fg, cell.bg, cell.bold, cell.reverse, cell.underscore)
                for cell in (self.screen.buffer[y][x] for x in range(SIZE[0]))
            ]
            for y in range(SIZE[1])
        ]


def played_into(app: App[Any], terminal: Terminal) -> None:
    """Feed the terminal every update the app would write (as App._display writes it)."""
    display = app._display

    def written(screen: Any, renderable: Any) -> None:
        if isinstance(renderable, CompositorUpdate) and not app._batch_count:
            terminal.play(renderable, app.console)
        display(screen, renderable)

    app._display = written  # type: ignore[method-assign]


def drawn_afresh(app: App[Any]) -> Terminal:
    """The screen drawn from every widget again, caches dropped, into a blank terminal."""
    for widget in app.screen.walk_children(with_self=True):
        widget.refresh()
    fresh = Terminal()
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert isinstance(update, CompositorUpdate)
    fresh.play(update, app.console)
    return fresh


def differences(terminal: Terminal, fresh: Terminal) -> list[str]:
    return [
        f"line {y}: terminal {''.join(c[0] for c in shown)!r}\n"
        f"        afresh   {''.join(c[0] for c in drawn)!r}"
        for y, (shown, drawn) in enumerate(zip(terminal.cells(), fresh.cells(), strict=True))
        if shown != drawn
    ]


@pytest.mark.parametrize(
    "keys",
    [
        ["2", "3", "4", "5", "6", "7", "1"],  # every pane, its table focused as it shows
        ["2", "tab", "tab", "shift+tab", "3", "tab"],  # the focus moved inside panes
        ["2", "n", "tab", "tab", "shift+tab", "escape"],  # a form: its fields, then closed
    ],
    ids=["panes", "focus", "form"],
)
async def test_the_terminal_shows_what_the_widgets_hold_after_each_key(demo_path, keys):
    app = make_app(demo_path, DEMO_DAY)
    terminal = Terminal()
    async with app.run_test(size=SIZE) as pilot:
        played_into(app, terminal)
        app.screen.refresh()  # (the first frame was written before the feed began)
        await pilot.pause(0.3)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.3)
            if isinstance(app.screen, FormScreen) and key == "n":
                assert app.focused is not None  # its first field
            found = differences(terminal, drawn_afresh(app))
            assert not found, f"after {key}:\n" + "\n".join(found)


async def test_a_focus_move_draws_again_only_what_it_restyles(demo_path):
    """Textual redrew every line of the screen when the focus moved (a second frame after
    each pane switch); the header, which no focus changes, is not drawn again."""
    app = make_app(demo_path, DEMO_DAY)
    terminal = Terminal()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause(0.3)
        played_into(app, terminal)
        focused = app.focused
        await pilot.press("tab")
        await pilot.pause(0.3)
        assert app.focused is not focused
        lines_drawn = set().union(*terminal.lines_drawn)
        assert lines_drawn, "the focus move drew nothing"
        assert 0 not in lines_drawn  # the header's line


async def test_the_first_frame_is_whole_and_drawn_once(demo_path):
    """Textual drew every line of the first screen twice (its layout, then a repaint)."""
    app = make_app(demo_path, DEMO_DAY)
    terminal = Terminal()
    played_into(app, terminal)  # from the first frame
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        assert not differences(terminal, drawn_afresh(app))
        full_frames = [lines for lines in terminal.lines_drawn if len(lines) == SIZE[1]]
        assert len(full_frames) == 1


async def test_closing_a_form_draws_the_screen_below_once(demo_path):
    """Textual drew every line of the screen below a second time once the form's screen
    was removed (App.refresh from its removal), 40 ms after the first."""
    app = make_app(demo_path, DEMO_DAY)
    terminal = Terminal()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "n")
        await pilot.pause(0.3)
        assert isinstance(app.screen, FormScreen)
        played_into(app, terminal)
        await pilot.press("escape")
        await pilot.pause(0.5)
        assert not isinstance(app.screen, FormScreen)
        assert not differences(terminal, drawn_afresh(app))
        full_frames = [lines for lines in terminal.lines_drawn if len(lines) == SIZE[1]]
        assert len(full_frames) == 1


async def test_after_the_terminal_was_lent_every_line_is_drawn_again(demo_path):
    """(App.suspend hands the terminal to another program, which draws over it.)"""
    app = make_app(demo_path, DEMO_DAY)
    terminal = Terminal()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        played_into(app, terminal)
        app.app_resume_signal.publish(app)
        app.refresh(layout=True)
        await pilot.pause(0.3)
        assert any(len(lines) == SIZE[1] for lines in terminal.lines_drawn)
