"""A one-line table cell drawn directly is the cell DataTable draws through Rich, segment for
segment and style for style, for any text, styles, width and padding."""

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.padding import Padding
from rich.style import Style
from rich.text import Span, Text
from textual.renderables.styled import Styled

from tracker.ui.widgets.cells import draws_as_one_line, one_line

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
