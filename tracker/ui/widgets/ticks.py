"""Ticks: a grid of check boxes drawn as one widget (the Journal's small goals and what
the attendings watch). Nine Checkboxes were nine widgets with two styled parts each, each
restyled when its value was set: about a third of building the Journal's day view."""

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Offset, Size
from textual.reactive import reactive
from textual.widget import Widget

from tracker.ui.messages import UserChanged
from tracker.ui.widgets.drawn import content_width

BOX = "▐X▌"  # as Textual's Checkbox draws it
GUTTER = 2  # cells between columns


class Ticks(Widget, can_focus=True):
    """Choices (key, title) in rows of `columns`; arrows move, space or enter ticks, a
    click ticks the choice under it. `ticked` is the set of keys ticked."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"ticks--box", "ticks--box-on", "ticks--cursor"}
    DEFAULT_CSS = """
    Ticks {
        height: auto;
        background: $surface;
        pointer: pointer;
        & > .ticks--box {
            color: $panel-darken-2;
            background: $panel;
        }
        & > .ticks--box-on {
            color: $text-success;
            background: $panel;
        }
        & > .ticks--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
        }
        &:ansi {
            background: ansi_default;
            & > .ticks--box {
                background: $ansi-background;
                color: $ansi-foreground;
                text-style: dim;
            }
            & > .ticks--box-on {
                color: $accent;
                background: $ansi-background;
                text-style: bold not dim;
            }
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "tick", "Tick", tooltip="Tick or untick the choice"),
        Binding("left", "move(-1)", "Left", show=False),
        Binding("right", "move(1)", "Right", show=False),
        Binding("up", "move_row(-1)", "Up", show=False),
        Binding("down", "move_row(1)", "Down", show=False),
    ]

    cursor: reactive[int] = reactive(0)

    class Changed(UserChanged):
        """The user ticked or unticked a choice (never posted when `ticked` is set)."""

        def __init__(self, ticks: "Ticks", key: str, value: bool) -> None:
            super().__init__(ticks)
            self.key, self.value = key, value

    def __init__(
        self,
        choices: Sequence[tuple[str, str]],
        columns: int = 3,
        *,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(id=id, classes=classes, disabled=disabled)
        self.choices = list(choices)
        self.columns = columns
        self._ticked: set[str] = set()

    @property
    def ticked(self) -> set[str]:
        return set(self._ticked)

    @ticked.setter
    def ticked(self, keys: Iterable[str]) -> None:
        ticked = set(keys) & {key for key, _ in self.choices}
        if ticked != self._ticked:
            self._ticked = ticked
            self.refresh()

    # --- geometry -----------------------------------------------------------------------

    def _column_starts(self, width: int) -> list[int]:
        """The first cell of each column: the width shared as a grid of 1fr columns."""
        cell = (width - GUTTER * (self.columns - 1)) / self.columns
        return [round(column * (cell + GUTTER)) for column in range(self.columns)]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return -(-len(self.choices) // self.columns)

    def box_offset(self, key: str) -> Offset:
        """Where the choice's box is drawn, inside the widget (for a click)."""
        index = [choice for choice, _ in self.choices].index(key)
        row, column = divmod(index, self.columns)
        return Offset(self._column_starts(content_width(self))[column] + 1, row)

    def _index_at(self, offset: Offset) -> int | None:
        starts = self._column_starts(content_width(self))
        column = sum(1 for start in starts[1:] if offset.x >= start)
        index = offset.y * self.columns + column
        return index if offset.y >= 0 and offset.x >= 0 and index < len(self.choices) else None

    # --- drawing ------------------------------------------------------------------------

    def render(self) -> Text:
        width = content_width(self)
        starts = [*self._column_starts(width), width + GUTTER]
        cursor = self.get_component_rich_style("ticks--cursor", partial=True)
        boxes = {on: self._box(on) for on in (False, True)}
        lines = []
        for row_start in range(0, len(self.choices), self.columns):
            line = Text(no_wrap=True, end="")
            row = self.choices[row_start : row_start + self.columns]
            for column, (key, title) in enumerate(row):
                line.append_text(boxes[key in self._ticked])
                here = self.has_focus and row_start + column == self.cursor
                room = starts[column + 1] - starts[column] - GUTTER - len(BOX)
                label = f" {title} "[: max(room, 0)]
                line.append(label, style=cursor if here else "")
                line.append(" " * (room + GUTTER - len(label)))
            lines.append(line)
        return Text("\n", end="").join(lines)

    def _box(self, on: bool) -> Text:
        """The box as Textual's Checkbox draws it: its sides in the box's background over
        the widget's, so the box looks like a block with the mark inside."""
        style = self.get_component_rich_style("ticks--box-on" if on else "ticks--box")
        side = Style(color=style.bgcolor, bgcolor=self.background_colors[1].rich_color)
        return Text.assemble((BOX[0], side), (BOX[1], style), (BOX[2], side), end="")

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # --- keys and the mouse -------------------------------------------------------------

    def action_tick(self) -> None:
        key = self.choices[self.cursor][0]
        value = key not in self._ticked
        self._ticked.symmetric_difference_update({key})
        self.refresh()
        self.post_message(self.Changed(self, key, value))

    def action_move(self, step: int) -> None:
        self.cursor = (self.cursor + step) % len(self.choices)

    def action_move_row(self, step: int) -> None:
        moved = self.cursor + step * self.columns
        if 0 <= moved < len(self.choices):
            self.cursor = moved

    def on_click(self, event: events.Click) -> None:
        index = self._index_at(event.get_content_offset(self) or Offset(-1, -1))
        if index is not None and not self.disabled:
            self.cursor = index
            self.action_tick()
