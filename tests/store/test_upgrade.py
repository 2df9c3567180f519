"""A database made by the oldest schema keeps every row through the upgrade."""

import hashlib
import shutil
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from tests.conftest import DEMO_DAY
from tracker.services.demo import build_demo
from tracker.store import programs
from tracker.store.db import connect, connect_readonly, open_db, schema_version
from tracker.store.schema import KNOWN_STEPS, migrations


def dump(path) -> dict[str, list[tuple]]:
    conn = connect_readonly(path)  # leaves nothing beside the file (the fixture included)
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' "
            "ESCAPE '\\' AND name NOT LIKE 'sqlite%'"
        )
    ]
    data = {t: sorted(conn.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr) for t in tables}
    conn.close()
    return data


def test_oldest_schema_upgrades_without_losing_rows(db_path):
    db_path.parent.mkdir(mode=0o700)
    oldest = connect(db_path)
    later_steps = KNOWN_STEPS[1:]
    migrations().apply(oldest.utils, stop_before=later_steps[0] if later_steps else None)
    assert [
        row["name"] for row in oldest.query("SELECT name FROM _sqlite_migrations")
    ] == KNOWN_STEPS[:1]
    # The demo data set is written through the first step's tables only.
    build_demo(oldest, DEMO_DAY)
    oldest.close()
    before = dump(db_path)
    upgraded: Database = open_db(db_path)
    upgraded.close()
    after = dump(db_path)
    for table, rows in before.items():
        columns_kept = [row[: len(rows[0])] for row in after[table]] if rows else []
        assert sorted(columns_kept, key=repr) == rows, table
    assert sum(len(rows) for rows in before.values()) > 300


FIXTURE = Path(__file__).parents[1] / "fixtures" / "release-1-demo.db"


def content_hash(data: dict[str, list[tuple]], tables=None) -> str:
    """A hash of every row of the given tables (default: all of data's)."""
    if tables is not None:
        data = {table: data[table] for table in tables}
    return hashlib.sha256(repr(sorted(data.items())).encode()).hexdigest()


def test_release_1_database_upgrades_with_every_row_unchanged(tmp_path):
    """m002 (the first step after a release) on a file written by release 1 (0.1.0)."""
    path = tmp_path / "away.db"
    shutil.copyfile(FIXTURE, path)
    before = dump(path)
    assert sum(len(rows) for rows in before.values()) > 300
    db = open_db(path)
    assert schema_version(db) == (len(KNOWN_STEPS), KNOWN_STEPS[-1])
    db.close()
    after = dump(path)
    assert content_hash(after, before) == content_hash(before)  # new tables may be added
    [kept] = list((tmp_path / "backups").glob("away-before-upgrade-*.db"))
    assert content_hash(dump(kept)) == content_hash(before)
    # Running it again does nothing: no new step, no new backup.
    open_db(path).close()
    assert content_hash(dump(path), before) == content_hash(before)
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
    assert content_hash(dump(path), original) == content_hash(original)
