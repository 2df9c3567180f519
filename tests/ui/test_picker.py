"""Picker: one line that opens the list of choices; a long list filters as you type."""

from textual.app import App, ComposeResult
from textual.widgets import Input, OptionList

from tracker.ui.modals.choice import FILTER_FROM, ChoiceScreen
from tracker.ui.widgets.picker import Picker

SHORT = [("Operating room", "or"), ("Pre-op clinic", "preop"), ("[b]ICU[/b]", "icu")]
LONG = [(f"Program {n:02}", str(n)) for n in range(FILTER_FROM + 3)] + [
    ("Hôpital Saint-Éloi", "eloi")
]


class PickerApp(App[None]):
    def __init__(self, picker: Picker) -> None:
        super().__init__()
        self.picker = picker
        self.changes: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield Input(id="before")
        yield self.picker

    def on_picker_changed(self, event: Picker.Changed) -> None:
        self.changes.append(event.value)


def shown(app: App[None], picker: Picker) -> str:
    """The picker's line as drawn on screen."""
    region = picker.region
    assert picker.display
    assert app.screen.region.contains_region(region)
    strip = app.screen._compositor.render_strips()[region.y]
    return "".join(segment.text for segment in strip)[region.x : region.right]


async def test_enter_opens_the_list_at_the_current_choice_and_enter_chooses():
    app = PickerApp(Picker(SHORT, value="preop", id="p"))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("tab", "enter")
        assert isinstance(app.screen, ChoiceScreen)
        options = app.screen.query_one(OptionList)
        assert options.get_option_at_index(options.highlighted or 0).id == "preop"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.picker.value == "icu"
        assert app.changes == ["icu"]
        assert shown(app, app.picker).rstrip().endswith("▼")
        assert "[b]ICU[/b]" in shown(app, app.picker)  # literal, never markup


async def test_escape_keeps_the_value_and_says_nothing():
    app = PickerApp(Picker(SHORT, value="or", id="p"))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.click(app.picker)
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("down", "escape")
        await pilot.pause()
        assert app.picker.value == "or"
        assert app.changes == []


async def test_the_prompt_is_no_choice_and_can_be_chosen_again():
    app = PickerApp(Picker(SHORT, prompt="any place", id="p"))
    async with app.run_test(size=(60, 20)) as pilot:
        assert app.picker.value is None
        assert shown(app, app.picker).startswith("any place")
        await pilot.click(app.picker)
        await pilot.press("down", "enter")  # the first place, under the prompt
        await pilot.pause()
        assert app.picker.value == "or"
        await pilot.click(app.picker)
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.picker.value is None
        assert app.changes == ["or", None]


async def test_without_a_blank_an_unknown_value_is_the_first_choice():
    picker = Picker(SHORT, value="gone", allow_blank=False, id="p")
    assert picker.value == "or"
    picker.value = None
    assert picker.value == "or"
    picker.value = "icu"
    assert picker.value == "icu"


async def test_a_long_list_filters_as_you_type_blind_to_case_and_accents():
    app = PickerApp(Picker(LONG, allow_blank=False, id="p"))
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.click(app.picker)
        assert app.screen.query_one("#choice-filter").has_focus
        await pilot.press(*"saint-eloi")
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.picker.value == "eloi"
        await pilot.click(app.picker)
        await pilot.press(*"program 1", "down", "down", "enter")  # 10, 11, 12
        await pilot.pause()
        assert app.picker.value == "12"


async def test_a_short_list_has_no_filter_line():
    app = PickerApp(Picker(SHORT, id="p"))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.click(app.picker)
        assert not app.screen.query("#choice-filter")
        assert app.screen.query_one(OptionList).has_focus


async def test_a_disabled_picker_does_not_open():
    app = PickerApp(Picker(SHORT, id="p", disabled=True))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.click(app.picker)
        await pilot.press("tab", "enter")
        assert not isinstance(app.screen, ChoiceScreen)
