"""Checklists: visa, immunization, document and travel items."""

from textual.app import ComposeResult
from textual.widgets import DataTable

from tracker.domain.checklists import ChecklistItem
from tracker.store import checklists
from tracker.ui.format import label, relative_days, short_date
from tracker.ui.panes.base import AreaPane
from tracker.ui.widgets.tables import Cell, make_table, show_records


class ChecklistsPane(AreaPane):
    READS = frozenset({"checklists"})

    def __init__(self) -> None:
        super().__init__("Checklists", id="checklists")

    def build(self) -> ComposeResult:
        yield make_table(
            "checklist-table", ["Done", "Category", "Item", "Due", "Valid until", "Rule"]
        )

    def load(self) -> None:
        show_records(
            self.query_one("#checklist-table", DataTable),
            lambda offset, limit: checklists.list_items(self.db, limit, offset),
            checklists.count_items(self.db),
            self._cells,
        )

    def _cells(self, item: ChecklistItem) -> list[Cell]:
        return [
            "✓" if item.done else "·",
            label(item.category),
            item.title,
            short_date(item.done_on) if item.done else relative_days(item.due_on, self.today),
            short_date(item.valid_until),
            item.rule_id,
        ]
