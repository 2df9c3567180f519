"""`away eras`: where each draft stands, signals within the season's limit, the fees, and
the export to paste into MyERAS (golden files), each as a real subprocess."""

from dataclasses import replace
from pathlib import Path

from tests.cli.test_cli import away
from tracker.domain.eras import Signal
from tracker.domain.journal import Case, CaseSkill, JournalDay
from tracker.domain.letters import Person
from tracker.domain.profile import Profile
from tracker.domain.programs import Program, Rotation
from tracker.domain.seasons import eras_limits
from tracker.store import eras, journal, letters, programs
from tracker.store.db import open_db
from tracker.store.profile import save_profile

FIXTURES = Path(__file__).parents[1] / "fixtures"


def workbench_db(path: Path) -> Path:
    """One secured block with a few journal days, its Experience edited, a signal with
    its statement and the three answers: every part of the export, deterministic."""
    db = open_db(path)
    save_profile(
        db,
        Profile(
            full_name="Zoë Nguyễn",
            school="Universidad del Litoral, Santa Fé",
            match_year=2028,
            eras_programs=43,
        ),
    )
    program = programs.add_program(
        db,
        Program(
            name="Visiting Clerkship", institution="Lakeshore Medical", city="Chicago", state="IL"
        ),
    )
    other = programs.add_program(db, Program(name="Elective", institution="Riverside Health"))
    rotation = programs.add_rotation(
        db,
        Rotation(
            program_id=program,
            starts_on="2026-07-06",
            ends_on="2026-07-31",
            status="accepted",
        ),
        "2026-03-01",
    )
    iyer = letters.add_person(db, Person(name="Rajesh Iyer"))
    for day in ("2026-07-06", "2026-07-07"):
        journal.save_day(
            db,
            None,
            JournalDay(day=day, rotation_id=rotation, location="or", feedback="Good pre-op"),
        )
        day_id = journal.day_of(db, day).id
        journal.add_case(
            db,
            Case(
                day_id=day_id,
                procedure="Lap chole",
                attending_id=iyer,
                teaching_point="Suction first",
            ),
            [CaseSkill(skill="Intubation", role="performed")],
        )
    limits = eras_limits(2028)
    [draft] = eras.experiences(db, limits)
    eras.save_experience(
        db,
        replace(
            draft,
            description="Two OR days.\r\nIntubations performed, with feedback.",
            meaningful=True,
            reflection="Where I learned to prepare the evening before. 🙏",
        ),
    )
    eras.set_signal(
        db, Signal(program, "gold", "I rotated here; from Santa Fé to Chicago."), limits
    )
    eras.set_signal(db, Signal(other, "silver", "Strong regional training."), limits)
    eras.save_answer(db, "adversity", "My father fell ill in my third year.")
    eras.save_answer(db, "differently", "")
    eras.save_answer(db, "career", "Academic anesthesiology, teaching regional blocks.")
    db.close()
    return path


def test_the_export_matches_the_golden_files(tmp_path):
    path = workbench_db(tmp_path / "away.db")
    for form in ("txt", "md"):
        printed = away("--db", path, "eras", "export", "--format", form, "--out", "-")
        assert printed.returncode == 0, printed.stderr
        golden = FIXTURES / f"eras-export.{form}"
        assert printed.stdout == golden.read_text(encoding="utf-8"), form
    written = away("--db", path, "eras", "export")
    assert written.returncode == 0, written.stderr
    assert (tmp_path / "exports" / "away-eras.txt").exists()
    again = away("--db", path, "eras", "export")
    assert again.returncode == 2
    assert "already exists" in again.stderr


def test_status_signals_and_fees(tmp_path):
    path = workbench_db(tmp_path / "away.db")
    shown = away("--db", path, "eras")
    assert shown.returncode == 0, shown.stderr
    assert "Experiences: 1 of 10" in shown.stdout
    assert "Lakeshore Medical: description 50/750 · most meaningful" in shown.stdout
    assert "Signals gold: 1 of 5: Lakeshore Medical" in shown.stdout
    assert "ERAS fees for 43 programs: $720 (30 x $11 + 13 x $30)" in shown.stdout
    for name in ("A", "B", "C", "D"):
        db = open_db(path)
        programs.add_program(db, Program(name=f"Program {name}", institution=f"Hospital {name}"))
        db.close()
        given = away("--db", path, "eras", "signal", f"Hospital {name}", "--gold")
        assert given.returncode == 0, given.stderr
    sixth = away("--db", path, "eras", "signal", "Riverside", "--gold")
    assert sixth.returncode == 2
    assert "allows 5 gold signals in ERAS 2028" in sixth.stderr
    assert "AACPD" in sixth.stderr
    back = away("--db", path, "eras", "signal", "Hospital A", "--remove")
    assert back.returncode == 0
    assert away("--db", path, "eras", "signal", "Riverside", "--gold").returncode == 0
    assert away("--db", path, "eras", "signal", "Nowhere", "--gold").returncode == 2
    planned = away("--db", path, "eras", "fees", "30")
    assert planned.stdout.strip() == "ERAS fees for 30 programs: $330 (30 x $11)"


def test_the_export_waits_for_text_over_the_limit_and_for_flagged_text(tmp_path):
    path = workbench_db(tmp_path / "away.db")
    db = open_db(path)
    eras.save_answer(db, "career", "x" * 501)
    db.close()
    over = away("--db", path, "eras", "export", "--out", tmp_path / "e.txt")
    assert over.returncode == 2
    assert "supplemental answer (career): 501/500" in over.stderr
    assert not (tmp_path / "e.txt").exists()
    db = open_db(path)
    eras.save_answer(db, "career", "Mrs. Adeyemi in bed 4 taught me patience.")
    db.close()
    flagged = away("--db", path, "eras", "export", "--out", tmp_path / "e.txt")
    assert flagged.returncode == 3
    assert "supplemental answer (career)" in flagged.stderr
    assert "Adeyemi" not in flagged.stderr
    forced = away("--db", path, "eras", "export", "--out", tmp_path / "e.txt", "--force")
    assert forced.returncode == 0, forced.stderr


def test_the_json_and_csv_exports_check_the_eras_drafts_they_carry(tmp_path):
    # Every table leaves in the JSON and CSV exports, the ERAS drafts too: the guard runs
    # on them as well (a summary holds no draft, so it is not held back by one).
    path = workbench_db(tmp_path / "away.db")
    db = open_db(path)
    eras.save_answer(db, "adversity", "Mr Okoro in bed 12 taught me to listen.")
    db.close()
    for form, name in (("json", "out.json"), ("csv", "out.zip")):
        out = tmp_path / name
        refused = away("--db", path, "export", "--format", form, "--out", out)
        assert refused.returncode == 3, (form, refused.stderr)
        assert "1 ERAS draft may hold patient identifiers (supplemental answer (adversity))" in (
            refused.stderr
        )
        assert "ERAS pane (7)" in refused.stderr
        assert "Okoro" not in refused.stderr + refused.stdout
        assert not out.exists()
        forced = away("--db", path, "export", "--format", form, "--out", out, "--force")
        assert forced.returncode == 0, forced.stderr
    summary = away("--db", path, "export", "--format", "md", "--out", tmp_path / "s.md")
    assert summary.returncode == 0, summary.stderr
