"""Ticks: check boxes in a grid drawn as one widget, ticked by keys and by clicks."""

from textual.app import App, ComposeResult
from textual.widgets import Input

from tracker.ui.widgets.ticks import Ticks

CHOICES = [("a", "Alpha"), ("b", "Bravo"), ("c", "Charlie"), ("d", "Delta"), ("e", "Echo")]


class TicksApp(App[None]):
    def __init__(self, disabled: bool = False) -> None:
        super().__init__()
        self.disabled_ticks = disabled
        self.changes: list[tuple[str, bool]] = []

    def compose(self) -> ComposeResult:
        yield Input(id="before")
        yield Ticks(CHOICES, id="ticks", disabled=self.disabled_ticks)

    def on_ticks_changed(self, event: Ticks.Changed) -> None:
        self.changes.append((event.key, event.value))


def lines_on_screen(app: App[None], ticks: Ticks) -> list[str]:
    region = ticks.region
    assert ticks.display
    assert app.screen.region.contains_region(region)
    return [
        "".join(segment.text for segment in app.screen._compositor.render_strips()[y])[
            region.x : region.right
        ]
        for y in range(region.y, region.bottom)
    ]


def colour_of_mark(app: App[None], ticks: Ticks, key: str) -> object:
    """The colour the X of a choice's box is drawn in on screen."""
    at = ticks.region.offset + ticks.box_offset(key)
    x = 0
    for segment in app.screen._compositor.render_strips()[at.y]:
        if x <= at.x < x + len(segment.text):
            assert segment.text[at.x - x] == "X"
            return segment.style.color if segment.style else None
        x += len(segment.text)
    raise AssertionError(f"nothing drawn at {at}")


async def test_keys_move_and_tick_and_say_so():
    app = TicksApp()
    async with app.run_test(size=(80, 10)) as pilot:
        ticks = app.query_one(Ticks)
        await pilot.press("tab")
        assert app.focused is ticks
        await pilot.press("space", "right", "enter", "down", "space")
        assert ticks.ticked == {"a", "b", "e"}
        assert app.changes == [("a", True), ("b", True), ("e", True)]
        await pilot.press("down", "up", "space")  # no row below Echo: up goes to Bravo
        assert ticks.ticked == {"a", "e"}
        assert app.changes[-1] == ("b", False)
        await pilot.press("left", "left", "space")  # wraps from the first to the last
        assert ticks.cursor == len(CHOICES) - 1
        assert ticks.ticked == {"a"}


async def test_a_click_ticks_the_choice_under_it_at_any_width():
    for width in (80, 40, 24):
        app = TicksApp()
        async with app.run_test(size=(width, 10)) as pilot:
            ticks = app.query_one(Ticks)
            for key, _ in CHOICES:
                await pilot.click(ticks, offset=ticks.box_offset(key))
            assert ticks.ticked == {key for key, _ in CHOICES}, width
            await pilot.click(ticks, offset=ticks.box_offset("c"))
            assert ticks.ticked == {"a", "b", "d", "e"}
            assert app.changes[-1] == ("c", False)


async def test_setting_what_is_ticked_says_nothing_and_keeps_only_its_choices():
    app = TicksApp()
    async with app.run_test(size=(80, 10)) as pilot:
        ticks = app.query_one(Ticks)
        ticks.ticked = {"b", "zzz"}
        await pilot.pause()
        assert ticks.ticked == {"b"}
        assert app.changes == []


async def test_the_boxes_and_titles_are_on_screen_in_rows_of_three():
    app = TicksApp()
    async with app.run_test(size=(80, 10)) as pilot:
        ticks = app.query_one(Ticks)
        ticks.ticked = {"a", "d"}
        await pilot.pause()
        lines = lines_on_screen(app, ticks)
        assert len(lines) == 2
        assert lines[0].split() == ["▐X▌", "Alpha", "▐X▌", "Bravo", "▐X▌", "Charlie"]
        assert lines[1].split() == ["▐X▌", "Delta", "▐X▌", "Echo"]
        # each box where a click would tick it
        for key, _ in CHOICES:
            offset = ticks.box_offset(key)
            assert lines[offset.y][offset.x - 1 : offset.x + 2] == "▐X▌"
        ticked, unticked = colour_of_mark(app, ticks, "a"), colour_of_mark(app, ticks, "b")
        assert ticked != unticked
        assert colour_of_mark(app, ticks, "d") == ticked
        assert colour_of_mark(app, ticks, "e") == unticked


async def test_narrow_titles_are_cut_not_wrapped():
    app = TicksApp()
    async with app.run_test(size=(24, 10)) as pilot:
        ticks = app.query_one(Ticks)
        await pilot.pause()
        lines = lines_on_screen(app, ticks)
        assert len(lines) == 2
        assert "Cha" in lines[0]
        assert "Charlie" not in lines[0]


async def test_disabled_ticks_take_no_focus_and_no_clicks():
    app = TicksApp(disabled=True)
    async with app.run_test(size=(80, 10)) as pilot:
        ticks = app.query_one(Ticks)
        await pilot.press("tab")
        assert app.focused is not ticks
        await pilot.click(ticks, offset=ticks.box_offset("a"))
        assert ticks.ticked == set()
        assert app.changes == []
