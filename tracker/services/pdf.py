"""The summary and the packet as PDF: Noto Sans, and the Noto face of each other script
the text holds (CJK, Arabic, Devanagari, Hebrew; each from its PyPI package, loaded only
when needed) as fallbacks, shaped by HarfBuzz so joined and right-to-left scripts print
right. US Letter by default, page numbers, the title in the file's metadata, bold
headings, table columns fitted to their text. A character no face can print stops the
export (Unprintable), naming the text, instead of a blank."""

import functools
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.services import pdf_flow
from tracker.services.summary import Bullets, Paragraph, Section, Table

if TYPE_CHECKING:
    from fpdf import FPDF

PAPER = ("letter", "a4")
SHOWN = 3  # names listed when some cannot print


class Unprintable(ValueError):
    """Text with characters no embedded face has: named, so the user can check them."""


@dataclass(frozen=True)
class Face:
    """A Noto face for a script: which characters call for it, and where its file is."""

    family: str
    pattern: str  # a character class of the script's code points
    collection: int = 0  # the face's number in a .ttc collection
    shaped: bool = False  # needs HarfBuzz: joined letters, marks, right to left

    def path(self) -> Path:
        return _font_file(self.family)


def _font_file(family: str) -> Path:
    if family == "NotoSans":
        from fontpkg_noto_sans import ROOT  # type: ignore[import-untyped]

        return Path(ROOT) / "files" / "NotoSans[wdth,wght].ttf"
    if family == "NotoArabic":
        from fontpkg_noto_sans_arabic import ROOT as ARABIC  # type: ignore[import-untyped]

        return Path(ARABIC) / "files" / "NotoSansArabic[wdth,wght].ttf"
    if family == "NotoDevanagari":
        from fontpkg_noto_sans_devanagari import ROOT as DEVA  # type: ignore[import-untyped]

        return Path(DEVA) / "files" / "NotoSansDevanagari[wdth,wght].ttf"
    if family == "NotoHebrew":
        import pylopdf_fonts_he

        return Path(pylopdf_fonts_he.__file__).parent / "NotoSansHebrew-Variable.ttf"
    import noto_cjk_sans_otc  # type: ignore[import-untyped]

    return Path(noto_cjk_sans_otc.__file__).parent / "NotoSansCJK-Regular.ttc"


# In Noto Sans CJK's collection: 0 Japanese, 1 Korean, 2 Simplified, 3 Traditional
# Chinese; each holds every CJK character (the region decides glyph shapes only).
HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
KANA = "\u3040-\u30ff\u31f0-\u31ff"
HAN = "\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
FACES = (
    Face("NotoKorean", f"[{HANGUL}]", collection=1),
    Face("NotoJapanese", f"[{KANA}]", collection=0),
    Face("NotoChinese", f"[{HAN}]", collection=2),
    Face(
        "NotoArabic",
        "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]",
        shaped=True,
    ),
    Face("NotoDevanagari", "[\u0900-\u097f\ua8e0-\ua8ff]", shaped=True),
    Face("NotoHebrew", "[\u0590-\u05ff\ufb1d-\ufb4f]", shaped=True),
)


def faces_for(texts: Iterable[str]) -> list[Face]:
    """The faces the texts need besides Noto Sans (one CJK face covers every CJK text)."""
    joined = "\n".join(texts)
    needed = [face for face in FACES if re.search(face.pattern, joined)]
    cjk = [face for face in needed if face.path().suffix == ".ttc"]
    return [face for face in needed if face not in cjk[1:]]


