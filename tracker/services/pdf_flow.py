"""Text set into lines and tables for the PDF, measured word by word.

fpdf2's multi_cell and table break lines one character at a time, measuring the line
again for each character, and a table sets every cell twice (once to size its row): at
100x data that was 11 of 16 seconds of the export. Here each distinct word is measured
once (the summary repeats its words: procedures, names, roles), lines are set with
fpdf2's one-line cell, which still picks the fallback face and shapes each line."""

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

Measure = Callable[[str], float]


def wrap(text: str, width: float, measure: Measure) -> list[str]:
    """text in lines no wider than width: broken at spaces, at its own line breaks, and
    inside a word only when the word alone is wider than the line."""
    space = measure(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in paragraph.split():
            size = measure(word)
            if line and used + space + size <= width:
                line.append(word)
                used += space + size
                continue
            if line:
                lines.append(" ".join(line))
            while size > width and len(word) > 1:
                cut = _fitting(word, width, measure)
                lines.append(word[:cut])
                word = word[cut:]
                size = measure(word)
            line, used = [word], size
        lines.append(" ".join(line))
    return lines


def _fitting(word: str, width: float, measure: Measure) -> int:
    """How many of word's first characters fit in width (at least one)."""
    low, high = 1, len(word) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if measure(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def measurer(pdf: "FPDF") -> Measure:
    """The current font's width of a text, remembered per text (set the font first)."""
    return functools.lru_cache(maxsize=65536)(pdf.get_string_width)


def set_line(pdf: "FPDF", width: float, height: float, text: str, **position: str) -> None:
    pdf.cell(width, height, text, **position)  # type: ignore[arg-type]
    # fpdf2 may set the font inside the line's saved graphics state (q ... Q), which the
    # PDF restores after it, yet note it as set: the next line would print in the size
    # of the last heading. Noted as unset, the next line sets it again.
    pdf.current_font_is_set_on_page = False


def lines(pdf: "FPDF", text: str, height: float, measure: Measure) -> None:
    """A paragraph across the page, a new page when the next line does not fit."""
    width = pdf.epw - 2 * pdf.c_margin
    for line in wrap(text, width, measure):
        set_line(pdf, 0, height, line, new_x="LMARGIN", new_y="NEXT")


def table(
    pdf: "FPDF",
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    height: float,
    measure: Measure,
    header_fill: tuple[int, int, int] = (230, 230, 230),
) -> None:
    """A table with a border round each cell and the header filled, repeated at the top
    of each page; a row goes to the next page whole, unless it is taller than a page."""

    def set_cells(cells: Sequence[str]) -> list[list[str]]:
        return [
            wrap(cells[i] if i < len(cells) else "", width - 2 * pdf.c_margin, measure)
            for i, width in enumerate(widths)
        ]

    head = set_cells(header)
    tallest_head = max(map(len, head))
    pdf.set_fill_color(*header_fill)

    def room() -> int:
        return int((pdf.page_break_trigger - pdf.y) // height)

    def draw(cells: list[list[str]], first: int, count: int, fill: bool) -> None:
        x, top = pdf.l_margin, pdf.y
        for cell, width in zip(cells, widths, strict=True):
            pdf.rect(x, top, width, count * height, style="DF" if fill else "D")
            for n, line in enumerate(cell[first : first + count]):
                pdf.set_xy(x, top + n * height)
                set_line(pdf, width, height, line)
            x += width
        pdf.set_xy(pdf.l_margin, top + count * height)

    def new_page() -> None:
        pdf.add_page()
        draw(head, 0, tallest_head, fill=True)

    if room() < tallest_head + 1:
        pdf.add_page()
    draw(head, 0, tallest_head, fill=True)
    for row in rows:
        cells = set_cells(row)
        tall = max(map(len, cells))
        if tall > room() and tall <= _page_lines(pdf, height) - tallest_head:
            new_page()
        done = 0
        while done < tall:  # a row taller than a page: in parts, page after page
            if room() < 1:
                new_page()
            count = min(tall - done, room())
            draw(cells, done, count, fill=False)
            done += count


def _page_lines(pdf: "FPDF", height: float) -> int:
    return int((pdf.page_break_trigger - pdf.t_margin) // height)
