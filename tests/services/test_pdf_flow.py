import io

import pypdf
from hypothesis import given
from hypothesis import strategies as st

from tracker.services import pdf
from tracker.services.pdf_flow import wrap
from tracker.services.summary import Paragraph, Section, Table


def width_of(text: str) -> float:
    return float(len(text))


@given(st.text(alphabet="ab cdé\n", max_size=200), st.integers(min_value=1, max_value=30))
def test_wrapped_lines_fit_and_keep_every_word_in_order(text, width):
    lines = wrap(text, width, width_of)
    assert all(width_of(line) <= width for line in lines)
    assert "".join("".join(line.split()) for line in lines) == "".join(text.split())
    assert len(lines) >= text.count("\n") + 1  # the text's own breaks are kept


def test_words_break_at_spaces_and_a_word_wider_than_the_line_is_cut():
    assert wrap("teaching point of the day", 12, width_of) == ["teaching", "point of the", "day"]
    assert wrap("supercalifragilistic", 8, width_of) == ["supercal", "ifragili", "stic"]
    assert wrap("first\n\nthird", 20, width_of) == ["first", "", "third"]


def test_a_table_row_taller_than_a_page_goes_on_across_pages_under_its_header():
    long_note = " ".join(f"word{n}" for n in range(3000))
    rows = [["short", "a few words"], ["tall", long_note], ["after", "the last row"]]
    sections = [Section("Notes", [Paragraph("Before the table."), Table(["Name", "Note"], rows)])]
    reader = pypdf.PdfReader(io.BytesIO(pdf.render("Fictional notes", sections)))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 3
    assert all("Name" in text and "Note" in text for text in pages)  # the header, each page
    words = " ".join(pages).split()
    assert [w for w in words if w.startswith("word") and w[4:].isdigit()] == [
        f"word{n}" for n in range(3000)
    ]
    assert "row" in pages[-1]


def test_every_line_after_a_line_in_another_script_keeps_the_body_size():
    # fpdf2 set the font inside a line's saved state after a fallback face: the lines
    # after it printed in the heading's size (13 pt) until the font was set again.
    rows = [
        ["王伟", "麻醉科主任"],
        ["محمد عبد الله", "أستاذ التخدير"],
        ["Lucía Fernández", "Saint-Éloi"],
    ]
    sections = [Section("Writers", [Paragraph("राहुल and 김민준"), Table(["Name", "Role"], rows)])]
    reader = pypdf.PdfReader(io.BytesIO(pdf.render("Fictional scripts", sections)))
    sizes: dict[str, float] = {}

    def seen(text, _cm, tm, _font, size):
        if text.strip():
            sizes[text.strip()] = round(size * tm[0], 1)

    reader.pages[0].extract_text(visitor_text=seen)
    assert sizes["Writers"] == 13.0
    assert {sizes[text] for text in ("Name", "Role", "Lucía Fernández", "Saint-Éloi")} == {9.5}
