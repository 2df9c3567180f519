"""Journal: the daily OR learning log, one row per day, newest first."""

from textual.app import ComposeResult
from textual.widgets import DataTable

from tracker.domain.journal import JournalDay
from tracker.store import journal
from tracker.ui.format import excerpt, short_date
from tracker.ui.panes.base import AreaPane
from tracker.ui.widgets.tables import Cell, make_table, show_records


class JournalPane(AreaPane):
    READS = frozenset({"journal"})

    def __init__(self) -> None:
        super().__init__("Journal", id="journal")

    def build(self) -> ComposeResult:
        yield make_table("journal-table", ["Day", "Cases", "Learning points", "Tomorrow's focus"])

    def load(self) -> None:
        show_records(
            self.query_one("#journal-table", DataTable),
            lambda offset, limit: journal.list_days(self.db, limit, offset),
            journal.count_days(self.db),
            _cells,
        )


def _cells(day: JournalDay) -> list[Cell]:
    return [
        short_date(day.day),
        str(day.case_count),
        excerpt(day.learning_points, 56),
        excerpt(day.tomorrow_focus, 34),
    ]
