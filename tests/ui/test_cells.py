"""A one-line table cell drawn directly is the cell DataTable draws through Rich, segment for
segment and style for style, for any text, styles, width and padding."""

import textual.widgets._data_table as data_table
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.padding import Padding
from rich.style import Style
from rich.text import Span, Text
from textual.render import measure
from textual.renderables.styled import Styled

from tracker.ui.widgets.cells import draws_as_one_line, measured_width, one_line

CONSOLE = Console(width=120, color_system="truecolor", force_terminal=True)
# Letters, spaces, wide and combining characters, emoji, tabs, line breaks, markup.
CHARACTERS = st.sampled_from(list("ab Zé\u0301漢字한😀\t\n[]/…") + ["\u200b", "\x1b"])
STYLES = st.sampled_from(
    [Style(bold=True), Style(color="red"), Style(bgcolor="blue", italic=True), Style()]
)


@st.composite
def cells(draw: st.DrawFn) -> Text:
    plain = "".join(draw(st.lists(CHARACTERS, max_size=30)))
    ends = st.integers(0, len(plain))
    spans = [
        Span(min(start, end), max(start, end), draw(STYLES))
        for start, end in draw(st.lists(st.tuples(ends, ends), max_size=4))
    ]
    return Text(
        plain,
        style=draw(st.sampled_from(["", "bold", "dim red"])),
        justify=draw(st.sampled_from([None, "default", "left", "center", "right", "full"])),
        overflow=draw(st.sampled_from([None, "fold", "crop", "ellipsis"])),
        no_wrap=draw(st.sampled_from([None, True])),
        end=draw(st.sampled_from(["\n", ""])),
        tab_size=draw(st.sampled_from([None, 4])),
        spans=spans,
    )


def drawn_by_rich(cell: Text, width: int, padding: int, pre: Style, post: Style) -> list:
    """As DataTable._render_cell draws a cell of a row one line high."""
    options = CONSOLE.options.update_dimensions(width, 1).update(no_wrap=True)
    return CONSOLE.render_lines(Styled(Padding(cell, (0, padding)), pre, post), options)


@settings(max_examples=400, deadline=None)
@given(
    cell=cells(),
    width=st.integers(1, 24),
    padding=st.integers(0, 2),
    pre=STYLES,
    post=st.sampled_from([Style.null(), Style(color="green"), Style(bgcolor="black")]),
    row=st.integers(0, 5),
)
def test_a_cell_drawn_directly_is_the_cell_rich_draws(cell, width, padding, pre, post, row):
    if not draws_as_one_line(cell, width, padding):
        return
    where = pre + Style.from_meta({"row": row, "column": 1})  # as DataTable's, unique
    direct = one_line(CONSOLE, CONSOLE.options, cell, width, padding, where, post)
    assert [direct] == drawn_by_rich(cell, width, padding, where, post)
    assert [segment.style for segment in direct] == [
        segment.style for segment in drawn_by_rich(cell, width, padding, where, post)[0]
    ]


def test_only_text_that_fits_inside_its_padding_is_drawn_directly():
    assert draws_as_one_line(Text("x"), 3, 1)
    assert not draws_as_one_line(Text("x"), 2, 1)  # no room inside the padding
    assert not draws_as_one_line(Text("x", no_wrap=False), 10, 1)  # asked to wrap
    assert not draws_as_one_line("x", 10, 1)  # not Rich Text


@settings(max_examples=400, deadline=None)
@given(cell=cells(), default=st.integers(0, 3))
def test_a_cell_measured_directly_is_as_wide_as_textual_measures_it(cell, default):
    assert measured_width(CONSOLE, cell, default) == measure(CONSOLE, cell, default)


def test_what_is_not_text_is_measured_by_textual():
    padded = Padding(Text("abc"), (0, 2))
    assert measured_width(CONSOLE, padded, 1) == measure(CONSOLE, padded, 1) == 7
    assert measured_width(CONSOLE, "wide 漢字", 1) == 9


async def test_a_table_measures_its_columns_as_a_datatable_does():
    """Every cell kind a table holds (text, styled text, wide, empty, a line break)."""
    from textual.app import App
    from textual.widgets import DataTable

    from tracker.ui.widgets.tables import Table

    rows = [
        [Text("Zoë Nguyễn"), Text("漢字 and more", style="bold"), Text("")],
        [Text("a\nlonger second line"), Text("x"), Text("[b]not markup[/b]")],
    ]
    tables = [Table(id="ours"), DataTable(id="textual")]

    class Tables(App[None]):
        def compose(self):
            yield from tables

    async with Tables().run_test() as pilot:
        for table in tables:
            table.add_columns("one", "two", "three")
            table.add_rows(rows)
            table.update_cell_at((0, 0), Text("a much wider first cell"), update_width=True)
        await pilot.pause()
        widths = [[column.content_width for column in t.ordered_columns] for t in tables]
        assert widths[0] == widths[1] == [23, 13, 17]
    assert data_table.measure is measure  # Textual's own, once the table is done
