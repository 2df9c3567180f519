"""The shared shape of a pane: empty until first shown, then built and filled from the store.

Building only the visible pane keeps start-up close to a bare Textual app: every widget
mounted at start costs style and layout work before the first paint.
"""

from typing import TYPE_CHECKING, cast

import pendulum
from textual.app import ComposeResult
from textual.widgets import DataTable, TabbedContent, TabPane

from tracker.store.db import AwayDatabase

if TYPE_CHECKING:
    from tracker.ui.app import AwayApp


class AreaPane(TabPane):
    """Subclasses implement build() (flat widgets, no containers) and load()."""

    built = False
    loaded = False
    # The areas whose records this pane shows: a write to one of them (RecordsChanged)
    # makes the pane reload on its next show; writes elsewhere leave it as it is.
    READS: frozenset[str] = frozenset()

    @property
    def away(self) -> "AwayApp":
        """The app, typed: Textual's self.app is App[Any]."""
        return cast("AwayApp", self.app)

    @property
    def db(self) -> AwayDatabase:
        return self.away.db

    @property
    def today(self) -> pendulum.Date:
        return self.away.today

    def build(self) -> ComposeResult:
        raise NotImplementedError

    def load(self) -> None:
        raise NotImplementedError

    async def on_show(self) -> None:
        if not self.built:
            self.built = True
            await self.mount_all(list(self.build()))
        if not self.loaded:
            self.reload()
        self.focus_first_table()

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
        # Focusing inside a pane makes TabbedContent switch to it, so a pane that finished
        # building after the user moved on must not take focus back.
        if self.query_ancestor(TabbedContent).active != self.id:
            return
        tables = [table for table in self.query(DataTable) if table.can_focus and table.display]
        if tables and not self.app.screen.is_modal:
            tables[0].focus()
