"""Opening the file safely: pragmas, permissions, migrations, refusals."""

import hashlib
import sqlite3
import stat

import pytest
from sqlite_utils import Database

from tracker.domain import budget, checklists, journal, letters, programs
from tracker.domain.profile import VisaNeed
from tracker.store.db import Inspection, StoreError, open_db, schema_version
from tracker.store.schema import KNOWN_STEPS, migrations


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_pragmas(db_path):
    db = open_db(db_path)
    pragma = lambda name: db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") >= 5000


def test_new_file_is_private(db_path):
    open_db(db_path).close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700


def test_migrations_apply_once_and_are_idempotent(db_path):
    open_db(db_path).close()
    db = open_db(db_path)
    rows = list(db.query("SELECT name FROM _sqlite_migrations"))
    assert [row["name"] for row in rows] == KNOWN_STEPS
    assert schema_version(db) == (len(KNOWN_STEPS), KNOWN_STEPS[-1])
    assert migrations().pending(db.utils) == []


def test_every_core_table_exists(db_path):
    db = open_db(db_path)
    assert {
        "profile",
        "programs",
        "rotations",
        "rotation_status_changes",
        "checklist_items",
        "housing_options",
        "expenses",
        "journal_days",
        "cases",
        "case_skills",
        "people",
        "letters",
        "follow_ups",
    } <= set(db.table_names())


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "is empty"),
        (b"this is my thesis draft, not a database\n" * 20, "not a SQLite file"),
        (b"SQLite format 3\x00" + b"\xff" * 50, "database"),
    ],
)
def test_foreign_files_are_refused_and_left_unchanged(tmp_path, content, words):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(StoreError) as error:
        open_db(path)
    assert words in str(error.value)
    assert str(path) in str(error.value)
    assert digest(path) == before
    assert not (tmp_path / "notes.db-wal").exists()


