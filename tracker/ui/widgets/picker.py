"""Picker: one value from a list, drawn as one line (the choice and ▼); enter, space, up,
down or a click opens the list (tracker.ui.modals.choice), filtered as the user types
when it is long. Textual's Select is six widgets and an overlay list of every option,
all built with the form or pane that holds it: the program form's seven were 42 widgets,
the new application's list of programs 1,200 options at 100x."""

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widget import Widget

from tracker.domain.text import visible
from tracker.ui.messages import UserChanged
from tracker.ui.modals.choice import BLANK_CHOICE, ChoiceScreen
from tracker.ui.widgets.drawn import content_width


class Picker(Widget, can_focus=True):
    """choices: (label, value). allow_blank: the list starts with the prompt, which
    chooses no value (None)."""

    DEFAULT_CSS = """
    Picker {
        height: 1;
        width: 1fr;
        background: $surface;
        padding: 0 1 0 0;
        pointer: pointer;
        &:focus {
            background-tint: $foreground 5%;
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        &.-blank {
            color: $text-muted;
        }
        &:disabled {
            opacity: 0.6;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space,down,up", "open", "Choose", show=False),
    ]

    class Changed(UserChanged):
        """The user chose a value (never posted when `value` is set)."""

        def __init__(self, picker: "Picker", value: str | None) -> None:
            super().__init__(picker)
            self.value = value

    def __init__(
        self,
        choices: Sequence[tuple[str, str]],
        *,
        prompt: str = "—",
        value: str | None = None,
        allow_blank: bool = True,
        title: str = "",
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(id=id, classes=classes, disabled=disabled)
        self.choices = list(choices)
        self.prompt = prompt
        self.allow_blank = allow_blank
        self.title = title or prompt
        self._labels = {choice: label for label, choice in self.choices}
        self._value: str | None = None
        self.value = value

    @property
    def value(self) -> str | None:
        return self._value

    @value.setter
    def value(self, value: str | None) -> None:
        if value not in self._labels:
            value = None if self.allow_blank or not self.choices else self.choices[0][1]
        self._value = value
        self.set_class(value is None, "-blank")
        self.refresh()

    def clear(self) -> None:
        self.value = None

    def render(self) -> Text:
        shown = self.prompt if self._value is None else self._labels[self._value]
        width = max(content_width(self) - 2, 1)
        text = Text(visible(shown), no_wrap=True, overflow="ellipsis", end="")
        text.truncate(width, overflow="ellipsis", pad=True)
        text.append(" ▼")
        return text

    def action_open(self) -> None:
        listed = [(self.prompt, BLANK_CHOICE)] if self.allow_blank else []
        current = BLANK_CHOICE if self._value is None else self._value
        screen = ChoiceScreen(self.title, [*listed, *self.choices], current)
        self.app.push_screen(screen, self._chosen)

    def _chosen(self, chosen: str | None) -> None:
        if chosen is None:  # closed without choosing
            return
        value = None if chosen == BLANK_CHOICE else chosen
        if value != self._value:
            self.value = value
            self.post_message(self.Changed(self, self._value))

    def on_click(self, event: events.Click) -> None:
        if not self.disabled:
            self.action_open()
