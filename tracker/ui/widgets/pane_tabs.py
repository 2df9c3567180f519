"""The panes' tab bar: one widget that draws every tab and the bar under the chosen one.

Textual's TabbedContent made 21 widgets for seven tabs (a tab each, their rows, the
underline, a switcher and a pane holder per tab), each composed, styled, laid out and
drawn before the first paint: about a tenth of the start-up's work. This draws the same
two lines (Textual's tab colours and underline bar) as one widget; the app shows the
chosen pane (AwayApp.action_show_pane).
"""

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.renderables.bar import Bar
from textual.widget import Widget

from tracker.ui.widgets.drawn import content_width


class Tab(NamedTuple):
    id: str
    label: str  # its number and title, e.g. "4 Housing & Budget"
    short_label: str  # in a narrow terminal, where every tab must fit


class PlacedTab(NamedTuple):
    id: str
    label: str
    start: int  # its first column, padding included
    end: int  # the column after its last


PADDING = 1  # a space either side of each label, as Textual's tabs


class PaneTabs(Widget):
    DEFAULT_CSS = """
    PaneTabs {
        dock: top;
        width: 1fr;
        height: 2;
        & > .pane-tabs--tab { color: $foreground 50%; }
        & > .pane-tabs--chosen { color: $foreground; }
        & > .pane-tabs--bar {
            color: $block-cursor-background;
            background: $foreground 10%;
        }
        &:ansi {
            & > .pane-tabs--tab { text-style: dim; }
            & > .pane-tabs--chosen { text-style: not dim bold; }
            & > .pane-tabs--bar {
                color: $block-cursor-background;
                background: $border-blurred;
            }
        }
    }
    """
    COMPONENT_CLASSES = {"pane-tabs--tab", "pane-tabs--chosen", "pane-tabs--bar"}

    active: reactive[str] = reactive("")

    class Chosen(Message):
        """A tab was clicked."""

        def __init__(self, pane_id: str) -> None:
            super().__init__()
            self.pane_id = pane_id

    def __init__(self, tabs: Sequence[Tab], active: str, narrow_below: int) -> None:
        super().__init__(id="pane-tabs")
        self.tabs = tuple(tabs)
        self.narrow_below = narrow_below  # (terminal width) short labels below it
        self.set_reactive(PaneTabs.active, active)

    def placed(self) -> list[PlacedTab]:
        """Each tab's label and columns at the bar's present width."""
        narrow = content_width(self) < self.narrow_below
        placed, column = [], 0
        for tab in self.tabs:
            label = tab.short_label if narrow else tab.label
            end = column + cell_len(label) + 2 * PADDING
            placed.append(PlacedTab(tab.id, label, column, end))
            column = end
        return placed

    def render(self) -> RenderableType:
        tab_style = self.get_component_rich_style("pane-tabs--tab")
        chosen_style = self.get_component_rich_style("pane-tabs--chosen")
        bar_style = self.get_component_rich_style("pane-tabs--bar")
        labels = Text(no_wrap=True, overflow="crop")
        highlight = (0, 0)
        for tab in self.placed():
            chosen = tab.id == self.active
            label = f"{' ' * PADDING}{tab.label}{' ' * PADDING}"
            labels.append(label, chosen_style if chosen else tab_style)
            if chosen:  # (under its label, as Textual's)
                highlight = (tab.start + PADDING, tab.end - PADDING)
        # (as Textual's Underline: the bar's colour for the chosen tab, its background's
        # colour for the rest)
        bar = Bar(highlight, Style.from_color(bar_style.color), Style.from_color(bar_style.bgcolor))
        return Group(labels, bar)

    def on_click(self, event: events.Click) -> None:
        for tab in self.placed():
            if tab.start <= event.x < tab.end:
                self.post_message(self.Chosen(tab.id))
                return
