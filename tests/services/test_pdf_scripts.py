"""The PDF prints every name in its own script (CJK, Hangul, kana, Arabic, Devanagari,
Hebrew beside Latin), read back with pypdf; a character no face has stops the export
with the name, instead of a blank; US Letter by default, A4 on request, with the title
and page numbers."""

import re
import shutil
import subprocess

from pypdf import PdfReader

from tests.cli.test_cli import away
from tracker.domain.letters import Person
from tracker.store import letters
from tracker.store.db import open_db

NAMES = {
    "Chinese": "王小明",
    "Korean": "김민준",
    "Japanese": "佐藤 はなこ",
    "Arabic": "محمد العلي",
    "Devanagari": "अमित शर्मा",
    "Hebrew": "דוד כהן",
    "Latin": "Zoë Nguyễn-Łukasz",
}


def with_writers(path, names):
    db = open_db(path)
    for name in names:
        person = letters.add_person(db, Person(name=name))
        letters.letter_for(db, person, None)
    db.close()


def read_back(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def printed(name: str, text: str) -> bool:
    """Each word of name comes back, its letters in order. pypdf gives CJK back with
    spaces or NULs between glyphs, right-to-left words in visual order, and a shaped
    glyph (a conjunct, a joined letter) sometimes as a stray character: the letters of
    each word must appear in order within one stretch of the text, nothing lost."""
    squeezed = "".join(ch for ch in text if not ch.isspace() and ch != "\x00")
    for word in name.split():
        pattern = ".{0,2}".join(re.escape(ch) for ch in word)
        if not re.search(pattern, squeezed):
            return False
    return True


def poppler_text(path) -> str | None:
    """pdftotext's reading, where poppler is installed (a second, stricter reader)."""
    if shutil.which("pdftotext") is None:
        return None
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_every_script_prints_and_the_pdf_has_its_paper_title_and_pages(tmp_path):
    path = tmp_path / "away.db"
    assert away("demo", path).returncode == 0
    with_writers(path, NAMES.values())
    out = tmp_path / "summary.pdf"
    written = away("--db", path, "export", "--format", "pdf", "--out", out)
    assert written.returncode == 0, written.stderr
    text = read_back(out)
    missing = [script for script, name in NAMES.items() if not printed(name, text)]
    assert not missing, f"not printed: {missing}"
    if (poppler := poppler_text(out)) is not None:
        for script in ("Chinese", "Korean", "Japanese", "Hebrew", "Latin"):
            assert all(word in poppler for word in NAMES[script].split()), script
    reader = PdfReader(out)
    assert reader.metadata.title.startswith("Away rotations summary")
    assert [float(v) for v in reader.pages[0].mediabox[2:]] == [612.0, 792.0]  # US Letter
    assert f"page 1 of {len(reader.pages)}" in reader.pages[0].extract_text()
    a4 = tmp_path / "a4.pdf"
    assert (
        away("--db", path, "export", "--format", "pdf", "--out", a4, "--paper", "a4").returncode
        == 0
    )
    width, height = (float(v) for v in PdfReader(a4).pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)


def test_the_packet_prints_the_writers_name_in_its_script(tmp_path):
    path = tmp_path / "away.db"
    assert away("demo", path).returncode == 0
    with_writers(path, [NAMES["Korean"]])
    out = tmp_path / "packet.pdf"
    made = away("--db", path, "packet", NAMES["Korean"], "--format", "pdf", "--out", out)
    assert made.returncode == 0, made.stderr
    assert printed(NAMES["Korean"], read_back(out))


def test_a_name_no_face_can_print_stops_the_export_and_is_named(tmp_path):
    path = tmp_path / "away.db"
    assert away("demo", path).returncode == 0
    with_writers(path, ["Ana 𒀭 Silva"])  # cuneiform: in no Noto face Away carries
    out = tmp_path / "summary.pdf"
    refused = away("--db", path, "export", "--format", "pdf", "--out", out)
    assert refused.returncode == 2
    assert "Ana 𒀭 Silva" in refused.stderr
    assert "html or md" in refused.stderr
    assert not out.exists()
