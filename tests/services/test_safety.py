import hashlib
import sqlite3
import stat

import pytest

from tracker.services.safety import backup_to, check, open_user_db, restore_from
from tracker.store.db import StoreError, open_db


def count_cases(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    finally:
        conn.close()


def test_backup_to_writes_a_private_checked_copy(demo_path, tmp_path):
    target = backup_to(demo_path, tmp_path / "copy.db")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert count_cases(target) == count_cases(demo_path)
    with pytest.raises(StoreError, match="already exists"):
        backup_to(demo_path, target)


def test_restore_replaces_and_keeps_the_current_database(demo_path, db_path):
    db = open_db(db_path)
    db["programs"].insert({"name": "Only in the current database"})
    db.close()
    kept = restore_from(db_path, demo_path)
    assert kept is not None
    assert kept.exists()
    assert count_cases(db_path) == count_cases(demo_path)
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    conn = sqlite3.connect(kept)
    assert conn.execute("SELECT name FROM programs").fetchall() == [
        ("Only in the current database",)
    ]
    conn.close()


def test_restore_refuses_a_file_that_is_not_an_away_database(db_path, tmp_path):
    open_db(db_path).close()
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not sqlite")
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(StoreError):
        restore_from(db_path, bad)
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    assert bad.read_bytes() == b"not sqlite"


def test_restore_over_a_damaged_database_keeps_its_bytes(demo_path, db_path):
    db_path.parent.mkdir(mode=0o700)
    db_path.write_bytes(b"damaged beyond repair")
    kept = restore_from(db_path, demo_path)
    assert "damaged" in kept.name
    assert kept.read_bytes() == b"damaged beyond repair"
    assert count_cases(db_path) == count_cases(demo_path)


def test_check_reports_health(demo_path):
    report = check(demo_path)
    assert report.healthy
    assert report.integrity == "ok"
    assert report.mode == 0o600
    assert report.counts["cases"] > 100
    assert report.schema_steps >= 1


def test_open_user_db_backs_up_an_existing_database_once_a_day(demo_path):
    open_user_db(demo_path)[0].close()
    open_user_db(demo_path)[0].close()
    assert len(list((demo_path.parent / "backups").glob("demo-*.db"))) == 1


def test_open_user_db_does_not_back_up_a_new_database(db_path):
    open_user_db(db_path)[0].close()
    assert not (db_path.parent / "backups").exists()


def test_check_names_values_away_cannot_use_by_place_never_by_content(demo_path):
    conn = sqlite3.connect(demo_path)
    conn.execute("UPDATE rotations SET starts_on = '2026-02-30' WHERE id = 1")
    # A flipped byte: "Mrs Example" with an invalid UTF-8 byte in the middle.
    conn.execute(
        "UPDATE journal_days SET learning_points = CAST(X'4D7273FF4578616D706C65' AS TEXT) "
        "WHERE id = 1"
    )
    conn.commit()
    conn.close()
    report = check(demo_path)
    named, total = report.value_problems
    assert not report.healthy
    assert total == 2
    assert "rotations row 1, starts_on: not a real date (no such date)" in named
    assert "journal_days row 1, learning_points: not valid UTF-8 text" in named
    assert "Example" not in " ".join(named)
