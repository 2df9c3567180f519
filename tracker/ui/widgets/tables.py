"""Tables that hold only the rows the user has reached, keyed by record id.

A DataTable measures and stores every row it is given, about 0.1 ms a row on the UI loop:
4,000 journal days would cost half a second per visit. A PagedTable is handed a way to
fetch rows (from the store with LIMIT/OFFSET, or a slice of a list) and the total; it
adds PAGE rows at first and the next PAGE as the cursor or the scroll nears the end.
"""

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from rich.text import Text
from textual import events
from textual.content import Content
from textual.coordinate import Coordinate
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowDoesNotExist, RowKey

from tracker.ui.text import safe, safe_text

Cell = str | Text | Content  # what a table cell holds: literal text (see Table)
Row = tuple[int | str | None, Sequence[Cell]]  # (record id, cells)
Fetch = Callable[[int, int], Sequence[Row]]  # (offset, limit) -> rows

PAGE = 100  # rows added at a time; a terminal shows at most a few dozen
NEAR_END = 20  # rows before the last loaded one at which the next page is added


class Table(DataTable[Cell]):
    """A DataTable whose cells are literal text (a str cell would be read as markup)."""

    _restyled_for_focus = False

    def watch_has_focus(self, value: bool) -> None:
        self._restyled_for_focus = True
        try:
            super().watch_has_focus(value)
        finally:
            self._restyled_for_focus = False

    def notify_style_update(self) -> None:
        # DataTable empties every render cache on any restyle, a change of focus included:
        # a pane shown again drew each of its cells anew (30-40 ms at 100x). Its caches
        # are keyed by the focus state already, so for focus only the styles are dropped.
        if not self._restyled_for_focus:
            super().notify_style_update()
            return
        super(DataTable, self).notify_style_update()
        self._styles_cache.clear()
        self._get_styles_to_render_cell.cache_clear()
        self.refresh()

    _drawn_size: Size | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        self._drawn_size = self.size
        return super().render_lines(crop)

    def _on_resize(self, event: events.Resize) -> None:
        # A resize to the size its cells were drawn at would drop them (DataTable counts
        # every resize as a change of its contents): a pane shown again drew every cell
        # anew, and so did its first visit after being built ahead (the Resize of its first
        # layout comes after its first frame).
        if event.size == self._drawn_size:
            event.prevent_default()
        self._drawn_size = event.size

    def add_column(
        self,
        label: str | Text,
        *,
        width: int | None = None,
        key: str | None = None,
        default: Cell | None = None,
    ) -> ColumnKey:
        # A str label would be read as markup, which also loads rich's emoji table (1.4 MB).
        shown = Text(label) if isinstance(label, str) else label
        return super().add_column(shown, width=width, key=key, default=default)

    def add_row(
        self,
        *cells: Cell,
        height: int | None = 1,
        key: str | None = None,
        label: str | Text | None = None,
    ) -> RowKey:
        shown = (
            None if label is None else safe_text(Text(label) if isinstance(label, str) else label)
        )
        return super().add_row(*(safe(cell) for cell in cells), height=height, key=key, label=shown)

    def update_cell(
        self,
        row_key: RowKey | str,
        column_key: ColumnKey | str,
        value: Cell,
        *,
        update_width: bool = False,
    ) -> None:
        super().update_cell(row_key, column_key, safe(value), update_width=update_width)


class PagedTable(Table):
    def __init__(self, table_id: str, columns: Sequence[str], classes: str = "") -> None:
        super().__init__(id=table_id, cursor_type="row", zebra_stripes=True, classes=classes)
        self.add_columns(*columns)
        self.total = 0
        self._fetch: Fetch = lambda offset, limit: ()
        self._adding = False

    def show(self, fetch: Fetch, total: int) -> None:
        """Replace the rows: the first page now (and up to the cursor), the rest later."""
        cursor = self.cursor_row
        self._fetch, self.total = fetch, total
        self.clear()  # (its cursor reset may already add the first page)
        self._add(max(PAGE, cursor + NEAR_END) - self.row_count)
        if self.row_count:
            self.move_cursor(row=min(cursor, self.row_count - 1))

    @property
    def caption(self) -> str:
        """'100 of 4,000' while rows remain to be added, else the total."""
        if self.row_count < self.total:
            return f"{self.row_count:,} of {self.total:,}"
        return f"{self.total:,}"

    def load_all(self) -> None:
        """Every row (for moving the cursor to a record far down the list)."""
        self._add(self.total - self.row_count)

    def load_until(self, row: int) -> None:
        """Rows up to row and a little past it, to move the cursor there."""
        self._add(min(self.total, row + NEAR_END + 1) - self.row_count)

    def replace_row(self, key: str, cells: Sequence[Cell]) -> None:
        """New cells for one row, in place (after its record was written)."""
        row = self.get_row_index(key)
        for column, cell in enumerate(cells):
            self.update_cell_at(Coordinate(row, column), cell)

    def _add(self, count: int) -> None:
        # Adding a row can move the cursor, whose watcher would add rows too: not twice.
        if count <= 0 or self._adding:
            return
        self._adding = True
        try:
            for key, cells in self._fetch(self.row_count, count):
                self.add_row(*cells, key=str(key))
        finally:
            self._adding = False

    def _near_end(self) -> None:
        if self.row_count < self.total:
            self._add(PAGE)

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        if new.row >= self.row_count - NEAR_END:
            self._near_end()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        # max_scroll_y is 0 until the rows are laid out: a page always fills the view.
        if 0 < self.max_scroll_y <= new + NEAR_END:
            self._near_end()


class Record(Protocol):
    @property
    def id(self) -> int | None: ...


R = TypeVar("R", bound=Record)


def show_records(
    table: DataTable[Cell],
    records: Callable[[int, int], Sequence[R]],
    total: int,
    cells: Callable[[R], Sequence[Cell]],
) -> None:
    """Page records from the store into table: records(offset, limit) runs the query for
    one page and cells() formats only the rows fetched."""
    if not isinstance(table, PagedTable):
        raise TypeError("show_records needs a PagedTable")
    table.show(lambda offset, limit: [(r.id, cells(r)) for r in records(offset, limit)], total)


def make_table(table_id: str, columns: Sequence[str], classes: str = "") -> PagedTable:
    return PagedTable(table_id, columns, classes)


def fill_table(table: DataTable[Cell], rows: Sequence[Row]) -> None:
    """Show a list that is already in memory, a page at a time."""
    if isinstance(table, PagedTable):
        table.show(lambda offset, limit: rows[offset : offset + limit], len(rows))
        return
    table.clear()
    for key, cells in rows:
        table.add_row(*cells, key=str(key))


def select_row(table: PagedTable, record_id: int) -> bool:
    """Put the cursor on a record's row, however far down, and focus the table; False
    when the table does not hold it (a filter hides it)."""
    table.load_all()
    try:
        table.move_cursor(row=table.get_row_index(str(record_id)))
    except RowDoesNotExist:
        return False
    table.focus()
    return True


def selected_key(table: DataTable[Cell]) -> int | None:
    if not table.row_count:
        return None
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return int(key) if key and key.isdigit() else None
