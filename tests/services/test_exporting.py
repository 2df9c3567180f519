"""Exports: the summary in three formats, every table as JSON and back (a round trip),
CSV cells that cannot run as formulas, a calendar with stable UIDs, files written whole."""

import json
import os
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import DEMO_DAY
from tracker.domain.journal import Case, CaseSkill, JournalDay
from tracker.domain.letters import Person
from tracker.services import exporting, summary
from tracker.services.demo import write_demo
from tracker.store import journal, letters
from tracker.store.db import open_db

GOLDEN = Path(__file__).parents[1] / "fixtures" / "summary-demo.md"


def test_the_markdown_summary_of_the_demo_matches_its_golden_file(demo_path):
    db = open_db(demo_path)
    title, sections = summary.build(db, DEMO_DAY)
    db.close()
    text = summary.to_markdown(title, sections)
    for heading in [
        "Profile",
        "Rotations",
        "Letters of recommendation",
        "Case log",
        "Memorable cases",
        "Learning highlights",
        "Outstanding checklist",
        "Budget",
    ]:
        assert f"## {heading}" in text
    assert text == GOLDEN.read_text(encoding="utf-8"), "regenerate after a deliberate change"


def test_the_html_parses_and_the_pdf_prints_every_name(demo_path):
    from pypdf import PdfReader

    db = open_db(demo_path)
    letters.add_person(db, Person(name="Łukasz Ψ-Kowalski"))
    letters.letter_for(db, letters.person_named(db, "Łukasz Ψ-Kowalski"), None)
    page = exporting.render(db, "html", DEMO_DAY).decode()
    pdf = exporting.render(db, "pdf", DEMO_DAY)
    db.close()
    opened: list[str] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag not in ("meta", "br"):
                opened.append(tag)

        def handle_endtag(self, tag):
            assert opened.pop() == tag

    Tags().feed(page)
    assert opened == []
    assert "http" not in page  # self-contained: nothing from the network
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    for name in ["Zoë Nguyễn", "Tomás Álvarez", "Łukasz Ψ-Kowalski"]:
        assert name in text


def fresh(tmp_path, name: str):
    return open_db(tmp_path / name)


texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)
# A day is stored only once it holds something: a blank learning point makes no day.
words = texts.filter(lambda t: t.strip())


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(points=st.lists(words, min_size=1, max_size=5), procedure=words)
def test_json_export_then_import_gives_back_identical_data(tmp_path_factory, points, procedure):
    folder = tmp_path_factory.mktemp("round")
    source = fresh(folder, "a.db")
    for n, point in enumerate(points):
        day = journal.save_day(
            source, None, JournalDay(day=f"2026-07-{n + 1:02d}", learning_points=point)
        )
        journal.add_case(
            source,
            Case(day_id=day.id, procedure=procedure),
            [CaseSkill(skill="IV", role="performed")],
        )
    first = exporting.export_json(source)
    source.close()
    target = fresh(folder, "b.db")
    # Text the user kept past the PHI guard comes back too (as --keep-flagged does).
    count = exporting.import_json(target, json.loads(json.dumps(first)), keep_flagged=True)
    again = exporting.export_json(target)
    assert count == sum(len(t["rows"]) for t in first["tables"].values())
    assert again == first
    # The search index is rebuilt by the triggers: a day and a case per point.
    assert target.execute("SELECT count(*) FROM journal_search").fetchone()[0] == 2 * len(points)
    target.close()


def test_import_refuses_a_database_with_data_unless_replace(tmp_path, demo_path):
    db = open_db(demo_path)
    data = exporting.export_json(db)
    with pytest.raises(exporting.ExportError, match="already holds data"):
        exporting.import_json(db, data)
    assert exporting.import_json(db, data, replace=True) > 300
    assert exporting.export_json(db) == data
    db.close()


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(db):
    journal.save_day(db, None, JournalDay(day="2026-07-01", learning_points="=HYPERLINK(1)"))
    archive = zipfile.ZipFile(BytesIO(exporting.export_csv_zip(db)))
    assert "tables/journal_days.csv" in archive.namelist()
    text = archive.read("tables/journal_days.csv").decode()
    assert "'=HYPERLINK(1)" in text
    import csv

    header = next(csv.reader(StringIO(text)))
    assert "learning_points" in header


def test_the_calendar_parses_back_with_the_same_uids_each_time(demo_path):
    from icalendar import Calendar

    db = open_db(demo_path)
    first = Calendar.from_ical(exporting.export_ics(db))
    second = Calendar.from_ical(exporting.export_ics(db))
    db.close()
    uids = [str(e["uid"]) for e in first.walk("VEVENT")]
    assert len(uids) > 5
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["uid"]) for e in second.walk("VEVENT")]
    assert any(str(e["summary"]).startswith("Rotation at") for e in first.walk("VEVENT"))


def test_every_event_is_valid_and_two_databases_never_share_a_uid(tmp_path):
    """RFC 5545: DTSTAMP and UID on every event; UIDs carry each database's own random
    id, so the demo's and the user's events do not merge; no app keys in titles."""
    from icalendar import Calendar

    calendars = []
    for name in ("one.db", "two.db"):
        path = write_demo(tmp_path / name, DEMO_DAY)
        db = open_db(path)
        calendars.append(Calendar.from_ical(exporting.export_ics(db)))
        db.close()
    uids = []
    for calendar in calendars:
        events = list(calendar.walk("VEVENT"))
        assert events
        for event in events:
            assert "DTSTAMP" in event, event.get("summary")
            assert "UID" in event
            summary = str(event["summary"])
            assert "(t " not in summary
            assert " in Letters" not in summary
        uids.append({str(event["uid"]) for event in events})
    assert not uids[0] & uids[1]
    assert any("Thank-you note" in str(e["summary"]) for e in calendars[0].walk("VEVENT"))


