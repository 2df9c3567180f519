"""Pick one value from a list (an application's status, a form's program): a long list
is filtered as the user types (case and accents ignored)."""

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tracker.domain.text import fold
from tracker.ui.text import Plain, safe

FILTER_FROM = 12  # choices from which the list has a filter line
BLANK_CHOICE = "\x00blank"  # the id of a choice that means "none" (a Picker's prompt)
LIST_KEYS = {"up": "cursor_up", "down": "cursor_down", "pageup": "page_up", "pagedown": "page_down"}


class ChoiceScreen(ModalScreen[str | None]):
    CSS_PATH = "choice.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="choice.cancel", tooltip="Close without choosing")
    ]

    def __init__(self, title: str, choices: list[tuple[str, str]], current: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices  # (label, value)
        self.current = current
        self._folded = [fold(text) or "" for text, _ in choices]

    def compose(self) -> ComposeResult:
        with Vertical(id="choice"):
            yield Plain(self.title_text, id="choice-title")
            if len(self.choices) >= FILTER_FROM:
                yield Input(placeholder="type to filter", id="choice-filter", compact=True)
            yield OptionList(*self._options(""))

    def _options(self, text: str) -> list[Option]:
        wanted = fold(text.strip()) or ""
        return [
            Option(safe(label), id=value)
            for (label, value), folded in zip(self.choices, self._folded, strict=True)
            if wanted in folded
        ]

    def on_mount(self) -> None:
        # As wide as the longest choice on one line, within the screen (the CSS's limit).
        longest = max((len(text) for text, _ in self.choices), default=0)
        self.query_one("#choice").styles.width = max(44, min(longest + 8, 100))
        options = self.query_one(OptionList)
        values = [value for _, value in self.choices]
        if self.current in values:
            options.highlighted = values.index(self.current)
        if self.query("#choice-filter"):
            self.query_one("#choice-filter").focus()
        else:
            options.focus()

    @on(Input.Changed, "#choice-filter")
    def _filter(self, event: Input.Changed) -> None:
        options = self.query_one(OptionList)
        options.set_options(self._options(event.value))
        options.highlighted = 0 if options.option_count else None

    def on_key(self, event: events.Key) -> None:
        # Up, down and the page keys move in the list while the filter has the keys.
        options = self.query_one(OptionList)
        if self.focused is not options and event.key in LIST_KEYS:
            getattr(options, f"action_{LIST_KEYS[event.key]}")()
            event.stop()

    @on(Input.Submitted, "#choice-filter")
    def _filter_done(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            options.action_select()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
