"""A table cell of one line, drawn as Textual's DataTable draws it, without Rich's generic
pipeline around the text.

DataTable draws each cell as `console.render_lines(Styled(Padding(cell, (0, p)), pre,
post), options)`: for a one-line cell of Text, about 75 us, two thirds of it Rich finding
its way through three renderables, four copies of the console options and a lock. Here
the same Rich functions are called directly, in the same order, with the same arguments
(a property test holds the two equal, segment for segment and style for style).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeGuard

import textual.widgets._data_table as data_table
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.render import measure

NULL = Style.null()  # Padding's style ("none") and the inner lines' padding
NEW_LINE = Text("\n")


def draws_as_one_line(cell: object, width: int, padding: int) -> TypeGuard[Text]:
    """Whether one_line() draws this cell: Rich Text with room inside the padding (a
    Text that asked to wrap is left to Rich)."""
    return type(cell) is Text and cell.no_wrap is not False and width - 2 * padding >= 1


def one_line(
    console: Console,
    options: ConsoleOptions,
    cell: Text,
    width: int,
    padding: int,
    pre_style: Style,
    post_style: Style,
) -> list[Segment]:
    """The cell's line of `width` cells, as render_lines of DataTable's Styled(Padding())
    gives it for a row of height 1 (no wrapping: the first line, truncated)."""
    inner = width - 2 * padding
    # Text.__rich_console__, at the inner width:
    tab_size = console.tab_size if cell.tab_size is None else cell.tab_size
    lines = cell.wrap(
        console,
        inner,
        justify=cell.justify or options.justify or "default",
        overflow=cell.overflow or options.overflow or "fold",
        tab_size=tab_size or 8,
        no_wrap=True,
    )
    rendered = NEW_LINE.join(lines).render(console, end=cell.end)
    # Padding's render_lines of it (one line high), then its spaces either side:
    text_line = next(iter(Segment.split_and_crop_lines(rendered, inner, NULL, True, False)), None)
    if text_line is None:
        text_line = [Segment(" " * inner, NULL)]
    space = [Segment(" " * padding, NULL)] if padding else []
    padded = [*space, *text_line, *space, Segment.line()]
    # Styled's styles, then the outer render_lines (one line high):
    styled = Segment.apply_style(padded, pre_style, post_style)
    line = next(iter(Segment.split_and_crop_lines(styled, width, None, True, False)), None)
    return line if line is not None else [Segment(" " * width)]


def measured_width(
    console: Console,
    renderable: RenderableType,
    default: int,
    *,
    container_width: int | None = None,
) -> int:
    """textual.render.measure, answered directly for Rich Text: the widest of its lines
    (Text.__rich_measure__'s maximum, which is all measure() keeps). The rest goes to
    Textual's. Measuring a cell through the console's options took 10 us; DataTable
    measures every cell of every row it adds (Applications at 100x: 730 on its first
    visit, 8 ms)."""
    if type(renderable) is Text:
        lines = renderable.plain.splitlines()
        return max(map(cell_len, lines)) if lines else 0
    return measure(console, renderable, default, container_width=container_width)


@contextmanager
def cells_measured_directly() -> Iterator[None]:
    """DataTable measures with measured_width inside the block (its module's measure,
    swapped while its own method runs: nothing else runs meanwhile)."""
    setattr(data_table, "measure", measured_width)  # noqa: B010 (not exported)
    try:
        yield
    finally:
        setattr(data_table, "measure", measure)  # noqa: B010