@functools.cache
def _covered(path: Path, collection: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    font = TTFont(str(path), fontNumber=collection, lazy=True)
    return frozenset(font.getBestCmap())


_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\ufe0f")  # joiners and marks


def unprintable(texts: Iterable[str], faces: list[Face]) -> list[str]:
    """The texts with a character no face can print (each once, in order)."""
    texts = list(dict.fromkeys(texts))
    covered = set(_covered(_font_file("NotoSans"), 0))
    for face in faces:
        covered |= _covered(face.path(), face.collection)
    missing = {
        char
        for char in set("".join(texts))
        if ord(char) not in covered
        and not char.isspace()
        and ord(char) >= 32
        and char not in _INVISIBLE
    }
    return [text for text in texts if missing.intersection(text)] if missing else []


def texts_of(title: str, sections: list[Section]) -> list[str]:
    found = [title]
    for section in sections:
        found.append(section.title)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                found.append(block.text)
            elif isinstance(block, Bullets):
                found += block.items
            elif isinstance(block, Table):
                found += block.header + [cell for row in block.rows for cell in row]
    return found


def _document(title: str, paper: str, faces: list[Face]) -> "FPDF":
    from fpdf import FPDF

    class Numbered(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Noto", size=8)
            self.cell(0, 8, f"{title} · page {self.page_no()} of {{nb}}", align="C")

    pdf = Numbered(format=paper)
    pdf.set_title(title)
    pdf.set_author("Away")
    pdf.set_creator("Away")
    pdf.set_auto_page_break(auto=True, margin=18)
    base = str(_font_file("NotoSans"))
    pdf.add_font("Noto", "", base)
    for face in faces:
        pdf.add_font(face.family, "", str(face.path()), collection_font_number=face.collection)
    if faces:
        pdf.set_fallback_fonts([face.family for face in faces], exact_match=False)
    if any(face.shaped for face in faces):
        pdf.set_text_shaping(True)  # joined and right-to-left scripts (slower: when needed)
    return pdf


@contextmanager
def _bold(pdf: "FPDF") -> Iterator[None]:
    """Bold by outlining the letters: Noto Sans's bold instance would take fontTools
    seconds to cut from the variable font."""
    pdf.text_mode = "FILL_STROKE"
    pdf.set_line_width(0.3)
    try:
        yield
    finally:
        pdf.text_mode = "FILL"


def _widths(
    measure: pdf_flow.Measure, line: float, header: list[str], rows: list[list[str]]
) -> tuple[float, ...]:
    """Each column at least as wide as its longest word (never broken inside a word), the
    rest of the line shared by how much more text each column holds."""
    pad = 2.5  # the cell's padding, both sides
    columns = [[name, *(row[i] for row in rows if i < len(row))] for i, name in enumerate(header)]
    least = [
        pad + max(measure(word) for cell in cells for word in cell.split() or [""])
        for cells in columns
    ]
    wanted = [pad + min(90.0, max(measure(cell) for cell in cells)) for cells in columns]
    spare = line - sum(least)
    if spare <= 0:
        return tuple(line * w / sum(least) for w in least)
    extra = [max(0.0, w - m) for w, m in zip(wanted, least, strict=True)]
    share = sum(extra) or 1.0
    return tuple(m + spare * e / share for m, e in zip(least, extra, strict=True))


def render(title: str, sections: list[Section], paper: str = "letter") -> bytes:
    """The PDF's bytes; Unprintable when a text has a character no face can print."""
    texts = texts_of(title, sections)
    faces = faces_for(texts)
    if missing := unprintable(texts, faces):
        shown = "; ".join(f"“{text[:40]}”" for text in missing[:SHOWN])
        more = f" and {len(missing) - SHOWN} more" if len(missing) > SHOWN else ""
        raise Unprintable(f"these would print as blanks: {shown}{more}")
    pdf = _document(title, paper, faces)
    pdf.add_page()
    pdf.set_font("Noto", size=16)
    with _bold(pdf):
        pdf.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Noto", size=9.5)
    measure = pdf_flow.measurer(pdf)  # the body's size: every block below is set in it
    for section in sections:
        pdf.ln(3)
        pdf.set_font("Noto", size=13)
        with _bold(pdf):
            pdf.multi_cell(0, 8, section.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Noto", size=9.5)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                pdf_flow.lines(pdf, block.text, 5, measure)
            elif isinstance(block, Bullets):
                for item in block.items:
                    pdf_flow.lines(pdf, f"• {item}", 5, measure)
            else:
                widths = _widths(measure, pdf.epw, block.header, block.rows)
                pdf_flow.table(pdf, block.header, block.rows, widths, 5, measure)
            pdf.ln(1)
    return bytes(pdf.output())
