"""The shared shape of a pane: built and filled from the store after start-up.

The shell mounts a pane into its tab after the first paint (panes/__init__): ahead, while
the user pauses, or when its tab is first shown. Every widget mounted at start costs
style and layout work before the first paint.
"""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import DataTable

from tracker.store.db import AwayDatabase
from tracker.ui.widgets.drawn import forget_drawn_lines
from tracker.ui.widgets.tables import PagedTable, select_row

if TYPE_CHECKING:
    from tracker.ui.app import AwayApp


@dataclass(frozen=True)
class Target:
    """A record to land on (enter on a line of Today): its table in the pane, its row key,
    and the block whose list holds it, for panes that show one block at a time."""

    table_id: str | None = None
    record_id: int | None = None
    rotation_id: int | None = None


class AreaPane(Widget):
    """Subclasses implement build() and load(); the shell mounts each in its switcher."""

    DEFAULT_CSS = "AreaPane { height: auto; padding: 0 1; }"
    PANE_ID = ""  # the id of the pane's tab (panes/__init__.PANES)
    built = False
    loaded = False
    # The areas whose records this pane shows: a write to one of them (RecordsChanged)
    # makes the pane reload on its next show; writes elsewhere leave it as it is.
    READS: frozenset[str] = frozenset()
    target: Target | None = None  # where to put the cursor once shown

    @property
    def away(self) -> "AwayApp":
        """The app, typed: Textual's self.app is App[Any]."""
        return cast("AwayApp", self.app)

    @property
    def db(self) -> AwayDatabase:
        return self.away.db

    @property
    def today(self) -> date:
        return self.away.today

    def __init__(self) -> None:
        super().__init__(id=f"{self.PANE_ID}-pane")

    def build(self) -> ComposeResult:
        raise NotImplementedError

    def load(self) -> None:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        self.built = True
        yield from self.build()

    def on_mount(self) -> None:
        # Filled before the first paint: the pane appears with its records, in one frame.
        # A pane the warm-up was building as the app closed is being taken down instead.
        if self.is_attached and self.app.is_running:
            self.prepare()
            self.reload()

    def prepare(self) -> None:
        """What compose cannot set (a table's columns, a part hidden at first), once,
        before the first load."""

    def on_show(self) -> None:
        if not self.loaded:  # records changed elsewhere since it was last shown
            self.reload()
        self.focus_first_table()
        if self.target is not None:
            target, self.target = self.target, None
            self.reveal(target)

    def on_hide(self) -> None:
        forget_drawn_lines(self)  # until it is shown again

    def reveal(self, target: Target) -> None:
        """Put the cursor on the target's record. Panes that list one block at a time
        choose its block first."""
        if target.table_id and target.record_id is not None:
            select_row(self.query_one(f"#{target.table_id}", PagedTable), target.record_id)

    def before_quit(self) -> bool:
        """Finish writing before the app quits; False keeps the app open (the pane asks)."""
        return True

    def current_rule_id(self) -> str | None:
        """The rule behind the selected line, for the rules screen (key r)."""
        return None

    def reload(self) -> None:
        self.loaded = True
        self.load()

    def focus_first_table(self) -> None:
        # A pane that finished building after the user moved on must not take the focus.
        if self.away.active_pane != self.PANE_ID:
            return
        tables = [table for table in self.query(DataTable) if table.can_focus and table.display]
        if tables and not self.app.screen.is_modal:
            tables[0].focus(scroll_visible=False)  # the pane opens at its top
