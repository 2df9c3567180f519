"""A database made by the oldest schema keeps every row through the upgrade."""

import hashlib
import shutil
import sqlite3
from pathlib import Path

from tracker.store import programs
from tracker.store.db import connect_readonly, open_db, schema_version
from tracker.store.schema import KNOWN_STEPS


def columns(path) -> dict[str, list[str]]:
    """Each table's columns (not the migrations' own or SQLite's)."""
    conn = connect_readonly(path)
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' "
            "ESCAPE '\\' AND name NOT LIKE 'sqlite%'"
        )
    ]
    found = {t: [row[1] for row in conn.execute(f"PRAGMA table_info([{t}])")] for t in tables}
    conn.close()
    return found


# Columns a migration renamed: (table, old name) -> new name (m006: a cost per month or
# in total, no longer only monthly).
RENAMED = {("housing_options", "monthly_cents"): "amount_cents"}


def dump(path, shape: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every table; with shape, only those tables and columns (what an older
    schema had, to compare after an upgrade that added or renamed some)."""
    if shape is None:
        shape, renamed = columns(path), {}
    else:
        renamed = RENAMED
    conn = connect_readonly(path)  # leaves nothing beside the file (the fixture included)
    data = {
        table: sorted(
            conn.execute(
                f"SELECT {', '.join(f'[{renamed.get((table, c), c)}]' for c in cols)} "
                f"FROM [{table}]"
            ),
            key=repr,
        )
        for table, cols in shape.items()
    }
    conn.close()
    return data


FIXTURE = Path(__file__).parents[1] / "fixtures" / "release-1-demo.db"


def content_hash(data: dict[str, list[tuple]]) -> str:
    """A hash of every row of every table of data."""
    return hashlib.sha256(repr(sorted(data.items())).encode()).hexdigest()


def test_release_1_database_upgrades_with_every_row_unchanged(tmp_path):
    """m002 (the first step after a release) on a file written by release 1 (0.1.0)."""
    path = tmp_path / "away.db"
    shutil.copyfile(FIXTURE, path)
    shape = columns(path)
    before = dump(path)
    assert sum(len(rows) for rows in before.values()) > 300
    db = open_db(path)
    assert schema_version(db) == (len(KNOWN_STEPS), KNOWN_STEPS[-1])
    db.close()
    # Every row keeps every value it had; new tables and columns may be added.
    assert content_hash(dump(path, shape)) == content_hash(before)
    [kept] = list((tmp_path / "backups").glob("away-before-upgrade-*.db"))
    assert content_hash(dump(kept)) == content_hash(before)
    # Running it again does nothing: no new step, no new backup.
    open_db(path).close()
    assert content_hash(dump(path, shape)) == content_hash(before)
    assert len(list((tmp_path / "backups").glob("*.db"))) == 1


def test_deleting_an_application_keeps_its_journal_days(tmp_path):
    path = tmp_path / "away.db"
    shutil.copyfile(FIXTURE, path)
    db = open_db(path)
    rotation_id, days, cases = db.execute(
        """SELECT rotation_id, count(DISTINCT journal_days.id), count(cases.id)
           FROM journal_days LEFT JOIN cases ON cases.day_id = journal_days.id
           WHERE rotation_id IS NOT NULL GROUP BY rotation_id ORDER BY 2 DESC"""
    ).fetchone()
    assert days > 5
    assert cases > 5
    assert programs.dependents(db, rotation_id=rotation_id)["journal days"] == days
    programs.delete_rotation(db, rotation_id)
    detached = db.execute("SELECT count(*) FROM journal_days WHERE rotation_id IS NULL").fetchone()[
        0
    ]
    assert detached >= days
    assert db.execute("SELECT count(*) FROM cases").fetchone()[0] == 130
    db.close()


def test_restoring_a_release_1_backup_brings_it_to_this_schema(tmp_path):
    from tracker.services.safety import restore_from

    path = tmp_path / "away.db"
    open_db(path).close()
    restore_from(path, FIXTURE)
    conn = sqlite3.connect(path)
    steps = [name for (name,) in conn.execute("SELECT name FROM _sqlite_migrations")]
    fk = conn.execute("SELECT on_delete FROM pragma_foreign_key_list('journal_days')").fetchone()
    conn.close()
    assert steps == KNOWN_STEPS
    assert fk == ("SET NULL",)
    original = dump(FIXTURE)
    assert content_hash(dump(path, columns(FIXTURE))) == content_hash(original)