def test_truncated_database_is_refused(tmp_path, demo_path):
    data = demo_path.read_bytes()
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(data[: len(data) // 3])
    before = digest(truncated)
    with pytest.raises(StoreError):
        open_db(truncated)
    assert digest(truncated) == before


def test_another_programs_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    other.commit()
    other.close()
    before = digest(path)
    with pytest.raises(StoreError, match="another program"):
        open_db(path)
    assert digest(path) == before


def test_a_check_begun_on_a_thread_refuses_what_the_opening_would(tmp_path, demo_path):
    """The CLI begins the file's check while the app's modules are imported (Inspection):
    the opening waits for it and refuses the same files, with the same sentence."""
    data = demo_path.read_bytes()
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(data[: len(data) // 3])
    with pytest.raises(StoreError) as directly:
        open_db(truncated)
    with pytest.raises(StoreError) as begun:
        open_db(truncated, Inspection(truncated))
    assert str(begun.value) == str(directly.value)
    assert digest(truncated) == digest(tmp_path / "truncated.db")
    # A healthy file opens; a check of another file is not taken for this one's.
    open_db(demo_path, Inspection(demo_path)).close()
    with pytest.raises(StoreError):
        open_db(truncated, Inspection(demo_path))


def test_a_check_begun_on_a_thread_runs_beside_the_caller(demo_path, monkeypatch):
    import threading

    from tracker.store import db as store_db

    seen = []
    inspect = store_db.inspect_file
    monkeypatch.setattr(
        store_db,
        "inspect_file",
        lambda path, **kwargs: (seen.append(threading.current_thread()), inspect(path))[1],
    )
    open_db(demo_path, Inspection(demo_path)).close()
    assert len(seen) == 1
    assert seen[0] is not threading.main_thread()


def test_schema_newer_than_the_app_is_refused(db_path):
    open_db(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('away', 'm999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    before = digest(db_path)
    with pytest.raises(StoreError, match="newer version of Away"):
        open_db(db_path)
    assert digest(db_path) == before


def test_refusal_names_the_newest_backup(tmp_path):
    path = tmp_path / "away.db"
    path.write_bytes(b"garbage")
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / "away-2026-07-14.db").write_bytes(b"x")
    with pytest.raises(StoreError, match="away-2026-07-14.db"):
        open_db(path)


def enum_cases():
    yield "programs", "kind", programs.ProgramKind, {"name": "P"}
    yield "programs", "route", programs.Route, {"name": "P"}
    yield "programs", "sponsors_j1", programs.Tristate, {"name": "P"}
    yield "checklist_items", "category", checklists.ChecklistCategory, {"title": "T"}
    yield "housing_options", "kind", budget.HousingKind, {"name": "H"}
    yield "housing_options", "status", budget.HousingStatus, {"name": "H"}
    yield "expenses", "category", budget.ExpenseCategory, {}
    yield "people", "role", letters.PersonRole, {"name": "N"}
    yield "profile", "visa_needed", VisaNeed, {}


@pytest.mark.parametrize(("table", "column", "enum", "extra"), list(enum_cases()))
def test_check_constraints_match_the_domain_enums(db_path, table, column, enum, extra):
    db = open_db(db_path)
    for member in enum:
        with db.atomic():
            db[table].insert({**extra, column: member.value})
            db.execute(f"DELETE FROM [{table}]")
    with pytest.raises(sqlite3.IntegrityError):
        db[table].insert({**extra, column: "Not-A-Value"})


def test_rotation_and_journal_enums(db_path):
    db = open_db(db_path)
    program = db["programs"].insert({"name": "P"}).last_pk
    for status in programs.RotationStatus:
        db["rotations"].insert({"program_id": program, "status": status.value})
    for specialty in programs.Specialty:
        db["rotations"].insert({"program_id": program, "specialty": specialty.value})
    day = db["journal_days"].insert({"day": "2026-07-15"}).last_pk
    for technique in journal.Technique:
        db["cases"].insert({"day_id": day, "procedure": "x", "technique": technique.value})
    for band in journal.AgeBand:
        db["cases"].insert({"day_id": day, "procedure": "x", "age_band": band.value})
    for airway in journal.Airway:
        db["cases"].insert({"day_id": day, "procedure": "x", "airway": airway.value})
    case = db["cases"].insert({"day_id": day, "procedure": "x"}).last_pk
    for role in journal.SkillRole:
        db["case_skills"].insert({"case_id": case, "skill": "IV", "role": role.value})
    person = db["people"].insert({"name": "Zoë"}).last_pk
    for status in letters.LetterStatus:
        db["letters"].insert({"person_id": person, "status": status.value})
    with pytest.raises(sqlite3.IntegrityError):
        db["rotations"].insert({"program_id": program, "status": "Applied"})
    with pytest.raises(sqlite3.IntegrityError):
        db["journal_days"].insert({"day": "15/07/2026"})


def test_foreign_keys_are_enforced(db_path):
    db = open_db(db_path)
    with pytest.raises(sqlite3.IntegrityError):
        db["rotations"].insert({"program_id": 999})


def test_sqlite_utils_version_has_atomic_rollback(db_path):
    db: Database = open_db(db_path)

    def write_then_fail() -> None:
        with db.atomic():
            db["programs"].insert({"name": "kept?"})
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert db.execute("SELECT count(*) FROM programs").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("typed", "opens_on", "kept"),
    [
        (2029, "2027-06-02", 2028),  # AAMC's name (2028) typed, stored +1: the date tells
        (2028, "2027-06-04", 2028),  # the old naming (2027) typed: already right
        (2029, None, 2029),  # no date: which naming was meant cannot be told; kept
    ],
)
def test_m009_gives_the_match_year_the_eras_date_shows(db_path, typed, opens_on, kept):
    open_db(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT OR REPLACE INTO profile (id, full_name, match_year, eras_opens_on) "
        "VALUES (1, 'Zoë', ?, ?)",
        [typed, opens_on],
    )
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm009_eras_season_by_match_year'")
    conn.commit()
    conn.close()
    open_db(db_path).close()  # runs m009 again
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT match_year FROM profile").fetchone()[0] == kept
    conn.close()
