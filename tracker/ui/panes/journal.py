"""Journal: the daily OR learning log, newest first, each day in full beside the list;
`/` searches every day and case (case and accents ignored)."""

import re

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from tracker.domain.journal import JournalDay, SearchHit
from tracker.domain.text import plural
from tracker.store import journal
from tracker.store.programs import get_rotation
from tracker.ui.format import excerpt, short_date
from tracker.ui.panes.base import AreaPane
from tracker.ui.panes.journal_detail import day_detail
from tracker.ui.widgets.tables import Cell, PagedTable, make_table, selected_key, show_records

COLUMNS = ["Day", "Cases", "Learning points", "Tomorrow's focus"]


class JournalPane(AreaPane):
    READS = frozenset({"journal"})
    BINDINGS = [
        Binding(
            "slash", "search", "Search", id="journal.search", tooltip="Search every day and case"
        ),
        Binding(
            "escape",
            "clear_search",
            "Clear",
            id="journal.clear",
            show=False,
            tooltip="Back to every day",
        ),
        Binding(
            "s",
            "stats",
            "Stats",
            id="journal.stats",
            tooltip="Cases by technique, airway, ASA and skill, for this rotation or all",
        ),
        Binding(
            "i",
            "toggle_detail",
            "Detail",
            id="journal.detail",
            show=False,
            tooltip="Show or hide the day in full (hidden on narrow terminals)",
        ),
    ]

    def __init__(self) -> None:
        super().__init__("Journal", id="journal")
        self.hits: list[SearchHit] = []
        self._search_timer: Timer | None = None

    def build(self) -> ComposeResult:
        yield Input(
            placeholder="/ search the journal: words, or the start of a word*",
            id="journal-search",
            compact=True,
        )
        yield Static("", id="journal-found", classes="section-title")
        yield Horizontal(
            make_table("journal-table", COLUMNS),
            VerticalScroll(
                Static("", id="journal-detail"), id="journal-detail-scroll", can_focus=False
            ),
            id="journal-main",
        )

    def load(self) -> None:
        table = self.query_one("#journal-table", PagedTable)
        text = self.query_one("#journal-search", Input).value
        found = self.query_one("#journal-found", Static)
        if text.strip():
            self.hits = journal.search(self.db, text)
            found.update(
                f"{plural(len(self.hits), 'day')} found for “{text.strip()}” (escape: every day)"
            )
            found.display = True
            show_records(
                table,
                lambda offset, limit: self.hits[offset : offset + limit],
                len(self.hits),
                _hit_cells,
            )
        else:
            self.hits = []
            found.display = False
            show_records(
                table,
                lambda offset, limit: journal.list_days(self.db, limit, offset),
                journal.count_days(self.db),
                _cells,
            )
        self._show_detail()

    @property
    def _selected_day_id(self) -> int | None:
        return selected_key(self.query_one("#journal-table", PagedTable))

    def _show_detail(self) -> None:
        detail = self.query_one("#journal-detail", Static)
        day_id = self._selected_day_id
        day = journal.get_day(self.db, day_id) if day_id else None
        if day is None:
            detail.update("No journal day yet." if not self.hits else "")
            return
        rotation = get_rotation(self.db, day.rotation_id) if day.rotation_id else None
        cases = journal.list_cases(self.db, day.id or 0)
        skills = journal.skills_of(self.db, [case.id for case in cases if case.id])
        where = f"{rotation.institution or rotation.program_name}" if rotation else ""
        detail.update(day_detail(day, where, cases, skills))

    @on(DataTable.RowHighlighted, "#journal-table")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(Input.Changed, "#journal-search")
    def _search_typed(self) -> None:
        # Debounce: search once typing pauses, not on every key.
        if self._search_timer:
            self._search_timer.stop()
        self._search_timer = self.set_timer(0.15, self.reload)

    @on(Input.Submitted, "#journal-search")
    def _search_done(self) -> None:
        self.reload()
        self.query_one("#journal-table", PagedTable).focus()

    @on(DataTable.RowSelected, "#journal-table")
    def _jump(self) -> None:
        """Enter on a search result: back to every day, with the cursor on that one."""
        day_id = self._selected_day_id
        if not self.hits or day_id is None:
            return
        self.query_one("#journal-search", Input).value = ""
        self.reload()
        table = self.query_one("#journal-table", PagedTable)
        table.load_all()
        table.focus()
        # After the new rows are laid out, or the table cannot scroll to the day.
        self.call_after_refresh(table.move_cursor, row=table.get_row_index(str(day_id)))

    def action_search(self) -> None:
        self.query_one("#journal-search", Input).focus()

    def action_clear_search(self) -> None:
        self.query_one("#journal-search", Input).value = ""
        self.reload()
        self.query_one("#journal-table", PagedTable).focus()

    def action_stats(self) -> None:
        from tracker.ui.modals.stats import StatsScreen

        day_id = self._selected_day_id
        day = journal.get_day(self.db, day_id) if day_id else None
        rotation = get_rotation(self.db, day.rotation_id) if day and day.rotation_id else None
        of_rotation = journal.case_stats(self.db, rotation.id) if rotation else None
        name = (rotation.institution or rotation.program_name) if rotation else ""
        self.app.push_screen(StatsScreen(name, of_rotation, journal.case_stats(self.db)))

    def action_toggle_detail(self) -> None:
        self.toggle_class("-detail-open")


def _cells(day: JournalDay) -> list[Cell]:
    return [
        short_date(day.day),
        str(day.case_count),
        excerpt(day.learning_points, 56),
        excerpt(day.tomorrow_focus, 34),
    ]


def _hit_cells(hit: SearchHit) -> list[Cell]:
    return [short_date(hit.day), "", highlighted(excerpt(hit.snippet, 90)), ""]


def highlighted(snippet: str) -> Text:
    """The search's snippet with the found words (between [ and ]) in reverse video, as
    Text: a plain cell would read the brackets as markup and drop the words."""
    text = Text()
    for index, part in enumerate(re.split(r"\[([^\]]*)\]", snippet)):
        text.append(part, style="reverse" if index % 2 else "")
    return text