def away(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "tracker", *map(str, args)], capture_output=True, text=True
    )


def test_each_format_as_a_command_never_overwrites_and_says_why_it_cannot_write(tmp_path):
    db = tmp_path / "demo.db"
    assert away("demo", db).returncode == 0
    for form in exporting.FORMATS:
        result = away("--db", db, "export", "--format", form)
        assert result.returncode == 0, (form, result.stderr)
        assert "Written to" in result.stdout
    again = away("--db", db, "export", "--format", "md")
    assert again.returncode == 2
    assert "already exists" in again.stderr
    folder = tmp_path / "a-file"
    folder.write_text("not a folder")
    blocked = away("--db", db, "export", "--format", "md", "--out", folder / "x.md")
    assert blocked.returncode == 2
    assert "cannot be written" in blocked.stderr
    assert "Traceback" not in blocked.stderr
    export = next((tmp_path / "exports").glob("*.json"))
    new = tmp_path / "new.db"
    restored = away("--db", new, "import", "json", export)
    assert restored.returncode == 0, restored.stderr
    refused = away("--db", new, "import", "json", export)
    assert refused.returncode == 2
    assert "--replace" in refused.stderr


def test_what_a_shared_summary_holds_is_chosen(tmp_path):
    """A mentor's copy by default: no budget, visa, checklist or denied applications;
    --sections all for yourself; named sections only; an unknown name is refused."""
    db = tmp_path / "demo.db"
    assert away("demo", db).returncode == 0
    shared = away("--db", db, "export", "--format", "md", "--out", "-")
    assert shared.returncode == 0, shared.stderr
    for kept in ("## Rotations", "## Letters of recommendation", "## Case log"):
        assert kept in shared.stdout
    for left in ("## Budget", "## Outstanding checklist", "Visa for residency", "| denied |"):
        assert left not in shared.stdout, left
    everything = away("--db", db, "export", "--format", "md", "--out", "-", "--sections", "all")
    for held in ("## Budget", "## Outstanding checklist", "Visa for residency", "| denied |"):
        assert held in everything.stdout, held
    two = away("--db", db, "export", "--format", "md", "--out", "-", "--sections", "letters,budget")
    assert [line for line in two.stdout.splitlines() if line.startswith("## ")] == [
        "## Letters of recommendation",
        "## Budget",
    ]
    wrong = away("--db", db, "export", "--format", "md", "--sections", "money")
    assert wrong.returncode == 2
    assert "no section called money" in wrong.stderr


def test_the_csv_zip_reads_well_and_says_plainly_what_it_is(tmp_path):
    """cases.csv to read (dates, rotations, attendings, codes spelled out), raw tables
    under tables/ with money in units, a byte-order mark on request, and a .csv name
    refused: the export is a zip of several files."""
    import csv

    db = tmp_path / "demo.db"
    assert away("demo", db).returncode == 0
    out = tmp_path / "data.zip"
    made = away("--db", db, "export", "--format", "csv", "--out", out, "--bom")
    assert made.returncode == 0, made.stderr
    with zipfile.ZipFile(out) as archive:
        cases = archive.read("cases.csv").decode("utf-8")
        expenses = archive.read("tables/expenses.csv").decode("utf-8")
    assert cases.startswith("\ufeffdate,rotation,attending,procedure")
    rows = list(csv.DictReader(StringIO(cases.removeprefix("\ufeff"))))
    assert rows
    assert any(row["rotation"] == "Lakeshore University Medical Center" for row in rows)
    assert any(row["attending"] == "Rajesh Iyer" for row in rows)
    assert {row["technique"] for row in rows} >= {"general anesthesia"}
    assert any(row["airway"] == "ETT (endotracheal tube)" for row in rows)
    header = next(csv.reader(StringIO(expenses.removeprefix("\ufeff"))))
    assert "planned" in header
    assert "planned_cents" not in header
    fees = next(r for r in csv.DictReader(StringIO(expenses.removeprefix("\ufeff"))))
    assert fees["planned"] == "300"  # the demo's $300.00 VSLO fees, in dollars
    refused = away("--db", db, "export", "--format", "csv", "--out", tmp_path / "data.csv")
    assert refused.returncode == 2
    assert "several files" in refused.stderr
    assert "data.zip" in refused.stderr


def test_an_export_has_no_name_in_its_folder_until_it_is_written_and_synced(tmp_path, monkeypatch):
    """A kill -9 while an export is written (during its fsync, seen in the fault suite)
    left `.NAME.PID.partial` beside it. The file is written with no name (O_TMPFILE) and
    named once synced; where the system has no such files, a named one as before."""
    seen_while_syncing = []
    fsync = os.fsync

    def watched_fsync(fd: int) -> None:
        seen_while_syncing.append(sorted(path.name for path in tmp_path.iterdir()))
        fsync(fd)

    monkeypatch.setattr(os, "fsync", watched_fsync)
    target = tmp_path / "all.json"
    exporting.write_whole(b"{}", target)
    exporting.write_whole(b"[]", target, force=True)
    assert target.read_bytes() == b"[]"
    assert [path.name for path in tmp_path.iterdir()] == ["all.json"]
    anonymous = exporting._anonymous_file(tmp_path)
    if anonymous is None:  # (no O_TMPFILE here: the named file of before)
        assert seen_while_syncing[0] == [f".all.json.{os.getpid()}.partial"]
        return
    os.close(anonymous)
    assert seen_while_syncing == [[], ["all.json"]]  # nothing new while it was written
