"""Filling a DataTable in one batch, keyed by record id."""

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.widgets import DataTable

Cell = str | Text  # what a table cell holds


def make_table(table_id: str, columns: Sequence[str], classes: str = "") -> DataTable[Cell]:
    table: DataTable[Cell] = DataTable(
        id=table_id, cursor_type="row", zebra_stripes=True, classes=classes
    )
    table.add_columns(*columns)
    return table


def fill_table(
    table: DataTable[Cell], rows: Iterable[tuple[int | str | None, Sequence[Cell]]]
) -> None:
    """Replace the rows, keeping the cursor on the same row index where possible."""
    cursor = table.cursor_row
    table.clear()
    for key, cells in rows:
        table.add_row(*cells, key=str(key))
    if table.row_count:
        table.move_cursor(row=min(cursor, table.row_count - 1))


def selected_key(table: DataTable[Cell]) -> int | None:
    if not table.row_count:
        return None
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return int(key) if key and key.isdigit() else None
