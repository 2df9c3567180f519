"""`away log`: quick capture into the journal, guarded against patient identifiers."""

import json
import sqlite3

from tests.cli.test_cli import away
from tests.conftest import DEMO_DAY
from tracker.store import journal
from tracker.store.db import open_db


def points(path, day):
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT learning_points FROM journal_days WHERE day = ?", [day])
        found = row.fetchone()
        return found[0] if found else None
    finally:
        conn.close()


def test_log_appends_to_the_day_and_refuses_identifiers(tmp_path):
    path = tmp_path / "away.db"
    saved = away("--db", path, "log", "Check the suction before induction", "--date", "2026-07-15")
    assert saved.returncode == 0, saved.stderr
    assert saved.stdout.strip() == "Saved to 2026-07-15: Check the suction before induction"
    refused = away(
        "--db", path, "log", "Mr. Jones MRN 4839201 had a hard airway", "--date", "2026-07-15"
    )
    assert refused.returncode == 3
    assert '"Jones" (a name after a courtesy title)' in refused.stderr
    assert '"4839201"' in refused.stderr
    assert points(path, "2026-07-15") == "Check the suction before induction"
    piped = subprocess_stdin(path, "Read about sugammadex\n")
    assert piped.returncode == 0, piped.stderr
    assert points(path, "2026-07-15") == (
        "Check the suction before induction\nRead about sugammadex"
    )
    assert away("--db", path, "log", "x", "--date", "15/07/2026").returncode == 2


def subprocess_stdin(path, text):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(path), "log", "-", "--date", "2026-07-15"],
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_new_day_is_tied_to_the_rotation_whose_block_holds_it(demo_path):
    db = open_db(demo_path)
    on_rotation = DEMO_DAY.add(days=1).isoformat()  # the demo is mid-rotation
    day = journal.append_learning_point(db, on_rotation, "Tomorrow: the epidural trolley")
    assert day.rotation_id is not None
    free = journal.append_learning_point(db, "2030-01-01", "A quiet day")
    assert free.rotation_id is None
    db.close()


def test_away_packet_writes_the_file_and_names_close_matches(tmp_path):
    import subprocess
    import sys

    db = tmp_path / "demo.db"
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "tracker", "--db", str(db), *args], capture_output=True, text=True
    )
    assert run("demo", str(db)).returncode == 0
    made = run("packet", "Zoe Nguyen")
    assert made.returncode == 0, made.stderr
    written = tmp_path / "packets" / "packet-zoe-nguyen.md"
    assert str(written) in made.stdout
    assert "# Letter packet for Zoë Nguyễn" in written.read_text(encoding="utf-8")
    unknown = run("packet", "Nguyan")
    assert unknown.returncode == 2
    assert "did you mean “Zoë Nguyễn”" in unknown.stderr


def test_away_packet_as_a_pdf_prints_every_name_and_no_date(tmp_path):
    import io
    import re
    import subprocess
    import sys

    from pypdf import PdfReader

    db = tmp_path / "demo.db"
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "tracker", "--db", str(db), *args], capture_output=True, text=True
    )
    assert run("demo", str(db)).returncode == 0
    made = run("packet", "Tomás Álvarez", "--format", "pdf")
    assert made.returncode == 0, made.stderr
    written = tmp_path / "packets" / "packet-tomas-alvarez.pdf"
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(written.read_bytes())).pages
    )
    assert "Letter packet for Tomás Álvarez" in text
    assert "Lucía Fernández Okafor" in text
    assert "Week 1\n" in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "a date in the packet"
    printed = run("packet", "Tomás Álvarez", "--format", "pdf", "--out", "-")
    assert printed.returncode == 2
    assert "give --out a file name" in printed.stderr


def test_away_today_json_follows_its_schema_and_today_can_be_set(tmp_path):
    import json
    import subprocess
    import sys
    from pathlib import Path

    import jsonschema

    db = tmp_path / "demo.db"
    base = [sys.executable, "-m", "tracker", "--db", str(db)]
    assert subprocess.run([*base, "demo", str(db)], capture_output=True).returncode == 0
    result = subprocess.run(
        [*base, "--today", "2026-12-01", "today", "--json"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    schema_path = Path(__file__).parents[2] / "docs" / "today.schema.json"
    jsonschema.validate(found, json.loads(schema_path.read_text()))
    assert found["date"] == "2026-12-01"
    assert {f["rule_id"] for f in found["findings"]} >= {"L1", "R6"}
    text = subprocess.run(
        [*base, "today"],
        capture_output=True,
        text=True,
        env={"AWAY_TODAY": "2026-12-01", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("2026-12-01: ")
    bad = subprocess.run([*base, "--today", "2026-02-30", "today"], capture_output=True, text=True)
    assert bad.returncode == 2
    assert "--today" in bad.stderr


def test_exports_and_the_packet_refuse_flagged_text_unless_forced(tmp_path):
    """The guard runs again on what leaves: exit code 3 naming the day and field (never
    the text), nothing written; --force writes it."""
    path = tmp_path / "away.db"
    assert away("demo", path).returncode == 0
    kept = away(
        "--db", path, "log", "--force", "--date", "2026-07-08", "Mrs. Adeyemi in bed 4 was calm"
    )
    assert kept.returncode == 0, kept.stderr
    for form in ("md", "json", "csv"):
        out = tmp_path / f"out.{'zip' if form == 'csv' else form}"
        refused = away("--db", path, "export", "--format", form, "--out", out)
        assert refused.returncode == 3, (form, refused.stderr)
        assert "2026-07-08, learning points" in refused.stderr
        assert "Adeyemi" not in refused.stderr + refused.stdout
        assert not out.exists()
        forced = away("--db", path, "export", "--format", form, "--out", out, "--force")
        assert forced.returncode == 0, (form, forced.stderr)
        assert out.exists()
    listed = away("--db", path, "scan")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == ["2026-07-08, learning points"]
    assert "1 journal entry may hold patient identifiers." in listed.stderr
    assert "Adeyemi" not in listed.stdout + listed.stderr
    as_json = away("--db", path, "scan", "--json")
    [entry] = json.loads(as_json.stdout)
    assert entry["day"] == "2026-07-08"
    assert entry["field"] == "learning points"
    # How Today runs it (at a lower priority, beside the screen): the same answer.
    assert away("--db", path, "scan", "--json", "--low-priority").stdout == as_json.stdout
    calendar = away("--db", path, "export", "--format", "ics", "--out", tmp_path / "c.ics")
    assert calendar.returncode == 0  # no journal text in a calendar
    packet = tmp_path / "packet.md"
    written = away("--db", path, "packet", "Iyer", "--out", packet)
    assert written.returncode == 0, written.stderr  # the kept line is not in Iyer's cases
    again = away("--db", path, "packet", "Iyer", "--out", packet)
    assert again.returncode == 2
    assert "already exists" in again.stderr
    assert away("--db", path, "packet", "Iyer", "--out", packet, "--force").returncode == 0
