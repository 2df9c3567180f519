"""Tables that hold only the rows the user has reached, keyed by record id.

A DataTable measures and stores every row it is given, about 0.1 ms a row on the UI loop:
4,000 journal days would cost half a second per visit. A PagedTable is handed a way to
fetch rows (from the store with LIMIT/OFFSET, or a slice of a list) and the total; it
adds what the terminal can show at first and the next PAGE as the cursor or the scroll
nears the end.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

from rich.console import ConsoleOptions
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.content import Content
from textual.coordinate import Coordinate
from textual.css.styles import RenderStyles
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import CellKey, ColumnKey, RowDoesNotExist, RowKey

from tracker.ui.text import safe, safe_text
from tracker.ui.widgets.cells import cells_measured_directly, draws_as_one_line, one_line

Cell = str | Text | Content  # what a table cell holds: literal text (see Table)
Row = tuple[int | str | None, Sequence[Cell]]  # (record id, cells)
Fetch = Callable[[int, int], Sequence[Row]]  # (offset, limit) -> rows

PAGE = 100  # rows added at a time once the user moves down
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
    # While the table draws: its own and its parts' Rich styles, each computed once.
    # DataTable asks again for every line and every row (each a walk up the widget tree
    # blending colours, about 60 us: 70 times for Today's first paint).
    _drawing_styles: dict[tuple[str, ...], "RenderStyles | Style"] | None = None
    _drawing_options: ConsoleOptions | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        self._drawn_size = self.size
        self._drawing_styles = {}
        self._drawing_options = self.app.console_options  # (Textual makes new ones at each ask)
        try:
            return super().render_lines(crop)
        finally:
            self._drawing_styles = self._drawing_options = None

    @property
    def rich_style(self) -> Style:
        drawing = self._drawing_styles
        if drawing is None:
            return super().rich_style
        style = drawing.get(())
        if not isinstance(style, Style):
            style = drawing[()] = super().rich_style
        return style

    def get_component_styles(self, *names: str) -> RenderStyles:
        drawing = self._drawing_styles
        if drawing is None:
            return super().get_component_styles(*names)
        styles = drawing.get(names)
        if not isinstance(styles, RenderStyles):
            styles = drawing[names] = super().get_component_styles(*names)
            styles.__class__ = _StylesOfOneDrawing  # (the same object, its style kept)
        return styles

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        # A one-line cell of Text is drawn by cells.one_line (a third of the time); the
        # cache and its key are DataTable's own, the rest is DataTable's to draw.
        header = row_index == -1
        row_key = self._header_row_key if header else self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        if row_key is None or column_key is None:  # (a row label, or not a cell of the table)
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        if (lines := self._cell_render_cache.get(key)) is not None:
            return lines
        height = self.header_height if header else self.rows[row_key].height
        cell = self._get_row_renderables(row_index).cells[column_index]
        if (
            height != 1
            or self.fixed_rows
            or self.fixed_columns
            or not draws_as_one_line(cell, width, self.cell_padding)
        ):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        component_style, post_style = self._get_styles_to_render_cell(
            header,
            False,
            False,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        where = Style.from_meta({"row": row_index, "column": column_index})
        line = one_line(
            self.app.console,
            self._drawing_options or self.app.console_options,
            cell,
            width,
            self.cell_padding,
            base_style + where + component_style,
            post_style,
        )
        self._cell_render_cache[key] = [line]
        return [line]

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        with cells_measured_directly():
            super()._update_dimensions(new_rows)

    def _update_column_widths(self, updated_cells: set[CellKey]) -> None:
        with cells_measured_directly():
            super()._update_column_widths(updated_cells)

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


class _StylesOfOneDrawing(RenderStyles):
    """A part's styles while its table draws: the Rich style computed once."""

    _kept_rich_style: Style | None = None

    @property
    def rich_style(self) -> Style:
        if self._kept_rich_style is None:
            self._kept_rich_style = super().rich_style
        return self._kept_rich_style


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
        self._add(max(self.first_page, cursor + NEAR_END) - self.row_count)
        if self.row_count:
            self.move_cursor(row=min(cursor, self.row_count - 1))

    @property
    def first_page(self) -> int:
        """The rows added at first: what the terminal can show, and NEAR_END more (at 100x
        a first page of 100 rows took 7 ms to add; a 40-line terminal shows 35 at most)."""
        return self.app.size.height + NEAR_END

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
            self._add(PAGE if self.row_count else self.first_page)

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
