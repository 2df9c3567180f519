"""Pick one value from a short list (e.g. an application's status)."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tracker.ui.text import Plain, safe


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

    def compose(self) -> ComposeResult:
        with Vertical(id="choice"):
            yield Plain(self.title_text, id="choice-title")
            yield OptionList(*(Option(safe(text), id=value) for text, value in self.choices))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        values = [value for _, value in self.choices]
        if self.current in values:
            options.highlighted = values.index(self.current)
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
